import type { Child } from "hono/jsx";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  SelectField,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import { frenchDate } from "./person-name.ts";
import type { RecordView } from "./record.ts";
import { AppointmentsList, SimulationsList } from "./record-links-views.tsx";
import {
  ACTION_STATUS_LABELS,
  CONSENT_SCOPE_LABELS,
  OBJECTIVE_STATUS_LABELS,
  ORIENTATION_STATUS_LABELS,
  PARCOURS_STATUS_LABELS,
  SITUATION_FIELDS,
  THEMES,
} from "./themes.ts";

export type Option = { value: string; label: string };

function PostForm({
  action,
  token,
  children,
  enctype,
}: {
  action: string;
  token: string;
  children: Child;
  enctype?: "multipart/form-data";
}) {
  return (
    <form method="post" action={action} class="records-form" enctype={enctype}>
      <CsrfField token={token} />
      {children}
    </form>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: Child }) {
  return (
    <section id={id} class="records-section" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>{title}</h2>
      {children}
    </section>
  );
}

const dateTime = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});

export function RecordPage({
  view,
  token,
  errors,
  organisations,
  colleagues,
  now,
}: {
  view: RecordView;
  now: Date;
  token: string;
  errors: Record<string, string>;
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
        Né·e le {frenchDate(person.birthDate)} · Parcours{" "}
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
          <Section id="situation" title="Situation">
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
                <p class="field__hint">La santé s'écrit dans une note marquée « sensible ».</p>
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
          <Section id="plan" title="Plan d'accompagnement">
            {record.objectives.length === 0 && <p>Aucun objectif pour l'instant.</p>}
            {record.objectives.map((objective) => (
              <div class="records-objective">
                <h3>
                  {THEMES[objective.theme as keyof typeof THEMES] ?? objective.theme} —{" "}
                  {objective.title} <Tag>{OBJECTIVE_STATUS_LABELS[objective.status]}</Tag>
                </h3>
                <ul>
                  {objective.actions.map((action) => (
                    <li>
                      {action.title} — {action.assignee}
                      {action.dueDate && `, pour le ${frenchDate(action.dueDate)}`}{" "}
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
                    options={Object.entries(THEMES).map(([value, label]) => ({ value, label }))}
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
                    <TextField
                      name="actionTitle"
                      label="Action"
                      error={errors.actionTitle}
                      required
                    />
                    <TextField
                      name="assignee"
                      label="Qui la fait"
                      hint="La personne, un professionnel, une structure."
                      error={errors.assignee}
                      required
                    />
                    <TextField
                      name="dueDate"
                      type="date"
                      label="Pour quand"
                      error={errors.dueDate}
                      width="medium"
                    />
                    <Button kind="secondary">Ajouter l'action</Button>
                  </PostForm>
                )}
              </>
            )}
          </Section>
          <Section id="notes" title="Notes">
            {can.writeRecord && (
              <PostForm action={`${base}/notes`} token={token}>
                <TextField
                  name="contactDate"
                  type="date"
                  label="Date du contact"
                  error={errors.contactDate}
                  required
                  width="medium"
                />
                <div class={`field${errors.body ? " field--error" : ""}`}>
                  <label for="champ-body" class="field__label">
                    Note
                  </label>
                  {errors.body && (
                    <p id="champ-body-erreur" class="field__error">
                      {errors.body}
                    </p>
                  )}
                  <textarea
                    id="champ-body"
                    name="body"
                    rows={4}
                    class="field__textarea"
                    required
                    aria-describedby={errors.body ? "champ-body-erreur" : undefined}
                  />
                </div>
                {can.writeSensitive && (
                  <div class="field">
                    <input type="checkbox" id="champ-sensitive" name="sensitive" value="1" />{" "}
                    <label for="champ-sensitive">
                      Note sensible (santé) : visible des seuls travailleurs sociaux autorisés
                    </label>
                  </div>
                )}
                <Button>Ajouter la note</Button>
              </PostForm>
            )}
            <ol class="records-timeline">
              {record.notes.map((note) => (
                <li>
                  <p>
                    <strong>{frenchDate(note.contactDate)}</strong> — {note.authorName ?? "?"} (
                    {note.authorOrganisation ?? "?"})
                    {note.isSensitive && <Tag kind="warning">Sensible</Tag>}
                  </p>
                  <p class="records-note">{note.body}</p>
                </li>
              ))}
            </ol>
          </Section>
          <Section id="documents" title="Documents">
            <ul>
              {record.documents.map((doc) => (
                <li>
                  <a href={`${base}/documents/${doc.id}`}>{doc.fileName}</a> (
                  {Math.ceil(doc.sizeBytes / 1024)} Ko)
                </li>
              ))}
            </ul>
            {can.writeRecord && (
              <PostForm action={`${base}/documents`} token={token} enctype="multipart/form-data">
                <div class={`field${errors.document ? " field--error" : ""}`}>
                  <label for="champ-document" class="field__label">
                    Ajouter un document (PDF, PNG ou JPEG, 10 Mo au plus)
                  </label>
                  {errors.document && (
                    <p id="champ-document-erreur" class="field__error">
                      {errors.document}
                    </p>
                  )}
                  <input
                    id="champ-document"
                    type="file"
                    name="document"
                    accept=".pdf,.png,.jpg,.jpeg"
                    required
                  />
                </div>
                <Button kind="secondary">Envoyer</Button>
              </PostForm>
            )}
          </Section>
          <Section id="simulations" title="Simulations de droits">
            <SimulationsList simulations={record.simulations} />
          </Section>
          <Section id="orientations" title="Orientations">
            <ul>
              {record.orientations.map((o) => (
                <li>
                  {dateTime.format(o.createdAt)} : {o.fromName} → {o.toName}
                  {o.toServiceName && ` (${o.toServiceName})`}{" "}
                  <Tag>{ORIENTATION_STATUS_LABELS[o.status]}</Tag>
                  {o.decisionReason && ` — ${o.decisionReason}`}
                </li>
              ))}
            </ul>
            {can.writeRecord && (
              <search>
                <form method="get" action={`${base}/orienter`} class="records-form">
                  <TextField
                    name="q"
                    type="search"
                    label="Orienter vers un service de l'annuaire"
                    hint="Un besoin ou un nom : « aide alimentaire », « Secours Catholique »…"
                    required
                  />
                  <Button kind="secondary">Chercher un service</Button>
                </form>
              </search>
            )}
          </Section>
        </>
      )}
      <Section id="consentements" title="Consentements">
        <ul>
          {view.consents.map((consent) => (
            <li>
              {consent.organisationName} : {CONSENT_SCOPE_LABELS[consent.scope]} — recueilli le{" "}
              {dateTime.format(consent.collectedAt)}
              {consent.collectedBy && ` par ${consent.collectedBy}`}
              {consent.withdrawnAt ? ` — retiré le ${dateTime.format(consent.withdrawnAt)}` : ""}
              {!consent.withdrawnAt && can.manageConsent && (
                <PostForm action={`${base}/consentements/${consent.id}/retrait`} token={token}>
                  <Button kind="secondary">Retirer ce consentement</Button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
        {can.manageConsent && (
          <PostForm action={`${base}/consentements`} token={token}>
            <SelectField
              name="consentOrganisationId"
              label="La personne accepte de partager son dossier avec"
              options={organisations}
              error={errors.consentOrganisationId}
              required
            />
            <SelectField
              name="scope"
              label="Étendue"
              options={Object.entries(CONSENT_SCOPE_LABELS).map(([value, label]) => ({
                value,
                label,
              }))}
              required
            />
            <Button kind="secondary">Enregistrer le consentement</Button>
          </PostForm>
        )}
      </Section>
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
