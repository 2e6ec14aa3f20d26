import { pipeline, Transform, type Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Config } from "../config.server";
import { assertSafeKey } from "./disk.server";
import { StorageNotFoundError, type Storage } from "./storage.server";

type S3Config = Extract<Config["storage"], { kind: "s3" }>;

/** 8 MiB parts, two in flight: an upload holds about 16 MiB whatever the file's size. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

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
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          done(null, chunk);
        },
      });
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: counted, ContentType: options?.contentType ?? "application/octet-stream" },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
        leavePartsOnError: false,
      });
      // A source that fails part-way must abort the multipart upload, not complete a truncated object.
      pipeline(body, counted, (error) => {
        if (!error) return;
        sourceError = error;
        void upload.abort().catch(() => undefined);
      });
      try {
        await upload.done();
      } catch (error) {
        throw sourceError ?? error;
      }
      if (sourceError) {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
        throw sourceError;
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
    },
  };
}
