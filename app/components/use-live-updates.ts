import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** How often a page without a working event stream reloads its data while it is visible. */
export const POLL_MS = 15_000;

/** Errors in a row after which the stream is given up for polling (the browser retries in between). */
const MAX_STREAM_ERRORS = 3;

/**
 * Keeps the page's loader data current: the server's event stream at `url` says when the inquiry
 * changed and the loader runs again. Only a visible tab holds a stream (a browser opens at most six
 * connections to a site over HTTP/1.1, and each stream keeps one); a tab coming back into view
 * reloads its data once and listens again. Without EventSource, or when the stream is refused or
 * keeps failing, the page polls every POLL_MS while it is visible. Revalidating re-renders in
 * place: forms keep what is being typed, because their fields are uncontrolled and nothing remounts.
 */
export function useLiveUpdates(url: string): void {
  const revalidator = useRevalidator();
  // The stream outlives renders; its handlers reach the current revalidator through this.
  const latest = useRef(revalidator);
  useEffect(() => {
    latest.current = revalidator;
  });

  useEffect(() => {
    const visible = () => document.visibilityState === "visible";
    const refresh = () => {
      if (latest.current.state === "idle") latest.current.revalidate();
    };
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let errors = 0;

    const poll = () => {
      timer ??= setInterval(() => {
        if (visible()) refresh();
      }, POLL_MS);
    };
    const disconnect = () => {
      source?.close();
      source = null;
    };
    const connect = () => {
      const stream = new EventSource(url);
      source = stream;
      stream.addEventListener("changed", refresh);
      stream.addEventListener("open", () => {
        // Whatever changed while the stream was down was never announced.
        if (errors > 0) refresh();
        errors = 0;
      });
      stream.addEventListener("error", () => {
        errors++;
        // CLOSED: refused (429, a redirect to sign in, a 404); the browser does not try again.
        if (stream.readyState === EventSource.CLOSED || errors >= MAX_STREAM_ERRORS) {
          disconnect();
          poll();
        }
      });
    };
    const onVisibility = () => {
      if (timer !== undefined) {
        if (visible()) refresh();
      } else if (!visible()) disconnect();
      else if (!source) {
        connect();
        refresh();
      }
    };

    if (typeof EventSource === "undefined") poll();
    else if (visible()) connect();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      disconnect();
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [url]);
}
