import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { isOrigin, ORIGIN_RULE } from "~/forms/origin";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The outbox's waits after the 1st, 2nd, ... failure; the last repeats (docs/decisions/0014). */
export const DEFAULT_MAIL_RETRY_MS = [10_000, 20_000, 30_000] as const;

/**
 * MAIL_RETRY_SECONDS: "10,20,30" waits 10 s after the first failure, 20 s after the second and 30 s
 * after every later one. Bounded so that a relay is neither hammered nor left untried for hours.
 */
const mailRetrySchema = z
  .string()
  .trim()
  .default("")
  .transform((v, ctx): number[] => {
    if (v === "") return [...DEFAULT_MAIL_RETRY_MS];
    // Number("") is 0, so an empty entry is out of bounds too.
    const seconds = v.split(",").map(Number);
    if (seconds.length > 10 || !seconds.every((s) => s >= 0.1 && s <= 3600)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `"${v}" is not a retry schedule: give 1 to 10 waits in seconds, each 0.1 to 3600, e.g. 10,20,30`,
      });
      return z.NEVER;
    }
    return seconds.map((s) => Math.round(s * 1000));
  });

/** An IPv4/IPv6 address, optionally with a CIDR prefix ("10.0.0.0/8"). */
function isAddressOrCidr(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/**
 * How many proxies in front of the server append to X-Forwarded-For, or which addresses they
 * connect from. Never "trust everything": the left-most entry is whatever the client wrote.
 * The legacy "true" means one proxy, the usual nginx/Caddy/load-balancer install.
 */
const trustProxySchema = z
  .string()
  .trim()
  .default("false")
  .transform((v, ctx): false | number | string[] => {
    if (v === "" || v === "false" || v === "0") return false;
    if (v === "true") return 1;
    if (/^\d+$/.test(v)) return Number(v);
    const entries = v.split(",").map((e) => e.trim());
    const wrong = entries.filter((e) => !isAddressOrCidr(e));
    if (wrong.length === 0) return entries;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `"${wrong.join('", "')}" is not a number of proxies or a proxy address: use e.g. 1, or 10.0.0.5,10.0.0.0/8`,
    });
    return z.NEVER;
  });

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    PUBLIC_URL: optionalString.pipe(z.string().url().optional()),
    DATA_DIR: z.string().default("./data"),
    DATABASE_FILE: optionalString,
    STORAGE: z.enum(["disk", "s3"]).default("disk"),
    S3_BUCKET: optionalString,
    S3_ENDPOINT: optionalString.pipe(z.string().url().optional()),
    S3_REGION: z.string().default("us-east-1"),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).optional(),
    SMTP_URL: optionalString.pipe(z.string().url().optional()),
    MAIL_FROM: z.string().default("mim-rfq <rfq@localhost>"),
    MAIL_RETRY_SECONDS: mailRetrySchema,
    // Local-only addresses (engineering@localhost) are fine here, which z.string().email() refuses.
    ENGINEERING_INBOX: z
      .string()
      .regex(/^[^\s@<>]+@[^\s@<>]+$/, "must be one e-mail address, e.g. engineering@example.com")
      .default("engineering@localhost"),
    // Unset: sales news (a buyer accepted, declined, asked) goes to the engineering inbox.
    SALES_INBOX: z
      .string()
      .regex(/^[^\s@<>]+@[^\s@<>]+$/, "must be one e-mail address, e.g. sales@example.com")
      .optional(),
    MAX_FILE_MB: positiveInt(512),
    MAX_FILES: positiveInt(20),
    MAX_REQUEST_MB: positiveInt(2048),
    INTAKE_RATE_LIMIT: positiveInt(20),
    LOGIN_RATE_LIMIT: positiveInt(10),
    MAILS_PER_ADDRESS_PER_HOUR: positiveInt(5),
    MAILS_PER_IP_PER_HOUR: positiveInt(20),
    MAX_FORM_KB: positiveInt(64),
    FORM_TIMEOUT_SECONDS: positiveInt(30),
    UPLOAD_TIMEOUT_MINUTES: positiveInt(60),
    TRUST_PROXY: trustProxySchema,
    INTAKE_ORIGINS: z
      .string()
      .default("")
      .transform((list) =>
        list
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .refine(
              (entry) => isOrigin(entry),
              (entry) => ({
                message: `"${entry}" is not an origin: ${ORIGIN_RULE}, e.g. https://www.example.com`,
              }),
            )
            .transform((entry) => new URL(entry).origin),
        ),
      ),
    // Each analysis worker keeps about one core busy: this many run at once, the rest wait their turn.
    ANALYSIS_CORES: z.coerce.number().int().min(1, "must be at least 1 (one model analysed at a time)").default(1),
    // Unix niceness of the workers: requests get the CPU first. 0 is the server's own priority, 19 the lowest.
    ANALYSIS_NICE: z.coerce
      .number()
      .int()
      .min(0, "must be 0 to 19 (a worker may not outrank the server)")
      .max(19, "must be 0 to 19 (19 is the lowest priority)")
      .default(10),
    HEALTH_TOKEN: optionalString.pipe(
      z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.STORAGE === "s3" && !env.S3_BUCKET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["S3_BUCKET"],
        message: "is required when STORAGE=s3 (the bucket that keeps the buyers' files)",
      });
    }
  });

