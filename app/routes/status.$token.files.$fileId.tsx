import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { fileDownloadResponse, openInquiryFile } from "~/server/files/download.server";
import { buyerLanguage, translatorFor } from "~/server/i18n/i18n.server";

/** A buyer's own file, reachable only through the status token of the inquiry it belongs to. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const opened = await openInquiryFile(context.services, params.token ?? "", params.fileId ?? "");
  if (!opened) {
    const t = translatorFor(await buyerLanguage(request, context));
    throw json(t("status:notOurFile"), { status: 404, headers: { "Cache-Control": "private, no-store" } });
  }
  // "?view" opens a PDF drawing in the browser's viewer; everything else is always an attachment.
  return fileDownloadResponse(opened.file, opened, { view: new URL(request.url).searchParams.has("view") });
}
