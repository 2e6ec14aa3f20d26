import { findUserById } from "../../../db/queries/users";
import type { Db } from "../../../db/client";
import type { Quote } from "../../../db/queries/quotes";
import type { Config } from "../config.server";

/**
 * Who hears about a buyer's answer to a quotation, or its lapse: the sales inbox, and the person
 * who sent that version while their account is active (they know the buyer), once each.
 */
export function salesRecipients(db: Db, config: Pick<Config, "mail">, quote: Pick<Quote, "sentBy">): string[] {
  const sender = quote.sentBy ? findUserById(db, quote.sentBy) : undefined;
  const addresses = [config.mail.salesInbox, ...(sender?.active ? [sender.email] : [])];
  return [...new Set(addresses.map((a) => a.toLowerCase()))];
}
