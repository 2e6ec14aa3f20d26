import { CommentForm } from "./workspace-forms";

/** The staff's internal comments on an inquiry, and a form to add one. */
export function CommentsPanel({
  comments,
  version,
  csrf,
}: {
  comments: { id: number; who: string; at: string; text: string }[];
  version: number;
  csrf: string;
}) {
  return (
    <section className="panel" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Internal comments</h2>
      <p className="hint">Staff only: the buyer never sees these.</p>
      <ul>
        {comments.map((c) => (
          <li key={c.id}>
            <strong>{c.who}</strong> ({c.at}): {c.text}
          </li>
        ))}
      </ul>
      <CommentForm version={version} csrf={csrf} />
    </section>
  );
}
