import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import {
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiskStorage } from "../app/server/storage/disk.server";
import { createStorage } from "../app/server/storage/index.server";
import { createS3Client, createS3Storage } from "../app/server/storage/s3.server";
import { StorageNotFoundError, type Storage } from "../app/server/storage/storage.server";
import { startS3Server, type TestS3Server } from "./support/s3";
import { tempDir } from "./support/temp";

const MiB = 1024 * 1024;

/**
 * A deterministic stream of `bytes` bytes, produced chunk by chunk (never held whole), that then
 * ends, fails with an error, or is destroyed without one.
 */
function generated(
  bytes: number,
  ending: "end" | "destroy" | Error = "end",
): { stream: Readable; sha256: () => string } {
  const hash = crypto.createHash("sha256");
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent < bytes) {
        const chunk = Buffer.alloc(Math.min(MiB, bytes - sent), sent % 251);
        hash.update(chunk);
        sent += chunk.length;
        this.push(chunk);
      } else if (ending === "end") this.push(null);
      else if (ending === "destroy") this.destroy();
      else this.destroy(ending);
    },
  });
  return { stream, sha256: () => hash.digest("hex") };
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

type Backend = {
  name: "disk" | "s3";
  storage: () => Storage;
  /** Everything the backend holds under `prefix`: objects, partial files, pending multipart uploads. */
  residue: (prefix: string) => Promise<string[]>;
  /** Leaves what a process killed in the middle of put(key) leaves behind. */
  leaveTemporary: (key: string) => Promise<void>;
};

let s3: TestS3Server;
const diskDir = tempDir("storage");

const backends: Backend[] = [
  {
    name: "disk",
    storage: () => createDiskStorage(diskDir),
    residue: async (prefix) =>
      fs
        .readdirSync(diskDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(diskDir, path.join(entry.parentPath, entry.name)))
        .filter((file) => file.startsWith(prefix)),
    leaveTemporary: async (key) => {
      fs.mkdirSync(path.dirname(path.join(diskDir, key)), { recursive: true });
      fs.writeFileSync(path.join(diskDir, `${key}.${crypto.randomBytes(6).toString("hex")}.partial`), "half a file");
    },
  },
  {
    name: "s3",
    storage: () => createS3Storage(s3.config),
    // s3rver lists and aborts multipart uploads only through the shim in support/s3.ts.
    residue: async (prefix) => {
      const client = createS3Client(s3.config);
      const [objects, uploads] = await Promise.all([
        client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix })),
        client.send(new ListMultipartUploadsCommand({ Bucket: s3.bucket, Prefix: prefix })),
      ]);
      return [
        ...(objects.Contents ?? []).map((o) => `object ${o.Key}`),
        ...(uploads.Uploads ?? []).map((u) => `pending upload ${u.Key}`),
      ];
    },
    leaveTemporary: async (key) => {
      const client = createS3Client(s3.config);
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: key }));
      await client.send(
        new UploadPartCommand({ Bucket: s3.bucket, Key: key, UploadId, PartNumber: 1, Body: Buffer.alloc(5 * MiB, 1) }),
      );
    },
  },
];

beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.stop();
});

