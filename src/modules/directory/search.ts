import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import {
  type Candidates,
  COUNT_LIMIT,
  candidatesNear,
  candidatesOpenAt,
  matchesWithin,
} from "./search-candidates.ts";
import {
  type SearchFilters,
  type SearchOptions,
  type SearchResult,
  toHits,
} from "./search-hits.ts";
import { pageOf, planSearch, type SearchPlan } from "./search-plan.ts";
import { normalize, type ParsedQuery, parseQuery } from "./search-query.ts";
import { rankPage } from "./search-rank.ts";
import { THESAURUS } from "./thesaurus.ts";

export { COUNT_LIMIT } from "./search-candidates.ts";
export type { SearchFilters, SearchHit, SearchOptions, SearchResult } from "./search-hits.ts";
export { DEFAULT_RADIUS_KM, FRANCE_COUNTRY_CODE, MAX_RADIUS_KM } from "./search-plan.ts";

/**
 * Searches services, as a pipeline of small steps: plan the query
 * (search-plan.ts) → the candidates, by the nearest ring that is enough or
 * the whole radius, or those open now (search-candidates.ts: a prefilter the
 * indexes answer, then the exact filter, the conditions written once in
 * search-predicates.ts) → rank them and cut the page (search-rank.ts). Narrow
 * first, rank what is left. When no service matches every word, the search
 * keeps those matching any.
 */
export async function searchServices(
  db: Db,
  filters: SearchFilters,
  now: Date,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const query = await readQuery(db, filters.text ?? "");
  const useSearchKeys = options.useSearchKeys ?? true;
  const plan = (join: "&" | "|") => planSearch({ filters, query, join, useSearchKeys });
  const strict = plan("&");
  let found = await runPlan(db, strict, now);
  let relaxed = false;
  if (found.total === 0 && query.groups.length > 1) {
    relaxed = true;
    found = await runPlan(db, plan("|"), now);
  }
  return { ...found, ...pageOf(filters), query, relaxed, bestLevel: strict.bonus };
}

/** The query parsed, the words some service holds as typed kept from correction. */
async function readQuery(db: Db, text: string): Promise<ParsedQuery> {
  return parseQuery(text, THESAURUS, await indexedWords(db, normalize(text)));
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

type Found = Pick<SearchResult, "hits" | "total" | "totalIsLowerBound" | "ringKm">;

/** One plan through the steps: candidates, then the ranked page. */
async function runPlan(db: Db, plan: SearchPlan, now: Date): Promise<Found> {
  const inRadius = matchesWithin(db, plan, plan.radiusKm, true);
  let candidates: Candidates;
  if (plan.openNow) {
    const open = await candidatesOpenAt(db, plan, inRadius.matches, now);
    if (!open) return { total: 0, totalIsLowerBound: false, hits: [] };
    candidates = open;
  } else {
    candidates = await candidatesNear(db, plan, inRadius);
  }
  const rows = await rankPage(db, plan, candidates);
  const counted = candidates.total ?? Number(rows[0]?.total ?? 0);
  return {
    total: Math.min(counted, COUNT_LIMIT),
    totalIsLowerBound: counted > COUNT_LIMIT,
    ringKm: candidates.ringKm,
    hits: toHits(rows, now),
  };
}
