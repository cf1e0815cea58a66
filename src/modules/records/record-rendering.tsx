import type { Db } from "../../db/database.ts";
import { Conflict } from "../../platform/errors.ts";
import {
  type AppContext,
  pageContext,
  type UserContext,
  userContext,
} from "../../platform/http/context.ts";
import { formErrors } from "../../platform/http/forms.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import { openRecord } from "./record.ts";
import { listOrganisationNames, listPossibleReferents } from "./record-store.ts";
import type { Option } from "./record-views.tsx";
import { RecordPage } from "./views.tsx";

/** The breadcrumb of a page under "Dossiers", ending on the page itself. */
export const crumbs = (label: string) => [
  { label: "Espace professionnel", href: "/pro" },
  { label: "Dossiers", href: "/pro/dossiers" },
  { label },
];

async function organisationOptions(db: Db): Promise<Option[]> {
  const rows = await listOrganisationNames(db);
  return [
    { value: "", label: "Choisir une structure" },
    ...rows.map((row) => ({ value: row.id, label: row.name })),
  ];
}

async function colleagueOptions(ctx: Pick<UserContext, "db" | "actor">): Promise<Option[]> {
  const organisationIds = ctx.actor.memberships.map((m) => m.organisationId);
  if (organisationIds.length === 0) return [];
  const rows = await listPossibleReferents(ctx.db, organisationIds);
  return rows.map((row) => ({ value: row.id, label: row.display_name }));
}

/** Renders the record page; `errors` come from a refused form on it. */
export async function renderRecord(
  c: AppContext,
  parcoursId: string,
  errors: Record<string, string> = {},
  status: 200 | 400 | 409 = 200,
  unsavedSituation?: Record<string, string>,
) {
  const ctx = userContext(c);
  const view = await openRecord(ctx, parcoursId);
  const name = `${view.person.firstName} ${view.person.lastName}`;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={Object.keys(errors).length > 0 ? `Erreur — Dossier de ${name}` : `Dossier de ${name}`}
      breadcrumb={[
        { label: "Espace professionnel", href: "/pro" },
        { label: "Dossiers", href: "/pro/dossiers" },
        { label: name },
      ]}
    >
      <RecordPage
        view={view}
        now={ctx.now}
        token={c.var.csrfToken}
        errors={errors}
        unsavedSituation={unsavedSituation}
        organisations={
          view.can.writeRecord || view.can.recordConsent ? await organisationOptions(ctx.db) : []
        }
        colleagues={view.can.assignReferent ? await colleagueOptions(ctx) : []}
      />
    </Layout>,
    status,
  );
}

/**
 * Runs a change on a record, then goes back to it; a refused change (bad
 * input, someone else's edit in between) shows the record again with the
 * French message and changes nothing. `typed.situation`, filled by the
 * change, is shown back when someone else's edit came first.
 */
export async function changeRecord(
  c: AppContext,
  parcoursId: string,
  anchor: string,
  change: () => Promise<unknown>,
  typed: { situation?: Record<string, string> } = {},
) {
  try {
    await change();
  } catch (error) {
    if (error instanceof Conflict)
      return renderRecord(c, parcoursId, { formulaire: error.message }, 409, typed.situation);
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderRecord(c, parcoursId, errors, 400);
  }
  return c.redirect(`/pro/dossiers/${parcoursId}#${anchor}`, 303);
}
