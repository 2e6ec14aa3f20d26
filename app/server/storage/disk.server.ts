import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StorageNotFoundError, type Storage } from "./storage.server";

const KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/**
 * Keys come from the app, but a key must never reach outside the storage directory all the same;
 * S3 applies the same rule so that both backends accept exactly the same keys.
 */
export function assertSafeKey(key: string): void {
  if (!KEY.test(key) || key.includes("..") || key.split("/").includes(".")) {
    throw new Error(`Invalid storage key "${key}": use letters, digits, ".", "_", "-" and "/" between segments.`);
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  // ENOTDIR: a key whose parent "directory" is itself a stored file.
  return code === "ENOENT" || code === "ENOTDIR";
}

const PARTIAL = /\.[0-9a-f]{12}\.partial$/;
const PROBES = ".healthcheck";

/** Files under one directory; a put writes a partial file beside the target and renames it when complete. */
export function createDiskStorage(dir: string): Storage {
  const root = path.resolve(dir);
  const fileFor = (key: string) => {
    assertSafeKey(key);
    return path.join(root, key);
  };

  return {
    kind: "disk",

    async put(key, body) {
      const target = fileFor(key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      // Same directory as the target, so the rename is atomic and readers never see a torn file.
      // Named so that sweepTemporary (PARTIAL) recognises it.
      const partial = `${target}.${crypto.randomBytes(6).toString("hex")}.partial`;
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
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
      // Open before stat: an open descriptor keeps streaming even if the file is deleted meanwhile.
      const handle = await fsp.open(file, "r").catch((error: unknown) => {
        throw isNotFound(error) ? new StorageNotFoundError(key) : error;
      });
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) throw new StorageNotFoundError(key);
        return { body: handle.createReadStream(), size: stats.size };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async delete(key) {
      await fsp.rm(fileFor(key), { force: true });
    },

    async stat(key) {
      try {
        const stats = await fsp.stat(fileFor(key));
        return stats.isFile() ? { size: stats.size } : null;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async check() {
      const probe = path.join(root, PROBES, crypto.randomUUID());
      const token = crypto.randomUUID();
      await fsp.mkdir(path.dirname(probe), { recursive: true });
      try {
        await fsp.writeFile(probe, token);
        if ((await fsp.readFile(probe, "utf8")) !== token) {
          throw new Error(`Storage directory ${root} returned different bytes than were written`);
        }
      } finally {
        await fsp.rm(probe, { force: true });
      }
    },

    async sweepTemporary(before) {
      let entries: string[];
      try {
        entries = await fsp.readdir(root, { recursive: true });
      } catch (error) {
        if (isNotFound(error)) return 0;
        throw error;
      }
      let removed = 0;
      for (const entry of entries) {
        if (!PARTIAL.test(entry) && entry.split(path.sep)[0] !== PROBES) continue;
        const file = path.join(root, entry);
        const stats = await fsp.stat(file).catch(() => null);
        // A partial file still being written has a recent modification time.
        if (!stats?.isFile() || stats.mtime >= before) continue;
        await fsp.rm(file, { force: true });
        removed += 1;
      }
      return removed;
    },
  };
}
