import { type Expression, type SqlBool, sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { boundingBox } from "./geo.ts";
import { isOpenAt, regionOfPlace } from "./opening-hours.ts";
import {
  type SearchFilters,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
  toHits,
} from "./search-hits.ts";
import { placeKeys, searchKeys } from "./search-keys.ts";
import { normalize, type ParsedQuery, parseQuery, toTsQuery } from "./search-query.ts";
import { THESAURUS } from "./thesaurus.ts";
import { thematiquesOfCategory } from "./vocabulary.ts";

export type { SearchFilters, SearchHit, SearchOptions, SearchResult } from "./search-hits.ts";

export const DEFAULT_RADIUS_KM = 5;
export const MAX_RADIUS_KM = 50;
const OPEN_NOW_CANDIDATES = 1000;
/** Beyond this many matches, the count says "more than" (nobody reads 2,000 results). */
export const COUNT_LIMIT = 500;
/** France in the COG's country codes, which data·inclusion accepts beside `france`. */
export const FRANCE_COUNTRY_CODE = "99100";
/** Rings tried before the whole radius, nearest first (km). */
const RINGS_KM = [1, 2.5];

/**
 * Searches services: narrow first (place, theme, filters), then rank what is
 * left by a mix of text relevance and distance. "Open now" is computed by the
 * opening_hours library on the best candidates (at most 1,000).
 */
export async function searchServices(
  db: Db,
  filters: SearchFilters,
  now: Date,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const query = parseQuery(
    filters.text ?? "",
    THESAURUS,
    await indexedWords(db, normalize(filters.text ?? "")),
  );
  const page = Math.max(1, Math.floor(filters.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(filters.pageSize ?? 20)));
  let relaxed = false;
  const useSearchKeys = options.useSearchKeys ?? true;
  let rows = await runSearch(db, filters, query, "&", page, pageSize, now, useSearchKeys);
  if (rows.total === 0 && query.groups.length > 1) {
    relaxed = true;
    rows = await runSearch(db, filters, query, "|", page, pageSize, now, useSearchKeys);
  }
  const hasText = toTsQuery(query.groups, "&") !== "";
  const bestLevel = hasText ? 4 : 0;
  return { ...rows, page, pageSize, query, relaxed, bestLevel };
}

/**
 * The words of the query (4 letters or more) that some service's text holds
 * as typed: those are real words, not slips to correct. One query, each word
 * answered by the full-text index.
 */
async function indexedWords(db: Db, normalized: string): Promise<Set<string>> {
  const words = [...new Set(normalized.split(" ").filter((word) => word.length >= 4))].slice(0, 8);
  if (words.length === 0) return new Set();
  const rows = await sql<{ word: string }>`
    SELECT w.word FROM unnest(${sql.val(words)}::text[]) AS w(word)
    WHERE EXISTS (
      SELECT 1 FROM directory_service s
      WHERE s.search_vector @@ plainto_tsquery('fr_unaccent', w.word)
    )`.execute(db);
  return new Set(rows.rows.map((row) => row.word));
}

/** How many of the best candidates by the cheap score get the full ranking. */
const RANKED_CANDIDATES = 20;

async function runSearch(
  db: Db,
  filters: SearchFilters,
  query: ParsedQuery,
  join: "&" | "|",
  page: number,
  pageSize: number,
  now: Date,
  useSearchKeys: boolean,
): Promise<{
  hits: SearchHit[];
  total: number;
  totalIsLowerBound: boolean;
  ringKm?: number | undefined;
}> {
  const tsQuery = toTsQuery(query.groups, join);
  const hasText = tsQuery !== "";
  const origin = filters.origin;
  const radius = Math.min(MAX_RADIUS_KM, Math.max(0.1, filters.radiusKm ?? DEFAULT_RADIUS_KM));
  const tsq = sql`to_tsquery('fr_unaccent', ${tsQuery})`;
  const themes = query.thematiques;
  // Words the thesaurus does not know get typo tolerance from trigrams; known
  // words are already expanded and corrected, and trigram matching on every
  // row of a dense place is the single most expensive predicate.
  const unknownWords = query.groups
    .filter((group) => !group.correctedFrom && group.alternatives.length === 1)
    .map((group) => group.typed)
    .join(" ");
  // Distances are computed once a row, in a fenced subquery ("x", OFFSET 0
  // keeps PostgreSQL from inlining it): the radius filter and the cheap score
  // both read it instead of evaluating the haversine twice.
  const distanceOf = (alias: "s" | "c") =>
    origin
      ? sql<number>`(2 * 6371 * asin(least(1, sqrt(
        power(sin(radians(${sql.ref(`${alias}.latitude`)} - ${origin.latitude}) / 2), 2) +
        cos(radians(${origin.latitude})) * cos(radians(${sql.ref(`${alias}.latitude`)})) *
        power(sin(radians(${sql.ref(`${alias}.longitude`)} - ${origin.longitude}) / 2), 2)))))`
      : sql<number>`NULL::double precision`;
  const distance = distanceOf("s");
  const nearness = (d: Expression<number>) =>
    sql<number>`0.6 / (1 + coalesce(${d}, ${MAX_RADIUS_KM}))`;
  // The words as typed (or corrected), without the thesaurus's synonyms.
  const ownWords = toTsQuery(
    query.groups.map((group) => ({ ...group, alternatives: group.alternatives.slice(0, 1) })),
    join,
  );
  const ownTsq = ownWords ? sql`to_tsquery('fr_unaccent', ${ownWords})` : undefined;
  // Words of the need (as typed or corrected, 4 letters or more) that a
  // service's name can hold as they are: « Domiciliation administrative »
  // for « domiciliation », where the stemmer also matches « sans domicile ».
  // Only [a-z0-9] (normalize): nothing typed reaches the LIKE pattern.
  const nameWords = [
    ...new Set(
      query.groups.flatMap((group) => (group.alternatives[0] ?? []).filter((w) => w.length >= 4)),
    ),
  ].slice(0, 8);
  const nameMatchOf = (alias: "s" | "x") =>
    alias === "x"
      ? sql<boolean>`x.name_match`
      : nameWords.length === 0
        ? sql<boolean>`false`
        : sql<boolean>`(lower(unaccent(s.nom)) LIKE ANY (${sql.val(nameWords.map((word) => `%${word}%`))}::text[]))`;
  // The ranking the page promises: how well a service matches (its text
  // holds the need, synonyms included: 2; the very words typed: 1 more; its
  // theme is the need's, or its name holds the word: 1 more), then, at the
  // same level, the nearest first; the finer text relevance only breaks ties
  // after that. Ranking by a sum of relevance and nearness put a food bank
  // 4.8 km away before the CCAS 750 m away; ranking by distance alone put a
  // CCAS that mentions « droits » before the « Point justice » for
  // « avocat », and a day centre that mentions « domiciliation » before the
  // « Domiciliation administrative » (a need with no theme: the name stands
  // in for it).
  const levelOf = (alias: "s" | "x") => {
    if (!hasText) return sql<number>`0::int`;
    const textMatch = alias === "s" ? sql`s.search_vector @@ ${tsq}` : sql`x.text_match`;
    const ownMatch = !ownTsq
      ? sql`false`
      : alias === "s"
        ? sql`s.search_vector @@ ${ownTsq}`
        : sql`x.own_match`;
    const themeMatch = sql`${sql.ref(`${alias}.thematiques`)} && ${sql.val(themes)}::text[]`;
    return sql<number>`(CASE WHEN ${textMatch} THEN 2 ELSE 0 END
      + CASE WHEN ${ownMatch} THEN 1 ELSE 0 END
      + CASE WHEN ${themeMatch} OR ${nameMatchOf(alias)} THEN 1 ELSE 0 END)`;
  };
  const matchLevel = levelOf("s");
  // Narrow, then order every match by a cheap score (its level, then the
  // distance: nearness stays below 1, one level) and keep the best few; only
  // those get ts_rank_cd and trigram similarity, which cost tens of
  // microseconds a row.
  const cheapScore = sql<number>`(${levelOf("x")} + ${
    origin ? nearness(sql<number>`x.distance_km`) : sql`0`
  })`;

  // Zones that hold the place: its commune, its département, its EPCI and
  // EPT, and the whole country (`france`, or its COG country code 99100).
  const zone = [
    filters.communeCode,
    filters.departementCode,
    ...(filters.zoneCodes ?? []),
    "france",
    FRANCE_COUNTRY_CODE,
  ].filter((code): code is string => Boolean(code));
  // The services that match, within `within` km of the origin (services of
  // the commune beyond it when `keepCommune`): first a prefilter of what
  // indexes can answer (theme, place, filters), then the exact conditions.
  const matchesWithin = (within: number, keepCommune: boolean) => {
    const communeCode = keepCommune ? filters.communeCode : undefined;
    let builder = db
      .selectFrom("directory_service as s")
      .select([
        "s.id",
        "s.nom",
        "s.source_id",
        "s.code_insee",
        "s.latitude",
        "s.longitude",
        "s.zone_eligibilite",
        "s.thematiques",
        "s.search_text",
        (hasText ? sql<boolean>`s.search_vector @@ ${tsq}` : sql<boolean>`false`).as("text_match"),
        (ownTsq ? sql<boolean>`s.search_vector @@ ${ownTsq}` : sql<boolean>`false`).as("own_match"),
        nameMatchOf("s").as("name_match"),
        distance.as("distance_km"),
      ]);

    // With a place, one GIN scan on search_keys narrows by place and theme
    // together (cells near the origin, the commune, the zones; each with the
    // theme's category). The keys are a superset of what the exact conditions
    // keep, and those conditions then move out of the prefilter, where the
    // planner would otherwise combine their own, less selective indexes too.
    const places =
      origin && useSearchKeys ? placeKeys(origin, within, communeCode, zone) : undefined;
    if (places) {
      const keys = searchKeys(places, filters.theme);
      builder = builder.where(sql<SqlBool>`s.search_keys && ${sql.val(keys)}::text[]`);
    }
    // The text condition, cheapest branch first (PostgreSQL evaluates OR
    // branches in the order written).
    const textCondition = (alias: "s" | "x") => {
      const alternatives: Expression<SqlBool>[] = [];
      if (themes.length > 0)
        alternatives.push(
          sql<SqlBool>`${sql.ref(`${alias}.thematiques`)} && ${sql.val(themes)}::text[]`,
        );
      alternatives.push(
        alias === "s" ? sql<SqlBool>`s.search_vector @@ ${tsq}` : sql<SqlBool>`x.text_match`,
      );
      if (unknownWords)
        alternatives.push(sql<SqlBool>`${unknownWords} <% ${sql.ref(`${alias}.search_text`)}`);
      return alternatives;
    };
    if (hasText && !places) {
      // In the prefilter, so that the text and trigram indexes can narrow when
      // nothing else does (no place, no theme).
      builder = builder.where((eb) => eb.or(textCondition("s")));
    }
    const wanted = !filters.theme
      ? undefined
      : filters.theme.includes("--")
        ? [filters.theme]
        : thematiquesOfCategory(filters.theme);
    if (wanted && !places) {
      builder = builder.where(sql<SqlBool>`s.thematiques && ${sql.val(wanted)}::text[]`);
    }
    for (const [column, values] of [
      ["s.publics", filters.publics],
      ["s.modes_accueil", filters.modesAccueil],
      ["s.modes_mobilisation", filters.modesMobilisation],
      ["s.mobilisable_par", filters.mobilisablePar],
    ] as const) {
      if (values && values.length > 0) {
        builder = builder.where(sql<SqlBool>`${sql.ref(column)} && ${sql.val(values)}::text[]`);
      }
    }
    if (filters.frais) builder = builder.where("s.frais", "=", filters.frais);
    const box = origin ? boundingBox(origin, within) : undefined;
    if (box && !places) {
      builder = builder.where((eb) =>
        eb.or([
          ...(communeCode ? [eb("s.code_insee", "=", communeCode)] : []),
          eb.and([
            eb("s.latitude", ">=", box.minLat),
            eb("s.latitude", "<=", box.maxLat),
            eb("s.longitude", ">=", box.minLon),
            eb("s.longitude", "<=", box.maxLon),
          ]),
          // Remote services (no place) whose eligibility zone covers the place.
          eb.and([
            eb("s.latitude", "is", null),
            sql<SqlBool>`s.zone_eligibilite && ${sql.val(zone)}::text[]`,
          ]),
        ]),
      );
    }

    // The exact filter on the prefiltered rows, reading the computed columns.
    let matches = db
      .selectFrom(builder.offset(0).as("x"))
      .select(["x.id", "x.nom", "x.source_id", cheapScore.as("cheap_score")]);
    if (box && places) {
      // The same text, theme and box conditions as the plain prefilter, on
      // the rows the keys found.
      if (hasText) matches = matches.where((eb) => eb.or(textCondition("x")));
      if (wanted)
        matches = matches.where(sql<SqlBool>`x.thematiques && ${sql.val(wanted)}::text[]`);
      matches = matches.where((eb) =>
        eb.or([
          ...(communeCode ? [eb("x.code_insee", "=", communeCode)] : []),
          eb.and([
            eb("x.latitude", ">=", box.minLat),
            eb("x.latitude", "<=", box.maxLat),
            eb("x.longitude", ">=", box.minLon),
            eb("x.longitude", "<=", box.maxLon),
          ]),
          eb.and([
            eb("x.latitude", "is", null),
            sql<SqlBool>`x.zone_eligibilite && ${sql.val(zone)}::text[]`,
          ]),
        ]),
      );
    }
    if (origin) {
      // The box was checked above: a row inside it is kept when its distance
      // is within the radius.
      matches = matches.where((eb) =>
        eb.or([
          ...(communeCode ? [eb("x.code_insee", "=", communeCode)] : []),
          sql<SqlBool>`x.distance_km <= ${within}`,
          eb.and([
            eb("x.latitude", "is", null),
            sql<SqlBool>`x.zone_eligibilite && ${sql.val(zone)}::text[]`,
          ]),
        ]),
      );
    }
    return { matches, narrowed: Boolean(places) };
  };

  // Materialised with narrow rows: counted once, and the best few taken by a
  // top-N sort (a window count(*) over wide rows spilled to disk).
  const { matches, narrowed } = matchesWithin(radius, true);
  const ordered = db
    .with(
      (cte) => cte("m").materialized(),
      () => matches,
    )
    .selectFrom("m")
    .select(["m.id", "m.cheap_score", sql<number>`(SELECT count(*) FROM m)`.as("total")])
    .orderBy("m.cheap_score", "desc")
    .orderBy("m.nom")
    .orderBy("m.source_id");
  const rankedCount = Math.max(RANKED_CANDIDATES, page * pageSize);
  // How many match, up to COUNT_LIMIT + 1. The widest ring is counted first:
  // its matches are some of the radius's, so when it alone holds more than
  // the limit, the whole radius (an index scan about four times the ring's)
  // need not be read.
  const countUpToLimit = async () => {
    const count = async (query: typeof matches) =>
      Number(
        (
          await db
            .selectFrom(query.limit(COUNT_LIMIT + 1).as("m"))
            .select(sql<number>`count(*)`.as("total"))
            .executeTakeFirstOrThrow()
        ).total,
      );
    const widest = RINGS_KM.filter((km) => km < radius).at(-1);
    if (widest !== undefined) {
      const inRing = await count(matchesWithin(widest, false).matches);
      if (inRing > COUNT_LIMIT) return inRing;
    }
    return count(matches);
  };
  let chosen = ordered.limit(rankedCount);
  let openTotal: number | undefined;
  let countedTotal: number | undefined;
  let ringKm: number | undefined;
  if (origin && narrowed && !filters.openNow) {
    // Nearest first: the best candidates are often all within a kilometre.
    // A ring is enough when its last kept candidate scores above anything
    // outside it could (the score falls with distance, and text and theme
    // add at most `bonus`); otherwise the next ring, and at last the whole
    // radius. Counting stops at COUNT_LIMIT.
    const bonus = hasText ? 4 : 0;
    let smaller: { ring: number; found: number } | undefined;
    for (const ring of RINGS_KM.filter((km) => km < radius)) {
      // A sparse place: if the smaller ring's matches, scaled to this ring's
      // area, are still too few, go straight to the whole radius.
      if (smaller && smaller.found * (ring / smaller.ring) ** 2 < rankedCount) break;
      const best = await db
        .selectFrom(matchesWithin(ring, false).matches.as("m"))
        .select(["m.id", "m.cheap_score"])
        .orderBy("m.cheap_score", "desc")
        .orderBy("m.nom")
        .orderBy("m.source_id")
        .limit(rankedCount)
        .execute();
      const last = best[rankedCount - 1];
      smaller = { ring, found: best.length };
      if (!last || !(Number(last.cheap_score) > bonus + 0.6 / (1 + ring))) continue;
      countedTotal = await countUpToLimit();
      ringKm = ring;
      chosen = db
        .selectFrom("directory_service as s")
        .select(["s.id", sql<number>`0`.as("cheap_score"), sql<number>`0`.as("total")])
        .where(
          "s.id",
          "in",
          best.map((row) => row.id),
        ) as unknown as typeof chosen;
      break;
    }
  }
  if (filters.openNow) {
    // Open now: the best 1,000 by the cheap score, their hours read once per
    // distinct value, and only the open ones go on to the full ranking.
    const pool = await db
      .with("c", () => ordered.limit(OPEN_NOW_CANDIDATES))
      .selectFrom("c")
      .innerJoin("directory_service as s", "s.id", "c.id")
      .innerJoin("directory_structure as st", "st.id", "s.structure_id")
      .select([
        "c.id",
        sql<string | null>`coalesce(s.horaires_accueil, st.horaires_accueil)`.as("horaires"),
        "s.code_insee",
        "s.code_postal",
      ])
      .orderBy("c.cheap_score", "desc")
      .orderBy("s.nom")
      .orderBy("s.source_id")
      .execute();
    const openByHours = new Map<string, boolean>();
    const open = pool.filter((row) => {
      const region = regionOfPlace(row);
      const key = `${region}\u0000${row.horaires ?? ""}`;
      let isOpen = openByHours.get(key);
      if (isOpen === undefined) {
        isOpen = isOpenAt(row.horaires, now, region);
        openByHours.set(key, isOpen);
      }
      return isOpen;
    });
    openTotal = open.length;
    if (open.length === 0) return { total: 0, totalIsLowerBound: false, hits: [] };
    chosen = db
      .selectFrom("directory_service as s")
      .select(["s.id", sql<number>`0`.as("cheap_score"), sql<number>`${open.length}`.as("total")])
      .where(
        "s.id",
        "in",
        open.slice(0, rankedCount).map((row) => row.id),
      ) as unknown as typeof chosen;
  }

  const relevance = hasText
    ? sql<number>`(ts_rank_cd(s.search_vector, ${tsq}) * 2
        + word_similarity(${query.normalized}, s.search_text))`
    : sql<number>`0::double precision`;
  const rows = await db
    .with("c", () => chosen)
    .selectFrom("c")
    .innerJoin("directory_service as s", "s.id", "c.id")
    .innerJoin("directory_structure as st", "st.id", "s.structure_id")
    .select([
      "s.id",
      "s.source",
      "s.nom",
      "s.source_id",
      "s.structure_id",
      "st.nom as structure_nom",
      "s.description",
      "s.thematiques",
      "s.publics",
      "s.modes_accueil",
      "s.modes_mobilisation",
      "s.frais",
      "s.adresse",
      "s.code_postal",
      "s.code_insee",
      "s.commune",
      "s.telephone",
      "s.latitude",
      "s.longitude",
      "s.checked_at",
      "c.total",
      sql<string | null>`coalesce(s.horaires_accueil, st.horaires_accueil)`.as("horaires"),
      distance.as("distance_km"),
      matchLevel.as("match_level"),
    ])
    .$if(hasText, (query) => query.orderBy(matchLevel, "desc"))
    .$if(Boolean(origin), (query) => query.orderBy(sql`coalesce(${distance}, ${MAX_RADIUS_KM})`))
    .orderBy(relevance, "desc")
    .orderBy(sql`s.nom COLLATE "und-x-icu"`)
    .orderBy("s.source_id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const counted = openTotal ?? countedTotal ?? Number(rows[0]?.total ?? 0);
  return {
    total: Math.min(counted, COUNT_LIMIT),
    totalIsLowerBound: counted > COUNT_LIMIT,
    ringKm,
    hits: toHits(rows, now),
  };
}
