import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CSRF_FIELD } from "~/forms/csrf";
import { requireCsrf } from "~/server/auth.server";
import { requirePermission } from "~/server/permissions.server";
import { readForm } from "~/server/form-body.server";
import { listDeadLetters, retryDeadLetter } from "~/server/outbox.server";
import { formatDateTime } from "~/utils/format";

const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "Undeliverable e-mail" }];

const retryForm = z.object({ id: z.coerce.number().int().positive() });

export function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  return json({ csrf: admin.csrfToken, letters: listDeadLetters(context.services.db) }, { headers: NO_STORE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  const form = readForm(context);
  requireCsrf(form, admin);
  const parsed = retryForm.safeParse({ id: form.get("id") });
  if (!parsed.success)
    return json(
      { error: "This form is missing the message: reload the page and try again." },
      { status: 400, headers: NO_STORE },
    );
  const { services } = context;
  if (!retryDeadLetter(services.db, parsed.data.id)) {
    return json(
      { error: "That message is no longer undeliverable (someone retried it already): reload the page." },
      { status: 409, headers: NO_STORE },
    );
  }
  services.logger.info(`${admin.email} put dead letter ${parsed.data.id} back in the outbox`);
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
      {data?.error ? (
        <p className="error" role="alert">
          {data.error}
        </p>
      ) : null}
      {letters.length === 0 ? (
        <p className="muted">No undeliverable e-mail.</p>
      ) : (
        <table className="files">
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
