import { afterEach, describe, expect, it, vi } from "vitest";
import { createLiveHub, HEARTBEAT_MS, MAX_STREAMS_PER_CLIENT } from "./live.server";

/** A stream's request with its own abort, as Remix hands it over while the client is connected. */
function open(hub: ReturnType<typeof createLiveHub>, inquiryId: string, audience: "staff" | "buyer", client = "c") {
  const abort = new AbortController();
  const response = hub.stream(abort.signal, inquiryId, audience, client);
  const reader = response?.body?.getReader();
  const decoder = new TextDecoder();
  return {
    response,
    abort: () => abort.abort(),
    /** The next chunk the stream writes, as text. */
    read: async () => decoder.decode((await reader!.read()).value),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the live hub", () => {
  it("opens with the retry delay, sends the kind of each change and a heartbeat comment every 25 s", async () => {
    vi.useFakeTimers();
    const hub = createLiveHub();
    const page = open(hub, "a", "staff");
    expect(page.response!.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    expect(await page.read()).toBe("retry: 5000\n\n");
    hub.publish("a", "comment");
    expect(await page.read()).toBe("event: changed\ndata: comment\n\n");
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(await page.read()).toBe(": heartbeat\n\n");
    page.abort();
  });

  it("tells a buyer's page nothing of comments or assignment, and no page of another inquiry's changes", async () => {
    const hub = createLiveHub();
    const buyer = open(hub, "a", "buyer");
    await buyer.read();
    hub.publish("a", "comment");
    hub.publish("a", "assignment");
    hub.publish("b", "review");
    hub.publish("a", "review");
    expect(await buyer.read()).toBe("event: changed\ndata: review\n\n");
    buyer.abort();
  });

  it("lets go of a page's subscription when its client goes away", async () => {
    const hub = createLiveHub();
    const pages = [open(hub, "a", "staff"), open(hub, "a", "buyer"), open(hub, "b", "staff")];
    expect(hub.subscriberCount()).toBe(3);
    for (const page of pages) page.abort();
    expect(hub.subscriberCount()).toBe(0);
    // Publishing to nobody is no error.
    hub.publish("a", "review");
  });

  it("refuses a client's streams beyond the limit, and takes one again once one closed", () => {
    const hub = createLiveHub();
    const pages = Array.from({ length: MAX_STREAMS_PER_CLIENT }, () => open(hub, "a", "staff", "ada"));
    expect(pages.every((p) => p.response !== null)).toBe(true);
    expect(open(hub, "a", "staff", "ada").response).toBeNull();
    expect(open(hub, "a", "staff", "ben").response).not.toBeNull();
    pages[0]!.abort();
    const again = open(hub, "a", "staff", "ada");
    expect(again.response).not.toBeNull();
    for (const page of [...pages, again]) page.abort();
  });
});
