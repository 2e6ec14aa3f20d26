import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { openPreview, previewResponse } from "~/server/cad/preview.server";
import { getInquiryByToken } from "~/server/buyer/request-inquiry.server";

/** The glTF preview of the buyer's own model, reachable only through their status link. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const inquiry = getInquiryByToken(context.services, params.token ?? "");
  const preview = inquiry ? await openPreview(context.services, inquiry.id, params.fileId ?? "") : null;
  if (!preview) throw json("This model has no preview (yet).", { status: 404 });
  return previewResponse(preview);
}
