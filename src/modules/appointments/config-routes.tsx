// The responsable de structure's setup: motifs, plages d'ouverture and
// absences, with French messages per field and overlap warnings (overlaps
// between an agent's openings are allowed, as in RDV Service Public).

import { Hono } from "hono";
import { z } from "zod";
import { Invalid } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import {
  formErrors,
  formFields,
  formValues,
  parseForm,
  parseValue,
} from "../../platform/http/forms.ts";
import type { IsoWeekday } from "../../platform/time/paris.ts";
import {
  Alert,
  Button,
  CheckboxField,
  CheckboxGroup,
  CsrfField,
  DateField,
  ErrorSummary,
  Radios,
  SelectField,
  TextAreaField,
  TextField,
  TimeField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import {
  createAbsence,
  createMotif,
  createPlage,
  organisationSetup,
  setMotifDocumentsToBring,
} from "./agenda-admin.ts";
import { AbsenceSchema, findOpeningOverlaps, PlageOuvertureSchema } from "./agenda-schemas.ts";
import { LOCATION_LABELS } from "./booking-views.tsx";
import { DocumentsToBring, MotifForm } from "./motif-schemas.ts";
import { appointmentRules } from "./policy.ts";
import { crumbs, organisationFor } from "./pro-context.ts";
import { SESSIONS_PATH } from "./session-routes.tsx";
import { loadOrganisationAgenda } from "./setup-store.ts";

export const configRoutes = new Hono<AppEnv>();

const PATH = "/pro/rendez-vous/configuration";
const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === "string" && value ? [value] : [];

function requireManager(c: AppContext): string {
  return organisationFor(c, appointmentRules.manageAgendas).organisationId;
}

type Errors = Record<string, string>;

async function renderSetup(
  c: AppContext,
  organisationId: string,
  notice?: {
    errors?: Errors;
    warnings?: string[];
    done?: string;
    values?: Record<string, string>;
    /** The motif whose « pièces à apporter » form the errors belong to. */
    motifId?: string;
  },
) {
  const setup = await organisationSetup(c.var.db, organisationId);
  const agenda = await loadOrganisationAgenda(c.var.db, organisationId);
  const errors = notice?.errors ?? {};
  const timeField = (name: string, label: string) => (
    <TimeField name={name} label={label} required error={errors[name]} />
  );
  const agentSelect = (
    <SelectField
      name="agent"
      label="Agent"
      markOptional={false}
      options={agenda.agents.map((a) => ({ value: a.id, label: a.name }))}
    />
  );
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Motifs et plages d'ouverture"
      breadcrumb={crumbs("Configuration")}
    >
      <h1>Motifs et plages d'ouverture</h1>
      {notice?.done && <Alert kind="success" title={notice.done} />}
      {notice?.warnings?.map((w) => (
        <Alert kind="warning" title="Chevauchement">
          {<p>{w}</p>}
        </Alert>
      ))}
      <ErrorSummary errors={errors} />
      <p>
        <a href={`${PATH}/lieux?organisation=${encodeURIComponent(organisationId)}`}>
          Gérer les lieux de rendez-vous
        </a>{" "}
        (depuis l'annuaire ou saisis à la main).{" "}
        <a href={`${SESSIONS_PATH}?organisation=${encodeURIComponent(organisationId)}`}>
          Organiser les séances collectives
        </a>
      </p>
      <h2>Motifs</h2>
      <ul class="rdv-lieux">
        {setup.motifs.map((m) => (
          <li>
            {m.name} : {LOCATION_LABELS[m.location_kind]}, {m.duration_minutes} min,{" "}
            {m.bookable_by === "everyone" ? "réservable en ligne" : "réservé aux agents"}
            {m.is_collective ? ", séance collective" : ""}, de {m.min_notice_minutes} min à{" "}
            {m.max_horizon_days} jours à l'avance
            <form
              method="post"
              action={`${PATH}/motifs/${m.id}/pieces`}
              class="rdv-inline-form"
              novalidate
            >
              <CsrfField token={c.var.csrfToken} />
              <DocumentsField
                id={`pieces-${m.id}`}
                label={`Pièces à apporter : ${m.name}`}
                value={m.documents_to_bring ?? ""}
                error={notice?.motifId === m.id ? errors.pieces : undefined}
              />
              <Button kind="secondary">Enregistrer les pièces à apporter</Button>
            </form>
          </li>
        ))}
      </ul>
      <h2>Plages d'ouverture</h2>
      <ul>
        {setup.plages.map((p) => (
          <li>
            {p.agentName}, {p.lieuName ?? "sans lieu"} :{" "}
            {p.weekdays.map((d) => WEEKDAYS[d - 1]).join(", ")} {p.startTime}–{p.endTime}
          </li>
        ))}
      </ul>
      <h2>Ajouter une plage d'ouverture</h2>
      <form method="post" action={`${PATH}/plages`} class="rdv-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        {agentSelect}
        <SelectField
          name="lieu"
          label="Lieu"
          markOptional={false}
          options={[
            { value: "", label: "Sans lieu (téléphone, visio, domicile)" },
            ...agenda.lieux.map((l) => ({ value: l.id, label: l.name })),
          ]}
        />
        <CheckboxGroup
          name="motifs"
          id="champ-motifIds"
          legend="Motifs proposés"
          error={errors.motifIds}
          options={setup.motifs
            .filter((m) => !m.is_collective)
            .map((m) => ({ value: m.id, label: m.name, id: `motif-${m.id}` }))}
        />
        <DateField name="firstDay" label="Premier jour" required error={errors.firstDay} />
        {timeField("startTime", "Heure de début")}
        {timeField("endTime", "Heure de fin")}
        <CheckboxGroup
          name="jours"
          legend="Répéter chaque semaine le"
          options={WEEKDAYS.map((day, index) => ({
            value: String(index + 1),
            label: day,
            id: `jour-${index + 1}`,
          }))}
        />
        <DateField name="until" label="Jusqu'au" error={errors["recurrence.until"]} />
        <Button>Ajouter la plage</Button>
      </form>
      <h2>Déclarer une absence</h2>
      <form method="post" action={`${PATH}/absences`} class="rdv-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        {agentSelect}
        <DateField name="firstDay" label="Premier jour" required />
        <DateField name="endDay" label="Dernier jour" hint="Pour une absence de plusieurs jours." />
        {timeField("startTime", "Heure de début")}
        {timeField("endTime", "Heure de fin")}
        <Button>Déclarer l'absence</Button>
      </form>
      <h2>Ajouter un motif</h2>
      <form method="post" action={`${PATH}/motifs`} class="rdv-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField name="nom" label="Nom du motif" required error={errors.nom} />
        <Radios
          name="modalite"
          legend="Modalité"
          options={Object.entries(LOCATION_LABELS).map(([value, label]) => ({
            value,
            label,
            id: `modalite-${value}`,
          }))}
          value={Object.keys(LOCATION_LABELS)[0]}
        />
        <TextField
          name="duree"
          label="Durée en minutes"
          type="number"
          inputmode="numeric"
          required
          width="short"
          error={errors.duree}
        />
        <TextField
          name="delai"
          label="Délai minimum avant le rendez-vous, en minutes"
          hint="Un créneau plus proche ne se réserve pas en ligne. Par exemple 120 pour deux heures."
          type="number"
          inputmode="numeric"
          required
          width="short"
          value={notice?.values?.delai ?? "30"}
          error={errors.delai}
        />
        <TextField
          name="horizon"
          label="Réservable au plus tard, en jours à l'avance"
          hint="Entre 1 et 366 jours."
          type="number"
          inputmode="numeric"
          required
          width="short"
          value={notice?.values?.horizon ?? "60"}
          error={errors.horizon}
        />
        <DocumentsField
          id="champ-pieces"
          label="Pièces à apporter"
          value={notice?.values?.pieces ?? ""}
          error={notice?.motifId ? undefined : errors.pieces}
        />
        <CheckboxField
          name="collectif"
          label="Séance collective (sur place, avec des séances organisées à l'avance)"
        />
        <Radios
          name="reservable"
          legend="Qui peut le réserver"
          options={[
            { value: "everyone", label: "Tout le monde, en ligne", id: "reservable-tous" },
            { value: "agents", label: "Seulement les agents", id: "reservable-agents" },
          ]}
          value="everyone"
        />
        <Button>Ajouter le motif</Button>
      </form>
    </Layout>,
    notice?.errors ? 400 : 200,
  );
}

configRoutes.get(PATH, async (c) => renderSetup(c, requireManager(c)));

configRoutes.post(`${PATH}/plages`, async (c) => {
  const organisationId = requireManager(c);
  const body = await formFields(c);
  const agenda = await loadOrganisationAgenda(c.var.db, organisationId);
  const weekdays = list(body.jours).map(Number) as IsoWeekday[];
  const candidate = {
    id: "nouvelle",
    agentId: String(body.agent ?? ""),
    lieuId: body.lieu ? String(body.lieu) : null,
    motifIds: list(body.motifs),
    firstDay: String(body.firstDay ?? ""),
    startTime: String(body.startTime ?? ""),
    endTime: String(body.endTime ?? ""),
    recurrence:
      weekdays.length > 0
        ? { everyWeeks: 1, weekdays, until: body.until ? String(body.until) : null }
        : null,
  };
  let opening: z.infer<typeof PlageOuvertureSchema>;
  try {
    opening = parseValue(PlageOuvertureSchema, candidate);
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderSetup(c, organisationId, { errors });
  }
  const owns =
    agenda.agents.some((a) => a.id === candidate.agentId) &&
    (candidate.lieuId === null || agenda.lieux.some((l) => l.id === candidate.lieuId)) &&
    candidate.motifIds.every((id) => agenda.motifIds.includes(id));
  if (!owns)
    throw new Invalid(
      {},
      "Cet agent, ce lieu ou ces motifs n'appartiennent pas à votre structure.",
    );
  const overlaps = findOpeningOverlaps([...agenda.openings, opening]).filter((o) =>
    o.openingIds.includes("nouvelle"),
  );
  await createPlage(c.var.db, { ...opening, organisationId }, c.var.now);
  return renderSetup(c, organisationId, {
    done: "Plage d'ouverture ajoutée",
    warnings: overlaps.map(
      (o) =>
        `Cette plage chevauche une autre plage du même agent (à partir du ${o.firstDate}). Les créneaux ne seront proposés qu'une fois.`,
    ),
  });
});

const AbsenceForm = z.object({
  agent: z.string(),
  firstDay: z.string(),
  endDay: z.string().optional(),
  startTime: z.string(),
  endTime: z.string(),
});

configRoutes.post(`${PATH}/absences`, async (c) => {
  const organisationId = requireManager(c);
  let absence: z.infer<typeof AbsenceSchema>;
  try {
    const input = await parseForm(c, AbsenceForm);
    absence = parseValue(AbsenceSchema, {
      id: "nouvelle",
      agentId: input.agent,
      firstDay: input.firstDay,
      endDay: input.endDay || null,
      startTime: input.startTime,
      endTime: input.endTime,
      recurrence: null,
    });
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderSetup(c, organisationId, { errors });
  }
  const agenda = await loadOrganisationAgenda(c.var.db, organisationId);
  if (!agenda.agents.some((a) => a.id === absence.agentId))
    throw new Invalid({}, "Cet agent n'appartient pas à votre structure.");
  await createAbsence(c.var.db, absence, c.var.now);
  return renderSetup(c, organisationId, { done: "Absence déclarée" });
});

configRoutes.post(`${PATH}/motifs`, async (c) => {
  const organisationId = requireManager(c);
  let input: z.infer<typeof MotifForm>;
  try {
    input = await parseForm(c, MotifForm);
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderSetup(c, organisationId, { errors, values: await formValues(c) });
  }
  await createMotif(
    c.var.db,
    {
      organisationId,
      name: input.nom,
      locationKind: input.modalite,
      durationMinutes: input.duree,
      bookableBy: input.reservable,
      minNoticeMinutes: input.delai,
      maxHorizonDays: input.horizon,
      isCollective: input.collectif === "oui",
      documentsToBring: input.pieces,
    },
    c.var.now,
  );
  return renderSetup(c, organisationId, { done: "Motif ajouté" });
});

configRoutes.post(`${PATH}/motifs/:id/pieces`, async (c) => {
  const organisationId = requireManager(c);
  const motifId = c.req.param("id");
  let pieces: z.infer<typeof DocumentsToBring>;
  try {
    ({ pieces } = await parseForm(c, z.object({ pieces: DocumentsToBring })));
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderSetup(c, organisationId, { errors, motifId });
  }
  const saved = await setMotifDocumentsToBring(c.var.db, organisationId, motifId, pieces);
  if (!saved) throw new Invalid({}, "Ce motif n'appartient pas à votre structure.");
  return renderSetup(c, organisationId, { done: "Pièces à apporter enregistrées" });
});

/** A multi-line « pièces à apporter » field, its hint and error tied to it (RGAA 11.1, 11.10). */
function DocumentsField(props: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
}) {
  return (
    <TextAreaField
      name="pieces"
      id={props.id}
      label={props.label}
      hint="Ce que la personne apporte au rendez-vous, une pièce par ligne. Par exemple : une pièce d'identité, le dernier avis d'imposition."
      value={props.value}
      error={props.error}
      rows={3}
    />
  );
}
