import type { Config } from "../config.server";
import { createDiskStorage } from "./disk.server";
import { createS3Storage } from "./s3.server";
import type { Storage } from "./storage.server";

export function createStorage(config: Config["storage"]): Storage {
  return config.kind === "s3" ? createS3Storage(config) : createDiskStorage(config.dir);
}
