// The responsable de structure's setup: motifs, plages d'ouverture and
// absences, with French messages per field and overlap warnings (overlaps
// between an agent's openings are allowed, as in RDV Service Public).

import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import { fieldErrors, readForm } from "../../platform/http/forms.ts";
import type { IsoWeekday } from "../../platform/time/paris.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  TextField,
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
import { LOCATION_LABELS } from "./forms.tsx";
import { DocumentsToBring, MotifForm } from "./motif-form.ts";
import { appointmentRules } from "./policy.ts";
import { crumbs, organisationOf } from "./pro-context.ts";
import { SESSIONS_PATH } from "./session-pages.tsx";
import { loadOrganisationAgenda } from "./setup-store.ts";

export const configPages = new Hono<AppEnv>();

const PATH = "/pro/rendez-vous/configuration";
const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === "string" && value ? [value] : [];

function requireManager(c: AppContext): string {
  const organisationId = organisationOf(c, c.var.actor);
  authorize(c.var.actor, appointmentRules.manageAgendas, { organisationId });
  return organisationId;
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
    <div class={`field${errors[name] ? " field--error" : ""}`}>
      <label class="field__label" for={`champ-${name}`}>
        {label}
      </label>
      {errors[name] && (
        <p class="field__error" id={`champ-${name}-erreur`}>
          {errors[name]}
        </p>
      )}
      <input
        class="field__input field__input--short"
        type="time"
        id={`champ-${name}`}
        name={name}
        required
        aria-describedby={errors[name] ? `champ-${name}-erreur` : undefined}
      />
    </div>
  );
  const agentSelect = (
    <div class="field">
      <label class="field__label" for="champ-agent">
        Agent
      </label>
      <select class="field__select" id="champ-agent" name="agent">
        {agenda.agents.map((a) => (
          <option value={a.id}>{a.name}</option>
        ))}
      </select>
    </div>
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
        <div class="field">
          <label class="field__label" for="champ-lieu">
            Lieu
          </label>
          <select class="field__select" id="champ-lieu" name="lieu">
            <option value="">Sans lieu (téléphone, visio, domicile)</option>
            {agenda.lieux.map((l) => (
              <option value={l.id}>{l.name}</option>
            ))}
          </select>
        </div>
        <fieldset class="field" id="champ-motifIds">
          <legend class="field__label">Motifs proposés</legend>
          {errors.motifIds && <p class="field__error">{errors.motifIds}</p>}
          {setup.motifs
            .filter((m) => !m.is_collective)
            .map((m) => (
              <div class="rdv-checkbox">
                <input type="checkbox" id={`motif-${m.id}`} name="motifs" value={m.id} />
                <label for={`motif-${m.id}`}>{m.name}</label>
              </div>
            ))}
        </fieldset>
        <TextField
          name="firstDay"
          label="Premier jour"
          type="date"
          required
          width="medium"
          error={errors.firstDay}
        />
        {timeField("startTime", "Heure de début")}
        {timeField("endTime", "Heure de fin")}
        <fieldset class="field">
          <legend class="field__label">Répéter chaque semaine le</legend>
          {WEEKDAYS.map((day, index) => (
            <div class="rdv-checkbox">
              <input
                type="checkbox"
                id={`jour-${index + 1}`}
                name="jours"
                value={String(index + 1)}
              />
              <label for={`jour-${index + 1}`}>{day}</label>
            </div>
          ))}
        </fieldset>
        <TextField
          name="until"
          label="Jusqu'au"
          type="date"
          width="medium"
          error={errors["recurrence.until"]}
        />
        <Button>Ajouter la plage</Button>
      </form>
      <h2>Déclarer une absence</h2>
      <form method="post" action={`${PATH}/absences`} class="rdv-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        {agentSelect}
        <TextField name="firstDay" label="Premier jour" type="date" required width="medium" />
        <TextField
          name="endDay"
          label="Dernier jour"
          hint="Pour une absence de plusieurs jours."
          type="date"
          width="medium"
        />
        {timeField("startTime", "Heure de début")}
        {timeField("endTime", "Heure de fin")}
        <Button>Déclarer l'absence</Button>
      </form>
      <h2>Ajouter un motif</h2>
      <form method="post" action={`${PATH}/motifs`} class="rdv-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField name="nom" label="Nom du motif" required error={errors.nom} />
        <fieldset class="field">
          <legend class="field__label">Modalité</legend>
          {Object.entries(LOCATION_LABELS).map(([value, label], index) => (
            <div class="rdv-checkbox">
              <input
                type="radio"
                id={`modalite-${value}`}
                name="modalite"
                value={value}
                checked={index === 0}
              />
              <label for={`modalite-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
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
        <div class="field rdv-checkbox">
          <input type="checkbox" id="champ-collectif" name="collectif" value="oui" />
          <label for="champ-collectif">
            Séance collective (sur place, avec des séances organisées à l'avance)
          </label>
        </div>
        <fieldset class="field">
          <legend class="field__label">Qui peut le réserver</legend>
          <div class="rdv-checkbox">
            <input type="radio" id="reservable-tous" name="reservable" value="everyone" checked />
            <label for="reservable-tous">Tout le monde, en ligne</label>
          </div>
          <div class="rdv-checkbox">
            <input type="radio" id="reservable-agents" name="reservable" value="agents" />
            <label for="reservable-agents">Seulement les agents</label>
          </div>
        </fieldset>
        <Button>Ajouter le motif</Button>
      </form>
    </Layout>,
    notice?.errors ? 400 : 200,
  );
}

configPages.get(PATH, async (c) => renderSetup(c, requireManager(c)));

configPages.post(`${PATH}/plages`, async (c) => {
  const organisationId = requireManager(c);
  const body = await c.req.parseBody({ all: true });
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
  const parsed = PlageOuvertureSchema.safeParse(candidate);
  if (!parsed.success) return renderSetup(c, organisationId, { errors: fieldErrors(parsed.error) });
  const owns =
    agenda.agents.some((a) => a.id === candidate.agentId) &&
    (candidate.lieuId === null || agenda.lieux.some((l) => l.id === candidate.lieuId)) &&
    candidate.motifIds.every((id) => agenda.motifIds.includes(id));
  if (!owns)
    throw new Invalid(
      {},
      "Cet agent, ce lieu ou ces motifs n'appartiennent pas à votre structure.",
    );
  const overlaps = findOpeningOverlaps([...agenda.openings, parsed.data]).filter((o) =>
    o.openingIds.includes("nouvelle"),
  );
  await createPlage(c.var.db, { ...parsed.data, organisationId }, c.var.deps.now());
  return renderSetup(c, organisationId, {
    done: "Plage d'ouverture ajoutée",
    warnings: overlaps.map(
      (o) =>
        `Cette plage chevauche une autre plage du même agent (à partir du ${o.firstDate}). Les créneaux ne seront proposés qu'une fois.`,
    ),
  });
});

