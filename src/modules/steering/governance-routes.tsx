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
import { Alert } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import type { FormState } from "./editor-views.tsx";
import {
  addMember,
  listGovernance,
  listOrganisationChoices,
  removeMember,
  requireMeeting,
  saveMeeting,
} from "./governance.ts";
import { BodySection, GOVERNANCE_PATH, MeetingEditor } from "./governance-views.tsx";
import { steeringRules } from "./policy.ts";
import { IsoDay } from "./steering-schemas.ts";

export const governanceRoutes = new Hono<AppEnv>();

const TITLE = "Qui pilote le plan";
const PLAN = "Le plan contre la pauvreté";

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

governanceRoutes.get(GOVERNANCE_PATH, (c) => renderGovernance(c));

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

governanceRoutes.post(`${GOVERNANCE_PATH}/reunions`, async (c) => {
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

governanceRoutes.get(`${GOVERNANCE_PATH}/reunions/:id`, (c) => renderMeetingEdit(c, meetingId(c)));

governanceRoutes.post(`${GOVERNANCE_PATH}/reunions/:id`, async (c) => {
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

governanceRoutes.post(`${GOVERNANCE_PATH}/:slug/membres`, async (c) => {
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

governanceRoutes.post(`${GOVERNANCE_PATH}/:slug/membres/:id/retirer`, async (c) => {
  const slug = bodySlug(c);
  const id = parseParam(c, "id", Uuid);
  await removeMember(requestContext(c), slug, id);
  return c.redirect(`${GOVERNANCE_PATH}#${slug}`, 303);
});
