import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Expression, type SqlBool, sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { boundingBox } from "./geo.ts";
import { isOpenAt, type OpeningStatus, openingStatus } from "./opening-hours.ts";
import { type ParsedQuery, parseQuery, type Thesaurus, toTsQuery } from "./search-query.ts";
import { thematiquesOfCategory } from "./vocabulary.ts";

export const THESAURUS: Thesaurus = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "..", "..", "..", "data", "directory", "thesaurus.json"),
    "utf8",
  ),
);

export type SearchFilters = {
  text?: string | undefined;
  /** A theme category ("sante") or a full thematique ("sante--acces-aux-soins"). */
  theme?: string | undefined;
  publics?: string[] | undefined;
  modesAccueil?: string[] | undefined;
  modesMobilisation?: string[] | undefined;
  mobilisablePar?: string[] | undefined;
  frais?: string | undefined;
  /** Centre of the search: the commune's centre or the person's position. */
  origin?: { latitude: number; longitude: number } | undefined;
  /** Services of this commune are kept whatever the radius. */
  communeCode?: string | undefined;
  departementCode?: string | undefined;
  radiusKm?: number | undefined;
  openNow?: boolean | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
};

export type SearchHit = {
  id: string;
  nom: string;
  structureId: string;
  structureNom: string;
  description: string;
  thematiques: string[];
  publics: string[];
  modesAccueil: string[];
  modesMobilisation: string[];
  frais: string | null;
  adresse: string | null;
  codePostal: string | null;
  commune: string | null;
  telephone: string | null;
  latitude: number | null;
  longitude: number | null;
  horaires: string | null;
  distanceKm: number | null;
  status: OpeningStatus;
  checkedAt: Date;
};

export type SearchResult = {
  hits: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  query: ParsedQuery;
  /** true when no result matched every word and the search kept those matching any. */
  relaxed: boolean;
};

export const DEFAULT_RADIUS_KM = 5;
export const MAX_RADIUS_KM = 50;
const OPEN_NOW_CANDIDATES = 1000;

/**
 * Searches services: narrow first (place, theme, filters), then rank what is
 * left by a mix of text relevance and distance. "Open now" is computed by the
 * opening_hours library on the best candidates (at most 1,000).
 */
export async function searchServices(
  db: Db,
  filters: SearchFilters,
  now: Date,
): Promise<SearchResult> {
  const query = parseQuery(filters.text ?? "", THESAURUS);
  const page = Math.max(1, Math.floor(filters.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(filters.pageSize ?? 20)));
  let relaxed = false;
  let rows = await runSearch(db, filters, query, "&", page, pageSize, now);
  if (rows.total === 0 && query.groups.length > 1) {
    relaxed = true;
    rows = await runSearch(db, filters, query, "|", page, pageSize, now);
  }
  return { ...rows, page, pageSize, query, relaxed };
}

