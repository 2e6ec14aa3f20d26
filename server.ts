import path from "node:path";
import url from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { ConfigError, loadConfig, type Config } from "./app/server/config.server";
import { createCompression } from "./app/server/compression.server";
import { cspNonceOf, createSecurityHeaders } from "./app/server/http-headers.server";
import { frameOrigins } from "./app/server/factory/factory.server";
import { createOriginCheck } from "./app/server/origin-check.server";
import { applyServerTimeouts, createFormBodyLimit } from "./app/server/request-limits.server";
import { logServerError, redactedPath } from "./app/server/server-errors.server";
import { createServices, startBackgroundWork } from "./app/server/services.server";

// Node still crashes on these (a process in an unknown state should restart), but first says so
// in the form operators and the test harness look for.
process.on("uncaughtExceptionMonitor", (error, origin) => logServerError(origin, error));

const logger = {
  info: (msg: string) => console.log(`[mim-rfq] ${msg}`),
  warn: (msg: string) => console.warn(`[mim-rfq] ${msg}`),
};

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const services = createServices(config, logger);
const stopBackgroundWork = startBackgroundWork(services);
const root = path.dirname(url.fileURLToPath(import.meta.url));
const build = (await import(url.pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", config.trustProxy);
app.use(createSecurityHeaders({ publicUrl: config.publicUrl, frameOrigins: () => frameOrigins(services.db), logger }));
app.use(createOriginCheck({ publicUrl: config.publicUrl, intakeOrigins: config.intakeOrigins }));
app.use(createCompression());
// Build assets carry a content hash in their names: a changed file is a new address.
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.use(createFormBodyLimit(config.limits));
function closedSignal(res: express.Response): AbortSignal {
  const closed = new AbortController();
  res.once("close", () => closed.abort());
  return closed.signal;
}
const handleRemixRequest = createRequestHandler({
  build,
  getLoadContext: (req, res) => ({
    services,
    clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    cspNonce: cspNonceOf(res),
    formBody: (res.locals.formBody as Buffer | undefined) ?? null,
    connectionClosed: closedSignal(res),
  }),
});
// The handler passes its own errors to `next`: nothing is left to await here.
app.all("*", (req, res, next) => void handleRemixRequest(req, res, next));
// A middleware that throws (a header it cannot build, say) is a server error like any other:
// logged in the form operators and the test harness look for, not only as Express's stack trace.
app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
  logServerError(`${req.method} ${redactedPath(new URL(req.originalUrl, config.publicUrl).href)}`, error);
  if (res.headersSent) return next(error);
  res
    .status(500)
    .type("text/plain")
    .set("Cache-Control", "no-store")
    .send("Something went wrong on our side; it has been logged. Please try again.");
});

const server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  logger.info(
    `listening on http://localhost:${port} (storage: ${services.storage.kind}, mail: ${services.mailer.transport}, data: ${config.dataDir})`,
  );
});
applyServerTimeouts(server, config.limits);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: finishing open requests`);
  server.close();
  // Stopping waits for the e-mail being sent; a relay that never answers must not hold the exit.
  setTimeout(() => {
    logger.warn("background work did not stop within 20 s; exiting anyway");
    process.exit(1);
  }, 20_000).unref();
  await stopBackgroundWork();
  services.db.$client.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
