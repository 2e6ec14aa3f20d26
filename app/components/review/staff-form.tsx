import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { CSRF_FIELD } from "~/forms/csrf";

export type WorkspaceActionData = { intent: string; message: string; values: Record<string, string | string[]> };

/**
 * Every workspace form: the intent, the inquiry version it was rendered from (optimistic
 * concurrency), the anti-forgery token, and the refusal for this form shown beside it.
 */
export function StaffForm({
  intent,
  version,
  csrf,
  label,
  children,
  className,
}: {
  intent: string;
  version: number;
  csrf: string;
  label: string;
  children: ReactNode;
  className?: string;
}) {
  const data = useActionData<WorkspaceActionData>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" className={className ?? "staff-form"} aria-label={label} preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {data?.intent === intent ? (
        <div className="alert" role="alert">
          <p>{data.message}</p>
        </div>
      ) : null}
      <fieldset disabled={busy} className="plain">
        {children}
      </fieldset>
    </Form>
  );
}

/** What the user typed into this form before a refused save, so nothing is lost. */
export function useKeptValues(intent: string): Record<string, string | string[]> {
  const data = useActionData<WorkspaceActionData>();
  return data?.intent === intent ? data.values : {};
}

export function kept(values: Record<string, string | string[]>, name: string): string | undefined {
  const v = values[name];
  return Array.isArray(v) ? v[0] : v;
}

export function keptList(values: Record<string, string | string[]>, name: string): string[] {
  const v = values[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
