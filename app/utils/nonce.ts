import { createContext, useContext } from "react";

/**
 * The request's Content-Security-Policy nonce, for the few inline scripts Remix renders. Empty in
 * the browser: browsers hide the attribute after parsing, and scripts added later are modules
 * from /build, allowed by 'self'.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
