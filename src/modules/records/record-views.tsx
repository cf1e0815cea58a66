// Building blocks of the record page: a section with its heading, a POST
// form carrying the CSRF token, and the props the sections' forms share.

import type { Child } from "hono/jsx";
import { CsrfField } from "../../platform/ui/components.tsx";
import type { RecordView } from "./record.ts";

export type Option = { value: string; label: string };
/** What the record's forms need: its address, the CSRF token, a refused form's errors. */
export type FormProps = { base: string; token: string; errors: Record<string, string> };
export type Capabilities = RecordView["can"];
/** The body of the record, present when the actor may read it. */
export type RecordBody = NonNullable<RecordView["record"]>;
/** What every section of the record page receives. */
export type SectionProps = FormProps & { record: RecordBody; can: Capabilities };

export function PostForm({
  action,
  token,
  children,
  enctype,
}: {
  action: string;
  token: string;
  children: Child;
  enctype?: "multipart/form-data";
}) {
  return (
    <form method="post" action={action} class="records-form" enctype={enctype}>
      <CsrfField token={token} />
      {children}
    </form>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: Child }) {
  return (
    <section id={id} class="records-section" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>{title}</h2>
      {children}
    </section>
  );
}
