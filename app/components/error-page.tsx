import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * The error page, for the root's boundary and the catch-all route's 404. A refusal our routes
 * worded (a string they threw, already in the page's language) is shown as it is; the router's own
 * messages ("No route matches URL ...") and any other error's internals never are: the page says
 * in its language what happened instead.
 */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation("common");
  const [title, detail] = isRouteErrorResponse(error)
    ? [
        error.status === 404 ? t("error.notFound") : t("error.status", { status: error.status }),
        // The router marks its own responses `internal` (the type does not declare it).
        !(error as { internal?: boolean }).internal && typeof error.data === "string" && error.data
          ? error.data
          : t(error.status === 404 ? "error.notFoundDetail" : "error.refusedDetail"),
      ]
    : [t("error.unexpected"), t("error.unexpectedDetail")];
  return (
    <section className="panel" role="alert">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
