const STAFF_PATH = /^\/(review|admin|login|logout|set-password)(\/|$)/;

/** Staff pages are always English: no language switcher, no buyer language detection. */
export function isStaffPage(pathname: string): boolean {
  return STAFF_PATH.test(pathname);
}
