import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { IntakeForm } from "~/components/intake-form";
import { languageFromHeader } from "~/i18n/languages";
import { submitIntake } from "~/server/intake.server";

export const meta: MetaFunction = () => [{ title: "Request a quote: send a part for MIM review" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const { maxFileBytes, maxFiles, maxRequestBytes } = context.services.config.limits;
  return json({
    language: languageFromHeader(request.headers.get("accept-language")),
    limits: { maxFileBytes, maxFiles, maxRequestBytes },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const result = await submitIntake(request, context.services, context.clientIp);
  if (result.ok) return redirect(`/rfq/received?ref=${encodeURIComponent(result.reference)}`);
  return json(result.state, { status: result.status });
}

export default function NewInquiry() {
  const { language, limits } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <section className="panel">
      <h1>Send a part for MIM review</h1>
      <p className="lead">
        Tell us about the part and attach its drawings or 3D models. An engineer checks whether metal injection molding
        suits it, then we quote. Fields marked (required) are needed to start the review.
      </p>
      <IntakeForm state={state} language={language} limits={limits} />
    </section>
  );
}
