// s3rver in its own process, so the bench client and the measured server do not share its work.
// On SIGTERM it stops and deletes what it stored: a bench's uploads are gigabytes.
import fs from "node:fs";
import { startS3Server } from "../tests/support/s3";

const s3 = await startS3Server();
console.log(JSON.stringify(s3.config));
process.on(
  "SIGTERM",
  () =>
    void s3.stop().then(() => {
      fs.rmSync(s3.directory, { recursive: true, force: true });
      process.exit(0);
    }),
);
