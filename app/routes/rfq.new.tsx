import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IntakeForm, INTAKE_FORM_ID } from "~/components/intake-form";
import type { LanguageSwitchHandle } from "~/components/language-switcher";
import { formatBytes } from "~/utils/format";
import { metaTranslator } from "~/i18n/meta";
import { buyerLanguage, languageCookieHeader } from "~/server/i18n/i18n.server";
import { submitIntake } from "~/server/buyer/intake.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("intake:meta.title") }];

/** The language switcher posts this form to its action, so a switch keeps every answer and file. */
export const handle: LanguageSwitchHandle = {
  languageForm: { id: INTAKE_FORM_ID, action: (language) => `/rfq/new?lng=${language}&intent=${SWITCH_LANGUAGE}` },
};

const SWITCH_LANGUAGE = "switch-language";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { maxFileBytes, maxFiles, maxRequestBytes } = context.services.config.limits;
  const language = await buyerLanguage(request, context);
  return json({
    language,
    limits: { maxFileBytes, maxFiles, maxRequestBytes },
    maxFileSize: formatBytes(maxFileBytes, language),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const language = await buyerLanguage(request, context);
  const switching = new URL(request.url).searchParams.get("intent") === SWITCH_LANGUAGE;
  const result = await submitIntake(request, context.services, context.clientIp, { language, keepOnly: switching });
  // The confirmation page follows in the language the form was in (it may have come from ?lng=).
  const remember = { "Set-Cookie": await languageCookieHeader(context.services, language) };
  if (result.ok) {
    // In the address as well: a form embedded in another site's frame gets no cookie of ours.
    const received = new URLSearchParams({ ref: result.reference, lng: language });
    return redirect(`/rfq/received?${received}`, { headers: remember });
  }
  return json(result.state, { status: result.status, headers: switching ? remember : undefined });
}

export default function NewInquiry() {
  const { language, limits, maxFileSize } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { t } = useTranslation("intake");
  return (
    <section className="panel">
      <h1>{t("page.heading")}</h1>
      <p className="lead">{t("page.lead")}</p>
      <IntakeForm state={state} language={language} limits={limits} maxFileSize={maxFileSize} />
    </section>
  );
}
