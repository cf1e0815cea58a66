// The pages of orienting a person to a service of the directory: from a
// record (search, choose, record a missing consent) and from the directory
// (choose the person). JSX only: orient-routes.tsx reads and decides.

import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CheckboxField,
  type Choice,
  CsrfField,
  DateField,
  ErrorSummary,
  FormHint,
  Radios,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import type { PageContext } from "../../platform/ui/page-context.ts";
import { formatDistance, type SearchHit } from "../directory/service.ts";
import type { RecordListItem } from "./persons.ts";
import type { RecordView } from "./record.ts";

export type ChosenService = {
  id: string;
  name: string;
  structureName: string;
  organisationId: string | null;
};

/** What the worker typed on the orientation page, shown again. */
export type OrientInput = {
  q: string;
  lieu?: string | undefined;
  serviceId?: string | undefined;
  message?: string | undefined;
};

/** The directory's answer to the search, or why there is none. */
export type ServiceSearch = {
  hits: SearchHit[];
  placeName?: string | undefined;
  searchError?: string | undefined;
};

/** A service to orient to, as one of the radio buttons. */
function serviceChoice(
  hit: Pick<SearchHit, "id" | "nom" | "structureNom" | "commune"> & {
    distanceKm?: number | null;
  },
): Choice {
  const where = hit.commune
    ? ` (${hit.commune}${hit.distanceKm != null ? `, à ${formatDistance(hit.distanceKm)}` : ""})`
    : "";
  return {
    value: hit.id,
    id: `service-${hit.id}`,
    label: `${hit.nom} — ${hit.structureNom}${where}`,
  };
}

type OrientPageProps = {
  page: PageContext;
  token: string;
  /** Today in Paris, "YYYY-MM-DD": the consent date offered. */
  today: string;
  view: RecordView;
  input: OrientInput;
  chosen: ChosenService | undefined;
  search: ServiceSearch;
  /** The errors of the forms posted (`errors`) and of the page as shown (`allErrors`). */
  errors: Record<string, string>;
  allErrors: Record<string, string>;
  /** The chosen service's structure, when the person has not consented to it. */
  missingConsent: ChosenService | undefined;
};

export function OrientPage(props: OrientPageProps) {
  const { view, search, allErrors } = props;
  const name = `${view.person.firstName} ${view.person.lastName}`;
  const base = `/pro/dossiers/${view.access.parcoursId}`;
  const hasChoices = props.chosen !== undefined || search.hits.length > 0;
  return (
    <Layout
      page={props.page}
      title={Object.keys(allErrors).length > 0 ? `Erreur — Orienter ${name}` : `Orienter ${name}`}
      breadcrumb={[
        { label: "Espace professionnel", href: "/pro" },
        { label: "Dossiers", href: "/pro/dossiers" },
        { label: name, href: base },
        { label: "Orienter" },
      ]}
    >
      <h1>Orienter {name}</h1>
      <ErrorSummary errors={allErrors} />
      <p>
        La structure du service choisi reçoit l'orientation et l'accepte ou la refuse. La personne
        doit d'abord avoir accepté de partager son dossier avec elle (
        <a href={`${base}#consentements`}>consentements</a>).
      </p>
      <ServiceSearchForm base={base} input={props.input} chosen={props.chosen} errors={allErrors} />
      {hasChoices && <ServiceChoiceForm {...props} name={name} base={base} />}
      {props.missingConsent && view.can.recordConsent && (
        <ConsentInlineForm
          {...props}
          missingConsent={props.missingConsent}
          name={name}
          base={base}
        />
      )}
      {props.input.q && search.hits.length === 0 && !search.searchError && (
        <p>Aucun service trouvé.</p>
      )}
      <p>
        <a href={base}>Revenir au dossier de {name}</a>
      </p>
    </Layout>
  );
}

function ServiceSearchForm({
  base,
  input,
  chosen,
  errors,
}: {
  base: string;
  input: OrientInput;
  chosen: ChosenService | undefined;
  errors: Record<string, string>;
}) {
  return (
    <search>
      <form method="get" action={`${base}/orienter`} class="records-form">
        {chosen && <input type="hidden" name="service" value={chosen.id} />}
        <TextField
          name="q"
          type="search"
          label="Chercher un service dans l'annuaire"
          hint="Un besoin ou un nom : « aide alimentaire », « Secours Catholique »…"
          value={input.q}
          error={errors.q}
          required
        />
        <TextField
          name="lieu"
          label="Près de quelle commune ?"
          hint="Commune ou code postal : les services les plus proches viennent en premier."
          value={input.lieu}
          error={errors.lieu}
          autocomplete="address-level2"
        />
        <Button kind="secondary">Chercher</Button>
      </form>
    </search>
  );
}

