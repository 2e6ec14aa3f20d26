declare module "occt-import-js" {
  /** Instantiates the OpenCascade WebAssembly module; the shape of its result is typed where it is used. */
  export default function occtimportjs(): Promise<unknown>;
}
