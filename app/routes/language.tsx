import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { languageSwitchSchema } from "~/forms/language";
import { readForm } from "~/server/form-body.server";
import { buyerLanguage, translatorFor } from "~/server/i18n/i18n.server";
import { switchLanguage } from "~/server/i18n/language.server";

/** Only the switcher's post lands here; a visit goes to the start page. */
export const loader = () => redirect("/");

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = languageSwitchSchema.safeParse(Object.fromEntries(readForm(context)));
  if (!parsed.success) {
    const t = translatorFor(await buyerLanguage(request, context));
    throw json(t(parsed.error.issues[0]!.message), { status: 400 });
  }
  const { location, cookie } = await switchLanguage(context.services, parsed.data.lng, parsed.data.returnTo);
  return redirect(location, { headers: { "Set-Cookie": cookie } });
}
