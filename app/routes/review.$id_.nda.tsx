import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { NdaForm } from "~/components/review/nda-panel";
import { requirePermission } from "~/server/auth/permissions.server";
import { findInquiry } from "~/server/review/review.server";
import { recordSignedNda, requireNdaRecorder } from "~/server/review/nda.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Record the signed NDA: ${data.reference}` : "Record the signed NDA" },
];

/** The recording form on a page of its own: where a refused upload comes back, with or without JavaScript. */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context.services, "record_nda");
  const inquiry = findInquiry(context.services.db, params.id ?? "");
  if (!inquiry)
    throw json("No inquiry has this address. It may have been mistyped: go back to the queue.", { status: 404 });
  return json(
    { id: inquiry.id, reference: inquiry.reference, partName: inquiry.partName, csrf: user.csrfToken },
    { headers: NO_STORE },
  );
}

/** A multipart upload (server.ts streams it through the upload limits): the signed NDA and its date. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireNdaRecorder(request, context.services);
  const outcome = await recordSignedNda(request, context.services, user, params.id ?? "");
  if (outcome.ok) return redirect(`/review/${params.id}`, { headers: NO_STORE });
  return json(outcome.result, { status: outcome.status, headers: NO_STORE });
}

export default function RecordNda() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="panel">
      <p>
        <Link to={`/review/${data.id}`}>← Back to {data.reference}</Link>
      </p>
      <h1>Record the signed NDA</h1>
      <p className="lead">
        {data.reference} · {data.partName}. Once it is recorded, staff can open the buyer&apos;s files.
      </p>
      <NdaForm inquiryId={data.id} csrf={data.csrf} lastResult={result} />
    </section>
  );
}
