import { Hono } from "hono";
import { can, platformRules } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import {
  Alert,
  Button,
  ErrorSummary,
  SelectField,
  TextField,
} from "../../platform/ui/components.tsx";
import { ofName } from "../../platform/ui/french.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import { communeShapes, readTerritory } from "../territory/service.ts";
import { adminRoutes } from "./admin-routes.tsx";
import { directoryApi } from "./api.ts";
import { editRoutes } from "./edit-routes.tsx";
import { ResultsMap } from "./map.tsx";
import { canOrient } from "./policy.ts";
import { type DirectorySearch, isStale, searchDirectory } from "./service.ts";
import { servicePages } from "./service-pages.tsx";
import {
  EmergencyNumbers,
  emergencyNeeds,
  ResultItem,
  rankReasonText,
  THEME_OPTIONS,
} from "./views.tsx";
import { MODES_MOBILISATION, PERSONNES_MOBILISATRICES, PUBLICS } from "./vocabulary.ts";

/** The directory's public pages, its JSON API and its professional pages. */
export const directoryRoutes = new Hono<AppEnv>();
directoryRoutes.route("/", directoryApi);
directoryRoutes.route("/", servicePages);
directoryRoutes.route("/", editRoutes);
directoryRoutes.route("/", adminRoutes);

const SEARCH_PATH = "/trouver-de-l-aide";

/** Commune names by INSEE code, from the same official list as the map's shapes; read once. */
const communeNamesCache = new Map<string, ReadonlyMap<string, string>>();
function namesOfCommunes(departementCode: string): ReadonlyMap<string, string> {
  let names = communeNamesCache.get(departementCode);
  if (!names) {
    names = new Map(
      readTerritory(departementCode).communes.map((commune) => [commune.inseeCode, commune.name]),
    );
    communeNamesCache.set(departementCode, names);
  }
  return names;
}

function readSearch(c: AppContext) {
  const q = (name: string) => c.req.query(name)?.slice(0, 200) ?? "";
  const number = (name: string) => {
    const value = q(name).replace(",", ".");
    return value === "" ? undefined : Number(value);
  };
  const lat = number("lat");
  const lon = number("lon");
  return {
    values: {
      besoin: q("besoin"),
      theme: q("theme"),
      lieu: q("lieu"),
      rayon: q("rayon"),
      public: q("public"),
      mobilisation: q("mobilisation"),
      par: q("par"),
    },
    openNow: q("ouvert") === "1",
    page: Math.max(1, Math.min(1000, Number.parseInt(q("page"), 10) || 1)),
    position:
      lat !== undefined && lon !== undefined ? { latitude: lat, longitude: lon } : undefined,
    radiusKm: number("rayon"),
    submitted: Object.keys(c.req.query()).length > 0,
  };
}