configPages.post(`${PATH}/absences`, async (c) => {
  const organisationId = requireManager(c);
  const form = await readForm(
    c,
    z.object({
      agent: z.string(),
      firstDay: z.string(),
      endDay: z.string().optional(),
      startTime: z.string(),
      endTime: z.string(),
    }),
  );
  if (!form.ok) return renderSetup(c, organisationId, { errors: form.errors });
  const agenda = await loadOrganisationAgenda(c.var.db, organisationId);
  const parsed = AbsenceSchema.safeParse({
    id: "nouvelle",
    agentId: form.data.agent,
    firstDay: form.data.firstDay,
    endDay: form.data.endDay || null,
    startTime: form.data.startTime,
    endTime: form.data.endTime,
    recurrence: null,
  });
  if (!parsed.success) return renderSetup(c, organisationId, { errors: fieldErrors(parsed.error) });
  if (!agenda.agents.some((a) => a.id === parsed.data.agentId))
    throw new Invalid({}, "Cet agent n'appartient pas à votre structure.");
  await createAbsence(c.var.db, parsed.data, c.var.deps.now());
  return renderSetup(c, organisationId, { done: "Absence déclarée" });
});

configPages.post(`${PATH}/motifs`, async (c) => {
  const organisationId = requireManager(c);
  const form = await readForm(c, MotifForm);
  if (!form.ok) return renderSetup(c, organisationId, form);
  await createMotif(
    c.var.db,
    {
      organisationId,
      name: form.data.nom,
      locationKind: form.data.modalite,
      durationMinutes: form.data.duree,
      bookableBy: form.data.reservable,
      minNoticeMinutes: form.data.delai,
      maxHorizonDays: form.data.horizon,
      isCollective: form.data.collectif === "oui",
      documentsToBring: form.data.pieces,
    },
    c.var.deps.now(),
  );
  return renderSetup(c, organisationId, { done: "Motif ajouté" });
});

configPages.post(`${PATH}/motifs/:id/pieces`, async (c) => {
  const organisationId = requireManager(c);
  const motifId = c.req.param("id");
  const form = await readForm(c, z.object({ pieces: DocumentsToBring }));
  if (!form.ok) return renderSetup(c, organisationId, { errors: form.errors, motifId });
  const saved = await setMotifDocumentsToBring(c.var.db, organisationId, motifId, form.data.pieces);
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
  const described = [`${props.id}-aide`, props.error ? `${props.id}-erreur` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={`field${props.error ? " field--error" : ""}`}>
      <label class="field__label" for={props.id}>
        {props.label}
        <span class="field__optional"> (facultatif)</span>
      </label>
      <p class="field__hint" id={`${props.id}-aide`}>
        Ce que la personne apporte au rendez-vous, une pièce par ligne. Par exemple : une pièce
        d'identité, le dernier avis d'imposition.
      </p>
      {props.error && (
        <p class="field__error" id={`${props.id}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      )}
      <textarea
        class="field__textarea"
        id={props.id}
        name="pieces"
        rows={3}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={described}
      >
        {props.value}
      </textarea>
    </div>
  );
}
