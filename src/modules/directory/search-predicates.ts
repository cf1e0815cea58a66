/**
 * The SQL conditions and scores of a directory search, each written once.
 * They read a service row under one of two names: `s`, the table itself, or
 * `x`, the prefiltered rows (search-candidates.ts), where the text matches,
 * the name match and the distance are already computed columns.
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import type { boundingBox } from "./geo.ts";
import { MAX_RADIUS_KM, type Origin, type SearchPlan } from "./search-plan.ts";

export type Alias = "s" | "x";
type BoundingBox = ReturnType<typeof boundingBox>;

function column(alias: Alias, name: string) {
  return sql.ref(`${alias}.${name}`);
}

function anyOf(conditions: Expression<SqlBool>[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
}

function textArray(values: string[]) {
  return sql`${sql.val(values)}::text[]`;
}

function tsQueryOf(text: string) {
  return sql`to_tsquery('fr_unaccent', ${text})`;
}

/** Great-circle distance in km from the origin to a service of the table (NULL without origin). */
export function distanceKm(origin: Origin | undefined): RawBuilder<number> {
  if (!origin) return sql<number>`NULL::double precision`;
  return sql<number>`(2 * 6371 * asin(least(1, sqrt(
        power(sin(radians(s.latitude - ${origin.latitude}) / 2), 2) +
        cos(radians(${origin.latitude})) * cos(radians(s.latitude)) *
        power(sin(radians(s.longitude - ${origin.longitude}) / 2), 2)))))`;
}

/** Nearness, below 1 so that it never outweighs one match level. */
export function nearness(distance: Expression<number>): RawBuilder<number> {
  return sql<number>`0.6 / (1 + coalesce(${distance}, ${MAX_RADIUS_KM}))`;
}

/** Its text holds the need, synonyms included. */
export function textMatch(plan: SearchPlan, alias: Alias): RawBuilder<SqlBool> {
  if (!plan.hasText) return sql<SqlBool>`false`;
  return alias === "s"
    ? sql<SqlBool>`s.search_vector @@ ${tsQueryOf(plan.tsQuery)}`
    : sql<SqlBool>`x.text_match`;
}

/** Its text holds the very words typed (or corrected). */
export function ownWordsMatch(plan: SearchPlan, alias: Alias): RawBuilder<SqlBool> {
  if (!plan.ownWords) return sql<SqlBool>`false`;
  return alias === "s"
    ? sql<SqlBool>`s.search_vector @@ ${tsQueryOf(plan.ownWords)}`
    : sql<SqlBool>`x.own_match`;
}

/** Its name holds a word of the need as it is. */
export function nameMatch(plan: SearchPlan, alias: Alias): RawBuilder<SqlBool> {
  if (alias === "x") return sql<SqlBool>`x.name_match`;
  if (plan.nameWords.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(lower(unaccent(s.nom)) LIKE ANY (${textArray(
    plan.nameWords.map((word) => `%${word}%`),
  )}))`;
}

/** Its thematiques hold one of `themes`. */
export function hasThemeIn(alias: Alias, themes: string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column(alias, "thematiques")} && ${textArray(themes)}`;
}

/**
 * The ranking's first key, how well a service matches (0–4): its text holds
 * the need, synonyms included (2); the very words typed (1 more); its theme
 * is the need's, or its name holds the word (1 more). 0 without text.
 */
export function matchLevel(plan: SearchPlan, alias: Alias): RawBuilder<number> {
  if (!plan.hasText) return sql<number>`0::int`;
  return sql<number>`(CASE WHEN ${textMatch(plan, alias)} THEN 2 ELSE 0 END
      + CASE WHEN ${ownWordsMatch(plan, alias)} THEN 1 ELSE 0 END
      + CASE WHEN ${hasThemeIn(alias, plan.needThemes)} OR ${nameMatch(plan, alias)} THEN 1 ELSE 0 END)`;
}

/**
 * The text condition: the need's theme, its words, or (for words the
 * thesaurus does not know) a near spelling; cheapest branch first
 * (PostgreSQL evaluates OR branches in the order written).
 */
export function matchesText(plan: SearchPlan, alias: Alias): RawBuilder<SqlBool> {
  const alternatives: Expression<SqlBool>[] = [];
  if (plan.needThemes.length > 0) alternatives.push(hasThemeIn(alias, plan.needThemes));
  alternatives.push(textMatch(plan, alias));
  if (plan.unknownWords) {
    alternatives.push(sql<SqlBool>`${plan.unknownWords} <% ${column(alias, "search_text")}`);
  }
  return anyOf(alternatives);
}

/** Inside the bounding box. */
export function insideBox(alias: Alias, box: BoundingBox): RawBuilder<SqlBool> {
  const latitude = column(alias, "latitude");
  const longitude = column(alias, "longitude");
  return sql<SqlBool>`(${latitude} >= ${box.minLat} and ${latitude} <= ${box.maxLat} and ${longitude} >= ${box.minLon} and ${longitude} <= ${box.maxLon})`;
}

/** Within `km` of the origin, by the distance the prefilter computed. */
export function withinKm(km: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`x.distance_km <= ${km}`;
}

/**
 * The place condition: a service of the commune (when kept), one near the
 * origin (`near`: inside the box, or within the radius), or a remote service
 * (no position) whose eligibility zone covers the place.
 */
export function atPlace(
  plan: SearchPlan,
  alias: Alias,
  near: Expression<SqlBool>,
  communeCode: string | undefined,
): RawBuilder<SqlBool> {
  return anyOf([
    ...(communeCode ? [sql<SqlBool>`${column(alias, "code_insee")} = ${communeCode}`] : []),
    near,
    sql<SqlBool>`(${column(alias, "latitude")} is null and ${column(alias, "zone_eligibilite")} && ${textArray(plan.zone)})`,
  ]);
}

/** The finer text relevance: breaks ties between services at the same level and distance. */
export function relevance(plan: SearchPlan): RawBuilder<number> {
  if (!plan.hasText) return sql<number>`0::double precision`;
  return sql<number>`(ts_rank_cd(s.search_vector, ${tsQueryOf(plan.tsQuery)}) * 2
        + word_similarity(${plan.normalized}, s.search_text))`;
}
