/**
 * What changed on an inquiry, as its open pages hear it. Only the kind travels: the page reloads
 * its own data through its loader, which checks who is asking, so a stream never carries content.
 */
export type LiveKind = "review" | "comment" | "assignment" | "answer" | "files" | "analysis" | "quote";

type Listener = (kind: LiveKind) => void;

/** Who follows a stream: staff hear every kind; a buyer only what their status page shows. */
export type LiveAudience = "staff" | "buyer";

/** Internal comments and who reviews the inquiry are the factory's own business, even as a bare kind. */
const STAFF_ONLY: ReadonlySet<LiveKind> = new Set<LiveKind>(["comment", "assignment"]);

/** A page's stream sends a comment this often, so proxies and browsers keep an idle connection open. */
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
     * write, a heartbeat comment every HEARTBEAT_MS, and everything released when the client goes
     * away (`closed`: the connection's own signal, see load-context). Null when the client already
     * holds MAX_STREAMS_PER_CLIENT streams.
     */
    stream(closed: AbortSignal, inquiryId: string, audience: LiveAudience, client: string): Response | null {
      const open = streamsPerClient.get(client) ?? 0;
      if (open >= MAX_STREAMS_PER_CLIENT) return null;
      streamsPerClient.set(client, open + 1);
      const signal = closed;
      let release: (cancelled?: boolean) => void = () => undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          const encoder = new TextEncoder();
          const write = (text: string) => controller.enqueue(encoder.encode(text));
          const unsubscribe = subscribe(inquiryId, (kind) => {
            if (audience === "staff" || !STAFF_ONLY.has(kind)) write(`event: changed\ndata: ${kind}\n\n`);
          });
          const heartbeat = setInterval(() => write(": heartbeat\n\n"), HEARTBEAT_MS);
          let closed = false;
          release = (cancelled = false) => {
            if (closed) return;
            closed = true;
            clearInterval(heartbeat);
            unsubscribe();
            signal.removeEventListener("abort", onAbort);
            const left = (streamsPerClient.get(client) ?? 1) - 1;
            if (left > 0) streamsPerClient.set(client, left);
            else streamsPerClient.delete(client);
            // A stream the reader cancelled is closed already.
            if (!cancelled) controller.close();
          };
          const onAbort = () => release();
          signal.addEventListener("abort", onAbort);
          // A browser that lost the stream tries again after this long (ours, not its default 3 s).
          write("retry: 5000\n\n");
          if (signal.aborted) release();
        },
        cancel: () => release(true),
      });
      return new Response(body, {
        headers: {
          "Content-Type": "text/event-stream; charset=utf-8",
          "Cache-Control": "private, no-store",
          // Nginx and similar proxies buffer responses unless told otherwise.
          "X-Accel-Buffering": "no",
        },
      });
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
