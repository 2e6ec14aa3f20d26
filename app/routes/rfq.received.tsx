import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FirstAnswerPromiseLine } from "~/components/factory-brand";
import { Ltr } from "~/components/ltr";
import { ltr } from "~/i18n/bidi";
import { metaTranslator } from "~/i18n/meta";
import { firstAnswerPromise } from "~/server/factory/factory.server";
import { buyerLanguage, translatorFor } from "~/server/i18n/i18n.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("intake:meta.receivedTitle") }];

const query = z.object({ ref: z.string().regex(/^RFQ-\d{4}-\d{5,}$/) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const t = translatorFor(await buyerLanguage(request, context));
    throw json(t("intake:received.noReference"), { status: 404 });
  }
  return json({ reference: parsed.data.ref, promise: firstAnswerPromise(context.services.db) });
}

export default function Received() {
  const { reference, promise } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("intake");
  return (
    <section className="panel confirmation">
      <p className="eyebrow">{t("received.eyebrow")}</p>
      <h1>
        {t("received.heading")}{" "}
        <span className="reference">
          <Ltr>{reference}</Ltr>
        </span>
      </h1>
      <p>
        {/* The space, if any, is the message's own: Japanese and Chinese write none. */}
        {t("received.sentBefore")}
        <strong>{t("received.statusLink")}</strong>
        {t("received.sentAfter")}
      </p>
      <FirstAnswerPromiseLine promise={promise} />
      <ol className="timeline-preview">
        <li className="done">{t("received.stepReceived")}</li>
        <li>{t("received.stepReview")}</li>
        <li>{t("received.stepQuote")}</li>
      </ol>
      <p className="hint">{t("received.noEmail", { reference: ltr(reference) })}</p>
      <p>
        {/* In the language of this page: framed on another site, the form gets no cookie of ours to remember it. */}
        <Link to={`/rfq/new?lng=${i18n.language}`}>{t("received.another")}</Link>
      </p>
    </section>
  );
}
