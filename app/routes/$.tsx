import { ErrorPage } from "~/components/error-page";

/**
 * Every address no other route takes. Remix answers a URL that matches no route without running
 * any loader, so its 404 page had no language and no messages. Thrown here and caught by this
 * route's own boundary, the 404 is rendered with the root loader's data, also after a post (a
 * boundary's own loader does not run after its action fails, the loaders above it do): the page's
 * language, the buyer's or English on staff paths.
 */
function notFound(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export const loader = notFound;
export const action = notFound;

/** Never rendered (the loader always throws), but a component makes this a page route, not a resource route. */
export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
