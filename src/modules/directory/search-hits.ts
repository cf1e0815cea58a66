/** What a directory search takes and gives, and the rows it turns into hits. */

import { type OpeningStatus, openingStatus, regionOfPlace } from "./opening-hours.ts";
import type { ParsedQuery } from "./search-query.ts";

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
  /** Other zone codes that hold the place: its EPCI and EPT (SIREN). */
  zoneCodes?: string[] | undefined;
  radiusKm?: number | undefined;
  openNow?: boolean | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
};

export type SearchHit = {
  id: string;
  /** The data·inclusion identity: producer and the producer's id. */
  source: string;
  sourceId: string;
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
  codeInsee: string | null;
  commune: string | null;
  telephone: string | null;
  latitude: number | null;
  longitude: number | null;
  horaires: string | null;
  distanceKm: number | null;
  /**
   * How well it matches what was typed, the first key of the ranking (0–4):
   * its text holds the need (2), the very words typed (1), its theme is the
   * need's or its name holds the word (1); 0 for a near spelling only, or
   * when nothing was typed.
   */
  matchLevel: number;
  status: OpeningStatus;
  checkedAt: Date;
};

export type SearchResult = {
  hits: SearchHit[];
  /** How many services match, up to COUNT_LIMIT. */
  total: number;
  /** true when more than COUNT_LIMIT match: `total` is then COUNT_LIMIT. */
  totalIsLowerBound: boolean;
  /** The ring (km) the best candidates came from, when one was enough. */
  ringKm?: number | undefined;
  page: number;
  pageSize: number;
  query: ParsedQuery;
  /** true when no result matched every word and the search kept those matching any. */
  relaxed: boolean;
  /** The highest matchLevel a search with text can give (4), 0 without text. */
  bestLevel: number;
};

export type SearchOptions = {
  /**
   * Narrow a place search by the search_keys index first (the default). The
   * exact filters follow either way: false gives the same results, slower;
   * tests compare both.
   */
  useSearchKeys?: boolean;
};

/** A ranked row of the search, as SQL gives it. */
export type HitRow = {
  id: string;
  source: string;
  source_id: string;
  nom: string;
  structure_id: string;
  structure_nom: string;
  description: string;
  thematiques: string[] | null;
  publics: string[] | null;
  modes_accueil: string[] | null;
  modes_mobilisation: string[] | null;
  frais: string | null;
  adresse: string | null;
  code_postal: string | null;
  code_insee: string | null;
  commune: string | null;
  telephone: string | null;
  latitude: number | null;
  longitude: number | null;
  horaires: string | null;
  distance_km: number | null;
  match_level: number | null;
  checked_at: Date;
};

type Place = { code_insee: string | null; code_postal: string | null };

/** Each distinct opening hours' status at `now` in a région (school holidays), worked out once. */
function statusesAt(now: Date): (hours: string | null, place: Place) => OpeningStatus {
  const statusByHours = new Map<string, OpeningStatus>();
  return (hours, place) => {
    const region = regionOfPlace(place);
    const key = `${region}\u0000${hours ?? ""}`;
    let status = statusByHours.get(key);
    if (!status) {
      status = openingStatus(hours, now, region);
      statusByHours.set(key, status);
    }
    return status;
  };
}

/** The same hits with their opening status at `now` (results kept from an earlier minute). */
export function withStatusesAt(hits: SearchHit[], now: Date): SearchHit[] {
  const statusOf = statusesAt(now);
  return hits.map((hit) => ({
    ...hit,
    status: statusOf(hit.horaires, { code_insee: hit.codeInsee, code_postal: hit.codePostal }),
  }));
}

/** Rows into hits, each opening status computed once per distinct hours. */
export function toHits(rows: HitRow[], now: Date): SearchHit[] {
  const statusOf = statusesAt(now);
  return rows.map((row) => ({
    id: row.id,
    source: row.source,
    sourceId: row.source_id,
    nom: row.nom,
    structureId: row.structure_id,
    structureNom: row.structure_nom,
    description: row.description,
    thematiques: row.thematiques ?? [],
    publics: row.publics ?? [],
    modesAccueil: row.modes_accueil ?? [],
    modesMobilisation: row.modes_mobilisation ?? [],
    frais: row.frais,
    adresse: row.adresse,
    codePostal: row.code_postal,
    codeInsee: row.code_insee,
    commune: row.commune,
    telephone: row.telephone,
    latitude: row.latitude,
    longitude: row.longitude,
    horaires: row.horaires,
    distanceKm: row.distance_km === null ? null : Number(row.distance_km),
    matchLevel: Number(row.match_level ?? 0),
    status: statusOf(row.horaires, row),
    checkedAt: row.checked_at,
  }));
}
