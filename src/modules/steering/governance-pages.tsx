import { Hono } from "hono";
import { z } from "zod";
import { can } from "../../platform/access/policy.ts";
import { NotFound } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
} from "../../platform/http/context.ts";
import {
  formErrors,
  formRefusal,
  formValues,
  parseForm,
  parseParam,
  parseValue,
} from "../../platform/http/forms.ts";
import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CsrfField,
  DateField,
  ErrorSummary,
  SelectField,
  TextAreaField,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { IsoDay } from "./form-schemas.ts";
import {
  addMember,
  type BodyView,
  listGovernance,
  listOrganisationChoices,
  type MeetingView,
  removeMember,
  requireMeeting,
  saveMeeting,
} from "./governance.ts";
import { steeringRules } from "./policy.ts";

export const governancePages = new Hono<AppEnv>();

const TITLE = "Qui pilote le plan";
const PLAN = "Le plan contre la pauvreté";
export const GOVERNANCE_PATH = "/plan/gouvernance";

const Slug = z.string().regex(/^[a-z0-9-]{1,60}$/);
/** « 9, 11 » → [9, 11]; empty → []. */
const ActionNumbers = z
  .string()
  .trim()
  .max(500, "500 caractères au plus.")
  .default("")
  .refine((value) => value === "" || /^\d{1,4}(\s*[,;\s]\s*\d{1,4})*$/.test(value), {
    error: "Indiquez des numéros d'actions séparés par des virgules (par exemple : 9, 11).",
  })
  .transform((value) => (value === "" ? [] : value.split(/[,;\s]+/).map(Number)));

const Lines = z
  .string()
  .max(20_000, "20 000 caractères au plus.")
  .default("")
  .transform((value) =>
    value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ""),
  )
  .refine((lines) => lines.length <= 50, { error: "50 décisions au plus." })
  .refine((lines) => lines.every((line) => line.length <= 1000), {
    error: "Une décision fait 1 000 caractères au plus.",
  });

const MeetingForm = z.object({
  instance: z
    .string("Choisissez une instance.")
    .regex(/^[a-z0-9-]{1,60}$/, "Choisissez une instance."),
  date: IsoDay,
  titre: z
    .string("Donnez un titre à la réunion.")
    .trim()
    .min(1, "Donnez un titre à la réunion.")
    .max(200, "200 caractères au plus."),
  compte_rendu: z.string().trim().max(5000, "5 000 caractères au plus.").default(""),
  decisions: Lines,
  actions: ActionNumbers,
  publication: z.enum(["publiee", "brouillon"], { error: "Choisissez publiée ou brouillon." }),
});

const MemberForm = z.object({
  organisation: z.union([z.literal(""), z.uuid("Choisissez une structure de Relais.")]).default(""),
  nom: z.string().trim().max(200, "200 caractères au plus.").default(""),
  role: z
    .string("Indiquez le rôle du membre.")
    .trim()
    .min(1, "Indiquez le rôle du membre (par exemple : représentant, co-président).")
    .max(200, "200 caractères au plus."),
});

type FormState = { values: Record<string, string>; errors: Record<string, string> };

governancePages.get(GOVERNANCE_PATH, (c) => renderGovernance(c));

async function renderGovernance(
  c: AppContext,
  forms: { meeting?: FormState; member?: FormState & { slug: string } } = {},
  status: 200 | 400 = 200,
) {
  const editor = can(c.var.actor, steeringRules.editPlan, undefined);
  const [bodies, organisations] = await Promise.all([
    listGovernance(requestContext(c)),
    editor ? listOrganisationChoices(c.var.db) : Promise.resolve([]),
  ]);
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`${TITLE} — ${PLAN}`}
      breadcrumb={[{ label: PLAN, href: "/plan" }, { label: TITLE }]}
    >
      <h1>{TITLE} : le comité de pilotage et les groupes de travail</h1>
      {bodies.length === 0 ? (
        <p>Aucune instance n'est publiée pour le moment.</p>
      ) : (
        <>
          <p class="lead">
            Un comité de pilotage (COPIL) suit la mise en œuvre du plan ; des groupes de travail
            préparent et suivent les fiches d'actions. Voici leurs membres, leurs réunions et leurs
            décisions.
          </p>
          <nav aria-label="Les instances">
            <ul>
              {bodies.map((body) => (
                <li>
                  <a href={`#${body.slug}`}>{body.name}</a>
                </li>
              ))}
            </ul>
          </nav>
          {bodies.map((body) => (
            <BodySection
              body={body}
              editor={editor}
              csrfToken={c.var.csrfToken}
              organisations={organisations}
              form={forms.member?.slug === body.slug ? forms.member : undefined}
            />
          ))}
          {editor && (
            <MeetingEditor
              bodies={bodies}
              csrfToken={c.var.csrfToken}
              action={`${GOVERNANCE_PATH}/reunions`}
              heading="Ajouter une réunion (pilote)"
              form={forms.meeting}
            />
          )}
        </>
      )}
      <p>
        <a href="/plan">Retour au plan</a>
      </p>
    </Layout>,
    status,
  );
}

