// The responsable's collective sessions: plan one (motif, place, agent,
// start, duration, capacity) and cancel one. Plain forms that work without
// JavaScript; errors re-render the form with what was typed.

import { Hono } from "hono";
import { z } from "zod";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
  userContext,
} from "../../platform/http/context.ts";
import { formErrors, formValues, parseForm } from "../../platform/http/forms.ts";
import { frenchTextDateTime } from "../../platform/time/french-dates.ts";
import { isLocalDate, isLocalTime, parisToDate } from "../../platform/time/paris.ts";
import {
  Alert,
  Button,
  CsrfField,
  DateField,
  ErrorSummary,
  SelectField,
  TextField,
  TimeField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { listMotifs } from "./agenda-store.ts";
import { appointmentContext } from "./api.ts";
import { listUpcomingSessions } from "./collective-sessions.ts";
import { appointmentRules } from "./policy.ts";
import { crumbs, organisationFor } from "./pro-context.ts";
import { revokeSession, scheduleSession } from "./session-admin.ts";
import { loadOrganisationAgenda } from "./setup-store.ts";

export const sessionRoutes = new Hono<AppEnv>();

export const SESSIONS_PATH = "/pro/rendez-vous/configuration/seances";
const TITLE = "Séances collectives à organiser";

function requireManager(c: AppContext): string {
  return organisationFor(c, appointmentRules.manageAgendas).organisationId;
}

export const SessionForm = z.object({
  motif: z.string().min(1, "Choisissez le motif de la séance."),
  lieu: z.string().min(1, "Choisissez le lieu de la séance."),
  agent: z.string().min(1, "Choisissez l'agent qui anime la séance."),
  date: z.string().refine(isLocalDate, "Indiquez la date de la séance (AAAA-MM-JJ)."),
  heure: z.string().refine(isLocalTime, "Indiquez l'heure de début (HH:MM)."),
  duree: z.coerce
    .number({ error: "Indiquez une durée en minutes." })
    .int("Indiquez une durée en minutes entières.")
    .min(15, "Une séance dure au moins 15 minutes.")
    .max(480, "Une séance dure au plus 8 heures.")
    .refine((m) => m % 5 === 0, "La durée est un multiple de 5 minutes."),
  capacite: z
    .string()
    .trim()
    .refine(
      (v) => v === "" || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 500),
      "Indiquez un nombre de places entre 1 et 500, ou laissez vide pour ne pas limiter.",
    )
    .transform((v) => (v === "" ? null : Number(v))),
});

async function renderSessions(
  c: AppContext,
  organisationId: string,
  form: { errors?: Record<string, string>; values?: Record<string, string> } = {},
) {
  const ctx = appointmentContext(c);
  const [agenda, motifs, sessions] = await Promise.all([
    loadOrganisationAgenda(ctx.db, organisationId),
    listMotifs(ctx.db, { organisationId }),
    listUpcomingSessions(ctx.db, ctx.now, { organisationId }),
  ]);
  const errors = form.errors ?? {};
  const values = form.values ?? {};
  const placeMotifs = motifs.filter((m) => m.locationKind === "sur_place");
  return c.html(
    <Layout page={pageContext(c)} title={TITLE} breadcrumb={crumbs("Séances collectives")}>
      <h1>{TITLE}</h1>
      {c.req.query("ajoutee") === "1" && <Alert kind="success" title="Séance ajoutée" />}
      {c.req.query("annulee") === "1" && (
        <Alert kind="success" title="Séance annulée">
          <p>Les personnes inscrites sont prévenues.</p>
        </Alert>
      )}
      <ErrorSummary errors={errors} />
      <h2>Séances à venir</h2>
      {sessions.length === 0 && <p>Aucune séance à venir.</p>}
      <ul class="rdv-sessions">
        {sessions.map((session) => {
          const label = `${session.motifName}, ${frenchTextDateTime(session.startsAt)}`;
          return (
            <li>
              <strong>{label}</strong> — {session.lieuName}.{" "}
              {session.capacity === null
                ? `${session.seatsTaken} inscrits, sans limite de places.`
                : `${session.seatsTaken} inscrits sur ${session.capacity} places.`}
              <form
                method="post"
                action={`${SESSIONS_PATH}/${session.id}/annuler`}
                class="inline-form"
              >
                <CsrfField token={c.var.csrfToken} />
                <button type="submit" class="button button--secondary button--small">
                  Annuler la séance<span class="visually-hidden"> : {label}</span>
                </button>
              </form>
            </li>
          );
        })}
      </ul>
      <h2>Ajouter une séance</h2>
      {placeMotifs.length === 0 || agenda.lieux.length === 0 ? (
        <p>
          Ajoutez d'abord un motif sur place et un lieu dans{" "}
          <a href="/pro/rendez-vous/configuration">les motifs et plages d'ouverture</a>.
        </p>
      ) : (
        <form method="post" action={SESSIONS_PATH} class="rdv-form" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <SelectField
            name="motif"
            label="Motif"
            required
            value={values.motif}
            error={errors.motif}
            options={placeMotifs.map((m) => ({
              value: m.id,
              label: m.isCollective ? `${m.name} (collectif)` : m.name,
            }))}
          />
          <SelectField
            name="lieu"
            label="Lieu"
            required
            value={values.lieu}
            error={errors.lieu}
            options={agenda.lieux.map((l) => ({ value: l.id, label: l.name }))}
          />
          <SelectField
            name="agent"
            label="Animée par"
            required
            value={values.agent}
            error={errors.agent}
            options={agenda.agents.map((a) => ({ value: a.id, label: a.name }))}
          />
          <DateField name="date" label="Date" required value={values.date} error={errors.date} />
          <TimeField
            name="heure"
            label="Heure de début"
            hint="Par exemple 14:00."
            required
            value={values.heure}
            error={errors.heure}
          />
          <TextField
            name="duree"
            label="Durée en minutes"
            type="number"
            inputmode="numeric"
            required
            width="short"
            value={values.duree ?? "120"}
            error={errors.duree}
          />
          <TextField
            name="capacite"
            label="Nombre de places"
            hint="Laissez vide pour ne pas limiter le nombre d'inscrits."
            type="number"
            inputmode="numeric"
            width="short"
            value={values.capacite}
            error={errors.capacite}
          />
          <Button>Ajouter la séance</Button>
        </form>
      )}
    </Layout>,
    form.errors ? 400 : 200,
  );
}

sessionRoutes.get(SESSIONS_PATH, async (c) => renderSessions(c, requireManager(c)));

sessionRoutes.post(SESSIONS_PATH, async (c) => {
  const organisationId = requireManager(c);
  try {
    const input = await parseForm(c, SessionForm);
    await scheduleSession(userContext(c), {
      organisationId,
      motifId: input.motif,
      lieuId: input.lieu,
      agentId: input.agent,
      startsAt: parisToDate(input.date, input.heure),
      durationMinutes: input.duree,
      capacity: input.capacite,
    });
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderSessions(c, organisationId, { errors, values: await formValues(c) });
  }
  return c.redirect(`${SESSIONS_PATH}?ajoutee=1`, 303);
});

sessionRoutes.post(`${SESSIONS_PATH}/:id/annuler`, async (c) => {
  await revokeSession(requestContext(c), c.req.param("id"));
  return c.redirect(`${SESSIONS_PATH}?annulee=1`, 303);
});
