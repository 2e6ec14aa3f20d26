/**
 * Runs in the browser before any other script: if reading `sessionStorage` throws, puts a storage
 * that lives in memory in its place. Kept self-contained: it is sent as the text of an inline script.
 */
function installMemoryStorageIfDenied() {
  try {
    void window.sessionStorage;
  } catch {
    const items = new Map<string, string>();
    const memory = {
      get length() {
        return items.size;
      },
      key: (index: number) => [...items.keys()][index] ?? null,
      getItem: (key: string) => items.get(String(key)) ?? null,
      setItem: (key: string, value: string) => void items.set(String(key), String(value)),
      removeItem: (key: string) => void items.delete(String(key)),
      clear: () => items.clear(),
    };
    Object.defineProperty(window, "sessionStorage", { value: memory, configurable: true });
  }
}

/**
 * The intake form framed by the factory's own site is a third-party frame, and a browser that blocks
 * third-party cookies (Chrome in a private window, or by the user's choice) denies it sessionStorage
 * too: reading it throws. Remix keeps its route discovery's state there, so every navigation and
 * fetcher of the framed page failed (the language switcher did nothing; the confirmation did not
 * follow). With this in <head>, before any of Remix's scripts, the page gets a storage of its own in memory: it only forgets
 * scroll positions on reload, which a frame does not need.
 */
export function SessionStorageFallback({ nonce }: { nonce: string }) {
  return (
    <script
      nonce={nonce}
      // The nonce is hidden from the DOM after parsing; the script does not run again on hydration.
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: `(${installMemoryStorageIfDenied.toString()})()` }}
    />
  );
}
