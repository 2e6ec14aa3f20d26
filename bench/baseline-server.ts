// The yardstick for bench/upload.ts: the least a Node server can do with a multipart upload,
// streaming it with busboy to a file on the same disk the app writes to.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";

const dir = process.argv[2];
if (!dir) throw new Error("usage: baseline-server.ts <directory>");
fs.mkdirSync(dir, { recursive: true });
let count = 0;

const server = http.createServer((req, res) => {
  const parser = busboy({ headers: req.headers });
  const writes: Promise<void>[] = [];
  parser.on("file", (_name, file) => {
    writes.push(pipeline(file, fs.createWriteStream(path.join(dir, `upload-${++count}`))));
  });
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
