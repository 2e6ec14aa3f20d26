import { BuyerLanguageHint } from "~/components/buyer-language-hint";
import { conformProps, SelectField, TextAreaField } from "~/components/fields";
import { errorOf, StaffForm, useWorkspaceForm } from "./staff-form";

type Common = { version: number; csrf: string };

export function AssignForm({
  version,
  csrf,
  assigneeId,
  engineers,
}: Common & { assigneeId: string | null; engineers: { id: string; name: string }[] }) {
  const [form, field] = useWorkspaceForm("assign", { assignee: assigneeId ?? "" });
  const assignee = field("assignee");
  return (
    <StaffForm form={form} intent="assign" version={version} csrf={csrf} label="Assignment" className="inline-form">
      <SelectField
        key={assignee.key}
        id="assignee"
        name={assignee.name}
        label="Assigned engineer"
        defaultValue={assignee.initialValue as string | undefined}
        error={errorOf(assignee)}
      >
        <option value="">Unassigned</option>
        {engineers.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button">
        Assign
      </button>
    </StaffForm>
  );
}

/** A review step that is only a button: starting triage, beginning the review. */
export function StepForm({
  version,
  csrf,
  intent,
  label,
  button,
}: Common & { intent: "start_triage" | "begin_review"; label: string; button: string }) {
  const [form] = useWorkspaceForm(intent);
  return (
    <StaffForm form={form} intent={intent} version={version} csrf={csrf} label={label} className="inline-form">
      <button type="submit" className="button primary">
        {button}
      </button>
    </StaffForm>
  );
}

export function AskForm({ version, csrf, buyerLanguage }: Common & { buyerLanguage: string }) {
  const [form, field] = useWorkspaceForm("ask");
  const question = field("question");
  const wantsRevision = field("wantsRevision");
  return (
    <StaffForm form={form} intent="ask" version={version} csrf={csrf} label="Ask the buyer">
      <TextAreaField
        key={question.key}
        {...conformProps(question)}
        label="Question for the buyer"
        hint={<BuyerLanguageHint language={buyerLanguage} />}
        required
        rows={3}
      />
      <label className="inline" key={wantsRevision.key}>
        <input type="checkbox" name={wantsRevision.name} defaultChecked={wantsRevision.initialValue === "on"} />
        Ask for a revised drawing or model
      </label>
      <p>
        <button type="submit" className="button primary">
          Send the question
        </button>
      </p>
    </StaffForm>
  );
}

export function CommentForm({ version, csrf }: Common) {
  const [form, field] = useWorkspaceForm("comment");
  const comment = field("comment");
  return (
    <StaffForm form={form} intent="comment" version={version} csrf={csrf} label="Add a comment">
      <TextAreaField key={comment.key} {...conformProps(comment)} label="Comment" required rows={2} />
      <button type="submit" className="button">
        Add comment
      </button>
    </StaffForm>
  );
}

export function WithdrawForm({ version, csrf }: Common) {
  const [form, field] = useWorkspaceForm("withdraw");
  const reason = field("reason");
  return (
    <details open={form.errors !== undefined || reason.errors !== undefined}>
      <summary>Withdraw this inquiry</summary>
      <StaffForm form={form} intent="withdraw" version={version} csrf={csrf} label="Withdraw">
        <TextAreaField key={reason.key} {...conformProps(reason)} label="Reason for withdrawing" required rows={2} />
        <button type="submit" className="button">
          Withdraw
        </button>
      </StaffForm>
    </details>
  );
}

export function ReopenForm({ version, csrf, gate, label }: Common & { gate: string; label: string }) {
  const [form, field] = useWorkspaceForm(`reopen-${gate}`);
  const reason = field("reason");
  return (
    <details className="reopen" open={form.errors !== undefined || reason.errors !== undefined}>
      <summary>Reopen this gate</summary>
      <StaffForm form={form} intent="reopen" version={version} csrf={csrf} label={`Reopen ${label}`}>
        <input type="hidden" name="gate" value={gate} />
        <TextAreaField
          key={reason.key}
          {...conformProps(reason)}
          label={`Reason for reopening ${label.toLowerCase()}`}
          required
          rows={2}
        />
        <button type="submit" className="button">
          Reopen {label.toLowerCase()}
        </button>
      </StaffForm>
    </details>
  );
}
