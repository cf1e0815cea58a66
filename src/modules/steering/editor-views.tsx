import type { Child } from "hono/jsx";
import { Button, CsrfField, ErrorSummary } from "../../platform/ui/components.tsx";

/** What a pilote typed and what was refused, to show a form again. */
export type FormState = { values: Record<string, string>; errors: Record<string, string> };

/**
 * A pilote's form on the plan's pages: the summary of its errors, then the
 * form (CSRF field first) and its submit button (`submit`; none when the
 * children carry their own buttons).
 */
export function EditorForm({
  action,
  csrfToken,
  form,
  submit,
  children,
}: {
  action: string;
  csrfToken: string;
  form: FormState | undefined;
  submit?: string;
  children: Child;
}) {
  return (
    <>
      {form && Object.keys(form.errors).length > 0 && <ErrorSummary errors={form.errors} />}
      <form method="post" action={action} class="form">
        <CsrfField token={csrfToken} />
        {children}
        {submit && <Button>{submit}</Button>}
      </form>
    </>
  );
}

/** A field's name, the value to show (what was typed, else `saved`) and its message. */
export function bind(
  form: FormState | undefined,
  name: string,
  saved?: string,
): { name: string; value: string | undefined; error: string | undefined } {
  return { name, value: form?.values[name] ?? saved, error: form?.errors[name] };
}
