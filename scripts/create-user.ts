/**
 * npm run create-user -- --email ada@factory.com --role admin [--role engineer] [--name "Ada"] [--password ...]
 * Creates a staff account in DATA_DIR's database (the first admin, typically). Without --password a
 * strong one is generated and printed once.
 */
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDb, writeTransaction } from "../db/client";
import { findUserByEmail, insertUser } from "../db/queries/users";
import { STAFF_ROLES } from "../workflows/roles";
import { hashPassword } from "../app/server/auth/auth.server";
import { loadConfig } from "../app/server/config.server";

const args = z.object({
  email: z.string().regex(/^[^\s@]+@[^\s@]+$/, "--email must be an e-mail address, e.g. --email ada@factory.com"),
  role: z
    .array(z.enum(STAFF_ROLES, { errorMap: () => ({ message: `--role must be one of ${STAFF_ROLES.join(", ")}` }) }))
    .min(1, "give at least one --role (engineer, sales or admin)"),
  name: z.string().optional(),
  password: z.string().min(12, "--password must be at least 12 characters").optional(),
});

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string", multiple: true },
      name: { type: "string" },
      password: { type: "string" },
    },
  });
  const parsed = args.safeParse({ ...values, role: values.role ?? [] });
  if (!parsed.success) {
    console.error(`create-user: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    process.exit(2);
  }
  const { email, role, name, password } = parsed.data;
  const config = loadConfig(process.env);
  const db = createDb(config.databaseFile);
  if (findUserByEmail(db, email)) {
    console.error(`create-user: ${email} already has an account.`);
    process.exit(1);
  }
  const chosen = password ?? crypto.randomBytes(15).toString("base64url");
  const passwordHash = await hashPassword(chosen);
  writeTransaction(db, (tx) =>
    insertUser(tx, { id: crypto.randomUUID(), email, name: name ?? email.split("@")[0]!, passwordHash, roles: role }),
  );
  console.log(`Created ${email} (${role.join(", ")}) in ${config.databaseFile}.`);
  if (!password) console.log(`Password (shown once): ${chosen}`);
  console.log(`Sign in at ${config.publicUrl}/login`);
  db.$client.close();
}

await main();
