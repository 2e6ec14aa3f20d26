/**
 * The one inquiry a status link opens, for the buyer's pages and the language of their answers.
 * Its own module because both the page's language (i18n.server.ts) and the status page read it.
 */
import type { AppLoadContext } from "@remix-run/node";
import { findInquiryByTokenHash, type Inquiry } from "../../../db/queries/inquiries";
import type { Services } from "../service-types";
import { hashToken, isTokenShaped } from "../tokens.server";

/** The inquiry a status token opens, or null: a token reaches exactly one inquiry. */
export function getInquiryByToken(services: Services, token: string): Inquiry | null {
  if (!isTokenShaped(token)) return null;
  return findInquiryByTokenHash(services.db, hashToken(token)) ?? null;
}

const loadedInquiries = new WeakMap<AppLoadContext, Map<string, Inquiry | null>>();

/**
 * The inquiry a status token opens, read once per request for its loaders: a page's request runs the
 * root loader (the page speaks the inquiry's language) and the page's own loader, each with a
 * Request object of its own but the same load context, so the context keys the read and goes with
 * the request. An action reads afresh and keeps nothing: it may change the inquiry, and the loaders
 * that follow it in the same request must show the change.
 */
export function getRequestInquiry(request: Request, context: AppLoadContext, token: string): Inquiry | null {
  if (request.method !== "GET" && request.method !== "HEAD") return getInquiryByToken(context.services, token);
  let read = loadedInquiries.get(context);
  if (!read) loadedInquiries.set(context, (read = new Map()));
  if (!read.has(token)) read.set(token, getInquiryByToken(context.services, token));
  return read.get(token) ?? null;
}
