import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import {
  factoryLogoForm,
  LOGO_ERRORS,
  LOGO_TOO_LARGE,
  SCRIPT_PARAM,
  logoErrorCode,
  logoTypeOf,
  MAX_LOGO_BYTES,
  NOT_AN_IMAGE,
} from "~/forms/factory-logo";
import { requireCsrf } from "~/server/auth/auth.server";
import { removeFactoryLogo, storeFactoryLogo } from "~/server/factory/factory.server";
import { prepareLogo } from "~/server/factory/logo-image.server";
import { requirePermission } from "~/server/auth/permissions.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

/**
 * A refusal as the page's script expects it (Conform's reply), or, for a post made without
 * JavaScript, back to the profile page with the refusal's code in the address (a browser would
 * show a JSON answer as raw text; the page words the code, so the address carries no text).
 */
function refuse(request: Request, reply: SubmissionResult, init: { headers?: Record<string, string> } = {}) {
  const headers = { ...NO_STORE, ...init.headers };
  if (new URL(request.url).searchParams.has(SCRIPT_PARAM)) return json(reply, { status: 400, headers });
  return redirect(`/admin/factory?logoError=${logoErrorCode(reply.error?.logo?.[0])}`, { headers });
}

export function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context.services, "administer");
  return redirect("/admin/factory", { headers: NO_STORE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_LOGO_BYTES }),
    );
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) throw error;
    // The rest of the body is left unread, so the connection cannot carry another request.
    return refuse(
      request,
      { status: "error", error: { logo: [LOGO_TOO_LARGE] } },
      { headers: { Connection: "close" } },
    );
  }
  requireCsrf(form, admin);
  const submission = parseWithZod(form, { schema: factoryLogoForm });
  if (submission.status !== "success") return refuse(request, submission.reply());
  const { db, logger } = context.services;
  if (submission.value.intent === "remove") {
    removeFactoryLogo(db);
    logger.info(`${admin.email} removed the factory logo`);
    return redirect("/admin/factory?saved=logo-removed", { headers: NO_STORE });
  }
  const bytes = Buffer.from(await submission.value.logo.arrayBuffer());
  const type = logoTypeOf(bytes);
  if (!type) return refuse(request, submission.reply({ fieldErrors: { logo: [NOT_AN_IMAGE] } }));
  const logo = await prepareLogo(bytes, type);
  if (!logo.ok) return refuse(request, submission.reply({ fieldErrors: { logo: [LOGO_ERRORS[logo.problem]] } }));
  storeFactoryLogo(db, admin.id, logo.bytes, type);
  logger.info(
    `${admin.email} uploaded a factory logo (${type}, ${bytes.length} bytes${logo.bytes === bytes ? "" : `, stored shrunk to ${logo.bytes.length} bytes`})`,
  );
  return redirect("/admin/factory?saved=logo", { headers: NO_STORE });
}
