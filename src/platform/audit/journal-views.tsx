import { frenchDateTime, frenchFullDateTime } from "../time/french-dates.ts";
import { Alert, Button, ErrorSummary, SelectField, TextField } from "../ui/components.tsx";
import { Layout } from "../ui/layout.tsx";
import type { PageContext } from "../ui/page-context.ts";
import type { TrailVerification } from "./checkpoint.ts";
import {
  EXPORT_ROW_LIMIT,
  JOURNAL_PAGE_SIZE,
  type JournalEvent,
  type JournalPage,
} from "./journal.ts";
import { describeAction, describeSubject } from "./journal-labels.ts";

export const JOURNAL_PATH = "/admin/journal";
export const EXPORT_PATH = "/admin/journal/export.csv";
export const VERIFICATION_PATH = "/admin/journal/verification";

const BREADCRUMB = [{ label: "Espace professionnel", href: "/pro" }, { label: "Journal d'audit" }];

function withQuery(path: string, fields: Record<string, string | number>): string {
  const query = new URLSearchParams(
    Object.entries(fields).map(([key, value]) => [key, String(value)]),
  ).toString();
  return query ? `${path}?${query}` : path;
}

export function describeActor(event: JournalEvent): string {
  if (event.actorName) return `${event.actorName} (${event.actorEmail})`;
  if (event.actorUserId) return `le compte ${event.actorUserId}`;
  return "Relais lui-même (tâche de fond ou ligne de commande)";
}

function EventItem({ event }: { event: JournalEvent }) {
  const details = Object.keys(event.details).length > 0;
  return (
    <li class="audit-event">
      <p class="audit-event__when">
        <time datetime={event.occurredAt.toISOString()}>
          {frenchFullDateTime(event.occurredAt)}
        </time>
        <span class="audit-event__seq"> · événement n° {event.seq}</span>
      </p>
      <p>
        <strong>{describeActor(event)}</strong>
        {event.organisationName ? `, pour ${event.organisationName},` : ""}{" "}
        {describeAction(event.action)}
        {" : "}
        {describeSubject(event.subjectType, event.subjectId)}.
      </p>
      <details class="audit-event__details">
        <summary>Détails de l'événement n° {event.seq}</summary>
        <dl>
          <dt>Action</dt>
          <dd>
            <code>{event.action}</code>
          </dd>
          {event.personId && (
            <>
              <dt>Personne concernée</dt>
              <dd>
                <a href={withQuery(JOURNAL_PATH, { personne: event.personId })}>
                  <code>{event.personId}</code>
                </a>
              </dd>
            </>
          )}
          {event.actorUserId && (
            <>
              <dt>Compte</dt>
              <dd>
                <a href={withQuery(JOURNAL_PATH, { utilisateur: event.actorUserId })}>
                  <code>{event.actorUserId}</code>
                </a>
              </dd>
            </>
          )}
          {event.requestId && (
            <>
              <dt>Requête</dt>
              <dd>
                <code>{event.requestId}</code>
              </dd>
            </>
          )}
          <dt>Précisions</dt>
          <dd>
            {details ? (
              <pre class="audit-event__json">{JSON.stringify(event.details, null, 2)}</pre>
            ) : (
              "aucune"
            )}
          </dd>
        </dl>
      </details>
    </li>
  );
}