directoryRoutes.get(SEARCH_PATH, async (c) => {
  const input = readSearch(c);
  const now = c.var.deps.now();
  const professional = can(c.var.actor, platformRules.enterProSpace, undefined);
  let result: DirectorySearch | undefined;
  /** Nothing open now: the same search without that filter, to show the next openings. */
  let closedNow = false;
  let errors: Record<string, string> = {};
  if (input.submitted) {
    try {
      const search = (openNow: boolean) =>
        searchDirectory(
          c.var.db,
          c.var.deps.config.departementCode,
          {
            text: input.values.besoin,
            theme: input.values.theme || undefined,
            place: input.values.lieu,
            position: input.position,
            radiusKm: input.radiusKm,
            openNow,
            publics: professional && input.values.public ? [input.values.public] : undefined,
            modesMobilisation:
              professional && input.values.mobilisation ? [input.values.mobilisation] : undefined,
            mobilisablePar: professional && input.values.par ? [input.values.par] : undefined,
            page: input.page,
            pageSize: 10,
          },
          now,
        );
      result = await search(input.openNow);
      if (input.openNow && result.total === 0) {
        const anyTime = await search(false);
        if (anyTime.total > 0) {
          result = anyTime;
          closedNow = true;
        }
      }
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      errors = error.fieldErrors;
    }
  }
  const title = !result
    ? "Trouver de l'aide"
    : closedNow
      ? "Trouver de l'aide : aucun lieu ouvert maintenant"
      : `Trouver de l'aide : ${resultCount(result)}`;
  const shapes = communeShapes(c.var.deps.config.departementCode);
  const communeNames = result?.hits.some((hit) => hit.latitude !== null)
    ? namesOfCommunes(c.var.deps.config.departementCode)
    : undefined;
  const origin =
    input.position ??
    (result?.place?.latitude != null && result.place.longitude != null
      ? { latitude: result.place.latitude, longitude: result.place.longitude }
      : undefined);
  const pageLink = (page: number) => {
    const params = new URLSearchParams(c.req.query());
    params.set("page", String(page));
    return `${SEARCH_PATH}?${params}`;
  };
  const searchForm = (
    <form id="formulaire-recherche" method="get" action={SEARCH_PATH} class="directory-search">
      <TextField
        name="besoin"
        type="search"
        label="De quoi avez-vous besoin ?"
        hint="Avec vos mots : manger, domiciliation, facture d'électricité…"
        value={input.values.besoin}
      />
      <TextField
        name="lieu"
        label="Commune ou code postal"
        value={input.values.lieu}
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
          value={input.position ? String(input.position.latitude) : ""}
          data-near-me-lat
        />
        <input
          type="hidden"
          name="lon"
          value={input.position ? String(input.position.longitude) : ""}
          data-near-me-lon
        />
        <p class="field__hint" data-near-me-status aria-live="polite" />
      </div>
      <div class="field">
        <input type="checkbox" id="champ-ouvert" name="ouvert" value="1" checked={input.openNow} />{" "}
        <label for="champ-ouvert">Ouvert maintenant</label>
      </div>
      {/* On a phone, « Rechercher » came at 760 px: the less used criteria fold away. */}
      <details
        class="directory-more"
        open={
          Boolean(input.values.theme) ||
          (input.values.rayon || "5") !== "5" ||
          Boolean(errors.rayon) ||
          undefined
        }
      >
        <summary>Plus de critères{"\u00a0"}: thème, distance</summary>
        <SelectField
          name="theme"
          label="Thème"
          options={THEME_OPTIONS}
          value={input.values.theme}
        />
        <SelectField
          name="rayon"
          label="Distance"
          value={input.values.rayon || "5"}
          error={errors.rayon}
          options={[1, 2, 5, 10, 20].map((km) => ({ value: String(km), label: `${km} km` }))}
        />
      </details>
      {professional && (
        <fieldset class="directory-pro-filters">
          <legend>Filtres professionnels</legend>
          <SelectField
            name="public"
            label="Public"
            value={input.values.public}
            options={[
              { value: "", label: "Tous" },
              ...Object.entries(PUBLICS).map(([value, label]) => ({ value, label })),
            ]}
          />
          <SelectField
            name="mobilisation"
            label="Mode d'orientation"
            value={input.values.mobilisation}
            options={[
              { value: "", label: "Tous" },
              ...Object.entries(MODES_MOBILISATION).map(([value, label]) => ({ value, label })),
            ]}
          />
          <SelectField
            name="par"
            label="Mobilisable par"
            value={input.values.par}
            options={[
              { value: "", label: "Tous" },
              ...Object.entries(PERSONNES_MOBILISATRICES).map(([value, label]) => ({
                value,
                label,
              })),
            ]}
          />
        </fieldset>
      )}
      <Button>Rechercher</Button>
    </form>
  );
  const emergency = <EmergencyNumbers needs={emergencyNeeds({ text: input.values.besoin })} />;
  const resultsSection = result && (
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
      {emergency}
      <p class="directory-summary">
        {[
          input.values.besoin && `«\u00a0${input.values.besoin}\u00a0»`,
          input.openNow && "ouvert maintenant",
          `à moins de ${input.values.rayon || "5"}\u00a0km`,
        ]
          .filter(Boolean)
          .join(", ")}
      </p>
      <details class="directory-modify" open={Object.keys(errors).length > 0 || undefined}>
        <summary>Modifier la recherche</summary>
        {searchForm}
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
                        bestMatch: !group.alsoHelps && Boolean(input.values.besoin),
                        openNow: hit.status.kind === "open",
                      })
                    : undefined
                }
                orient={
                  canOrient(c.var.actor) ? (
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
      {result.total > 0 && (
        <p class="field__hint">
          {origin
            ? "D'abord les lieux qui répondent le mieux à votre besoin, du plus proche au plus loin\u00a0; ensuite ceux qui peuvent aussi vous aider."
            : "D'abord les lieux qui répondent le mieux à votre besoin."}
        </p>
      )}
      <nav aria-label="Pages de résultats" class="directory-pager">
        {result.page > 1 && <a href={pageLink(result.page - 1)}>Page précédente</a>}{" "}
        {(result.page * result.pageSize < result.total || result.totalIsLowerBound) && (
          <a href={pageLink(result.page + 1)}>Page suivante</a>
        )}
      </nav>
      {result.hits.some((hit) => hit.latitude !== null) && (
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
          <p class="field__hint">
            Carte schématique : chaque commune est la zone la plus proche de son centre (centres
            d'après IGN — GEOFLA 2016, Licence Ouverte) ; ce ne sont pas ses limites.
          </p>
        </details>
      )}
    </section>
  );
  return c.html(
    <Layout page={pageContext(c)} title={title} breadcrumb={[{ label: "Trouver de l'aide" }]}>
      {!result && <h1>Trouver de l'aide près de chez vous</h1>}
      {!result && emergency}
      <ErrorSummary errors={errors} />
      {result ? resultsSection : searchForm}
      <script src="/static/directory.js" defer />
    </Layout>,
    Object.keys(errors).length > 0 ? 400 : 200,
  );
});

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
