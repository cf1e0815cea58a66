// The record page of a person: who they are and their referent, then each
// section the actor may see (appointments, situation, plan, notes,
// documents, simulations, orientations, consents, export).

import { frenchLocalDate, frenchLongDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  ErrorSummary,
  SelectField,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import type { RecordView } from "./record.ts";
import { AppointmentsList, SimulationsList } from "./record-links-views.tsx";
import { DocumentsSection, NotesSection } from "./record-notes-views.tsx";
import { PlanSection, SituationSection } from "./record-plan-views.tsx";
import { ConsentsSection, OrientationsSection } from "./record-sharing-views.tsx";
import { type Option, PostForm, Section } from "./record-views.tsx";
import { PARCOURS_STATUS_LABELS } from "./themes.ts";

export function RecordPage({
  view,
  token,
  errors,
  organisations,
  colleagues,
  now,
  unsavedSituation,
}: {
  view: RecordView;
  now: Date;
  token: string;
  errors: Record<string, string>;
  /** What the worker typed in a situation refused for someone else's edit in between. */
  unsavedSituation?: Record<string, string> | undefined;
  organisations: Option[];
  colleagues: Option[];
}) {
  const { person, can, record } = view;
  const base = `/pro/dossiers/${view.access.parcoursId}`;
  return (
    <>
      <h1>
        {person.firstName} {person.lastName}
      </h1>
      <ErrorSummary errors={errors} />
      <p>
        Né·e le {frenchLocalDate(person.birthDate)} · Parcours{" "}
        <Tag>{PARCOURS_STATUS_LABELS[person.status]}</Tag>
        {person.inCareAse && <Tag kind="warning">Accompagné·e par l'ASE</Tag>}
      </p>
      <p>
        Référent :{" "}
        {person.referentName
          ? `${person.referentName} (${person.referentOrganisationName})`
          : "aucun"}
        {person.referentOverrideReason &&
          ` — au-delà du maximum : ${person.referentOverrideReason}`}
      </p>
      <p>Structures du parcours : {view.members.map((m) => m.name).join(", ")}</p>
      {view.duplicateFlags.length > 0 && (
        <Alert kind="warning" title="Un autre dossier a peut-être été ouvert pour cette personne">
          <ul>
            {view.duplicateFlags.map((flag) => (
              <li>
                Par {flag.organisationName ?? "une structure"}, le {frenchLongDate(flag.flaggedAt)}{" "}
                : contactez-la pour relier ou fusionner les dossiers.
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {can.becomeReferent && person.referentUserId === null && (
        <PostForm action={`${base}/referent`} token={token}>
          <input type="hidden" name="referentUserId" value="moi" />
          <TextField
            name="overrideReason"
            label="Raison du dépassement du maximum"
            hint="Seulement si votre nombre de suivis dépasse le maximum de la structure."
            error={errors.overrideReason}
          />
          <Button kind="secondary">Devenir référent</Button>
        </PostForm>
      )}
      {can.assignReferent && (
        <PostForm action={`${base}/referent`} token={token}>
          <SelectField
            name="referentUserId"
            label="Désigner le référent"
            options={colleagues}
            error={errors.referentUserId}
            required
          />
          <TextField
            name="overrideReason"
            label="Raison du dépassement du maximum"
            error={errors.overrideReason}
          />
          <Button kind="secondary">Désigner</Button>
        </PostForm>
      )}
      {can.readAppointments && (
        <Section id="rendez-vous" title="Rendez-vous">
          <AppointmentsList view={view} now={now} />
        </Section>
      )}
      {record && (
        <>
          <SituationSection
            person={person}
            can={can}
            base={base}
            token={token}
            errors={errors}
            unsaved={unsavedSituation}
          />
          <PlanSection record={record} can={can} base={base} token={token} errors={errors} />
          <NotesSection record={record} can={can} base={base} token={token} errors={errors} />
          <DocumentsSection record={record} can={can} base={base} token={token} errors={errors} />
          <Section id="simulations" title="Simulations de droits">
            <SimulationsList simulations={record.simulations} />
          </Section>
          <OrientationsSection record={record} can={can} base={base} />
        </>
      )}
      <ConsentsSection
        consents={view.consents}
        organisations={organisations}
        can={can}
        base={base}
        token={token}
        errors={errors}
      />
      {can.exportPerson && (
        <Section id="export" title="Droit d'accès de la personne">
          <ul>
            <li>
              <a href={`${base}/export.pdf`}>
                Télécharger ses données et l'historique des accès (PDF)
              </a>
            </li>
            <li>
              <a href={`${base}/export.json`}>Les mêmes au format JSON</a>
            </li>
          </ul>
        </Section>
      )}
      {can.closeParcours && (
        <PostForm action={`${base}/cloture`} token={token}>
          <Button kind="secondary">Clore le parcours</Button>
        </PostForm>
      )}
    </>
  );
}

export function Notice({ message }: { message?: string | undefined }) {
  return message ? <Alert kind="success">{message}</Alert> : null;
}
