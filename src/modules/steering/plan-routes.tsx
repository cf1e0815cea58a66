import { Hono } from "hono";
import { z } from "zod";
import { can } from "../../platform/access/policy.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
} from "../../platform/http/context.ts";
import { formRefusal, parseForm, parseParam } from "../../platform/http/forms.ts";
import { frenchLongDate } from "../../platform/time/french-dates.ts";
import { Alert, SelectField, Tag, TextAreaField } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { sheetFollowUp } from "./action-sheet.ts";
import { SheetFollowUpSections, TextHistory } from "./action-sheet-views.tsx";
import { DatasetJsonLd } from "./dataset-metadata-views.tsx";
import { bind, EditorForm, type FormState } from "./editor-views.tsx";
import { listMeetings, type MeetingView } from "./governance.ts";
import { GOVERNANCE_PATH, Meeting } from "./governance-views.tsx";
import { STATUS_LABELS, STATUS_TAGS } from "./labels.ts";
import { steeringRules } from "./policy.ts";
import { type ActionSheet, findPlan, requireActionSheet, updateAction } from "./service.ts";
import { ACTION_STATUSES, type ActionStatus } from "./tables.ts";

export const planRoutes = new Hono<AppEnv>();

const TITLE = "Le plan contre la pauvreté";
const ActionNumber = z.coerce.number().int().positive().max(9999);

const ActionForm = z.object({
  status: z.enum(ACTION_STATUSES, { error: "Choisissez un état." }),
  publication: z.enum(["publiee", "brouillon"], { error: "Choisissez publiée ou brouillon." }),
  observations: z.string().trim().max(5000, "5 000 caractères au plus.").default(""),
});

const parseNumber = (c: AppContext): number => parseParam(c, "number", ActionNumber);

function StatusTag({ status }: { status: ActionStatus }) {
  return <Tag kind={STATUS_TAGS[status]}>{STATUS_LABELS[status]}</Tag>;
}

function DemoNotice() {
  return (
    <Alert kind="warning" title="Données de démonstration">
      <p>
        Le plan vient du document officiel 2015-2017 des Hauts-de-Seine. L'état d'avancement des
        actions (en cours, réalisée…) est inventé pour la démonstration.
      </p>
    </Alert>
  );
}

planRoutes.get("/plan", async (c) => {
  const plan = await findPlan(requestContext(c));
  if (!plan) {
    return c.html(
      <Layout page={pageContext(c)} title={TITLE} breadcrumb={[{ label: TITLE }]}>
        <h1>{TITLE}</h1>
        <p>Aucun plan n'est publié pour le moment.</p>
        <p>
          <a href="/indicateurs">Voir les chiffres (indicateurs)</a>
        </p>
      </Layout>,
    );
  }
  const counts = new Map<ActionStatus, number>();
  for (const action of plan.axes.flatMap((a) => a.themes.flatMap((t) => t.actions))) {
    counts.set(action.status, (counts.get(action.status) ?? 0) + 1);
  }
  return c.html(
    <Layout page={pageContext(c)} title={TITLE} breadcrumb={[{ label: TITLE }]}>
      <h1>{plan.title}</h1>
      <DatasetJsonLd
        dataset={{
          name: `${plan.title} ${plan.period}`,
          description: plan.summary,
          url: new URL("/plan", c.var.deps.config.publicUrl).href,
          publisher: `Relais ${c.var.deps.territoryName}`,
          distributions: [
            {
              url: new URL("/api/v1/plan", c.var.deps.config.publicUrl).href,
              format: "application/json",
            },
            { url: new URL("/plan.csv", c.var.deps.config.publicUrl).href, format: "text/csv" },
          ],
        }}
      />
      <p class="lead">Période : {plan.period}</p>
      {plan.isDemo && <DemoNotice />}
      <p>{plan.summary}</p>
      <h2>Où en sont les actions ?</h2>
      <ul>
        {ACTION_STATUSES.flatMap((status) => {
          const count = counts.get(status) ?? 0;
          return count === 0 ? [] : [[status, count] as const];
        }).map(([status, count]) => (
          <li>
            {STATUS_LABELS[status]} : {count} action{count > 1 ? "s" : ""}
          </li>
        ))}
      </ul>
      <p>
        <a href="/indicateurs">Voir les chiffres du plan (indicateurs)</a> ·{" "}
        <a href={GOVERNANCE_PATH}>Qui pilote le plan (COPIL et groupes de travail)</a> ·{" "}
        <a href="/api/v1/plan">Télécharger le plan (données ouvertes, JSON)</a> ·{" "}
        <a href="/plan.csv">Télécharger la liste des actions (CSV)</a> ·{" "}
        <a href="/engagements">Les engagements des candidats (2021)</a> ·{" "}
        <a href="/budget">Le budget social</a>
      </p>
      {plan.axes.map((axis) => (
        <section aria-labelledby={`axe-${axis.number}`}>
          <h2 id={`axe-${axis.number}`}>
            Axe {axis.number} : {axis.title}
          </h2>
          {axis.themes.map((theme) => (
            <>
              <h3>
                Thème {theme.number} : {theme.title}
              </h3>
              <ul class="steering-actions">
                {theme.actions.map((action) => (
                  <li>
                    <a href={`/plan/actions/${action.number}`}>
                      Action {action.number} : {action.title}
                    </a>{" "}
                    <StatusTag status={action.status} />
                    {action.followedOnly && " (action nationale suivie dans le département)"}
                    {!action.published && " (brouillon, non publié)"}
                  </li>
                ))}
              </ul>
            </>
          ))}
        </section>
      ))}
      <p>Source : {plan.source}</p>
    </Layout>,
  );
});

