import { afterEach, describe, expect, it, vi } from "vitest";
import { createLiveHub, HEARTBEAT_MS, MAX_STREAMS_PER_CLIENT } from "./live.server";

/** A stream's request with its own abort, as Remix hands it over while the client is connected. */
function open(
  hub: ReturnType<typeof createLiveHub>,
  inquiryId: string,
  audience: "staff" | "buyer",
  client = "c",
  allowed = () => true,
) {
  const abort = new AbortController();
  const response = hub.stream({ closed: abort.signal, inquiryId, audience, client, allowed });
  const reader = response?.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    response,
    abort: () => abort.abort(),
    /** The next message the stream writes (up to its blank line), as text; null once the stream ended. */
    read: async (): Promise<string | null> => {
      while (!buffer.includes("\n\n")) {
        const { value, done } = await reader!.read();
        if (done) return null;
        buffer += decoder.decode(value);
      }
      const end = buffer.indexOf("\n\n") + 2;
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end);
      return message;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the live hub", () => {
  it("sends the kind of each change and a heartbeat every 25 s, unbuffered and uncached", async () => {
    vi.useFakeTimers();
    const hub = createLiveHub();
    const page = open(hub, "a", "staff");
    expect(page.response!.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    expect(page.response!.headers.get("X-Accel-Buffering")).toBe("no");
    expect(page.response!.headers.get("Cache-Control")).toBe("private, no-store");
    hub.publish("a", "comment");
    expect(await page.read()).toBe("event: changed\ndata: comment\n\n");
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(await page.read()).toBe("event: heartbeat\ndata: \n\n");
    page.abort();
  });

  it("tells a buyer's page nothing of comments or assignment, and no page of another inquiry's changes", async () => {
    const hub = createLiveHub();
    const buyer = open(hub, "a", "buyer");
    hub.publish("a", "comment");
    hub.publish("a", "assignment");
    hub.publish("b", "review");
    hub.publish("a", "review");
    expect(await buyer.read()).toBe("event: changed\ndata: review\n\n");
    buyer.abort();
  });

  it("ends a stream whose reader may no longer hear of the inquiry, at the next change or heartbeat, telling it nothing", async () => {
    vi.useFakeTimers();
    const hub = createLiveHub();
    let allowed = true;
    const changed = open(hub, "a", "staff", "ada", () => allowed);
    const idle = open(hub, "b", "staff", "ada", () => allowed);
    hub.publish("a", "review");
    expect(await changed.read()).toBe("event: changed\ndata: review\n\n");
    allowed = false;
    hub.publish("a", "comment");
    expect(await changed.read()).toBeNull();
    expect(hub.subscriberCount()).toBe(1);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(await idle.read()).toBeNull();
    expect(hub.subscriberCount()).toBe(0);
    // Both streams counted against the client's limit are given back.
    const again = Array.from({ length: MAX_STREAMS_PER_CLIENT }, () => open(hub, "a", "staff", "ada"));
    expect(again.every((p) => p.response !== null)).toBe(true);
    for (const page of again) page.abort();
  });

  it("lets go of a page's subscription when its client goes away", () => {
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
