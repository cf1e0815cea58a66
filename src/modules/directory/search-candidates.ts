/**
 * The middle steps of a directory search, after the plan: the services that
 * match within a radius (a prefilter the indexes answer, then the exact
 * filter), ordered by a cheap score; and the candidates that go on to the
 * full ranking: the best of the nearest ring that is enough, of the whole
 * radius, or of those open now.
 */
import { type Expression, type SqlBool, sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { boundingBox } from "./geo.ts";
import { isOpenAt, regionOfPlace } from "./opening-hours.ts";
import { placeKeys, searchKeys } from "./search-keys.ts";
import type { SearchPlan } from "./search-plan.ts";
import {
  atPlace,
  distanceKm,
  hasThemeIn,
  insideBox,
  matchesText,
  matchLevel,
  nameMatch,
  nearness,
  ownWordsMatch,
  textMatch,
  withinKm,
} from "./search-predicates.ts";

/** Beyond this many matches, the count says "more than" (nobody reads 2,000 results). */
export const COUNT_LIMIT = 500;
/** Rings tried before the whole radius, nearest first (km). */
export const RINGS_KM = [1, 2.5];
/** "Open now" is worked out on this many of the best candidates at most. */
export const OPEN_NOW_CANDIDATES = 1000;

/** The candidates for the full ranking, and how many match when already counted. */
export type Candidates = {
  rows: Expression<{ id: string; total: number }>;
  total?: number | undefined;
  ringKm?: number | undefined;
};

/**
 * The first pass, on what indexes can answer. With a place (and the search
 * keys on), one GIN scan on search_keys narrows by place and theme together
 * (cells near the origin, the commune, the zones; each with the theme's
 * category); the keys are a superset of what the exact filter keeps, which
 * then does the rest. Without keys, the text, theme and box conditions are
 * here, so that their own indexes can narrow. Distances are computed once a
 * row, here: the radius filter and the cheap score both read them.
 */
function prefilter(
  db: Db,
  plan: SearchPlan,
  places: string[] | undefined,
  box: ReturnType<typeof boundingBox> | undefined,
  communeCode: string | undefined,
) {
  let rows = db
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
      textMatch(plan, "s").as("text_match"),
      ownWordsMatch(plan, "s").as("own_match"),
      nameMatch(plan, "s").as("name_match"),
      distanceKm(plan.origin).as("distance_km"),
    ]);
  if (places) {
    rows = rows.where(
      sql<SqlBool>`s.search_keys && ${sql.val(searchKeys(places, plan.theme))}::text[]`,
    );
  } else {
    if (plan.hasText) rows = rows.where(matchesText(plan, "s"));
    if (plan.wantedThemes) rows = rows.where(hasThemeIn("s", plan.wantedThemes));
  }
  for (const { column, values } of plan.listFilters) {
    rows = rows.where(sql<SqlBool>`${sql.ref(`s.${column}`)} && ${sql.val(values)}::text[]`);
  }
  if (plan.frais) rows = rows.where("s.frais", "=", plan.frais);
  if (box && !places) rows = rows.where(atPlace(plan, "s", insideBox("s", box), communeCode));
  return rows;
}

/**
 * The services that match within `within` km of the origin (and the
 * commune's beyond it when `keepCommune`), each with its cheap score: its
 * match level, then its nearness (below 1, one level). `narrowed`: the
 * search keys did the first pass.
 */
export function matchesWithin(db: Db, plan: SearchPlan, within: number, keepCommune: boolean) {
  const communeCode = keepCommune ? plan.communeCode : undefined;
  const places =
    plan.origin && plan.useSearchKeys
      ? placeKeys(plan.origin, within, communeCode, plan.zone)
      : undefined;
  const box = plan.origin ? boundingBox(plan.origin, within) : undefined;
  const cheapScore = sql<number>`(${matchLevel(plan, "x")} + ${
    plan.origin ? nearness(sql<number>`x.distance_km`) : sql`0`
  })`;
  // The exact filter on the prefiltered rows ("x", OFFSET 0 keeps PostgreSQL
  // from inlining it), reading the computed columns.
  let matches = db
    .selectFrom(prefilter(db, plan, places, box, communeCode).offset(0).as("x"))
    .select(["x.id", "x.nom", "x.source_id", cheapScore.as("cheap_score")]);
  if (box && places) {
    // What the keys left to check: the same text, theme and box conditions
    // as the plain prefilter.
    if (plan.hasText) matches = matches.where(matchesText(plan, "x"));
    if (plan.wantedThemes) matches = matches.where(hasThemeIn("x", plan.wantedThemes));
    matches = matches.where(atPlace(plan, "x", insideBox("x", box), communeCode));
  }
  // A row inside the box is kept when its distance is within the radius.
  if (plan.origin) matches = matches.where(atPlace(plan, "x", withinKm(within), communeCode));
  return { matches, narrowed: Boolean(places) };
}

