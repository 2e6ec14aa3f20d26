import crypto from "node:crypto";
import { pipeline, Transform, type Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Config } from "../config.server";
import { assertSafeKey } from "./disk.server";
import { StorageNotFoundError, type Storage } from "./storage.server";

type S3Config = Extract<Config["storage"], { kind: "s3" }>;

/** 8 MiB parts, two in flight: an upload holds about 16 MiB whatever the file's size. */
export const PART_SIZE = 8 * 1024 * 1024;
export const QUEUE_SIZE = 2;

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404)
  );
}

export function createS3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    // We hash every upload ourselves (SHA-256, stored with the file) and TLS guards the transfer;
    // the SDK's default CRC32 per part would cost a second pass over every byte.
    requestChecksumCalculation: "WHEN_REQUIRED",
    // Without keys the SDK's default chain applies (environment, instance role, ...).
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
  });
}

export function createS3Storage(config: S3Config): Storage {
  const client = createS3Client(config);
  const Bucket = config.bucket;

  return {
    kind: "s3",

    async put(key, body, options) {
      assertSafeKey(key);
      let size = 0;
      let sourceError: unknown;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          done(null, chunk);
        },
      });
      // Recorded as it happens, so the caller gets its own error back (it checks `instanceof`),
      // not whatever lib-storage reports after aborting.
      body.once("error", (error) => (sourceError ??= error));
      // pipeline destroys `counted` when the source errors or is destroyed without an error; the
      // Upload then fails on its own, waits for the parts in flight and sends AbortMultipartUpload
      // before done() settles. upload.abort() would reject done() at once and abort in the background,
      // leaving a pending upload behind for a moment after put() has already failed.
      pipeline(body, counted, () => undefined);
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: counted, ContentType: options?.contentType ?? "application/octet-stream" },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        // When S3 is the side that failed, stop reading the source rather than leave it stalled.
        counted.destroy();
        throw sourceError ?? error;
      }
      return { size };
    },

    async get(key) {
      assertSafeKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return { body: object.Body as Readable, size: object.ContentLength ?? 0 };
      } catch (error) {
        if (isNotFound(error)) throw new StorageNotFoundError(key);
        throw error;
      }
    },

    async delete(key) {
      assertSafeKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async stat(key) {
      assertSafeKey(key);
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: head.ContentLength ?? 0 };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
      // HeadBucket passes with read-only credentials; uploads need write and delete as well.
      const Key = `.healthcheck/${crypto.randomUUID()}`;
      await client.send(new PutObjectCommand({ Bucket, Key, Body: "ok" }));
      await client.send(new DeleteObjectCommand({ Bucket, Key }));
    },

    // The parts of an unfinished multipart upload are stored (and billed) until it is aborted; a
    // bucket lifecycle rule (AbortIncompleteMultipartUpload) does the same, if the operator set one.
    async sweepTemporary(before) {
      let removed = 0;
      let KeyMarker: string | undefined;
      let UploadIdMarker: string | undefined;
      for (;;) {
        const page = await client.send(new ListMultipartUploadsCommand({ Bucket, KeyMarker, UploadIdMarker }));
        for (const upload of page.Uploads ?? []) {
          if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= before) continue;
          await client.send(new AbortMultipartUploadCommand({ Bucket, Key: upload.Key, UploadId: upload.UploadId }));
          removed += 1;
        }
        if (!page.IsTruncated) return removed;
        KeyMarker = page.NextKeyMarker;
        UploadIdMarker = page.NextUploadIdMarker;
      }
    },
  };
}
