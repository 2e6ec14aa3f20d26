import { loadConfig } from "../../app/server/config.server";
import type { Services } from "../../app/server/service-types";
import { createServices } from "../../app/server/services.server";
import { startAppServer, type AppServer } from "./app-server";
import { startSmtpServer, type TestSmtpServer } from "./smtp";

export type AppWithServices = {
  app: AppServer;
  /** The server's own database, storage and outbox, opened in the test's process. */
  services: Services;
  /** Where the server sends its e-mail. */
  smtp: TestSmtpServer;
  stop(): Promise<void>;
};

/**
 * The real server sending through a test SMTP server, and the services on its data directory: the
 * test prepares an inquiry or a quote as staff would, through the server modules, and checks what
 * the server answers over HTTP. `env` adds to (or overrides) an engineering inbox and a raised
 * per-address intake limit, since every test posts from 127.0.0.1.
 */
export async function startAppWithServices(env: Record<string, string> = {}): Promise<AppWithServices> {
  const smtp = await startSmtpServer();
  const fullEnv = {
    SMTP_URL: smtp.url,
    ENGINEERING_INBOX: "engineering@factory.test",
    INTAKE_RATE_LIMIT: "500",
    ...env,
  };
  const app = await startAppServer(fullEnv).catch(async (error: unknown) => {
    await smtp.stop();
    throw error;
  });
  const services = createServices(loadConfig({ ...fullEnv, DATA_DIR: app.dataDir, PUBLIC_URL: app.url }), {
    info: () => undefined,
    warn: () => undefined,
  });
  return {
    app,
    services,
    smtp,
    async stop() {
      services.db.$client.close();
      await app.stop();
      await smtp.stop();
    },
  };
}
