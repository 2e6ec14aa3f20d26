import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { checkHealth, healthDetailsAccess, publicHealth } from "~/server/health.server";

const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const access = healthDetailsAccess(request, context.services);
  if (access === "wrong") {
    return json(
      {
        error:
          "The bearer token does not match HEALTH_TOKEN. Send `Authorization: Bearer <HEALTH_TOKEN>`, or no Authorization header for the public status.",
      },
      { status: 401, headers: NO_STORE },
    );
  }
  const health = await checkHealth(context.services);
  return json(access === "granted" ? health : publicHealth(health), {
    status: health.ok ? 200 : 503,
    headers: NO_STORE,
  });
}
