import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StorageNotFoundError, type Storage } from "./storage.server";

const KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Keys come from the app, but a key must never reach outside the storage directory all the same. */
export function assertSafeKey(key: string): void {
  if (!KEY.test(key) || key.split("/").some((segment) => segment === "." || segment === "..")) {
    throw new Error(`Invalid storage key "${key}": use letters, digits, ".", "_", "-" and "/" between segments.`);
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === "ENOENT";
}

/** Files under one directory; a put writes a hidden partial file and renames it when complete. */
export function createDiskStorage(dir: string): Storage {
  const root = path.resolve(dir);
  const fileFor = (key: string) => {
    assertSafeKey(key);
    return path.join(root, key);
  };

  const storage: Storage = {
    kind: "disk",

    async put(key, body) {
      const target = fileFor(key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const partial = `${target}.${crypto.randomBytes(6).toString("hex")}.partial`;
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(body, counter, fs.createWriteStream(partial, { flags: "wx" }));
        await fsp.rename(partial, target);
      } catch (error) {
        await fsp.rm(partial, { force: true });
        throw error;
      }
      return { size };
    },

    async get(key) {
      const file = fileFor(key);
      try {
        const { size } = await fsp.stat(file);
        return { body: fs.createReadStream(file) as Readable, size };
      } catch (error) {
        if (isNotFound(error)) throw new StorageNotFoundError(key);
        throw error;
      }
    },

    async delete(key) {
      await fsp.rm(fileFor(key), { force: true });
    },

    async stat(key) {
      try {
        const { size } = await fsp.stat(fileFor(key));
        return { size };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async check() {
      await fsp.mkdir(root, { recursive: true });
      await fsp.access(root, fs.constants.W_OK);
    },
  };
  return storage;
}
