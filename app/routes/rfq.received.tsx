import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FirstAnswerPromiseLine } from "~/components/factory-brand";
import { firstAnswerPromise } from "~/server/factory.server";

export const meta: MetaFunction = () => [{ title: "Inquiry received" }];

const query = z.object({ ref: z.string().regex(/^RFQ-\d{4}-\d{5,}$/) });

export function loader({ request, context }: LoaderFunctionArgs) {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw json("This confirmation link has no inquiry reference.", { status: 404 });
  return json({ reference: parsed.data.ref, promise: firstAnswerPromise(context.services.db) });
}

export default function Received() {
  const { reference, promise } = useLoaderData<typeof loader>();
  return (
    <section className="panel confirmation">
      <p className="eyebrow">Thank you: your inquiry is in</p>
      <h1>
        Your reference is <span className="reference">{reference}</span>
      </h1>
      <p>
        We have sent an acknowledgement to your e-mail address with this reference and your{" "}
        <strong>private status link</strong>. Open it to follow the review, answer our engineers&apos; questions and add
        files.
      </p>
      <FirstAnswerPromiseLine promise={promise} />
      <ol className="timeline-preview">
        <li className="done">Received</li>
        <li>Engineering review: MIM suitability, process risks, sizing and secondary operations</li>
        <li>Quotation</li>
      </ol>
      <p className="hint">
        No e-mail within a few minutes? Check your spam folder, and quote {reference} when you contact us.
      </p>
      <p>
        <Link to="/rfq/new">Send another part</Link>
      </p>
    </section>
  );
}
