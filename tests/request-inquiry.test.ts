/**
 * Issue 11: a status page's request reads its inquiry once, though the root loader (the page speaks
 * the inquiry's language) and the page's own loader both need it. Remix's own request handler runs
 * the built app in this process, over a real SQLite file; the test counts the statements that look
 * an inquiry up by its link, on the real connection.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../app/server/config.server";
import type { Services } from "../app/server/service-types";
import { createServices } from "../app/server/services.server";
import { getRequestInquiry } from "../app/server/buyer/request-inquiry.server";
import { setInquiryLocale } from "../db/queries/inquiries";
import { repoRoot } from "./support/paths";
import { sendTestQuote, type SentQuote } from "./support/quotes";
import { tempDir } from "./support/temp";

/** The first statement of findInquiryByTokenHash: one per lookup of an inquiry by its link. */
const LOOKUP = /from "inquiries" where "inquiries"\."status_token_hash" = \?/;

describe("a status page reads its inquiry once per request", () => {
  let services: Services;
  let sent: SentQuote;
  let handle: (request: Request, context: AppLoadContext) => Promise<Response>;
  let lookups: string[] = [];

  beforeAll(async () => {
    services = createServices(loadConfig({ DATA_DIR: tempDir("request-inquiry"), PUBLIC_URL: "http://localhost" }), {
      info: () => undefined,
      warn: () => undefined,
    });
    const client = services.db.$client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((sql: string) => {
      if (LOOKUP.test(sql)) lookups.push(sql);
      return prepare(sql);
    }) as typeof client.prepare;
    sent = await sendTestQuote(services, { fields: { language: "de" } });
    const build = (await import(pathToFileURL(path.join(repoRoot, "build/index.js")).href)) as ServerBuild;
    handle = createRequestHandler(build, "production");
  }, 120_000);
  afterAll(() => services?.db.$client.close());
  beforeEach(() => {
    setInquiryLocale(services.db, sent.inquiryId, "de");
    lookups = [];
  });

  /** The load context server.ts makes for each request. */
  function contextOf(): AppLoadContext {
    return {
      services,
      clientIp: "10.4.4.4",
      cspNonce: "test-nonce",
      formBody: null,
      connectionClosed: new AbortController().signal,
    };
  }

  async function page(pathname: string): Promise<string> {
    const response = await handle(new Request(`http://localhost${pathname}`), contextOf());
    expect(response.status, pathname).toBe(200);
    return response.text();
  }

  it("the status page: one lookup serves the root's language and the page", async () => {
    const html = await page(`/status/${sent.token}`);
    expect(html).toMatch(/<html lang="de"/);
    expect(html).toContain("Aktueller Stand");
    expect(lookups).toHaveLength(1);
  });

  it("the quotation page: one lookup serves the root's language and the page", async () => {
    const html = await page(`/status/${sent.token}/quote`);
    expect(html).toMatch(/<html lang="de"/);
    expect(lookups).toHaveLength(1);
  });

  it("each request reads afresh: nothing is kept from one request to the next", async () => {
    expect(await page(`/status/${sent.token}`)).toMatch(/<html lang="de"/);
    setInquiryLocale(services.db, sent.inquiryId, "fr");
    expect(await page(`/status/${sent.token}`)).toMatch(/<html lang="fr"/);
    expect(lookups).toHaveLength(2);
  });

  it("keeps a read for the request's loaders only: an action's read is not kept, as the action may change the inquiry", () => {
    const context = contextOf();
    const url = `http://localhost/status/${sent.token}`;
    expect(getRequestInquiry(new Request(url, { method: "POST" }), context, sent.token)?.locale).toBe("de");
    setInquiryLocale(services.db, sent.inquiryId, "ja");
    expect(getRequestInquiry(new Request(url), context, sent.token)?.locale).toBe("ja");
    expect(getRequestInquiry(new Request(url), context, sent.token)?.locale).toBe("ja");
    expect(getRequestInquiry(new Request(url), contextOf(), "not-a-token")).toBeNull();
    expect(lookups).toHaveLength(2);
  });
});
