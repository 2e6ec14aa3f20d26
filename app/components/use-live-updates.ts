import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** How often a page without a working event stream reloads its data while it is visible. */
export const POLL_MS = 15_000;

/** Errors in a row after which the stream is given up for polling (the browser retries in between). */
const MAX_STREAM_ERRORS = 3;

/**
 * Keeps the page's loader data current: the server's event stream at `url` says when the inquiry
 * changed and the loader runs again. Without EventSource, or when the stream is refused or keeps
 * failing, the page polls every POLL_MS while it is visible. Revalidating re-renders in place:
 * forms keep what is being typed, because their fields are uncontrolled and nothing remounts.
 */
export function useLiveUpdates(url: string): void {
  const revalidator = useRevalidator();
  // The stream outlives renders; its handler reaches the current revalidator through this.
  const latest = useRef(revalidator);
  useEffect(() => {
    latest.current = revalidator;
  });

  useEffect(() => {
    const refresh = () => {
      if (latest.current.state === "idle") latest.current.revalidate();
    };
    let timer: ReturnType<typeof setInterval> | undefined;
    const onVisible = () => {
      if (document.visibilityState === "visible") refresh();
    };
    const poll = () => {
      if (timer !== undefined) return;
      timer = setInterval(onVisible, POLL_MS);
      // A tab coming back into view catches up at once instead of at the next tick.
      document.addEventListener("visibilitychange", onVisible);
    };

    let source: EventSource | null = null;
    if (typeof EventSource === "undefined") poll();
    else {
      source = new EventSource(url);
      let errors = 0;
      source.addEventListener("changed", refresh);
      source.addEventListener("open", () => {
        // Whatever changed while the stream was down was never announced.
        if (errors > 0) refresh();
        errors = 0;
      });
      source.addEventListener("error", () => {
        errors++;
        // CLOSED: refused (429, a redirect to sign in, a 404), the browser will not retry.
        if (source!.readyState === EventSource.CLOSED || errors >= MAX_STREAM_ERRORS) {
          source!.close();
          poll();
        }
      });
    }
    return () => {
      source?.close();
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [url]);
}
