import type { AppLoadContext } from "@remix-run/node";

/**
 * The fields of a form that takes no files. The server has already read its body, within the
 * form size and time limits and only when it is an HTML form post (request-limits.server.ts), so
 * an action never buffers a request body of its own.
 */
export function readForm(context: AppLoadContext): FormData {
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(context.formBody?.toString("utf8") ?? "")) form.append(name, value);
  return form;
}
