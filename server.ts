import path from "node:path";
import url from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { ConfigError, loadConfig, type Config } from "./app/server/config.server";
import { applyServerTimeouts, createFormBodyLimit } from "./app/server/request-limits.server";
import { createServices, startBackgroundWork } from "./app/server/services.server";

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
app.use((_req, res, next) => {
  // Status links carry a secret in the URL: never hand it to another site in a Referer header.
  // ("no-referrer" would also make browsers send `Origin: null` on our own form posts, which
  // Remix's origin check rightly refuses.)
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'",
  );
  next();
});
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.use(createFormBodyLimit(config.limits));
app.all(
  "*",
  createRequestHandler({
    build,
    getLoadContext: (req, res) => ({
      services,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      formBody: (res.locals.formBody as Buffer | undefined) ?? null,
    }),
  }),
);

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
  await stopBackgroundWork();
  services.db.$client.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
