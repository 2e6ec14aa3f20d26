import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission, stillMay } from "~/server/auth/permissions.server";
import { findInquiry } from "~/server/review/review.server";
import { TOO_MANY_STREAMS } from "~/server/live.server";

/**
 * The workspace's event stream: "changed" and a kind whenever the inquiry is written; the page
 * then reloads its own data. Whoever may see the workspace may hear that it changed, for as long as
 * they still may.
 */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context.services, "see");
  const inquiryId = params.id ?? "";
  if (!findInquiry(context.services.db, inquiryId))
    throw json("No inquiry has this address. It may have been mistyped: go back to the queue.", { status: 404 });
  return (
    context.services.live.stream({
      closed: context.connectionClosed,
      inquiryId,
      audience: "staff",
      client: `staff:${user.id}`,
      allowed: () => stillMay(request, context.services, "see"),
    }) ?? json(TOO_MANY_STREAMS, { status: 429, headers: { "Cache-Control": "no-store" } })
  );
}
