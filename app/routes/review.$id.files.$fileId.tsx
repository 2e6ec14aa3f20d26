import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/server/auth/permissions.server";
import { fileDownloadResponse, openFileForStaff } from "~/server/files/download.server";
import { requireFilesOpen } from "~/server/review/nda.server";

/** Staff download of a buyer's file: role-checked, logged on the inquiry's timeline, sent as an attachment. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context.services, "see");
  requireFilesOpen(context.services, params.id ?? "");
  const opened = await openFileForStaff(context.services, user, params.id ?? "", params.fileId ?? "");
  if (!opened) throw json("This file is not part of that inquiry.", { status: 404 });
  // "?view" opens a PDF drawing in the browser's viewer; everything else is always an attachment.
  return fileDownloadResponse(opened.file, opened, { view: new URL(request.url).searchParams.has("view") });
}
