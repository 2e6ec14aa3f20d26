import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/server/auth/permissions.server";
import { openPreview, previewResponse } from "~/server/cad/preview.server";
import { requireFilesOpen } from "~/server/review/nda.server";

/** The glTF preview of a model, or a drawing's first page, for the staff workspace. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context.services, "see");
  requireFilesOpen(context.services, params.id ?? "");
  const preview = await openPreview(context.services, params.id ?? "", params.fileId ?? "");
  if (!preview) throw json("This model has no preview (yet).", { status: 404 });
  return previewResponse(preview);
}
