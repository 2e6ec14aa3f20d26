import crypto from "node:crypto";

/** 256 random bits, URL-safe: status links and form drafts. */
export function createToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** Tokens are stored hashed, so the database alone opens no inquiry. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function isTokenShaped(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
