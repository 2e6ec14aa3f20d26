import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getStaffUser, requireCsrf, signOut } from "~/server/auth.server";

export function loader() {
  return redirect("/login");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = getStaffUser(request, context.services);
  if (user) requireCsrf(await request.formData(), user);
  return redirect("/login", { headers: { "Set-Cookie": signOut(request, context.services) } });
}
