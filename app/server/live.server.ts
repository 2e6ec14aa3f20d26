import { eventStream } from "remix-utils/sse/server";

/**
 * What changed on an inquiry, as its open pages hear it. Only the kind travels: the page reloads
 * its own data through its loader, which checks who is asking, so a stream never carries content.
 */
export type LiveKind = "review" | "comment" | "assignment" | "answer" | "files" | "analysis" | "quote";

type Listener = (kind: LiveKind) => void;

/** Who follows a stream: staff hear every kind; a buyer only what their status page shows. */
export type LiveAudience = "staff" | "buyer";

/** One page's stream: see LiveHub's `stream`. */
export type LiveStreamRequest = {
  closed: AbortSignal;
  inquiryId: string;
  audience: LiveAudience;
  /** Whose streams count together against MAX_STREAMS_PER_CLIENT. */
  client: string;
  /** Whether whoever opened the stream may still hear of this inquiry. */
  allowed: () => boolean;
};

/** Internal comments and who reviews the inquiry are the factory's own business, even as a bare kind. */
const STAFF_ONLY: ReadonlySet<LiveKind> = new Set<LiveKind>(["comment", "assignment"]);

/**
 * A page's stream sends a "heartbeat" event this often, so proxies and browsers keep an idle
 * connection open. An event, not an SSE comment line: remix-utils' eventStream writes only events,
 * and EventSource ignores one that nothing listens to.
 */
export const HEARTBEAT_MS = 25_000;

/**
 * Open streams one client (a staff member, or a buyer's network address) may hold: a few tabs
 * each. More are refused with 429 and those pages poll instead.
 */
export const MAX_STREAMS_PER_CLIENT = 8;

export const TOO_MANY_STREAMS = `This browser already follows ${MAX_STREAMS_PER_CLIENT} pages live: this one reloads its data every few seconds instead. Closing other tabs brings live updates back.`;

/**
 * In-process publish/subscribe keyed by inquiry id. One server process owns the database, so the
 * writers and the open pages are in the same process; publish only after the write committed.
 */
export function createLiveHub() {
  const listeners = new Map<string, Set<Listener>>();
  const streamsPerClient = new Map<string, number>();

  function subscribe(inquiryId: string, listener: Listener): () => void {
    const set = listeners.get(inquiryId) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(inquiryId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && listeners.get(inquiryId) === set) listeners.delete(inquiryId);
    };
  }

  return {
    subscribe,

    publish(inquiryId: string, kind: LiveKind): void {
      for (const listener of listeners.get(inquiryId) ?? []) listener(kind);
    },

    /** Subscribers across all inquiries: what /healthz reports, and how a leak would show. */
    subscriberCount(): number {
      let count = 0;
      for (const set of listeners.values()) count += set.size;
      return count;
    },

    /**
     * The event stream of one inquiry for one client: a "changed" event with the kind for each
     * write, a heartbeat every HEARTBEAT_MS, and everything released when the client goes away
     * (`closed`: the connection's own signal, see load-context). `allowed` is asked again before
     * anything is sent, because a stream outlives the check its request passed: once it says no (the
     * person was deactivated or signed out, or the link no longer opens the inquiry), the stream ends
     * and the page's next request meets the check again. Null when the client already holds
     * MAX_STREAMS_PER_CLIENT streams.
     */
    stream({ closed, inquiryId, audience, client, allowed }: LiveStreamRequest): Response | null {
      const open = streamsPerClient.get(client) ?? 0;
      if (open >= MAX_STREAMS_PER_CLIENT) return null;
      streamsPerClient.set(client, open + 1);
      const response = eventStream(
        closed,
        (send, end) => {
          const sendIfAllowed = (event: string, data: string) => (allowed() ? send({ event, data }) : end());
          const unsubscribe = subscribe(inquiryId, (kind) => {
            if (audience === "staff" || !STAFF_ONLY.has(kind)) sendIfAllowed("changed", kind);
          });
          const heartbeat = setInterval(() => sendIfAllowed("heartbeat", ""), HEARTBEAT_MS);
          return () => {
            clearInterval(heartbeat);
            unsubscribe();
            const left = (streamsPerClient.get(client) ?? 1) - 1;
            if (left > 0) streamsPerClient.set(client, left);
            else streamsPerClient.delete(client);
          };
        },
        // Nginx and similar proxies buffer responses unless told otherwise.
        { headers: { "X-Accel-Buffering": "no" } },
      );
      // eventStream sends "no-cache", which lets a cache keep the stream of a private status link.
      response.headers.set("Cache-Control", "private, no-store");
      return response;
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
