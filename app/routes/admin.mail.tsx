import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { CSRF_FIELD } from "~/forms/csrf";
import { retryForm } from "~/forms/mail";
import { requireCsrf } from "~/server/auth/auth.server";
import { requirePermission } from "~/server/auth/permissions.server";
import { readForm } from "~/server/form-body.server";
import { listDeadLetters, retryDeadLetter } from "~/server/mail/outbox.server";
import { formatDateTime } from "~/utils/format";

const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "Undeliverable e-mail" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  return json({ csrf: admin.csrfToken, letters: listDeadLetters(context.services.db) }, { headers: NO_STORE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  const form = readForm(context);
  requireCsrf(form, admin);
  const submission = parseWithZod(form, { schema: retryForm });
  // The message's id is a hidden field: its problems are the form's, shown at the top of the page.
  const refuse = (message: string, status: number) =>
    json({ ...submission.reply(), error: { "": [message] } }, { status, headers: NO_STORE });
  if (submission.status !== "success")
    return refuse(Object.values(submission.error ?? {}).flat()[0] ?? "Reload the page and try again.", 400);
  const { services } = context;
  const { id } = submission.value;
  if (!retryDeadLetter(services.db, id))
    return refuse("That message is no longer undeliverable (someone retried it already): reload the page.", 409);
  services.logger.info(`${admin.email} put dead letter ${id} back in the outbox`);
  services.outbox.nudge();
  return redirect("/admin/mail?retried=1");
}

export default function AdminMail() {
  const { csrf, letters } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="panel">
      <p>
        <Link to="/review">← Review queue</Link>
      </p>
      <h1>Undeliverable e-mail</h1>
      <p>
        The receiving mail server refused these messages for good (an SMTP 5xx answer, such as an unknown address), so
        they are no longer retried. Check the address or the answer, then send the message again; other failures are
        retried automatically.
      </p>
      {params.get("retried") && !data ? (
        <p className="notice" role="status">
          The message is back in the queue and is being sent.
        </p>
      ) : null}
      {data?.error?.[""] ? (
        <p className="error" role="alert">
          {data.error[""].join(" ")}
        </p>
      ) : null}
      {letters.length === 0 ? (
        <p className="muted">No undeliverable e-mail.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Subject</th>
              <th scope="col">Mail server&apos;s answer</th>
              <th scope="col">Given up</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {letters.map((letter) => (
              <tr key={letter.id}>
                <td>{letter.to}</td>
                <td>{letter.subject}</td>
                <td>{letter.lastError}</td>
                <td>{letter.failedAt ? formatDateTime(new Date(letter.failedAt)) : null}</td>
                <td>
                  <Form
                    method="post"
                    aria-label={`Retry e-mail to ${letter.to}: ${letter.subject}`}
                    className="inline-form"
                  >
                    <input type="hidden" name={CSRF_FIELD} value={csrf} />
                    <input type="hidden" name="id" value={letter.id} />
                    <button type="submit" className="button">
                      Retry
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