function BodySection({
  body,
  editor,
  csrfToken,
  organisations,
  form,
}: {
  body: BodyView;
  editor: boolean;
  csrfToken: string;
  organisations: { id: string; name: string }[];
  form: FormState | undefined;
}) {
  return (
    <section aria-labelledby={body.slug}>
      <h2 id={body.slug}>{body.name}</h2>
      <h3>Sa mission</h3>
      {body.mission.split("\n").map((line) => (
        <p>{line}</p>
      ))}
      <h3>Ses membres</h3>
      <ul>
        {body.members.map((member) => (
          <li>
            {member.name} : {member.role}
            {editor && (
              <form
                method="post"
                action={`${GOVERNANCE_PATH}/${body.slug}/membres/${member.id}/retirer`}
                class="inline-form"
              >
                <CsrfField token={csrfToken} />{" "}
                <Button kind="secondary">
                  Retirer<span class="visually-hidden"> {member.name}</span>
                </Button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {editor && (
        <MemberEditor body={body} csrfToken={csrfToken} organisations={organisations} form={form} />
      )}
      {body.actions.length > 0 && (
        <>
          <h3>Les fiches d'actions qui lui sont confiées</h3>
          <ul>
            {body.actions.map((action) => (
              <li>
                <a href={`/plan/actions/${action.number}`}>
                  Action {action.number} : {action.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Ses réunions</h3>
      {body.meetings.length === 0 ? (
        <p>Aucune réunion publiée.</p>
      ) : (
        body.meetings.map((meeting) => <Meeting meeting={meeting} editor={editor} level="h4" />)
      )}
      <p>Source : {body.source}</p>
    </section>
  );
}

/** One meeting: its date, what was decided, the sheets examined. */
export function Meeting({
  meeting,
  editor,
  level,
  showBody = false,
}: {
  meeting: MeetingView;
  editor: boolean;
  level: "h3" | "h4";
  showBody?: boolean;
}) {
  const Heading = level;
  return (
    <article class="steering-meeting">
      <Heading>
        {frenchLocalDate(meeting.heldOn)} : {meeting.title}
        {meeting.isDemo && " (démonstration)"}
        {!meeting.published && " (brouillon, non publié)"}
      </Heading>
      {showBody && <p>Instance : {meeting.body.name}</p>}
      {meeting.summary && <p>{meeting.summary}</p>}
      {meeting.decisions.length > 0 && (
        <>
          <p>Décisions :</p>
          <ol>
            {meeting.decisions.map((decision) => (
              <li>{decision}</li>
            ))}
          </ol>
        </>
      )}
      {meeting.actions.length > 0 && (
        <p>
          Fiches examinées :{" "}
          {meeting.actions.map((action, index) => (
            <>
              {index > 0 && ", "}
              <a href={`/plan/actions/${action.number}`}>action {action.number}</a>
            </>
          ))}
          .
        </p>
      )}
      {editor && (
        <p>
          <a href={`${GOVERNANCE_PATH}/reunions/${meeting.id}`}>
            Modifier cette réunion
            <span class="visually-hidden"> du {frenchLocalDate(meeting.heldOn)}</span>
          </a>
        </p>
      )}
    </article>
  );
}

function MemberEditor({
  body,
  csrfToken,
  organisations,
  form,
}: {
  body: BodyView;
  csrfToken: string;
  organisations: { id: string; name: string }[];
  form: FormState | undefined;
}) {
  const errors = form?.errors ?? {};
  const values = form?.values ?? {};
  // Several forms on one page: each field's name carries the body's slug (unique ids).
  const prefix = `${body.slug}-`;
  return (
    <details open={form !== undefined}>
      <summary>Ajouter un membre (pilote)</summary>
      {Object.keys(errors).length > 0 && <ErrorSummary errors={errors} />}
      <form method="post" action={`${GOVERNANCE_PATH}/${body.slug}/membres`} class="form">
        <CsrfField token={csrfToken} />
        <SelectField
          name={`${prefix}organisation`}
          label={`Structure de Relais (${body.name})`}
          hint="Ou laissez vide et écrivez le nom du membre."
          value={values[`${prefix}organisation`] ?? ""}
          error={errors[`${prefix}organisation`]}
          options={[
            { value: "", label: "Aucune : un membre sans compte dans Relais" },
            ...organisations.map((organisation) => ({
              value: organisation.id,
              label: organisation.name,
            })),
          ]}
        />
        <TextField
          name={`${prefix}nom`}
          label="Nom du membre"
          hint="Facultatif avec une structure de Relais : son nom est repris."
          value={values[`${prefix}nom`]}
          error={errors[`${prefix}nom`]}
        />
        <TextField
          name={`${prefix}role`}
          label="Rôle"
          required
          value={values[`${prefix}role`]}
          error={errors[`${prefix}role`]}
        />
        <Button>Ajouter ce membre</Button>
      </form>
    </details>
  );
}

function MeetingEditor({
  bodies,
  csrfToken,
  action,
  heading,
  form,
  meeting,
}: {
  bodies: { slug: string; name: string }[];
  csrfToken: string;
  action: string;
  heading: string;
  form: FormState | undefined;
  meeting?: MeetingView;
}) {
  const errors = form?.errors ?? {};
  const values = form?.values ?? {};
  return (
    <section aria-labelledby="reunion-formulaire">
      <h2 id="reunion-formulaire">{heading}</h2>
      {Object.keys(errors).length > 0 && <ErrorSummary errors={errors} />}
      <form method="post" action={action} class="form">
        <CsrfField token={csrfToken} />
        <SelectField
          name="instance"
          label="Instance"
          required
          value={values.instance ?? meeting?.body.slug}
          error={errors.instance}
          options={bodies.map((body) => ({ value: body.slug, label: body.name }))}
        />
        <DateField
          name="date"
          label="Date de la réunion"
          hint="Au format AAAA-MM-JJ."
          required
          value={values.date ?? meeting?.heldOn}
          error={errors.date}
        />
        <TextField
          name="titre"
          label="Titre"
          required
          value={values.titre ?? meeting?.title}
          error={errors.titre}
        />
        <TextAreaField
          name="compte_rendu"
          label="Compte rendu"
          value={values.compte_rendu ?? meeting?.summary}
          error={errors.compte_rendu}
        />
        <TextAreaField
          name="decisions"
          label="Décisions"
          hint="Une décision par ligne."
          value={values.decisions ?? meeting?.decisions.join("\n")}
          error={errors.decisions}
        />
        <TextField
          name="actions"
          label="Fiches d'actions examinées"
          hint="Les numéros des actions, séparés par des virgules (par exemple : 9, 11)."
          value={values.actions ?? meeting?.actions.map((a) => a.number).join(", ")}
          error={errors.actions}
        />
        <SelectField
          name="publication"
          label="Publication"
          hint="Un brouillon n'est visible que des pilotes."
          value={values.publication ?? (meeting?.published ? "publiee" : "brouillon")}
          error={errors.publication}
          options={[
            { value: "brouillon", label: "Brouillon" },
            { value: "publiee", label: "Publiée : tout le monde la voit" },
          ]}
        />
        <Button>Enregistrer la réunion</Button>
      </form>
    </section>
  );
}

function meetingInput(data: z.infer<typeof MeetingForm>) {
  return {
    bodySlug: data.instance,
    heldOn: data.date,
    title: data.titre,
    summary: data.compte_rendu,
    decisions: data.decisions,
    actionNumbers: data.actions,
    published: data.publication === "publiee",
    isDemo: false,
  };
}

governancePages.post(`${GOVERNANCE_PATH}/reunions`, async (c) => {
  let input: z.infer<typeof MeetingForm>;
  try {
    input = await parseForm(c, MeetingForm);
    await saveMeeting(requestContext(c), undefined, meetingInput(input));
  } catch (error) {
    return renderGovernance(c, { meeting: await formRefusal(c, error) }, 400);
  }
  return c.redirect(`${GOVERNANCE_PATH}#${input.instance}`, 303);
});

const Uuid = z.uuid();

const meetingId = (c: AppContext): string => parseParam(c, "id", Uuid);

async function renderMeetingEdit(
  c: AppContext,
  id: string,
  form?: FormState,
  status: 200 | 400 = 200,
) {
  // Only an editor reaches the form: a visitor would only see the published meeting on the page.
  if (!can(c.var.actor, steeringRules.editPlan, undefined)) throw new NotFound();
  const [meeting, bodies] = await Promise.all([
    requireMeeting(requestContext(c), id),
    listGovernance(requestContext(c)),
  ]);
  const title = `Modifier la réunion du ${frenchLocalDate(meeting.heldOn)}`;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`${title} — ${PLAN}`}
      breadcrumb={[
        { label: PLAN, href: "/plan" },
        { label: TITLE, href: GOVERNANCE_PATH },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      {meeting.isDemo && (
        <Alert kind="warning" title="Données de démonstration">
          <p>Cette réunion est inventée pour la démonstration.</p>
        </Alert>
      )}
      <MeetingEditor
        bodies={bodies}
        csrfToken={c.var.csrfToken}
        action={`${GOVERNANCE_PATH}/reunions/${meeting.id}`}
        heading="La réunion"
        form={form}
        meeting={meeting}
      />
      <p>
        <a href={GOVERNANCE_PATH}>Retour aux instances</a>
      </p>
    </Layout>,
    status,
  );
}

governancePages.get(`${GOVERNANCE_PATH}/reunions/:id`, (c) => renderMeetingEdit(c, meetingId(c)));

governancePages.post(`${GOVERNANCE_PATH}/reunions/:id`, async (c) => {
  const id = meetingId(c);
  let input: z.infer<typeof MeetingForm>;
  try {
    input = await parseForm(c, MeetingForm);
    await saveMeeting(requestContext(c), id, meetingInput(input));
  } catch (error) {
    return renderMeetingEdit(c, id, await formRefusal(c, error), 400);
  }
  return c.redirect(`${GOVERNANCE_PATH}#${input.instance}`, 303);
});

const bodySlug = (c: AppContext): string => parseParam(c, "slug", Slug);

governancePages.post(`${GOVERNANCE_PATH}/:slug/membres`, async (c) => {
  const slug = bodySlug(c);
  const prefix = `${slug}-`;
  // Each body's form names its fields after the body (`<slug>-nom`): several share the page.
  const typed = await formValues(c);
  const values: Record<string, string> = {};
  for (const field of ["organisation", "nom", "role"]) {
    const value = typed[`${prefix}${field}`];
    if (value !== undefined) values[`${prefix}${field}`] = value;
  }
  const prefixed = (errors: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(errors).map(([key, message]) => [`${prefix}${key}`, message]),
    );
  try {
    const input = parseValue(MemberForm, {
      organisation: values[`${prefix}organisation`],
      nom: values[`${prefix}nom`],
      role: values[`${prefix}role`],
    });
    await addMember(requestContext(c), slug, {
      organisationId: input.organisation === "" ? null : input.organisation,
      name: input.nom,
      role: input.role,
    });
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderGovernance(c, { member: { slug, values, errors: prefixed(errors) } }, 400);
  }
  return c.redirect(`${GOVERNANCE_PATH}#${slug}`, 303);
});

governancePages.post(`${GOVERNANCE_PATH}/:slug/membres/:id/retirer`, async (c) => {
  const slug = bodySlug(c);
  const id = parseParam(c, "id", Uuid);
  await removeMember(requestContext(c), slug, id);
  return c.redirect(`${GOVERNANCE_PATH}#${slug}`, 303);
});
