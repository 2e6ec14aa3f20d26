import S3rver from "s3rver";
import type { Config } from "../../app/server/config.server";
import { tempDir } from "./temp";

export type S3Config = Extract<Config["storage"], { kind: "s3" }>;

/** A real S3 API server (s3rver) on a free port, with one empty bucket. */
export async function startS3Server(): Promise<{ endpoint: string; config: S3Config; stop(): Promise<void> }> {
  const bucket = "mim-rfq-test";
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: tempDir("s3rver"),
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    config: {
      kind: "s3",
      bucket,
      endpoint,
      region: "us-east-1",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
    },
    stop: () => server.close(),
  };
}
