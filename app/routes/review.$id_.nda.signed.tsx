import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { fileDownloadResponse } from "~/server/files/download.server";
import { openSignedNda } from "~/server/review/nda.server";
import { requirePermission } from "~/server/auth/permissions.server";

/** The recorded signed NDA, for staff: always an attachment. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context.services, "see");
  const opened = await openSignedNda(context.services, params.id ?? "");
  if (!opened) throw json("No signed NDA is recorded for this inquiry.", { status: 404 });
  return fileDownloadResponse({ originalName: opened.signed.originalName, format: "pdf" }, opened);
}
