/**
 * Part numbers, alloy names ("17-4PH"), drawing revisions and tolerances read left to right in
 * every language. Inside right-to-left text they are isolated, or the bidi algorithm reorders their
 * pieces ("PH4-17"). Pages use <bdi dir="ltr"> (app/components/ltr.tsx); plain text (e-mails'
 * text part, subjects, the PDF) wraps them in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE.
 */
export function ltr(text: string): string {
  return `\u2066${text}\u2069`;
}
