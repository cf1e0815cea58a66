import type { Actor } from "../../platform/access/actor.ts";
import {
  Alert,
  Button,
  CheckboxField,
  ErrorSummary,
  FormHint,
  SelectField,
  TextField,
} from "../../platform/ui/components.tsx";
import { ofName } from "../../platform/ui/french.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import type { PageContext } from "../../platform/ui/page-context.ts";
import type { CommuneShape } from "../territory/service.ts";
import { ResultsMap } from "./map-views.tsx";
import { canOrient } from "./policy.ts";
import { type DirectorySearch, isStale } from "./service.ts";
import {
  EmergencyNumbers,
  emergencyNeeds,
  ResultItem,
  rankReasonText,
  THEME_OPTIONS,
} from "./views.tsx";
import { MODES_MOBILISATION, PERSONNES_MOBILISATRICES, PUBLICS } from "./vocabulary.ts";

export const SEARCH_PATH = "/trouver-de-l-aide";

/** The search form's fields as typed (each cut to 200 characters). */
export type SearchValues = {
  besoin: string;
  theme: string;
  lieu: string;
  rayon: string;
  public: string;
  mobilisation: string;
  par: string;
};

export type Position = { latitude: number; longitude: number };

/** What the search page shows: the form as typed, and the results once searched. */
export type SearchPageProps = {
  page: PageContext;
  actor: Actor;
  values: SearchValues;
  openNow: boolean;
  position: Position | undefined;
  /** Pro filters (public, mode d'orientation, mobilisable par) for the professional space. */
  professional: boolean;
  errors: Record<string, string>;
  result: DirectorySearch | undefined;
  /** Nothing open now: the results are the same search without that filter. */
  closedNow: boolean;
  now: Date;
  /** The département's map: its communes' shapes, and their names when a result is on it. */
  shapes: CommuneShape[];
  communeNames: ReadonlyMap<string, string> | undefined;
  /** The link to another page of the same results. */
  pageLink: (page: number) => string;
};

