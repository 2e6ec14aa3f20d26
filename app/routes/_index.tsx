import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { metaTranslator } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("common:home.title") }];

export default function Index() {
  const { t } = useTranslation("common");
  return (
    <section className="panel hero">
      <h1>{t("home.heading")}</h1>
      <p>{t("home.intro")}</p>
      <ol className="steps">
        <li>{t("home.step1")}</li>
        <li>{t("home.step2")}</li>
        <li>{t("home.step3")}</li>
      </ol>
      <p>
        <Link className="button primary" to="/rfq/new">
          {t("home.cta")}
        </Link>
      </p>
    </section>
  );
}
