import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { TOO_MANY_STREAMS } from "~/server/live.server";
import { getInquiryByToken } from "~/server/buyer/request-inquiry.server";

const PRIVATE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

/**
 * The status page's event stream: the token opens its one inquiry's changes and no other's, and
 * the events name only the kind of change, never what was written.
 */
export function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const inquiry = getInquiryByToken(context.services, token);
  if (!inquiry)
    throw json("This status link does not open any inquiry. Check that you copied the whole link from our e-mail.", {
      status: 404,
      headers: PRIVATE,
    });
  return (
    context.services.live.stream({
      closed: context.connectionClosed,
      inquiryId: inquiry.id,
      audience: "buyer",
      client: `buyer:${context.clientIp}`,
      allowed: () => getInquiryByToken(context.services, token)?.id === inquiry.id,
    }) ?? json(TOO_MANY_STREAMS, { status: 429, headers: PRIVATE })
  );
}
