const STATUS_PATH = /^\/status\/([^/]+)/;

/** The status token in a status page's path (/status/<token>...), or undefined for any other page. */
export function statusTokenIn(pathname: string): string | undefined {
  return STATUS_PATH.exec(pathname)?.[1];
}
