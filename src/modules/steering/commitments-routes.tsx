import { Hono } from "hono";
import { z } from "zod";
import { authorize, can } from "../../platform/access/policy.ts";
import { NotFound } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  userContext,
} from "../../platform/http/context.ts";
import { formRefusal, parseForm, parseParam } from "../../platform/http/forms.ts";
import {
  Button,
  CsrfField,
  DateField,
  ErrorSummary,
  SelectField,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { COMMITMENT_STATUS_LABELS, QUESTIONS, RESPONDENTS } from "./commitments.ts";
import { steeringRules } from "./policy.ts";
import { type Commitment, listCommitments, markCommitment } from "./service.ts";
import { COMMITMENT_STATUSES } from "./tables.ts";

export const commitmentsRoutes = new Hono<AppEnv>();

const TITLE = "Les engagements des candidats";
const respondentName = (id: string) => RESPONDENTS.find((r) => r.id === id)?.name ?? id;

const MarkForm = z.object({
  status: z.enum(COMMITMENT_STATUSES, { error: "Choisissez un état." }),
  date: z.iso.date({ error: "Une date au format AAAA-MM-JJ." }),
  source: z.string().trim().min(1, "Dites d'où vient l'information.").max(500),
  action: z
    .string()
    .trim()
    .regex(/^\d{0,4}$/, "Un numéro d'action, ou rien.")
    .transform((text) => (text === "" ? null : Number(text))),
});

type FormState = { values: Record<string, string>; errors: Record<string, string> };

async function render(c: AppContext) {
  const commitments = await listCommitments(c.var.db);
  const editor = can(c.var.actor, steeringRules.editPlan, undefined);
  return c.html(
    <Layout page={pageContext(c)} title={TITLE} breadcrumb={[{ label: TITLE }]}>
      <h1>{TITLE}</h1>
      <p class="lead">
        En 2021, avant les élections départementales, le Collectif Citoyens Fraternels 92 a posé 8
        questions aux candidats. Voici quatre réponses, question par question, puis le suivi des
        promesses.
      </p>
      <p>
        Les réponses sont des résumés écrits par l'équipe de Relais. Pour le texte complet, voir le
        document cité sous chaque réponse.
      </p>
      <nav aria-label="Les 8 questions">
        <ol>
          {QUESTIONS.map((question) => (
            <li>
              <a href={`#question-${question.number}`}>{question.title}</a>
            </li>
          ))}
          <li>
            <a href="#suivi">Le suivi des promesses</a>
          </li>
        </ol>
      </nav>
      {QUESTIONS.map((question) => (
        <section aria-labelledby={`question-${question.number}`}>
          <h2 id={`question-${question.number}`}>
            Question {question.number} : {question.title}
          </h2>
          <p>
            <strong>La question :</strong> {question.asked}
          </p>
          <div class="cards">
            {RESPONDENTS.map((respondent) => (
              <div class="card">
                <h3 class="card__title">{respondent.name}</h3>
                <div class="card__body">
                  <p>{question.answers[respondent.id] ?? "Pas de réponse à cette question."}</p>
                  <p>Source : {respondent.source}</p>
                </div>
              </div>
            ))}
          </div>
        </section>
      ))}
      <section aria-labelledby="suivi">
        <h2 id="suivi">Le suivi des promesses</h2>
        <p>
          Chaque promesse précise est citée mot pour mot. Un pilote note si elle est tenue, avec la
          date et la source.
        </p>
        {commitments.map((commitment) => (
          <CommitmentItem commitment={commitment} editor={editor} />
        ))}
      </section>
    </Layout>,
  );
}

function CommitmentItem({ commitment, editor }: { commitment: Commitment; editor: boolean }) {
  const prefix = `promesse-${commitment.id.slice(0, 8)}`;
  return (
    <div class="card" id={prefix}>
      <h3 class="card__title">
        Question {commitment.question} : {respondentName(commitment.respondent)}
      </h3>
      <div class="card__body">
        <blockquote>
          <p>« {commitment.quote} »</p>
        </blockquote>
        <p>
          État : <strong>{COMMITMENT_STATUS_LABELS[commitment.status]}</strong>
          {commitment.statusDate && ` (au ${commitment.statusDate})`}
          {commitment.statusSource && `. Source : ${commitment.statusSource}`}
        </p>
        {commitment.actionNumber !== null && (
          <p>
            Action du plan :{" "}
            <a href={`/plan/actions/${commitment.actionNumber}`}>
              action {commitment.actionNumber}
            </a>
          </p>
        )}
        {editor && (
          <p>
            <a href={`/engagements/${commitment.id}`}>Mettre à jour cette promesse (pilote)</a>
          </p>
        )}
      </div>
    </div>
  );
}

commitmentsRoutes.get("/engagements", (c) => render(c));

async function requireCommitment(c: AppContext): Promise<Commitment> {
  const id = parseParam(c, "id", z.uuid());
  const commitment = (await listCommitments(c.var.db)).find((item) => item.id === id);
  if (!commitment) throw new NotFound();
  return commitment;
}

function renderEdit(
  c: AppContext,
  commitment: Commitment,
  form?: FormState,
  status: 200 | 400 = 200,
) {
  const errors = form?.errors ?? {};
  const values = form?.values ?? {};
  const title = `Mettre à jour une promesse (question ${commitment.question})`;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={title}
      breadcrumb={[{ label: TITLE, href: "/engagements" }, { label: title }]}
    >
      <h1>{title}</h1>
      <p>{respondentName(commitment.respondent)} :</p>
      <blockquote>
        <p>« {commitment.quote} »</p>
      </blockquote>
      {Object.keys(errors).length > 0 && <ErrorSummary errors={errors} />}
      <form method="post" action={`/engagements/${commitment.id}`} class="form">
        <CsrfField token={c.var.csrfToken} />
        <SelectField
          name="status"
          label="État de la promesse"
          value={values.status ?? commitment.status}
          error={errors.status}
          options={COMMITMENT_STATUSES.map((status) => ({
            value: status,
            label: COMMITMENT_STATUS_LABELS[status],
          }))}
        />
        <DateField
          name="date"
          label="Date du constat"
          value={values.date ?? commitment.statusDate ?? ""}
          error={errors.date}
        />
        <TextField
          name="source"
          label="Source"
          value={values.source ?? commitment.statusSource}
          error={errors.source}
        />
        <TextField
          name="action"
          label="Numéro de l'action du plan (facultatif)"
          width="short"
          value={
            values.action ??
            (commitment.actionNumber === null ? "" : String(commitment.actionNumber))
          }
          error={errors.action}
        />
        <Button>Enregistrer</Button>
      </form>
    </Layout>,
    status,
  );
}

commitmentsRoutes.get("/engagements/:id", async (c) => {
  const commitment = await requireCommitment(c);
  authorize(c.var.actor, steeringRules.editPlan, undefined);
  return renderEdit(c, commitment);
});

commitmentsRoutes.post("/engagements/:id", async (c) => {
  const commitment = await requireCommitment(c);
  const ctx = userContext(c);
  authorize(ctx.actor, steeringRules.editPlan, undefined);
  try {
    const input = await parseForm(c, MarkForm);
    await markCommitment(ctx, commitment.id, {
      status: input.status,
      date: input.date,
      source: input.source,
      actionNumber: input.action,
    });
  } catch (error) {
    return renderEdit(c, commitment, await formRefusal(c, error), 400);
  }
  return c.redirect(`/engagements#promesse-${commitment.id.slice(0, 8)}`, 303);
});
