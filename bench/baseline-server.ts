// The yardsticks for bench/upload.ts: the least a Node server can do with a multipart upload,
// streaming it with busboy to a file on disk, or to S3 with the SDK's multipart Upload.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import busboy from "busboy";

const [target, arg] = process.argv.slice(2);
if (!arg || (target !== "disk" && target !== "s3"))
  throw new Error("usage: baseline-server.ts disk <directory> | s3 <config json>");
let count = 0;

function sinkFor(): (file: Readable) => Promise<unknown> {
  if (target === "disk") {
    fs.mkdirSync(arg!, { recursive: true });
    return (file) => pipeline(file, fs.createWriteStream(path.join(arg!, `upload-${++count}`)));
  }
  const config = JSON.parse(arg!) as {
    bucket: string;
    endpoint: string;
    region: string;
    accessKeyId: string;
    secretAccessKey: string;
  };
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
  });
  return (file) =>
    new Upload({
      client,
      params: { Bucket: config.bucket, Key: `baseline-${++count}`, Body: file },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
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
