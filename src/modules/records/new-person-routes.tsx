// Opening the record of a new person: the form, with the person's consent,
// and a warning when a record that looks like the same person already exists.

import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { TooManyRequests } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  userContext,
} from "../../platform/http/context.ts";
import { formErrors, formValues, parseForm } from "../../platform/http/forms.ts";
import { hitRateLimit, type RateLimit } from "../../platform/http/rate-limit.ts";
import { requireUser } from "../../platform/http/require-user.ts";
import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CheckboxField,
  CsrfField,
  DateField,
  ErrorSummary,
  Fieldset,
  SelectField,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { createPersonWithParcours, type DuplicateCandidate, findDuplicates } from "./persons.ts";
import { recordsRules, recordWriterMemberships } from "./policy.ts";
import { crumbs } from "./record-rendering.tsx";
import { CONSENT_SCOPE_LABELS } from "./themes.ts";

export const newPersonRoutes = new Hono<AppEnv>();

const NewPersonForm = z.object({
  lastName: z.string().trim().min(1, "Indiquez le nom.").max(200),
  firstName: z.string().trim().min(1, "Indiquez le prénom.").max(200),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez la date de naissance."),
  inCareAse: z.literal("1").optional(),
  consent: z.literal("1", "Le dossier ne peut être ouvert qu'avec l'accord de la personne."),
  consentScope: z.enum(["suivi", "suivi_sante"], "Choisissez l'étendue du consentement."),
  organisationId: z.string().uuid("Choisissez votre structure."),
  confirmDuplicate: z.literal("1").optional(),
});

function NewPersonPage({
  c,
  values,
  errors,
  duplicates,
}: {
  c: AppContext;
  values: Record<string, string>;
  errors: Record<string, string>;
  duplicates: DuplicateCandidate[];
}) {
  const actor = requireUser(c);
  const structures = recordWriterMemberships(actor);
  return (
    <Layout
      page={pageContext(c)}
      title={Object.keys(errors).length ? "Erreur — Nouvelle personne" : "Nouvelle personne"}
      breadcrumb={crumbs("Nouvelle personne")}
    >
      <h1>Ouvrir le dossier d'une nouvelle personne</h1>
      <ErrorSummary errors={errors} />
      {duplicates.length > 0 && (
        <Alert kind="warning" title="Cette personne a peut-être déjà un dossier">
          <ul>
            {duplicates.map((d) => (
              <li>
                <a href={`/pro/dossiers/${d.visible.parcoursId}`}>
                  {d.visible.firstName} {d.visible.lastName}, né·e le{" "}
                  {frenchLocalDate(d.visible.birthDate)}
                </a>
              </li>
            ))}
          </ul>
          <p>
            Si c'est bien une autre personne, cochez « Il s'agit d'une autre personne » et envoyez à
            nouveau.
          </p>
        </Alert>
      )}
      <form method="post" action="/pro/dossiers/nouveau" class="records-form">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="lastName"
          label="Nom"
          value={values.lastName}
          error={errors.lastName}
          required
          autocomplete="off"
        />
        <TextField
          name="firstName"
          label="Prénom"
          value={values.firstName}
          error={errors.firstName}
          required
          autocomplete="off"
        />
        <DateField
          name="birthDate"
          label="Date de naissance"
          value={values.birthDate}
          error={errors.birthDate}
          required
        />
        <SelectField
          name="organisationId"
          label="Votre structure"
          value={values.organisationId}
          options={structures.map((m) => ({ value: m.organisationId, label: m.organisationName }))}
          error={errors.organisationId}
          required
        />
        <Fieldset legend="Consentement de la personne" id="champ-consent">
          <CheckboxField
            name="consent"
            id="champ-consent-box"
            value="1"
            checked={values.consent === "1"}
            error={errors.consent}
            label="La personne accepte que sa situation soit suivie et partagée avec votre structure"
          />
          <SelectField
            name="consentScope"
            label="Étendue"
            value={values.consentScope}
            options={Object.entries(CONSENT_SCOPE_LABELS).map(([value, label]) => ({
              value,
              label,
            }))}
            required
          />
        </Fieldset>
        <CheckboxField
          name="inCareAse"
          id="champ-ase"
          value="1"
          checked={values.inCareAse === "1"}
          label="Jeune accompagné par l'aide sociale à l'enfance (ASE)"
        />
        {duplicates.length > 0 && (
          <CheckboxField
            name="confirmDuplicate"
            id="champ-confirm"
            value="1"
            label="Il s'agit d'une autre personne"
          />
        )}
        <Button>Ouvrir le dossier</Button>
      </form>
    </Layout>
  );
}

newPersonRoutes.get("/pro/dossiers/nouveau", (c) => {
  const actor = requireUser(c);
  authorize(actor, recordsRules.createPerson, {
    organisationId: recordWriterMemberships(actor)[0]?.organisationId ?? "",
  });
  return c.html(
    <NewPersonPage c={c} values={{ consentScope: "suivi" }} errors={{}} duplicates={[]} />,
  );
});

/**
 * Records opened per worker and hour: a busy day's intake, not a script that
 * scans names and birth dates (issue 20: about 160 tries found a birth date).
 */
export const RECORD_CREATION_LIMIT: RateLimit = { limit: 30, windowSeconds: 3600 };

newPersonRoutes.post("/pro/dossiers/nouveau", async (c) => {
  const ctx = userContext(c);
  authorize(ctx.actor, recordsRules.enterRecords, undefined);
  const { limited, retryAfterSeconds } = await hitRateLimit(
    ctx.db,
    `records-create:${ctx.actor.userId}`,
    RECORD_CREATION_LIMIT,
    ctx.now,
  );
  if (limited) {
    throw new TooManyRequests(
      "Vous avez ouvert beaucoup de dossiers en peu de temps. Attendez un peu avant d'en ouvrir un autre, ou demandez à votre responsable.",
      retryAfterSeconds,
    );
  }
  let input: z.infer<typeof NewPersonForm>;
  try {
    input = await parseForm(c, NewPersonForm);
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    const values = await formValues(c);
    return c.html(<NewPersonPage c={c} values={values} errors={errors} duplicates={[]} />, 400);
  }
  authorize(ctx.actor, recordsRules.createPerson, { organisationId: input.organisationId });
  // Only records the worker may already open are shown; one they may not see
  // changes nothing in the answer (the record is created) and is flagged to
  // the structure holding it.
  const duplicates = await findDuplicates(ctx, input);
  if (!input.confirmDuplicate && duplicates.visible.length > 0)
    return c.html(
      <NewPersonPage
        c={c}
        values={await formValues(c)}
        errors={{}}
        duplicates={duplicates.visible}
      />,
      409,
    );
  const created = await createPersonWithParcours(ctx, {
    ...input,
    inCareAse: input.inCareAse === "1",
    consentScope: input.consentScope,
    possibleDuplicateOf: duplicates.hiddenPersonIds,
  });
  return c.redirect(`/pro/dossiers/${created.parcoursId}`, 303);
});
