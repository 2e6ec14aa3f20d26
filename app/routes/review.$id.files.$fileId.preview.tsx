import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/server/auth.server";
import { openPreview, previewResponse } from "~/server/cad/preview.server";

/** The glTF preview of a model for the staff viewer. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireStaff(request, context.services, ["engineer", "sales", "admin"]);
  const preview = await openPreview(context.services, params.id ?? "", params.fileId ?? "");
  if (!preview) throw json("This model has no preview (yet).", { status: 404 });
  return previewResponse(preview);
}