export function JournalPageView({
  page,
  values,
  errors,
  organisations,
  result,
  filtersQuery,
  checkpointSummary,
}: {
  page: PageContext;
  values: Record<string, string>;
  errors: Record<string, string>;
  organisations: { id: string; name: string }[];
  result: JournalPage | undefined;
  /** The filters as a query string, for the export and page links. */
  filtersQuery: Record<string, string>;
  checkpointSummary: string;
}) {
  return (
    <Layout page={page} title="Journal d'audit" breadcrumb={BREADCRUMB}>
      <h1>Journal d'audit</h1>
      <p class="lead">
        Chaque consultation ou modification des données d'une personne laisse une trace ici : qui,
        pour quelle organisation, quoi, quand. Votre consultation du journal est elle-même
        enregistrée.
      </p>
      <section aria-labelledby="integrite-titre" class="audit-integrity">
        <h2 id="integrite-titre">Intégrité du journal</h2>
        <p>{checkpointSummary}</p>
        <p>
          <a href={VERIFICATION_PATH}>Vérifier maintenant toute la chaîne</a> (environ 30 secondes
          pour un million d'événements).
        </p>
      </section>
      <ErrorSummary errors={errors} />
      <JournalFilterForm values={values} errors={errors} organisations={organisations} />
      {result && <JournalResults result={result} filtersQuery={filtersQuery} />}
    </Layout>
  );
}

/** The search form: what was typed, and a French message beside each refused filter. */
function JournalFilterForm({
  values,
  errors,
  organisations,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  organisations: { id: string; name: string }[];
}) {
  const field = (name: string) => ({ name, value: values[name], error: errors[name] });
  return (
    <form method="get" action={JOURNAL_PATH} class="form audit-filters" novalidate>
      <h2>Rechercher</h2>
      <TextField
        {...field("personne")}
        label="Personne concernée (identifiant)"
        hint="L'identifiant de la personne, tel qu'il figure dans son dossier."
      />
      <TextField {...field("objet")} label="Dossier ou autre objet (identifiant)" />
      <TextField {...field("utilisateur")} label="Compte (adresse électronique ou identifiant)" />
      <SelectField
        {...field("organisation")}
        label="Organisation"
        options={[
          { value: "", label: "Toutes les organisations" },
          ...organisations.map((organisation) => ({
            value: organisation.id,
            label: organisation.name,
          })),
        ]}
      />
      <TextField
        {...field("action")}
        label="Action (début du code)"
        hint="Par exemple person. pour tout ce qui touche aux personnes, ou session.login."
        width="medium"
      />
      <TextField {...field("du")} type="date" label="Du (heure de Paris)" width="medium" />
      <TextField {...field("au")} type="date" label="Au (inclus)" width="medium" />
      <Button>Rechercher</Button> <a href={JOURNAL_PATH}>Effacer les filtres</a>
    </form>
  );
}

/** One page of events, the export link and the links to the newer and older pages. */
function JournalResults({
  result,
  filtersQuery,
}: {
  result: JournalPage;
  filtersQuery: Record<string, string>;
}) {
  return (
    <section aria-labelledby="resultats-titre">
      <h2 id="resultats-titre">Événements</h2>
      <p>
        <a href={withQuery(EXPORT_PATH, filtersQuery)} download>
          Exporter ces événements en CSV
        </a>{" "}
        ({EXPORT_ROW_LIMIT.toLocaleString("fr-FR")} événements au plus, les plus récents d'abord ;
        l'export est enregistré dans le journal).
      </p>
      {result.events.length === 0 ? (
        <p>Aucun événement ne correspond à cette recherche.</p>
      ) : (
        <>
          <p>
            {result.events.length} événement{result.events.length > 1 ? "s" : ""} sur cette page (
            {JOURNAL_PAGE_SIZE} au plus), du plus récent au plus ancien.
          </p>
          <ol class="audit-events">
            {result.events.map((event) => (
              <EventItem event={event} />
            ))}
          </ol>
        </>
      )}
      <nav aria-label="Pages du journal" class="directory-pager">
        {result.newerAfter !== undefined && (
          <a href={withQuery(JOURNAL_PATH, { ...filtersQuery, apres: result.newerAfter })}>
            Événements plus récents
          </a>
        )}{" "}
        {result.olderBefore !== undefined && (
          <a href={withQuery(JOURNAL_PATH, { ...filtersQuery, avant: result.olderBefore })}>
            Événements plus anciens
          </a>
        )}
      </nav>
    </section>
  );
}

/** The result of a verification in one French sentence (the CLI says the same). */
export function describeVerification(verification: TrailVerification): string {
  const checkpoint = verification.checkpoint
    ? ` Dernier point de contrôle signé : ${frenchDateTime(verification.checkpoint.at)}, ${verification.checkpoint.count} événements (jusqu'au n° ${verification.checkpoint.seq}).`
    : " Aucun point de contrôle n'a encore été écrit : une suppression des derniers événements ne pourrait pas être détectée.";
  if (verification.ok) {
    return `Le journal est intact : ${verification.events} événements vérifiés.${checkpoint}`;
  }
  const where =
    verification.brokenAt !== undefined
      ? ` Premier événement en cause : n° ${verification.brokenAt}.`
      : "";
  return `Le journal est ALTÉRÉ : ${verification.reason}.${where} ${verification.events} événements intacts avant.${checkpoint}`;
}

export function VerificationView({
  page,
  verification,
}: {
  page: PageContext;
  verification: TrailVerification;
}) {
  return (
    <Layout
      page={page}
      title="Vérification du journal d'audit"
      breadcrumb={[
        { label: "Espace professionnel", href: "/pro" },
        { label: "Journal d'audit", href: JOURNAL_PATH },
        { label: "Vérification" },
      ]}
    >
      <h1>Vérification du journal d'audit</h1>
      {verification.ok ? (
        <Alert kind="success" title="Le journal est intact">
          <p>{describeVerification(verification)}</p>
        </Alert>
      ) : (
        <Alert kind="error" title="Le journal a été altéré">
          <p>{describeVerification(verification)}</p>
          {verification.brokenAt !== undefined && (
            <p>
              <a href={withQuery(JOURNAL_PATH, { avant: verification.brokenAt + 1 })}>
                Voir les événements autour du n° {verification.brokenAt}
              </a>
            </p>
          )}
          <p>
            Prévenez le responsable de la sécurité et comparez avec le dernier point de contrôle
            reçu par courriel.
          </p>
        </Alert>
      )}
      <p>
        Chaque événement garde l'empreinte du précédent : une modification ou une suppression au
        milieu du journal casse la chaîne. Un point de contrôle signé, écrit chaque heure hors de la
        base et envoyé chaque jour par courriel au délégué à la protection des données, permet de
        voir aussi la disparition des derniers événements.
      </p>
      <p>
        <a href={JOURNAL_PATH}>Revenir au journal</a>
      </p>
    </Layout>
  );
}