function ServiceChoiceForm(props: OrientPageProps & { name: string; base: string }) {
  const { input, chosen, search, errors, missingConsent, name } = props;
  return (
    <form method="post" action={`${props.base}/orientations`} class="records-form">
      <CsrfField token={props.token} />
      <input type="hidden" name="q" value={input.q} />
      <input type="hidden" name="lieu" value={input.lieu ?? ""} />
      {search.placeName && search.hits.length > 0 && (
        <FormHint>Les services autour de {search.placeName}, les plus proches d'abord.</FormHint>
      )}
      <Radios
        name="serviceId"
        legend="Service vers lequel orienter"
        required
        error={errors.serviceId}
        value={chosen ? chosen.id : input.serviceId}
        options={[
          ...(chosen
            ? [
                serviceChoice({
                  id: chosen.id,
                  nom: chosen.name,
                  structureNom: chosen.structureName,
                  commune: null,
                }),
              ]
            : []),
          ...search.hits.map(serviceChoice),
        ]}
      />
      {missingConsent && !props.view.can.recordConsent && (
        <Alert kind="warning" title="Consentement manquant">
          <p>
            {name} n'a pas accepté de partager son dossier avec {missingConsent.structureName}
            {"\u00a0"}: demandez au référent de recueillir son accord avant d'orienter.
          </p>
        </Alert>
      )}
      <TextField
        name="message"
        label="Message pour la structure"
        value={input.message}
        error={errors.message}
      />
      <Button>Proposer l'orientation</Button>
    </form>
  );
}

function ConsentInlineForm(
  props: OrientPageProps & { missingConsent: ChosenService; name: string; base: string },
) {
  const { input, errors, missingConsent } = props;
  return (
    <section class="records-consent-inline" aria-labelledby="consentement-titre">
      <h2 id="consentement-titre">Consentement manquant</h2>
      <p>
        {props.name} n'a pas encore accepté de partager son dossier avec{" "}
        {missingConsent.structureName}. Si la personne est d'accord, enregistrez son accord ici,
        puis proposez l'orientation.
      </p>
      <form method="post" action={`${props.base}/orienter/consentement`} class="records-form">
        <CsrfField token={props.token} />
        <input type="hidden" name="serviceId" value={missingConsent.id} />
        <input type="hidden" name="q" value={input.q} />
        <input type="hidden" name="lieu" value={input.lieu ?? ""} />
        <Radios
          name="how"
          legend="Comment la personne a donné son accord"
          inline
          required
          error={errors.how}
          options={[
            { value: "oral", label: "Oralement" },
            { value: "ecrit", label: "Par écrit" },
          ]}
        />
        <DateField
          name="givenOn"
          label="Date de l'accord"
          value={props.today}
          error={errors.givenOn}
          required
        />
        {!props.view.can.recordConsentForPerson && (
          <CheckboxField
            name="attested"
            value="1"
            error={errors.attested}
            label="La personne m'a donné cet accord elle-même"
          />
        )}
        <Button kind="secondary">Enregistrer l'accord avec {missingConsent.structureName}</Button>
      </form>
    </section>
  );
}

/** From the directory: the service is chosen, now the person. */
export function PickPersonPage({
  page,
  service,
  query,
  rows,
  mayOpenRecord,
}: {
  page: PageContext;
  service: ChosenService;
  query: string;
  rows: RecordListItem[];
  mayOpenRecord: boolean;
}) {
  return (
    <Layout
      page={page}
      title="Orienter une personne"
      breadcrumb={[
        { label: "Espace professionnel", href: "/pro" },
        { label: "Dossiers", href: "/pro/dossiers" },
        { label: "Orienter une personne" },
      ]}
    >
      <h1>Orienter une personne</h1>
      <p>
        Vers : <strong>{service.name}</strong> — {service.structureName}
      </p>
      {!service.organisationId && (
        <Alert kind="warning" title="Cette structure n'utilise pas encore Relais">
          <p>Contactez-la directement : ses coordonnées sont sur la fiche du service.</p>
        </Alert>
      )}
      <search>
        <form method="get" action="/pro/orientations/nouvelle" class="records-form">
          <input type="hidden" name="service" value={service.id} />
          <TextField
            name="nom"
            type="search"
            label="Chercher la personne (nom ou prénom)"
            value={query}
            required
          />
          <Button kind="secondary">Chercher</Button>
        </form>
      </search>
      <h2>
        {query ? `Dossiers trouvés pour « ${query} »` : "Les dossiers dont vous êtes référent"}
      </h2>
      {rows.length === 0 ? (
        <p>Aucun dossier trouvé.</p>
      ) : (
        <ul>
          {rows.map((row) => (
            <li>
              <a href={`/pro/dossiers/${row.parcoursId}/orienter?service=${service.id}`}>
                Orienter {row.firstName} {row.lastName}
              </a>
              , né·e le {frenchLocalDate(row.birthDate)}
            </li>
          ))}
        </ul>
      )}
      {mayOpenRecord && (
        <p>
          La personne n'a pas encore de dossier ?{" "}
          <a href="/pro/dossiers/nouveau">Ouvrir son dossier</a>, puis revenez à ce service.
        </p>
      )}
    </Layout>
  );
}
