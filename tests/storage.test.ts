import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiskStorage } from "../app/server/storage/disk.server";
import { createS3Client, createS3Storage } from "../app/server/storage/s3.server";
import { StorageNotFoundError, type Storage } from "../app/server/storage/storage.server";
import { startS3Server, type S3Config } from "./support/s3";
import { tempDir } from "./support/temp";

const MiB = 1024 * 1024;

/** A deterministic stream of `bytes` bytes, produced chunk by chunk (never held whole). */
function generated(bytes: number, failAfter?: Error): { stream: Readable; sha256: Promise<string> } {
  const hash = crypto.createHash("sha256");
  let sent = 0;
  let resolveHash: (h: string) => void;
  const sha256 = new Promise<string>((r) => (resolveHash = r));
  const stream = new Readable({
    read() {
      if (sent >= bytes) {
        if (failAfter) return this.destroy(failAfter);
        resolveHash(hash.digest("hex"));
        return this.push(null);
      }
      const chunk = Buffer.alloc(Math.min(MiB, bytes - sent), sent % 251);
      hash.update(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, sha256 };
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

type Backend = { name: string; storage: () => Storage; leftovers: () => Promise<string[]> };

let s3: Awaited<ReturnType<typeof startS3Server>>;
const diskDir = tempDir("storage");

const backends: Backend[] = [
  {
    name: "disk",
    storage: () => createDiskStorage(diskDir),
    leftovers: async () =>
      (fs.readdirSync(diskDir, { recursive: true }) as string[]).filter((p) => p.endsWith(".partial")).map((p) => path.join(diskDir, p)),
  },
  {
    name: "s3",
    storage: () => createS3Storage(s3.config as S3Config),
    // s3rver implements neither ListMultipartUploads nor AbortMultipartUpload, so this can only
    // prove that no object appeared; on AWS the abort (and a lifecycle rule, see README) clears parts.
    leftovers: async () => {
      const listed = await createS3Client(s3.config).send(new ListObjectsV2Command({ Bucket: s3.config.bucket, Prefix: "uploads/2026/11/s3-cut" }));
      return (listed.Contents ?? []).map((o) => o.Key ?? "");
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
    expect(await storage.put(k, Readable.from([content]))).toEqual({ size: content.length });
    const { body, size } = await storage.get(k);
    expect(size).toBe(content.length);
    expect(Buffer.concat(await body.toArray())).toEqual(content);
    expect(await storage.stat(k)).toEqual({ size: content.length });
  });

  it("streams an object larger than several upload parts", async () => {
    const storage = backend.storage();
    const k = key("large");
    const source = generated(20 * MiB + 123);
    expect(await storage.put(k, source.stream)).toEqual({ size: 20 * MiB + 123 });
    const { body, size } = await storage.get(k);
    expect(size).toBe(20 * MiB + 123);
    expect(await sha256Of(body)).toEqual({ sha256: await source.sha256, bytes: 20 * MiB + 123 });
  });

  it("leaves nothing behind when the source fails part-way, and rejects with the source's error", async () => {
    const storage = backend.storage();
    const k = key("cut");
    const cut = new Error("cut off");
    await expect(storage.put(k, generated(10 * MiB, cut).stream)).rejects.toBe(cut);
    expect(await storage.stat(k)).toBeNull();
    expect(await backend.leftovers()).toEqual([]);
  });

  it("answers absent objects clearly, and deletes idempotently", async () => {
    const storage = backend.storage();
    const k = key("gone");
    expect(await storage.stat(k)).toBeNull();
    await expect(storage.get(k)).rejects.toBeInstanceOf(StorageNotFoundError);
    await storage.put(k, Readable.from([Buffer.from("x")]));
    await storage.delete(k);
    await storage.delete(k);
    expect(await storage.stat(k)).toBeNull();
  });

  it.each(["../escape", "/absolute", "a//b", "a/../b", "name with space", ""])("refuses the key %j", async (bad) => {
    const storage = backend.storage();
    await expect(storage.put(bad, Readable.from([Buffer.from("x")]))).rejects.toThrow(/Invalid storage key/);
    await expect(storage.stat(bad)).rejects.toThrow(/Invalid storage key/);
  });

  it("passes its health check", async () => {
    await expect(backend.storage().check()).resolves.toBeUndefined();
  });
});

describe("s3 storage specifics", () => {
  it("reports an unreachable bucket in its health check", async () => {
    const storage = createS3Storage({ ...s3.config, bucket: "no-such-bucket" });
    await expect(storage.check()).rejects.toThrow();
  });
});
