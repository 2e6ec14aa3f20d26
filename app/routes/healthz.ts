import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { checkHealth } from "~/server/health.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const health = await checkHealth(context.services);
  return json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