async function runSearch(
  db: Db,
  filters: SearchFilters,
  query: ParsedQuery,
  join: "&" | "|",
  page: number,
  pageSize: number,
  now: Date,
): Promise<{ hits: SearchHit[]; total: number }> {
  const tsQuery = toTsQuery(query.groups, join);
  const hasText = tsQuery !== "";
  const origin = filters.origin;
  const radius = Math.min(MAX_RADIUS_KM, Math.max(0.1, filters.radiusKm ?? DEFAULT_RADIUS_KM));
  const tsq = sql`to_tsquery('fr_unaccent', ${tsQuery})`;
  const themes = query.thematiques;
  const distance = origin
    ? sql<number>`(2 * 6371 * asin(least(1, sqrt(
        power(sin(radians(s.latitude - ${origin.latitude}) / 2), 2) +
        cos(radians(${origin.latitude})) * cos(radians(s.latitude)) *
        power(sin(radians(s.longitude - ${origin.longitude}) / 2), 2)))))`
    : sql<number>`NULL::double precision`;
  const relevance = hasText
    ? sql<number>`(ts_rank_cd(s.search_vector, ${tsq}) * 2
        + CASE WHEN s.thematiques && ${sql.val(themes)}::text[] THEN 0.3 ELSE 0 END
        + word_similarity(${query.normalized}, s.search_text))`
    : sql<number>`0`;
  // Relevance counts most; nearness breaks near-ties and orders a plain "near me".
  const score = origin
    ? sql<number>`(${relevance} + 0.6 / (1 + coalesce(${distance}, 20)))`
    : relevance;

  let builder = db
    .selectFrom("directory_service as s")
    .innerJoin("directory_structure as st", "st.id", "s.structure_id")
    .select([
      "s.id",
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
      "s.commune",
      "s.telephone",
      "s.latitude",
      "s.longitude",
      "s.checked_at",
      sql<string | null>`coalesce(s.horaires_accueil, st.horaires_accueil)`.as("horaires"),
      distance.as("distance_km"),
      score.as("score"),
      sql<number>`count(*) over ()`.as("total"),
    ]);

  if (hasText) {
    builder = builder.where((eb) => {
      const alternatives: Expression<SqlBool>[] = [
        sql<SqlBool>`s.search_vector @@ ${tsq}`,
        sql<SqlBool>`${query.normalized} <% s.search_text`,
      ];
      if (themes.length > 0)
        alternatives.push(sql<SqlBool>`s.thematiques && ${sql.val(themes)}::text[]`);
      return eb.or(alternatives);
    });
  }
  if (filters.theme) {
    const wanted = filters.theme.includes("--")
      ? [filters.theme]
      : thematiquesOfCategory(filters.theme);
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
  if (origin) {
    const box = boundingBox(origin, radius);
    const zone = [filters.communeCode, filters.departementCode, "france"].filter(
      (code): code is string => Boolean(code),
    );
    builder = builder.where((eb) =>
      eb.or([
        ...(filters.communeCode ? [eb("s.code_insee", "=", filters.communeCode)] : []),
        eb.and([
          eb("s.latitude", ">=", box.minLat),
          eb("s.latitude", "<=", box.maxLat),
          eb("s.longitude", ">=", box.minLon),
          eb("s.longitude", "<=", box.maxLon),
          sql<SqlBool>`${distance} <= ${radius}`,
        ]),
        // Remote services (no place) whose eligibility zone covers the place.
        eb.and([
          eb("s.latitude", "is", null),
          sql<SqlBool>`s.zone_eligibilite && ${sql.val(zone)}::text[]`,
        ]),
      ]),
    );
  }

  const ordered = builder
    .orderBy(sql`score`, "desc")
    .orderBy(sql`s.nom COLLATE "und-x-icu"`)
    .orderBy("s.source_id");
  const rows = filters.openNow
    ? (await ordered.limit(OPEN_NOW_CANDIDATES).execute()).filter((row) =>
        isOpenAt(row.horaires, now),
      )
    : await ordered
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
  const total = filters.openNow ? rows.length : Number(rows[0]?.total ?? 0);
  const pageRows = filters.openNow ? rows.slice((page - 1) * pageSize, page * pageSize) : rows;
  return {
    total,
    hits: pageRows.map((row) => ({
      id: row.id,
      nom: row.nom,
      structureId: row.structure_id,
      structureNom: row.structure_nom,
      description: row.description,
      thematiques: row.thematiques,
      publics: row.publics,
      modesAccueil: row.modes_accueil,
      modesMobilisation: row.modes_mobilisation,
      frais: row.frais,
      adresse: row.adresse,
      codePostal: row.code_postal,
      commune: row.commune,
      telephone: row.telephone,
      latitude: row.latitude,
      longitude: row.longitude,
      horaires: row.horaires,
      distanceKm: row.distance_km === null ? null : Number(row.distance_km),
      status: openingStatus(row.horaires, now),
      checkedAt: row.checked_at,
    })),
  };
}