describe.each(backends)("storage contract: $name", (backend) => {
  const key = (name: string) => `uploads/2026/11/${backend.name}-${name}-${crypto.randomUUID()}`;

  it("stores and returns the same bytes with their size", async () => {
    const storage = backend.storage();
    const k = key("small");
    const content = Buffer.from("ISO-10303-21;\nHEADER;\n");
    expect(await storage.put(k, Readable.from([content]), { contentType: "model/step" })).toEqual({
      size: content.length,
    });
    const { body, size } = await storage.get(k);
    expect(size).toBe(content.length);
    expect(Buffer.concat(await body.toArray())).toEqual(content);
    expect(await storage.stat(k)).toEqual({ size: content.length });
    expect(await backend.residue(k)).toHaveLength(1);
  });

  it("streams an object larger than several upload parts", async () => {
    const storage = backend.storage();
    const k = key("large");
    const bytes = 20 * MiB + 123;
    const source = generated(bytes);
    expect(await storage.put(k, source.stream)).toEqual({ size: bytes });
    const { body, size } = await storage.get(k);
    expect(size).toBe(bytes);
    expect(await sha256Of(body)).toEqual({ sha256: source.sha256(), bytes });
  });

  it("leaves nothing behind when the source fails part-way, and rejects with the source's own error", async () => {
    const storage = backend.storage();
    const k = key("cut");
    const cut = new Error("cut");
    await expect(storage.put(k, generated(10 * MiB, cut).stream)).rejects.toBe(cut);
    expect(await storage.stat(k)).toBeNull();
    expect(await backend.residue(k)).toEqual([]);
  });

  it("leaves nothing behind when the source is destroyed part-way without an error", async () => {
    const storage = backend.storage();
    const k = key("destroyed");
    await expect(storage.put(k, generated(10 * MiB, "destroy").stream)).rejects.toThrow(/premature close/i);
    expect(await storage.stat(k)).toBeNull();
    expect(await backend.residue(k)).toEqual([]);
  });

  it("answers absent objects clearly, and deletes idempotently", async () => {
    const storage = backend.storage();
    const k = key("gone");
    expect(await storage.stat(k)).toBeNull();
    await expect(storage.get(k)).rejects.toBeInstanceOf(StorageNotFoundError);
    await storage.put(k, Readable.from([Buffer.from("x")]));
    expect(await storage.stat(k)).toEqual({ size: 1 });
    await storage.delete(k);
    await expect(storage.delete(k)).resolves.toBeUndefined();
    expect(await storage.stat(k)).toBeNull();
    await expect(storage.get(k)).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it("treats a key prefix as absent, not as an object", async () => {
    const storage = backend.storage();
    const k = key("nested");
    await storage.put(`${k}/file`, Readable.from([Buffer.from("x")]));
    expect(await storage.stat(k)).toBeNull();
    await expect(storage.get(k)).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it.each(["../escape", "/absolute", "a//b", "a/../b", "a/./b", "trailing/", "name with space", ""])(
    "refuses the key %j",
    async (bad) => {
      const storage = backend.storage();
      await expect(storage.put(bad, Readable.from([Buffer.from("x")]))).rejects.toThrow(/Invalid storage key/);
      await expect(storage.get(bad)).rejects.toThrow(/Invalid storage key/);
      await expect(storage.stat(bad)).rejects.toThrow(/Invalid storage key/);
      await expect(storage.delete(bad)).rejects.toThrow(/Invalid storage key/);
    },
  );

  it("passes its health check without leaving its probe behind", async () => {
    await expect(backend.storage().check()).resolves.toBeUndefined();
    expect(await backend.residue(".healthcheck/")).toEqual([]);
  });

  it("sweeps the temporary files of an unfinished put older than the cutoff, and nothing else", async () => {
    const storage = backend.storage();
    const abandoned = key("abandoned");
    const kept = key("kept");
    await backend.leaveTemporary(abandoned);
    await storage.put(kept, Readable.from([Buffer.from("whole")]));
    // Touched after the cutoff: could still be in progress.
    await storage.sweepTemporary(new Date(Date.now() - 60_000));
    expect(await backend.residue(abandoned)).toHaveLength(1);
    expect(await storage.sweepTemporary(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await backend.residue(abandoned)).toEqual([]);
    expect(await storage.stat(kept)).toEqual({ size: 5 });
  });

  it("is what createStorage builds for its configuration", () => {
    const config = backend.name === "s3" ? s3.config : { kind: "disk" as const, dir: diskDir };
    expect(createStorage(config).kind).toBe(backend.name);
  });
});

describe("disk storage specifics", () => {
  it("writes nothing outside its directory for an escaping key", async () => {
    const dir = tempDir("storage-escape");
    const storage = createDiskStorage(path.join(dir, "files"));
    await expect(storage.put("../outside", Readable.from([Buffer.from("x")]))).rejects.toThrow(/Invalid storage key/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("reports a directory it cannot write to in its health check", async () => {
    const file = path.join(tempDir("storage-not-a-dir"), "file");
    fs.writeFileSync(file, "");
    await expect(createDiskStorage(file).check()).rejects.toThrow();
  });
});

describe("s3 storage specifics", () => {
  it("aborts the multipart upload it had started when the source fails after a whole part", async () => {
    const k = `uploads/2026/11/s3-abort-${crypto.randomUUID()}`;
    const cut = new Error("cut");
    await expect(createS3Storage(s3.config).put(k, generated(20 * MiB, cut).stream)).rejects.toBe(cut);
    // The upload was multipart (more than one 8 MiB part was read), and it was aborted, not abandoned.
    expect(s3.abortedUploads).toContain(k);
  });

  it("reports an unreachable bucket in its health check", async () => {
    const storage = createS3Storage({ ...s3.config, bucket: "no-such-bucket" });
    await expect(storage.check()).rejects.toThrow();
  });
});
