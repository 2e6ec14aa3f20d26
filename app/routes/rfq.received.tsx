import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

export const meta: MetaFunction = () => [{ title: "Inquiry received" }];

const query = z.object({ ref: z.string().regex(/^RFQ-\d{4}-\d{5,}$/) });

export function loader({ request }: LoaderFunctionArgs) {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw json("This confirmation link has no inquiry reference.", { status: 404 });
  return json({ reference: parsed.data.ref });
}

export default function Received() {
  const { reference } = useLoaderData<typeof loader>();
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