export function SearchPage(props: SearchPageProps) {
  const { result, errors } = props;
  const title = !result
    ? "Trouver de l'aide"
    : props.closedNow
      ? "Trouver de l'aide : aucun lieu ouvert maintenant"
      : `Trouver de l'aide : ${resultCount(result)}`;
  return (
    <Layout page={props.page} title={title} breadcrumb={[{ label: "Trouver de l'aide" }]}>
      {!result && <h1>Trouver de l'aide près de chez vous</h1>}
      {!result && <EmergencyNumbers needs={emergencyNeeds({ text: props.values.besoin })} />}
      <ErrorSummary errors={errors} />
      {result ? <SearchResults {...props} result={result} /> : <SearchForm {...props} />}
      <script src="/static/directory.js" defer />
    </Layout>
  );
}

/** The search form: it works without JavaScript (« Autour de moi » needs it, and shows only then). */
function SearchForm({
  values,
  errors,
  openNow,
  position,
  professional,
}: Pick<SearchPageProps, "values" | "errors" | "openNow" | "position" | "professional">) {
  return (
    <form id="formulaire-recherche" method="get" action={SEARCH_PATH} class="directory-search">
      <TextField
        name="besoin"
        type="search"
        label="De quoi avez-vous besoin ?"
        hint="Avec vos mots : manger, domiciliation, facture d'électricité…"
        value={values.besoin}
      />
      <TextField
        name="lieu"
        label="Commune ou code postal"
        value={values.lieu}
        error={errors.lieu}
        autocomplete="address-level2"
      />
      <div class="directory-near-me" data-near-me hidden>
        <button type="button" class="button button--secondary" data-near-me-button>
          Autour de moi
        </button>
        <input
          type="hidden"
          name="lat"
          value={position ? String(position.latitude) : ""}
          data-near-me-lat
        />
        <input
          type="hidden"
          name="lon"
          value={position ? String(position.longitude) : ""}
          data-near-me-lon
        />
        <p class="field__hint" data-near-me-status aria-live="polite" />
      </div>
      <CheckboxField name="ouvert" value="1" label="Ouvert maintenant" checked={openNow} />
      {/* On a phone, « Rechercher » came at 760 px: the less used criteria fold away. */}
      <details
        class="directory-more"
        open={
          Boolean(values.theme) ||
          (values.rayon || "5") !== "5" ||
          Boolean(errors.rayon) ||
          undefined
        }
      >
        <summary>Plus de critères{"\u00a0"}: thème, distance</summary>
        <SelectField name="theme" label="Thème" options={THEME_OPTIONS} value={values.theme} />
        <SelectField
          name="rayon"
          label="Distance"
          value={values.rayon || "5"}
          error={errors.rayon}
          options={[1, 2, 5, 10, 20].map((km) => ({ value: String(km), label: `${km} km` }))}
        />
      </details>
      {professional && <ProFilters values={values} />}
      <Button>Rechercher</Button>
    </form>
  );
}

const ALL = { value: "", label: "Tous" };
const optionsOf = (vocabulary: Record<string, string>) => [
  ALL,
  ...Object.entries(vocabulary).map(([value, label]) => ({ value, label })),
];

function ProFilters({ values }: { values: SearchValues }) {
  return (
    <fieldset class="directory-pro-filters">
      <legend>Filtres professionnels</legend>
      <SelectField
        name="public"
        label="Public"
        value={values.public}
        options={optionsOf(PUBLICS)}
      />
      <SelectField
        name="mobilisation"
        label="Mode d'orientation"
        value={values.mobilisation}
        options={optionsOf(MODES_MOBILISATION)}
      />
      <SelectField
        name="par"
        label="Mobilisable par"
        value={values.par}
        options={optionsOf(PERSONNES_MOBILISATRICES)}
      />
    </fieldset>
  );
}

function SearchResults(props: SearchPageProps & { result: DirectorySearch }) {
  const { result, values, closedNow, errors } = props;
  const origin =
    props.position ??
    (result.place?.latitude != null && result.place.longitude != null
      ? { latitude: result.place.latitude, longitude: result.place.longitude }
      : undefined);
  return (
    <section aria-labelledby="resultats-titre" class="directory-results-box">
      {/* On a phone every line counts: the results' count is the page's title. */}
      <h1 id="resultats-titre" tabindex={-1}>
        {result.total === 0
          ? "Aucun résultat"
          : closedNow
            ? "Aucun lieu ouvert maintenant"
            : resultCount(result)}
        {result.place ? ` autour ${ofName(result.place.name)}` : ""}
      </h1>
      <EmergencyNumbers needs={emergencyNeeds({ text: values.besoin })} />
      <p class="directory-summary">
        {[
          values.besoin && `«\u00a0${values.besoin}\u00a0»`,
          props.openNow && "ouvert maintenant",
          `à moins de ${values.rayon || "5"}\u00a0km`,
        ]
          .filter(Boolean)
          .join(", ")}
      </p>
      <details class="directory-modify" open={Object.keys(errors).length > 0 || undefined}>
        <summary>Modifier la recherche</summary>
        <SearchForm {...props} />
      </details>
      {closedNow && <p>Voici les lieux les plus proches, avec leur prochaine ouverture.</p>}
      {result.relaxed && (
        <Alert kind="info">
          Aucun lieu ne correspond à tous vos mots : voici ceux qui correspondent à une partie
          d'entre eux.
        </Alert>
      )}
      {result.total === 0 && (
        <p>
          Essayez un autre mot, une distance plus grande, ou retirez «&nbsp;ouvert
          maintenant&nbsp;». L'accueil de votre CCAS peut aussi vous orienter.
        </p>
      )}
      <RankedHits {...props} result={result} />
      {result.total > 0 && (
        <FormHint>
          {origin
            ? "D'abord les lieux qui répondent le mieux à votre besoin, du plus proche au plus loin\u00a0; ensuite ceux qui peuvent aussi vous aider."
            : "D'abord les lieux qui répondent le mieux à votre besoin."}
        </FormHint>
      )}
      <nav aria-label="Pages de résultats" class="directory-pager">
        {result.page > 1 && <a href={props.pageLink(result.page - 1)}>Page précédente</a>}{" "}
        {(result.page * result.pageSize < result.total || result.totalIsLowerBound) && (
          <a href={props.pageLink(result.page + 1)}>Page suivante</a>
        )}
      </nav>
      <ResultsMapBox {...props} result={result} origin={origin} />
    </section>
  );
}

function RankedHits({
  result,
  values,
  now,
  actor,
}: Pick<SearchPageProps, "values" | "now" | "actor"> & { result: DirectorySearch }) {
  return (
    <>
      {rankedGroups(result).map((group) => (
        <>
          {group.alsoHelps && (
            <p class="directory-results__group">
              <strong>Ils peuvent aussi vous aider</strong>
              {"\u00a0"}: votre besoin fait partie de ce qu'ils font, sans être leur activité
              principale.
            </p>
          )}
          <ol class="directory-results" start={group.start}>
            {group.hits.map((hit, index) => (
              <ResultItem
                hit={hit}
                number={group.start + index}
                now={now}
                stale={isStale(hit.checkedAt, now)}
                why={
                  group.start + index === 1
                    ? rankReasonText({
                        nearest: hit.distanceKm !== null,
                        bestMatch: !group.alsoHelps && Boolean(values.besoin),
                        openNow: hit.status.kind === "open",
                      })
                    : undefined
                }
                orient={
                  canOrient(actor) ? (
                    <p>
                      <a
                        class="button button--secondary"
                        href={`/pro/orientations/nouvelle?service=${hit.id}`}
                      >
                        Orienter une personne
                      </a>
                    </p>
                  ) : undefined
                }
              />
            ))}
          </ol>
        </>
      ))}
    </>
  );
}

function ResultsMapBox({
  result,
  origin,
  shapes,
  communeNames,
}: Pick<SearchPageProps, "shapes" | "communeNames"> & {
  result: DirectorySearch;
  origin: Position | undefined;
}) {
  if (!result.hits.some((hit) => hit.latitude !== null)) return null;
  return (
    <details class="directory-map-box">
      <summary>Voir ces lieux sur la carte</summary>
      <ResultsMap
        shapes={shapes}
        origin={origin}
        names={communeNames}
        points={result.hits.flatMap((hit, index) =>
          hit.latitude !== null && hit.longitude !== null
            ? [
                {
                  latitude: hit.latitude,
                  longitude: hit.longitude,
                  label: hit.nom,
                  number: (result.page - 1) * result.pageSize + index + 1,
                },
              ]
            : [],
        )}
      />
      <FormHint>
        Carte schématique : chaque commune est la zone la plus proche de son centre (centres d'après
        IGN — GEOFLA 2016, Licence Ouverte) ; ce ne sont pas ses limites.
      </FormHint>
    </details>
  );
}

/** "1 résultat", "12 résultats", or "Plus de 500 résultats" when counting stopped. */
function resultCount(result: DirectorySearch): string {
  const total = result.total.toLocaleString("fr-FR");
  if (result.totalIsLowerBound) return `Plus de ${total} résultats`;
  return `${total} résultat${result.total > 1 ? "s" : ""}`;
}

/**
 * The page's hits in the groups the ranking makes: those that answer the
 * need best (its words and its theme), then « they can also help ». Numbers
 * follow on from one group to the next.
 */
function rankedGroups(result: DirectorySearch) {
  const first = (result.page - 1) * result.pageSize + 1;
  const splitAt = result.hits.findIndex((hit) => hit.matchLevel < result.bestLevel);
  if (splitAt < 0 || result.bestLevel === 0) {
    return [{ start: first, hits: result.hits, alsoHelps: false }];
  }
  return [
    { start: first, hits: result.hits.slice(0, splitAt), alsoHelps: false },
    { start: first + splitAt, hits: result.hits.slice(splitAt), alsoHelps: true },
  ].filter((group) => group.hits.length > 0);
}
