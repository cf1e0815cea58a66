/**
 * The first step of a directory search: what the query and the filters ask
 * for, worked out once and without the database. Every later step
 * (candidates, exact filter, ranking, page) reads this plan.
 */
import type { SearchFilters } from "./search-hits.ts";
import { type ParsedQuery, toTsQuery } from "./search-query.ts";
import { thematiquesOfCategory } from "./vocabulary.ts";

export const DEFAULT_RADIUS_KM = 5;
export const MAX_RADIUS_KM = 50;
/** France in the COG's country codes, which data·inclusion accepts beside `france`. */
export const FRANCE_COUNTRY_CODE = "99100";
/** How many of the best candidates by the cheap score get the full ranking. */
export const RANKED_CANDIDATES = 20;

export type Origin = { latitude: number; longitude: number };

/** A text[] column filtered by "holds any of these values". */
export type ListFilter = {
  column: "publics" | "modes_accueil" | "modes_mobilisation" | "mobilisable_par";
  values: string[];
};

export type SearchPlan = {
  /** The `to_tsquery` text of the need, synonyms included; "" without text. */
  tsQuery: string;
  hasText: boolean;
  /** The words as typed (or corrected), without the thesaurus's synonyms. */
  ownWords: string;
  /**
   * Words of the need (as typed or corrected, 4 letters or more) that a
   * service's name can hold as they are: « Domiciliation administrative »
   * for « domiciliation », where the stemmer also matches « sans domicile ».
   * Only [a-z0-9] (normalize): nothing typed reaches a LIKE pattern.
   */
  nameWords: string[];
  /**
   * Words the thesaurus does not know: they get typo tolerance from
   * trigrams. Known words are already expanded and corrected, and trigram
   * matching on every row of a dense place is the most expensive predicate.
   */
  unknownWords: string;
  /** The thematiques the words point to (a service of that theme matches). */
  needThemes: string[];
  /** The query as normalised, for trigram similarity. */
  normalized: string;
  /** The theme filter as asked (a category or a full thematique), for the search keys. */
  theme: string | undefined;
  /** The thematiques the theme filter keeps. */
  wantedThemes: string[] | undefined;
  listFilters: ListFilter[];
  frais: string | undefined;
  origin: Origin | undefined;
  radiusKm: number;
  communeCode: string | undefined;
  /**
   * Zones that hold the place: its commune, its département, its EPCI and
   * EPT, and the whole country (`france`, or its COG country code 99100).
   */
  zone: string[];
  useSearchKeys: boolean;
  openNow: boolean;
  page: number;
  pageSize: number;
  /** Candidates that get the full ranking: enough for the page asked. */
  rankedCount: number;
  /** The most that text and theme add to a score (the match level's maximum). */
  bonus: number;
};

export type PlanInput = {
  filters: SearchFilters;
  query: ParsedQuery;
  /** Every need must match (`&`), or any (`|`, the fallback when none matches all). */
  join: "&" | "|";
  useSearchKeys: boolean;
};

export function pageOf(filters: SearchFilters): { page: number; pageSize: number } {
  return {
    page: Math.max(1, Math.floor(filters.page ?? 1)),
    pageSize: Math.min(100, Math.max(1, Math.floor(filters.pageSize ?? 20))),
  };
}

export function planSearch({ filters, query, join, useSearchKeys }: PlanInput): SearchPlan {
  const tsQuery = toTsQuery(query.groups, join);
  const { page, pageSize } = pageOf(filters);
  const listFilters: ListFilter[] = [];
  for (const [column, values] of [
    ["publics", filters.publics],
    ["modes_accueil", filters.modesAccueil],
    ["modes_mobilisation", filters.modesMobilisation],
    ["mobilisable_par", filters.mobilisablePar],
  ] as const) {
    if (values && values.length > 0) listFilters.push({ column, values });
  }
  return {
    tsQuery,
    hasText: tsQuery !== "",
    ownWords: toTsQuery(
      query.groups.map((group) => ({ ...group, alternatives: group.alternatives.slice(0, 1) })),
      join,
    ),
    nameWords: [
      ...new Set(
        query.groups.flatMap((group) =>
          (group.alternatives[0] ?? []).filter((word) => word.length >= 4),
        ),
      ),
    ].slice(0, 8),
    unknownWords: query.groups
      .filter((group) => !group.correctedFrom && group.alternatives.length === 1)
      .map((group) => group.typed)
      .join(" "),
    needThemes: query.thematiques,
    normalized: query.normalized,
    theme: filters.theme || undefined,
    wantedThemes: !filters.theme
      ? undefined
      : filters.theme.includes("--")
        ? [filters.theme]
        : thematiquesOfCategory(filters.theme),
    listFilters,
    frais: filters.frais || undefined,
    origin: filters.origin,
    radiusKm: Math.min(MAX_RADIUS_KM, Math.max(0.1, filters.radiusKm ?? DEFAULT_RADIUS_KM)),
    communeCode: filters.communeCode || undefined,
    zone: [
      filters.communeCode,
      filters.departementCode,
      ...(filters.zoneCodes ?? []),
      "france",
      FRANCE_COUNTRY_CODE,
    ].filter((code): code is string => Boolean(code)),
    useSearchKeys,
    openNow: Boolean(filters.openNow),
    page,
    pageSize,
    rankedCount: Math.max(RANKED_CANDIDATES, page * pageSize),
    bonus: tsQuery !== "" ? 4 : 0,
  };
}
