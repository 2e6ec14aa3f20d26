// The yardsticks for bench/upload.ts: the least a Node server can do with a multipart upload,
// streaming it with busboy to a file on disk, or to S3 with the SDK's multipart Upload.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Upload } from "@aws-sdk/lib-storage";
import busboy from "busboy";
import { createS3Client, PART_SIZE, QUEUE_SIZE } from "../app/server/storage/s3.server";
import type { S3Config } from "../tests/support/s3";

const [target, arg] = process.argv.slice(2);
if (!arg || (target !== "disk" && target !== "s3"))
  throw new Error("usage: baseline-server.ts disk <directory> | s3 <config json>");
let count = 0;

function sinkFor(): (file: Readable) => Promise<unknown> {
  if (target === "disk") {
    fs.mkdirSync(arg!, { recursive: true });
    return (file) => pipeline(file, fs.createWriteStream(path.join(arg!, `upload-${++count}`)));
  }
  // The app's own client settings (no SDK checksum per part) and part sizes, so the yardstick
  // does the same work per byte as the app's S3 storage.
  const config = JSON.parse(arg!) as S3Config;
  const client = createS3Client(config);
  return (file) =>
    new Upload({
      client,
      params: { Bucket: config.bucket, Key: `baseline-${++count}`, Body: file },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
    }).done();
}

const sink = sinkFor();
const server = http.createServer((req, res) => {
  const parser = busboy({ headers: req.headers });
  const writes: Promise<unknown>[] = [];
  parser.on("file", (_name, file) => writes.push(sink(file)));
  parser.on("close", () => {
    Promise.all(writes).then(
      () => res.writeHead(200).end("stored"),
      (error: Error) => res.writeHead(500).end(error.message),
    );
  });
  req.pipe(parser);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address() as import("node:net").AddressInfo;
  console.log(`listening on http://localhost:${address.port}`);
});
