import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import {
  Button,
  CsrfField,
  DateField,
  SelectField,
  TextAreaField,
  TextField,
} from "../../platform/ui/components.tsx";
import { bind, EditorForm, type FormState } from "./editor-views.tsx";
import type { BodyView, MeetingView } from "./governance.ts";

export const GOVERNANCE_PATH = "/plan/gouvernance";

export function BodySection({
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
  // Several forms on one page: each field's name carries the body's slug (unique ids).
  const prefix = `${body.slug}-`;
  return (
    <details open={form !== undefined}>
      <summary>Ajouter un membre (pilote)</summary>
      <EditorForm
        action={`${GOVERNANCE_PATH}/${body.slug}/membres`}
        csrfToken={csrfToken}
        form={form}
        submit="Ajouter ce membre"
      >
        <SelectField
          {...bind(form, `${prefix}organisation`, "")}
          label={`Structure de Relais (${body.name})`}
          hint="Ou laissez vide et écrivez le nom du membre."
          options={[
            { value: "", label: "Aucune : un membre sans compte dans Relais" },
            ...organisations.map((organisation) => ({
              value: organisation.id,
              label: organisation.name,
            })),
          ]}
        />
        <TextField
          {...bind(form, `${prefix}nom`)}
          label="Nom du membre"
          hint="Facultatif avec une structure de Relais : son nom est repris."
        />
        <TextField {...bind(form, `${prefix}role`)} label="Rôle" required />
      </EditorForm>
    </details>
  );
}

export function MeetingEditor({
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
  return (
    <section aria-labelledby="reunion-formulaire">
      <h2 id="reunion-formulaire">{heading}</h2>
      <EditorForm action={action} csrfToken={csrfToken} form={form} submit="Enregistrer la réunion">
        <SelectField
          {...bind(form, "instance", meeting?.body.slug)}
          label="Instance"
          required
          options={bodies.map((body) => ({ value: body.slug, label: body.name }))}
        />
        <DateField
          {...bind(form, "date", meeting?.heldOn)}
          label="Date de la réunion"
          hint="Au format AAAA-MM-JJ."
          required
        />
        <TextField {...bind(form, "titre", meeting?.title)} label="Titre" required />
        <TextAreaField {...bind(form, "compte_rendu", meeting?.summary)} label="Compte rendu" />
        <TextAreaField
          {...bind(form, "decisions", meeting?.decisions.join("\n"))}
          label="Décisions"
          hint="Une décision par ligne."
        />
        <TextField
          {...bind(form, "actions", meeting?.actions.map((a) => a.number).join(", "))}
          label="Fiches d'actions examinées"
          hint="Les numéros des actions, séparés par des virgules (par exemple : 9, 11)."
        />
        <SelectField
          {...bind(form, "publication", meeting?.published ? "publiee" : "brouillon")}
          label="Publication"
          hint="Un brouillon n'est visible que des pilotes."
          options={[
            { value: "brouillon", label: "Brouillon" },
            { value: "publiee", label: "Publiée : tout le monde la voit" },
          ]}
        />
      </EditorForm>
    </section>
  );
}
