import fsp from "node:fs/promises";
import path from "node:path";
import S3rver, { type S3rverContext } from "s3rver";
import type { Config } from "../../app/server/config.server";
import { tempDir } from "./temp";

export type S3Config = Extract<Config["storage"], { kind: "s3" }>;

export type TestS3Server = {
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the bucket's objects. */
  directory: string;
  config: S3Config;
  /** Keys whose multipart upload was aborted, in order. */
  abortedUploads: string[];
  stop(): Promise<void>;
};

/** A real S3 API server (s3rver) on a free port, with one empty bucket. */
export async function startS3Server(): Promise<TestS3Server> {
  const bucket = "mim-rfq-test";
  const directory = tempDir("s3rver");
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const abortedUploads: string[] = [];
  // Ahead of s3rver's own router, which answers these two with NotImplemented / MethodNotAllowed.
  server.middleware.unshift(multipartShim(bucket, path.join(directory, bucket, "._S3rver_uploads"), abortedUploads));
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    bucket,
    directory,
    config: {
      kind: "s3",
      bucket,
      endpoint,
      region: "us-east-1",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
    },
    abortedUploads,
    stop: () => server.close(),
  };
}

/**
 * ListMultipartUploads and AbortMultipartUpload over s3rver's own record of pending uploads
 * (one directory per upload id, holding a `key` file), so that the tests can see what a real
 * bucket would still hold after a failed upload. Path-style requests only, no signature check.
 */
function multipartShim(bucket: string, uploadsDir: string, abortedUploads: string[]) {
  return async (ctx: S3rverContext, next: () => Promise<void>) => {
    const uploadId = ctx.query.uploadId;
    if (ctx.method === "DELETE" && ctx.path.startsWith(`/${bucket}/`) && typeof uploadId === "string") {
      if (!/^[0-9a-f]+$/.test(uploadId)) throw new Error(`Unexpected upload id ${uploadId}`);
      const dir = path.join(uploadsDir, uploadId);
      abortedUploads.push(await fsp.readFile(path.join(dir, "key"), "utf8"));
      await fsp.rm(dir, { recursive: true });
      ctx.status = 204;
      return;
    }
    if (ctx.method === "GET" && ctx.path.replace(/\/$/, "") === `/${bucket}` && "uploads" in ctx.query) {
      const prefix = typeof ctx.query.prefix === "string" ? ctx.query.prefix : "";
      const ids = await fsp.readdir(uploadsDir).catch(() => []);
      const uploads = await Promise.all(
        ids.map(async (id) => ({
          id,
          key: await fsp.readFile(path.join(uploadsDir, id, "key"), "utf8"),
          initiated: (await fsp.stat(path.join(uploadsDir, id, "key"))).mtime,
        })),
      );
      ctx.type = "application/xml";
      ctx.body =
        `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><Bucket>${bucket}</Bucket>` +
        uploads
          .filter((u) => u.key.startsWith(prefix))
          .map(
            (u) =>
              `<Upload><Key>${escapeXml(u.key)}</Key><UploadId>${u.id}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`,
          )
          .join("") +
        "</ListMultipartUploadsResult>";
      return;
    }
    await next();
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
