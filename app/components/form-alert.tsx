/**
 * A form's refusal that is about no one field (a stale version, a wrong state, a file that could not
 * be stored), at the top of the form; `errorId` is the id Conform points the form's aria-describedby at.
 */
export function FormAlert({ form }: { form: { errors: string[] | undefined; errorId: string } }) {
  if (!form.errors) return null;
  return (
    <div className="alert" role="alert" id={form.errorId}>
      <p>{form.errors.join(" ")}</p>
    </div>
  );
}
