import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getStaffUser, requireCsrf, signOut } from "~/server/auth/auth.server";
import { readForm } from "~/server/form-body.server";

export function loader() {
  return redirect("/login");
}

export function action({ request, context }: ActionFunctionArgs) {
  const user = getStaffUser(request, context.services);
  if (user) requireCsrf(readForm(context), user);
  return redirect("/login", { headers: { "Set-Cookie": signOut(request, context.services) } });
}
