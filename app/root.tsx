import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FactoryBrandLink, useAccentStyle } from "~/components/factory-brand";
import { LanguageSwitcher } from "~/components/language-switcher";
import { SessionStorageFallback } from "~/components/session-storage-fallback";
import { createI18n } from "~/i18n/create-i18n";
import { DEFAULT_LANGUAGE, languageInfo } from "~/i18n/languages";
import englishCommon from "~/locales/en/common.json";
import { isStaffPage } from "~/i18n/staff-pages";
import { factoryBrand } from "~/server/factory/factory.server";
import { pageI18n } from "~/server/i18n/i18n.server";
import { shouldRevalidateRoot } from "~/root-revalidation";
import latinFont from "~/assets/fonts/noto-sans-latin-wght-normal.woff2";
import stylesheet from "~/styles/app.css";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  // The stylesheet's @font-face points at the same hashed file: preloaded, the text is laid out once.
  { rel: "preload", href: latinFont, as: "font", type: "font/woff2", crossOrigin: "anonymous" },
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "MIM part review and quotation" }];

/** The page's language and only that language's messages: the browser never loads the other eight. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const brand = factoryBrand(context.services.db);
  // The accent is the buyer's pages' only: staff states (selected rows, gates) keep the colours they are read by.
  return json({
    ...(await pageI18n(request, context)),
    brand: isStaffPage(new URL(request.url).pathname) ? { ...brand, accent: null } : brand,
  });
}

export const shouldRevalidate = shouldRevalidateRoot;

/**
 * The words of the page's frame and of the error page when the root loader itself failed (its data
 * carries every message): English, rather than bare message keys.
 */
const WITHOUT_DATA = { common: englishCommon };

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const language = data?.language ?? DEFAULT_LANGUAGE;
  const i18n = useMemo(() => createI18n(language, data?.messages ?? WITHOUT_DATA), [language, data?.messages]);
  const { locale, dir } = languageInfo(language);
  const accentStyle = useAccentStyle();
  return (
    <html lang={locale} dir={dir} style={accentStyle}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <SessionStorageFallback nonce={nonce} />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <SiteHeader />
          <main className="page">{children}</main>
          <SiteFooter />
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SiteHeader() {
  const { t } = useTranslation("common");
  const { pathname } = useLocation();
  return (
    <header className="site-header">
      <FactoryBrandLink />
      <span className="brand-sub">{t("header.tagline")}</span>
      {isStaffPage(pathname) ? null : <LanguageSwitcher />}
    </header>
  );
}

/**
 * The product's own name appears here only, small: the buyer's pages are the factory's. Staff pages
 * are the product itself, and their sticky decision column needs the page to end where it ends.
 */
function SiteFooter() {
  const { t } = useTranslation("common");
  const { pathname } = useLocation();
  if (isStaffPage(pathname)) return null;
  return (
    <footer className="site-footer">
      <small>{t("footer.poweredBy", { product: "mim-rfq" })}</small>
    </footer>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
