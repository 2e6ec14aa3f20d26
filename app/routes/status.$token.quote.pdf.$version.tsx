import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { fileDownloadResponse } from "~/server/files/download.server";
import { buyerLanguage, translatorFor } from "~/server/i18n/i18n.server";
import { openSentQuotePdf } from "~/server/buyer/quote-answer.server";
import { getInquiryByToken } from "~/server/buyer/request-inquiry.server";

/** The frozen PDF of a version sent to the buyer, only through the status token of its inquiry. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const inquiry = getInquiryByToken(context.services, params.token ?? "");
  const version = Number(params.version);
  const pdf = inquiry && Number.isInteger(version) ? await openSentQuotePdf(context.services, inquiry, version) : null;
  if (!pdf) {
    const t = translatorFor(await buyerLanguage(request, context));
    throw json(t("status:noQuotePdf"), { status: 404, headers: { "Cache-Control": "private, no-store" } });
  }
  return fileDownloadResponse({ originalName: pdf.name, format: "pdf" }, pdf);
}
