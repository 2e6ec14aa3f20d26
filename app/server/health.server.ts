import crypto from "node:crypto";
import { pingDatabase } from "../../db/queries/health";
import { getStaffUser } from "./auth/auth.server";
import { outboxHealth } from "./mail/outbox.server";
import type { Services } from "./service-types";

type Check = { ok: boolean; detail: string };

const TIMEOUT_MS = 5000;

async function probe(run: () => Promise<string> | string): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const detail = await Promise.race([
      Promise.resolve().then(run),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
      }),
    ]);
    return { ok: true, detail };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The state of everything a buyer's inquiry depends on. Mail is unhealthy while messages have been
 * failing for minutes (kept and retried, but someone should look); dead letters, refused for good by
 * the recipient's side, are for an administrator on /admin/mail and do not count.
 */
export async function checkHealth(services: Services) {
  const [database, storage, transport] = await Promise.all([
    probe(() => {
      pingDatabase(services.db);
      return "sqlite answers";
    }),
    probe(async () => {
      await services.storage.check();
      return `${services.storage.kind} storage is writable`;
    }),
    probe(async () => {
      await services.mailer.check();
      return `${services.mailer.transport} transport is ready`;
    }),
  ]);
  const outbox = outboxHealth(services.db);
  const mail = {
    ...transport,
    ok: transport.ok && outbox.failingTooLong === 0,
    transport: services.mailer.transport,
    outbox,
  };
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  const loop = services.eventLoop;
  // Since the previous report: a monitor polling /healthz sees each interval's own delays.
  const eventLoop = { p50Ms: ms(loop.percentile(50)), p99Ms: ms(loop.percentile(99)), maxMs: ms(loop.max) };
  loop.reset();
  // Open live pages: a number that only grows while nobody is looking points at a leak.
  const live = { subscribers: services.live.subscriberCount() };
  return { ok: database.ok && storage.ok && mail.ok, database, storage, mail, eventLoop, live };
}

export type Health = Awaited<ReturnType<typeof checkHealth>>;

/** What anyone may see: each component's state. Error text names hosts, ports and paths. */
export function publicHealth(health: Health) {
  return {
    ok: health.ok,
    database: { ok: health.database.ok },
    storage: { ok: health.storage.ok },
    mail: { ok: health.mail.ok },
  };
}

function sha256(value: string): Buffer {
  return crypto.createHash("sha256").update(value).digest();
}

/**
 * Who may read the details: any signed-in staff member, or a monitor sending HEALTH_TOKEN as a
 * bearer token ("wrong" when a token is sent but does not match, so a misconfigured monitor hears
 * of it). Hashing first makes the comparison constant-time whatever the lengths.
 */
export function healthDetailsAccess(request: Request, services: Services): "granted" | "public" | "wrong" {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
  if (bearer !== undefined) {
    const expected = services.config.healthToken;
    return expected && crypto.timingSafeEqual(sha256(bearer), sha256(expected)) ? "granted" : "wrong";
  }
  return getStaffUser(request, services) ? "granted" : "public";
}
