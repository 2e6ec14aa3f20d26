// s3rver in its own process, so the bench client and the measured server do not share its work.
import { startS3Server } from "../tests/support/s3";

const s3 = await startS3Server();
console.log(JSON.stringify(s3.config));
process.on("SIGTERM", () => void s3.stop().then(() => process.exit(0)));