planRoutes.get("/plan/actions/:number", async (c) => {
  const sheet = await requireActionSheet(requestContext(c), parseNumber(c));
  return renderSheet(c, sheet);
});

/** A pilote (or admin) changes the status, the publication or the COPIL's observations. */
planRoutes.post("/plan/actions/:number", async (c) => {
  const number = parseNumber(c);
  const ctx = requestContext(c);
  try {
    const input = await parseForm(c, ActionForm);
    await updateAction(ctx, number, {
      status: input.status,
      published: input.publication === "publiee",
      copilObservations: input.observations,
    });
  } catch (error) {
    const refused = await formRefusal(c, error);
    const sheet = await requireActionSheet(ctx, number);
    return renderSheet(c, sheet, refused, 400);
  }
  return c.redirect(`/plan/actions/${number}`, 303);
});

async function renderSheet(
  c: AppContext,
  sheet: ActionSheet,
  form?: FormState,
  status: 200 | 400 = 200,
) {
  const [meetings, followUp] = await Promise.all([
    listMeetings(requestContext(c), { actionId: sheet.id }),
    sheetFollowUp(requestContext(c), sheet.id),
  ]);
  const editor = can(c.var.actor, steeringRules.editPlan, undefined);
  const title = `Action ${sheet.number}`;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`${title} — ${TITLE}`}
      breadcrumb={[{ label: TITLE, href: "/plan" }, { label: title }]}
    >
      <h1>
        {title} : {sheet.title}
      </h1>
      <p>
        État : <StatusTag status={sheet.status} />
        {!sheet.published && " (brouillon, non publié)"}
      </p>
      <p>
        Axe {sheet.axis.number} : {sheet.axis.title}. Thème {sheet.theme.number} :{" "}
        {sheet.theme.title}.
      </p>
      {sheet.plan.isDemo && <DemoNotice />}
      {sheet.links.length > 0 && (
        <section aria-labelledby="services">
          <h2 id="services">Cette action dans Relais</h2>
          <ul>
            {sheet.links.map((link) => (
              <li>
                <a href={link.path}>{link.label}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <SheetTexts sheet={sheet} />
      <SheetFollowUpSections followUp={followUp} />
      <CopilObservations sheet={sheet} meetings={meetings} editor={editor} />
      <TextHistory followUp={followUp} />
      <ChangeHistory sheet={sheet} />
      {editor && (
        <p>
          <a href={`/plan/actions/${sheet.number}/fiche`}>
            Modifier la fiche : textes, jalons, notes de suivi, budget (pilote)
          </a>
        </p>
      )}
      {editor && <EditForm sheet={sheet} csrfToken={c.var.csrfToken} form={form} />}
      <p>
        Mise à jour le {frenchLongDate(sheet.updatedAt)}. <a href="/plan">Retour au plan</a>
      </p>
    </Layout>,
    status,
  );
}

/** The sheet's texts, as the plan's document wrote them (or as a pilote published them). */
function SheetTexts({ sheet }: { sheet: ActionSheet }) {
  const fields: [string, string][] = [
    ["Rappel des principaux constats", sheet.findings],
    ["Objectifs", sheet.objectives],
    ["Dispositions à mettre en œuvre", sheet.measures],
    ["Pilotes", sheet.pilots],
    ["Partenaires", sheet.partners],
    ["Indicateurs de suivi", sheet.followUpIndicators],
    ["Calendrier", sheet.calendar],
  ];
  return (
    <>
      {fields.map(([label, text]) => (
        <section>
          <h2>{label}</h2>
          {text.trim() === "" ? (
            <p>Non renseigné dans le document.</p>
          ) : (
            text.split("\n").map((line) => <p>{line}</p>)
          )}
        </section>
      ))}
    </>
  );
}

/** The COPIL's observations on the sheet, and the meetings that examined it. */
function CopilObservations({
  sheet,
  meetings,
  editor,
}: {
  sheet: ActionSheet;
  meetings: MeetingView[];
  editor: boolean;
}) {
  return (
    <section aria-labelledby="copil">
      <h2 id="copil">Observations du comité de pilotage (COPIL)</h2>
      {sheet.copilObservations.trim() === "" && meetings.length === 0 && (
        <p>Non renseigné dans le document.</p>
      )}
      {sheet.copilObservations.split("\n").map((line) => line.trim() !== "" && <p>{line}</p>)}
      {meetings.length > 0 && (
        <>
          <p>
            Les réunions qui ont examiné cette fiche (voir{" "}
            <a href={GOVERNANCE_PATH}>qui pilote le plan</a>) :
          </p>
          {meetings.map((meeting) => (
            <Meeting meeting={meeting} editor={editor} level="h3" showBody />
          ))}
        </>
      )}
    </section>
  );
}

function ChangeHistory({ sheet }: { sheet: ActionSheet }) {
  if (sheet.history.length === 0) return null;
  return (
    <section aria-labelledby="historique">
      <h2 id="historique">Historique des changements</h2>
      <ol>
        {sheet.history.map((change) => (
          <li>
            {frenchLongDate(change.changedAt)} : {STATUS_LABELS[change.status]}
            {!change.published && " (brouillon)"}
            {change.copilObservations && ` — ${change.copilObservations}`}
          </li>
        ))}
      </ol>
    </section>
  );
}

function EditForm({
  sheet,
  csrfToken,
  form,
}: {
  sheet: ActionSheet;
  csrfToken: string;
  form?: FormState | undefined;
}) {
  return (
    <section aria-labelledby="modifier">
      <h2 id="modifier">Modifier cette action (pilote)</h2>
      <EditorForm
        action={`/plan/actions/${sheet.number}`}
        csrfToken={csrfToken}
        form={form}
        submit="Enregistrer"
      >
        <SelectField
          {...bind(form, "status", sheet.status)}
          label="État de l'action"
          options={ACTION_STATUSES.map((status) => ({
            value: status,
            label: STATUS_LABELS[status],
          }))}
        />
        <SelectField
          {...bind(form, "publication", sheet.published ? "publiee" : "brouillon")}
          label="Publication"
          hint="Un brouillon n'est visible que des pilotes."
          options={[
            { value: "publiee", label: "Publiée : tout le monde la voit" },
            { value: "brouillon", label: "Brouillon" },
          ]}
        />
        <TextAreaField
          {...bind(form, "observations", sheet.copilObservations)}
          label="Observations du comité de pilotage"
          rows={4}
        />
      </EditorForm>
    </section>
  );
}
