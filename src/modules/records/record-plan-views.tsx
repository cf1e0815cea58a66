// The situation and the plan (objectives and their actions) on the record
// page: read-only, or with their forms for a worker who may write.

import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  DateField,
  FormHint,
  SelectField,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import type { RecordView } from "./record.ts";
import {
  type Capabilities,
  type FormProps,
  PostForm,
  Section,
  type SectionProps,
} from "./record-views.tsx";
import {
  ACTION_STATUS_LABELS,
  isSensitiveTheme,
  OBJECTIVE_STATUS_LABELS,
  SITUATION_FIELDS,
  THEMES,
} from "./themes.ts";

export function SituationSection({
  person,
  can,
  base,
  token,
  errors,
  unsaved,
}: FormProps & {
  person: RecordView["person"];
  can: Capabilities;
  unsaved?: Record<string, string> | undefined;
}) {
  return (
    <Section id="situation" title="Situation">
      {unsaved && (
        <Alert kind="warning" title="Votre saisie, non enregistrée">
          <p>
            Le formulaire montre la version enregistrée entre-temps. Voici ce que vous aviez écrit :
          </p>
          <dl>
            {Object.entries(SITUATION_FIELDS).map(([name, label]) => (
              <>
                <dt>{label}</dt>
                <dd>{unsaved[name] || "—"}</dd>
              </>
            ))}
          </dl>
        </Alert>
      )}
      {can.writeRecord ? (
        <PostForm action={`${base}/situation`} token={token}>
          <input type="hidden" name="version" value={String(person.situationVersion)} />
          {Object.entries(SITUATION_FIELDS).map(([name, label]) => (
            <TextField
              name={name}
              label={label}
              value={person.situation[name]}
              error={errors[name]}
            />
          ))}
          <FormHint>La santé s'écrit dans une note marquée « sensible ».</FormHint>
          <Button>Enregistrer la situation</Button>
        </PostForm>
      ) : (
        <dl>
          {Object.entries(SITUATION_FIELDS).map(([name, label]) => (
            <>
              <dt>{label}</dt>
              <dd>{person.situation[name] || "—"}</dd>
            </>
          ))}
        </dl>
      )}
    </Section>
  );
}

export function PlanSection({ record, can, base, token, errors }: SectionProps) {
  return (
    <Section id="plan" title="Plan d'accompagnement">
      {record.objectives.length === 0 && <p>Aucun objectif pour l'instant.</p>}
      {record.objectives.map((objective) => (
        <div class="records-objective">
          <h3>
            {THEMES[objective.theme as keyof typeof THEMES] ?? objective.theme} — {objective.title}{" "}
            <Tag>{OBJECTIVE_STATUS_LABELS[objective.status]}</Tag>
          </h3>
          <ul>
            {objective.actions.map((action) => (
              <li>
                {action.title} — {action.assignee}
                {action.dueDate && `, pour le ${frenchLocalDate(action.dueDate)}`}{" "}
                <Tag>{ACTION_STATUS_LABELS[action.status]}</Tag>
                {can.writeRecord && (
                  <PostForm action={`${base}/actions/${action.id}`} token={token}>
                    <input type="hidden" name="version" value={String(action.version)} />
                    <SelectField
                      name="status"
                      label={`Nouvel état de « ${action.title} »`}
                      value={action.status}
                      options={Object.entries(ACTION_STATUS_LABELS).map(([value, label]) => ({
                        value,
                        label,
                      }))}
                      required
                    />
                    <Button kind="secondary">Mettre à jour</Button>
                  </PostForm>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {can.writeRecord && (
        <>
          <PostForm action={`${base}/objectifs`} token={token}>
            <h3>Ajouter un objectif</h3>
            <SelectField
              name="theme"
              label="Thème"
              options={Object.entries(THEMES)
                .filter(([value]) => can.writeSensitive || !isSensitiveTheme(value))
                .map(([value, label]) => ({ value, label }))}
              error={errors.theme}
              required
            />
            <TextField name="title" label="Objectif" error={errors.title} required />
            <Button kind="secondary">Ajouter l'objectif</Button>
          </PostForm>
          {record.objectives.length > 0 && (
            <PostForm action={`${base}/actions`} token={token}>
              <h3>Ajouter une action</h3>
              <SelectField
                name="objectiveId"
                label="Objectif"
                options={record.objectives.map((o) => ({ value: o.id, label: o.title }))}
                error={errors.objectiveId}
                required
              />
              <TextField name="actionTitle" label="Action" error={errors.actionTitle} required />
              <TextField
                name="assignee"
                label="Qui la fait"
                hint="La personne, un professionnel, une structure."
                error={errors.assignee}
                required
              />
              <DateField name="dueDate" label="Pour quand" error={errors.dueDate} />
              <Button kind="secondary">Ajouter l'action</Button>
            </PostForm>
          )}
        </>
      )}
    </Section>
  );
}
