import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { CSRF_FIELD } from "~/forms/csrf";
import { requireStaff } from "~/server/auth.server";
import { formatDateTime } from "~/utils/format";
import { listRecentInquiries } from "../../db/queries/inquiries";
import { materialLabel } from "../../workflows/materials";
import { stateLabel } from "../../workflows/inquiry";

export const meta: MetaFunction = () => [{ title: "Review queue" }];

const STAFF_ROLES_FOR_QUEUE = ["engineer", "sales", "admin"] as const;

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireStaff(request, context.services, STAFF_ROLES_FOR_QUEUE);
  const inquiries = listRecentInquiries(context.services.db, 50).map((i) => ({
    id: i.id,
    reference: i.reference,
    company: i.company,
    partName: i.partName,
    material: materialLabel(i.material),
    annualVolume: i.annualVolume,
    state: stateLabel(i.state),
    ndaRequired: i.ndaRequired,
    exportControlled: i.exportControlled,
    receivedAt: formatDateTime(i.createdAt),
  }));
  return json({ user: { name: user.name, roles: user.roles }, csrf: user.csrfToken, inquiries }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function ReviewQueue() {
  const { user, csrf, inquiries } = useLoaderData<typeof loader>();
  return (
    <section className="panel">
      <div className="toolbar">
        <p className="muted">
          Signed in as {user.name} ({user.roles.join(", ")})
        </p>
        <Form method="post" action="/logout">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <button type="submit" className="button">
            Sign out
          </button>
        </Form>
      </div>
      <h1>Review queue</h1>
      {inquiries.length === 0 ? (
        <p>No inquiries yet. They appear here as soon as a buyer sends one.</p>
      ) : (
        <table className="files">
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Company</th>
              <th scope="col">Part</th>
              <th scope="col">Material</th>
              <th scope="col">Annual volume</th>
              <th scope="col">State</th>
              <th scope="col">Flags</th>
              <th scope="col">Received</th>
            </tr>
          </thead>
          <tbody>
            {inquiries.map((i) => (
              <tr key={i.id}>
                <td className="reference">{i.reference}</td>
                <td>{i.company}</td>
                <td>{i.partName}</td>
                <td>{i.material}</td>
                <td>{i.annualVolume.toLocaleString("en-US")}</td>
                <td>{i.state}</td>
                <td>{[i.ndaRequired ? "NDA" : null, i.exportControlled ? "Export-controlled" : null].filter(Boolean).join(", ")}</td>
                <td>{i.receivedAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
