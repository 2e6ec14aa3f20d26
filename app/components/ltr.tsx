import type { ReactNode } from "react";

/** A left-to-right run inside any text: part numbers, alloys, revisions, tolerances (see app/i18n/bidi.ts). */
export function Ltr({ children }: { children: ReactNode }) {
  return <bdi dir="ltr">{children}</bdi>;
}
