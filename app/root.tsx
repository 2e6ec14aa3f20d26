import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import stylesheet from "~/styles/app.css";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "MIM part review and quotation" }];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="site-header">
          <Link to="/" className="brand">
            mim-rfq
          </Link>
          <span className="brand-sub">Metal injection molding: part review and quotation</span>
        </header>
        <main className="page">{children}</main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const [title, detail] = isRouteErrorResponse(error)
    ? [
        error.status === 404 ? "Page not found" : `Error ${error.status}`,
        typeof error.data === "string" ? error.data : error.statusText,
      ]
    : ["Something went wrong", "The error has been logged. Please try again; nothing you sent has been lost."];
  return (
    <section className="panel" role="alert">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <Link to="/">Back to the start page</Link>
      </p>
    </section>
  );
}