type Matches = ReturnType<typeof matchesWithin>["matches"];

/**
 * Every match, best first by the cheap score, with how many there are:
 * materialised with narrow rows, counted once, and the best few taken by a
 * top-N sort (a window count(*) over wide rows spilled to disk).
 */
export function byCheapScore(db: Db, matches: Matches) {
  return db
    .with(
      (cte) => cte("m").materialized(),
      () => matches,
    )
    .selectFrom("m")
    .select(["m.id", "m.cheap_score", sql<number>`(SELECT count(*) FROM m)`.as("total")])
    .orderBy("m.cheap_score", "desc")
    .orderBy("m.nom")
    .orderBy("m.source_id");
}

/** The services of `ids`, as candidates, `total` matching in all. */
function candidatesOf(db: Db, ids: string[], total: number): Candidates {
  return {
    rows: db
      .selectFrom("directory_service as s")
      .select(["s.id", sql<number>`${total}`.as("total")])
      .where("s.id", "in", ids),
    total,
  };
}

async function countOf(db: Db, matches: Matches): Promise<number> {
  const row = await db
    .selectFrom(matches.limit(COUNT_LIMIT + 1).as("m"))
    .select(sql<number>`count(*)`.as("total"))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/**
 * How many match in the radius, up to COUNT_LIMIT + 1. The widest ring is
 * counted first: its matches are some of the radius's, so when it alone
 * holds more than the limit, the whole radius (an index scan about four
 * times the ring's) need not be read.
 */
export async function countUpToLimit(db: Db, plan: SearchPlan, inRadius: Matches) {
  const widest = RINGS_KM.filter((km) => km < plan.radiusKm).at(-1);
  if (widest !== undefined) {
    const inRing = await countOf(db, matchesWithin(db, plan, widest, false).matches);
    if (inRing > COUNT_LIMIT) return inRing;
  }
  return countOf(db, inRadius);
}

/**
 * Nearest first: the best candidates are often all within a kilometre. A
 * ring is enough when its last kept candidate scores above anything outside
 * it could (the score falls with distance, and text and theme add at most
 * `bonus`); otherwise the next ring. Undefined: no ring is enough, rank the
 * whole radius. A sparse place goes straight to the whole radius: the
 * smaller ring's matches, scaled to the next ring's area, are too few.
 */
export async function bestInRing(
  db: Db,
  plan: SearchPlan,
): Promise<{ ringKm: number; ids: string[] } | undefined> {
  let smaller: { ring: number; found: number } | undefined;
  for (const ring of RINGS_KM.filter((km) => km < plan.radiusKm)) {
    if (smaller && smaller.found * (ring / smaller.ring) ** 2 < plan.rankedCount) return undefined;
    const best = await db
      .selectFrom(matchesWithin(db, plan, ring, false).matches.as("m"))
      .select(["m.id", "m.cheap_score"])
      .orderBy("m.cheap_score", "desc")
      .orderBy("m.nom")
      .orderBy("m.source_id")
      .limit(plan.rankedCount)
      .execute();
    const last = best[plan.rankedCount - 1];
    smaller = { ring, found: best.length };
    if (last && Number(last.cheap_score) > plan.bonus + 0.6 / (1 + ring)) {
      return { ringKm: ring, ids: best.map((row) => row.id) };
    }
  }
  return undefined;
}

/**
 * The candidates in the radius: the best of a ring when one is enough (the
 * search keys narrowed the radius), else the best of the whole radius.
 */
export async function candidatesNear(
  db: Db,
  plan: SearchPlan,
  inRadius: ReturnType<typeof matchesWithin>,
): Promise<Candidates> {
  const ring = plan.origin && inRadius.narrowed ? await bestInRing(db, plan) : undefined;
  if (!ring) return { rows: byCheapScore(db, inRadius.matches).limit(plan.rankedCount) };
  const total = await countUpToLimit(db, plan, inRadius.matches);
  return { ...candidatesOf(db, ring.ids, total), ringKm: ring.ringKm };
}

/**
 * Open now: the best OPEN_NOW_CANDIDATES by the cheap score, their hours read
 * once per distinct value (and région: school holidays), and only the open
 * ones go on to the full ranking. Undefined when none is open.
 */
export async function candidatesOpenAt(
  db: Db,
  plan: SearchPlan,
  inRadius: Matches,
  now: Date,
): Promise<Candidates | undefined> {
  const pool = await db
    .with("c", () => byCheapScore(db, inRadius).limit(OPEN_NOW_CANDIDATES))
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
  if (open.length === 0) return undefined;
  return candidatesOf(
    db,
    open.slice(0, plan.rankedCount).map((row) => row.id),
    open.length,
  );
}
