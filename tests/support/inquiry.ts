import path from "node:path";
import { eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { vi } from "vitest";
import { submitIntake } from "../../app/server/buyer/intake.server";
import type { Services } from "../../app/server/service-types";
import { createToken, hashToken } from "../../app/server/tokens.server";
import { writeTransaction } from "../../db/client";
import { insertStatusLink } from "../../db/queries/inquiries";
import { inquiries } from "../../db/schema";
import type { AppServer } from "./app-server";
import { query } from "./db";
import { inquiryForm, submitInquiry, type InquiryOptions } from "./intake-client";
import { recipient, statusLinkIn, waitForMailbox } from "./mailbox";
import type { TestSmtpServer } from "./smtp";

export type SentInquiry = {
  id: string;
  reference: string;
  /** The answers as sent. */
  fields: Record<string, string>;
  /** The private status page's address, and its token (the last part of it). */
  statusLink: string;
  token: string;
  /** The acknowledgement e-mail the link was read from. */
  acknowledgement: ParsedMail;
  /** The intake form's answer: a redirect to the confirmation page. */
  response: Response;
};

/**
 * A buyer's inquiry through a running server's intake form, and the status link from its
 * acknowledgement: in the server's local mailbox, or in `smtp` when the server sends through one.
 */
export async function sendInquiry(
  app: AppServer,
  options: InquiryOptions & { smtp?: TestSmtpServer } = {},
): Promise<SentInquiry> {
  const { fields, reference, response } = await submitInquiry(app.url, options);
  const isAcknowledgement = (mail: ParsedMail) =>
    recipient(mail) === fields.email && (mail.text ?? "").includes(reference);
  const { smtp } = options;
  const [acknowledgement] = smtp
    ? [await vi.waitFor(() => smtp.messages.find(isAcknowledgement) ?? fail(`no acknowledgement of ${reference}`))]
    : await waitForMailbox(path.join(app.dataDir, "mail"), isAcknowledgement);
  const statusLink = statusLinkIn(acknowledgement!);
  const [inquiry] = query<{ id: string }>(app.dataDir, "select id from inquiries where reference = ?", reference);
  const token = statusLink.split("/status/")[1]!;
  return { id: inquiry!.id, reference, fields, statusLink, token, acknowledgement: acknowledgement!, response };
}

/**
 * A buyer's inquiry through the intake's own handler, without a server (from a client address of its
 * own, so that no rate limit is reached), with a status link made for the test: the buyer's e-mail
 * is only queued until the test runs the outbox.
 */
export async function addInquiry(
  services: Services,
  options: Omit<InquiryOptions, "headers"> = {},
): Promise<Omit<SentInquiry, "statusLink" | "acknowledgement" | "response">> {
  const { fields, form } = inquiryForm(options);
  const request = new Request("http://localhost/rfq/new", { method: "POST", body: form });
  const ip = `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250)).join(".")}`;
  const result = await submitIntake(request, services, ip);
  if (!result.ok) throw new Error(`the intake refused the inquiry: ${JSON.stringify(result.state.errors)}`);
  const { id } = services.db.select().from(inquiries).where(eq(inquiries.reference, result.reference)).get()!;
  const token = createToken();
  writeTransaction(services.db, (tx) => insertStatusLink(tx, id, hashToken(token)));
  return { id, reference: result.reference, fields, token };
}

function fail(message: string): never {
  throw new Error(message);
}
