// The responsable's setup page (motifs, plages d'ouverture, absences), in
// parts: the motifs with their « pièces à apporter », the openings, and the
// forms to add an opening, an absence or a motif. No database access: the
// handlers of config-routes.tsx load what it shows.

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
import type { PageContext } from "../../platform/ui/page-context.ts";
import type { organisationSetup } from "./agenda-admin.ts";
import { LOCATION_LABELS } from "./booking-views.tsx";
import { crumbs } from "./pro-context.ts";
import type { loadOrganisationAgenda } from "./setup-store.ts";

export const SETUP_PATH = "/pro/rendez-vous/configuration";
export const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

type Errors = Record<string, string>;
type Setup = Awaited<ReturnType<typeof organisationSetup>>;
type Agenda = Awaited<ReturnType<typeof loadOrganisationAgenda>>;

export interface SetupNotice {
  errors?: Errors;
  warnings?: string[];
  done?: string;
  values?: Record<string, string>;
  /** The motif whose « pièces à apporter » form the errors belong to. */
  motifId?: string;
}

export function SetupPage(props: {
  page: PageContext;
  organisationId: string;
  sessionsPath: string;
  setup: Setup;
  agenda: Agenda;
  notice: SetupNotice | undefined;
}) {
  const { page, organisationId, setup, agenda, notice } = props;
  const errors = notice?.errors ?? {};
  const organisation = encodeURIComponent(organisationId);
  return (
    <Layout page={page} title="Motifs et plages d'ouverture" breadcrumb={crumbs("Configuration")}>
      <h1>Motifs et plages d'ouverture</h1>
      {notice?.done && <Alert kind="success" title={notice.done} />}
      {notice?.warnings?.map((w) => (
        <Alert kind="warning" title="Chevauchement">
          {<p>{w}</p>}
        </Alert>
      ))}
      <ErrorSummary errors={errors} />
      <p>
        <a href={`${SETUP_PATH}/lieux?organisation=${organisation}`}>
          Gérer les lieux de rendez-vous
        </a>{" "}
        (depuis l'annuaire ou saisis à la main).{" "}
        <a href={`${props.sessionsPath}?organisation=${organisation}`}>
          Organiser les séances collectives
        </a>
      </p>
      <MotifList csrfToken={page.csrfToken} motifs={setup.motifs} notice={notice} />
      <PlageList plages={setup.plages} />
      <PlageForm csrfToken={page.csrfToken} agenda={agenda} motifs={setup.motifs} errors={errors} />
      <AbsenceForm csrfToken={page.csrfToken} agenda={agenda} errors={errors} />
      <NewMotifForm csrfToken={page.csrfToken} errors={errors} notice={notice} />
    </Layout>
  );
}

/** The organisation's motifs, each with its « pièces à apporter » form. */
function MotifList(props: {
  csrfToken: string;
  motifs: Setup["motifs"];
  notice: SetupNotice | undefined;
}) {
  const errors = props.notice?.errors ?? {};
  return (
    <>
      <h2>Motifs</h2>
      <ul class="rdv-lieux">
        {props.motifs.map((m) => (
          <li>
            {m.name} : {LOCATION_LABELS[m.location_kind]}, {m.duration_minutes} min,{" "}
            {m.bookable_by === "everyone" ? "réservable en ligne" : "réservé aux agents"}
            {m.is_collective ? ", séance collective" : ""}, de {m.min_notice_minutes} min à{" "}
            {m.max_horizon_days} jours à l'avance
            <form
              method="post"
              action={`${SETUP_PATH}/motifs/${m.id}/pieces`}
              class="rdv-inline-form"
              novalidate
            >
              <CsrfField token={props.csrfToken} />
              <DocumentsField
                id={`pieces-${m.id}`}
                label={`Pièces à apporter : ${m.name}`}
                value={m.documents_to_bring ?? ""}
                error={props.notice?.motifId === m.id ? errors.pieces : undefined}
              />
              <Button kind="secondary">Enregistrer les pièces à apporter</Button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}

function PlageList(props: { plages: Setup["plages"] }) {
  return (
    <>
      <h2>Plages d'ouverture</h2>
      <ul>
        {props.plages.map((p) => (
          <li>
            {p.agentName}, {p.lieuName ?? "sans lieu"} :{" "}
            {p.weekdays.map((d) => WEEKDAYS[d - 1]).join(", ")} {p.startTime}–{p.endTime}
          </li>
        ))}
      </ul>
    </>
  );
}

function AgentSelect(props: { agenda: Agenda }) {
  return (
    <SelectField
      name="agent"
      label="Agent"
      markOptional={false}
      options={props.agenda.agents.map((a) => ({ value: a.id, label: a.name }))}
    />
  );
}

function TimeFields(props: { errors: Errors }) {
  return (
    <>
      <TimeField name="startTime" label="Heure de début" required error={props.errors.startTime} />
      <TimeField name="endTime" label="Heure de fin" required error={props.errors.endTime} />
    </>
  );
}

function PlageForm(props: {
  csrfToken: string;
  agenda: Agenda;
  motifs: Setup["motifs"];
  errors: Errors;
}) {
  const { errors } = props;
  return (
    <>
      <h2>Ajouter une plage d'ouverture</h2>
      <form method="post" action={`${SETUP_PATH}/plages`} class="rdv-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <AgentSelect agenda={props.agenda} />
        <SelectField
          name="lieu"
          label="Lieu"
          markOptional={false}
          options={[
            { value: "", label: "Sans lieu (téléphone, visio, domicile)" },
            ...props.agenda.lieux.map((l) => ({ value: l.id, label: l.name })),
          ]}
        />
        <CheckboxGroup
          name="motifs"
          id="champ-motifIds"
          legend="Motifs proposés"
          error={errors.motifIds}
          options={props.motifs
            .filter((m) => !m.is_collective)
            .map((m) => ({ value: m.id, label: m.name, id: `motif-${m.id}` }))}
        />
        <DateField name="firstDay" label="Premier jour" required error={errors.firstDay} />
        <TimeFields errors={errors} />
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
    </>
  );
}

function AbsenceForm(props: { csrfToken: string; agenda: Agenda; errors: Errors }) {
  return (
    <>
      <h2>Déclarer une absence</h2>
      <form method="post" action={`${SETUP_PATH}/absences`} class="rdv-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <AgentSelect agenda={props.agenda} />
        <DateField name="firstDay" label="Premier jour" required />
        <DateField name="endDay" label="Dernier jour" hint="Pour une absence de plusieurs jours." />
        <TimeFields errors={props.errors} />
        <Button>Déclarer l'absence</Button>
      </form>
    </>
  );
}

function NewMotifForm(props: {
  csrfToken: string;
  errors: Errors;
  notice: SetupNotice | undefined;
}) {
  return (
    <>
      <h2>Ajouter un motif</h2>
      <form method="post" action={`${SETUP_PATH}/motifs`} class="rdv-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField name="nom" label="Nom du motif" required error={props.errors.nom} />
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
          error={props.errors.duree}
        />
        <TextField
          name="delai"
          label="Délai minimum avant le rendez-vous, en minutes"
          hint="Un créneau plus proche ne se réserve pas en ligne. Par exemple 120 pour deux heures."
          type="number"
          inputmode="numeric"
          required
          width="short"
          value={props.notice?.values?.delai ?? "30"}
          error={props.errors.delai}
        />
        <TextField
          name="horizon"
          label="Réservable au plus tard, en jours à l'avance"
          hint="Entre 1 et 366 jours."
          type="number"
          inputmode="numeric"
          required
          width="short"
          value={props.notice?.values?.horizon ?? "60"}
          error={props.errors.horizon}
        />
        <DocumentsField
          id="champ-pieces"
          label="Pièces à apporter"
          value={props.notice?.values?.pieces ?? ""}
          error={props.notice?.motifId ? undefined : props.errors.pieces}
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
    </>
  );
}

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
