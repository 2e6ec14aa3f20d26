import { Link, useRouteLoaderData } from "@remix-run/react";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import type { FactoryBrand, FirstAnswerPromise } from "~/server/factory/factory.server";

const PRODUCT = "mim-rfq";

function useBrand(): FactoryBrand | undefined {
  return useRouteLoaderData<{ brand?: FactoryBrand }>("root")?.brand;
}

/** The header's home link: the factory's logo and name once an admin set them, else the product's name. */
export function FactoryBrandLink() {
  const brand = useBrand();
  return (
    <Link to="/" className="brand">
      {/* The name beside it says what the logo shows: a second reading of it would be noise. */}
      {brand?.logoPath ? <img src={brand.logoPath} alt="" className="brand-logo" /> : null}
      {brand?.name ?? PRODUCT}
    </Link>
  );
}

/** The factory's accent as the stylesheet's --accent, for an element's style (the root <html>). */
export function useAccentStyle(): CSSProperties | undefined {
  const accent = useBrand()?.accent;
  return accent ? ({ "--accent": accent } as CSSProperties) : undefined;
}

/** The admin's first-answer promise, one line in the buyer's language; nothing when none is set. */
export function FirstAnswerPromiseLine({ promise }: { promise: FirstAnswerPromise | null }) {
  const { t } = useTranslation("factory");
  if (!promise) return null;
  return <p className="promise">{t("promise.firstAnswer", promise)}</p>;
}