export type Config = {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseFile: string;
  storage:
    | { kind: "disk"; dir: string }
    | {
        kind: "s3";
        bucket: string;
        endpoint?: string;
        region: string;
        accessKeyId?: string;
        secretAccessKey?: string;
        forcePathStyle: boolean;
      };
  mail: {
    smtpUrl?: string;
    mailboxDir: string;
    from: string;
    engineeringInbox: string;
    salesInbox: string;
    /** Waits before retrying a message after its 1st, 2nd, ... failure; the last one repeats. */
    retryDelaysMs: number[];
  };
  limits: {
    maxFileBytes: number;
    maxFiles: number;
    maxRequestBytes: number;
    intakePerHour: number;
    loginFailuresPer15Min: number;
    mailsPerAddressPerHour: number;
    mailsPerIpPerHour: number;
    /** Bodies of forms that take no files (sign-in, staff forms). */
    maxFormBytes: number;
    formTimeoutMs: number;
    uploadTimeoutMs: number;
  };
  /** Express "trust proxy": false, a number of hops, or the proxies' addresses. */
  trustProxy: false | number | string[];
  /** Other sites whose pages may post the intake form to /rfq/new (a manufacturer's own website). */
  intakeOrigins: string[];
  /** Lets a monitor read /healthz details without a staff session. */
  healthToken?: string;
  /** Model analysis workers: how many at once (the cores they may take) and their niceness. */
  analysis: { workers: number; nice: number };
};

export class ConfigError extends Error {}

/** Reads the environment once, at start-up; every problem is named with its variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration (see README, "Configuration"):\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const mb = 1024 * 1024;
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    dataDir,
    databaseFile: path.resolve(dataDir, env.DATABASE_FILE ?? "mim-rfq.sqlite"),
    storage:
      env.STORAGE === "s3"
        ? {
            kind: "s3",
            bucket: env.S3_BUCKET!,
            endpoint: env.S3_ENDPOINT,
            region: env.S3_REGION,
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === "true" : Boolean(env.S3_ENDPOINT),
          }
        : { kind: "disk", dir: path.join(dataDir, "files") },
    mail: {
      smtpUrl: env.SMTP_URL,
      mailboxDir: path.join(dataDir, "mail"),
      from: env.MAIL_FROM,
      engineeringInbox: env.ENGINEERING_INBOX,
      salesInbox: env.SALES_INBOX ?? env.ENGINEERING_INBOX,
      retryDelaysMs: env.MAIL_RETRY_SECONDS,
    },
    limits: {
      maxFileBytes: env.MAX_FILE_MB * mb,
      maxFiles: env.MAX_FILES,
      maxRequestBytes: env.MAX_REQUEST_MB * mb,
      intakePerHour: env.INTAKE_RATE_LIMIT,
      loginFailuresPer15Min: env.LOGIN_RATE_LIMIT,
      mailsPerAddressPerHour: env.MAILS_PER_ADDRESS_PER_HOUR,
      mailsPerIpPerHour: env.MAILS_PER_IP_PER_HOUR,
      maxFormBytes: env.MAX_FORM_KB * 1024,
      formTimeoutMs: env.FORM_TIMEOUT_SECONDS * 1000,
      uploadTimeoutMs: env.UPLOAD_TIMEOUT_MINUTES * 60 * 1000,
    },
    trustProxy: env.TRUST_PROXY,
    intakeOrigins: env.INTAKE_ORIGINS,
    healthToken: env.HEALTH_TOKEN,
    analysis: { workers: env.ANALYSIS_CORES, nice: env.ANALYSIS_NICE },
  };
}
