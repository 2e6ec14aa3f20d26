import { AskForm } from "./workspace-forms";

type Question = {
  id: string;
  text: string;
  by: string;
  at: string;
  wantsRevision: boolean;
  answer: string | null;
  answeredAt: string | null;
};

/** The questions asked of the buyer with their answers, and a way to ask one when the state allows. */
export function QuestionsPanel({
  questions,
  canAsk,
  version,
  csrf,
  buyerLanguage,
}: {
  questions: Question[];
  canAsk: boolean;
  version: number;
  csrf: string;
  /** The inquiry's stored language code: the question is written in it. */
  buyerLanguage: string;
}) {
  return (
    <section className="panel" aria-labelledby="questions-heading">
      <h2 id="questions-heading">Questions to the buyer</h2>
      {questions.length === 0 ? <p className="muted">No questions asked.</p> : null}
      <ul className="qa">
        {questions.map((q) => (
          <li key={q.id}>
            <p>
              <strong>{q.by}</strong> asked on {q.at}
              {q.wantsRevision ? " (revised drawing requested)" : ""}: {q.text}
            </p>
            <p className={q.answer ? "" : "muted"}>
              {q.answer ? `Answer (${q.answeredAt}): ${q.answer}` : "Not answered yet."}
            </p>
          </li>
        ))}
      </ul>
      {canAsk ? <AskForm version={version} csrf={csrf} buyerLanguage={buyerLanguage} /> : null}
    </section>
  );
}
