import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { type Commune, findPlace } from "../territory/service.ts";
import {
  MAX_RADIUS_KM,
  type SearchFilters,
  type SearchHit,
  type SearchResult,
  searchServices,
} from "./search.ts";
import { cachedSearch } from "./search-cache.ts";
import { withStatusesAt } from "./search-hits.ts";
import { zonesOfCommune } from "./zones.ts";

/**
 * The directory's public face: other modules (records, for "orienter") and
 * the routes import from here only.
 */

export { saveDemoDirectory } from "./demo.ts";
export { formatDistance } from "./geo.ts";
export type { SearchHit, SearchResult } from "./search.ts";
export { clearSearchCache, configureSearchCache, searchCacheStats } from "./search-cache.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A service not checked for six months is flagged to its structure and to the public. */
export const STALE_AFTER_DAYS = 182;

export function isStale(checkedAt: Date, now: Date): boolean {
  return now.getTime() - checkedAt.getTime() > STALE_AFTER_DAYS * 86_400_000;
}

export type DirectorySearchInput = Omit<
  SearchFilters,
  "origin" | "communeCode" | "departementCode"
> & {
  /** A commune name, INSEE code or postcode, as typed. */
  place?: string | undefined;
  position?: { latitude: number; longitude: number } | undefined;
};

export type DirectorySearch = SearchResult & { place: Commune | undefined };

/**
 * Resolves the place, checks the radius, then searches. Bad input: Invalid,
 * in French. Results come from the search cache while the directory has not
 * changed (an "open now" search: within the same minute too); each hit's
 * opening status is worked out again when the minute has changed. A search
 * from a person's own position is never kept: nobody else asks it, and it
 * would push out the searches people do repeat.
 */
export async function searchDirectory(
  ctx: Pick<ServiceContext, "db" | "now">,
  departementCode: string,
  input: DirectorySearchInput,
): Promise<DirectorySearch> {
  const { db, now } = ctx;
  if (input.position) return searchUncached(db, departementCode, input, now);
  const minute = Math.floor(now.getTime() / 60_000);
  // Every field of the input, in a fixed order: a field added later is part
  // of the key without anyone having to remember it.
  const parts = [
    departementCode,
    input.openNow ? minute : "",
    Object.entries(input)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  ];
  const entry = await cachedSearch(db, parts, async () => ({
    search: await searchUncached(db, departementCode, input, now),
    minute,
  }));
  if (entry.minute !== minute) {
    // Entries are shared: replaced, never changed in place.
    entry.search = { ...entry.search, hits: withStatusesAt(entry.search.hits, now) };
    entry.minute = minute;
  }
  return entry.search;
}

async function searchUncached(
  db: Db,
  departementCode: string,
  input: DirectorySearchInput,
  now: Date,
): Promise<DirectorySearch> {
  const errors: Record<string, string> = {};
  let place: Commune | undefined;
  if (input.place?.trim()) {
    place = await findPlace(db, departementCode, input.place);
    if (!place) {
      errors.lieu = `Nous ne trouvons pas « ${input.place.trim().slice(0, 60)} » dans le département : indiquez le nom d'une commune ou son code postal.`;
    }
  }
  if (
    input.radiusKm !== undefined &&
    (!Number.isFinite(input.radiusKm) || input.radiusKm <= 0 || input.radiusKm > MAX_RADIUS_KM)
  ) {
    errors.rayon = `Le rayon doit être compris entre 1 et ${MAX_RADIUS_KM} km.`;
  }
  const position = input.position;
  if (position && !(Math.abs(position.latitude) <= 90 && Math.abs(position.longitude) <= 180)) {
    errors.position = "Votre position n'a pas pu être lue.";
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors, Object.values(errors)[0]);
  const origin =
    position ??
    (place?.latitude != null && place.longitude != null
      ? { latitude: place.latitude, longitude: place.longitude }
      : undefined);
  const result = await searchServices(
    db,
    {
      ...input,
      origin,
      communeCode: place?.inseeCode,
      departementCode,
      zoneCodes: place ? await zonesOfCommune(db, departementCode, place.inseeCode) : undefined,
    },
    now,
  );
  return { ...result, place };
}

/**
 * A record's identity: Relais's id (a UUID) or data·inclusion's
 * `{source}--{id}` (the producer, then its own id, which may hold `--`).
 */
export function parseIdentity(
  identity: string,
): { id: string } | { source: string; sourceId: string } | undefined {
  if (UUID.test(identity)) return { id: identity };
  const at = identity.indexOf("--");
  if (at <= 0 || at + 2 >= identity.length || identity.length > 1_000) return undefined;
  return { source: identity.slice(0, at), sourceId: identity.slice(at + 2) };
}

export async function findService(db: Db, identity: string) {
  const key = parseIdentity(identity);
  if (!key) return undefined;
  return db
    .selectFrom("directory_service as s")
    .innerJoin("directory_structure as st", "st.id", "s.structure_id")
    .selectAll("s")
    .select([
      "st.nom as structure_nom",
      "st.source_id as structure_source_id",
      "st.horaires_accueil as structure_horaires",
      "st.telephone as structure_telephone",
      "st.site_web as structure_site_web",
      "st.organisation_id as structure_organisation_id",
    ])
    .where((eb) =>
      "id" in key
        ? eb("s.id", "=", key.id)
        : eb.and([eb("s.source", "=", key.source), eb("s.source_id", "=", key.sourceId)]),
    )
    .executeTakeFirst();
}
export type ServiceDetail = NonNullable<Awaited<ReturnType<typeof findService>>>;

export async function requireService(db: Db, id: string): Promise<ServiceDetail> {
  const service = await findService(db, id);
  if (!service) throw new NotFound("Ce service n'existe pas ou a été retiré de l'annuaire.");
  return service;
}

export async function findStructure(db: Db, identity: string) {
  const key = parseIdentity(identity);
  if (!key) return undefined;
  return db
    .selectFrom("directory_structure")
    .selectAll()
    .where((eb) =>
      "id" in key
        ? eb("id", "=", key.id)
        : eb.and([eb("source", "=", key.source), eb("source_id", "=", key.sourceId)]),
    )
    .executeTakeFirst();
}

/** Structures, by name, a page at a time; `communeCode` keeps one commune's. */
export async function listStructures(
  db: Db,
  options: { communeCode?: string | undefined; page: number; pageSize: number },
) {
  let query = db.selectFrom("directory_structure");
  if (options.communeCode) query = query.where("code_insee", "=", options.communeCode);
  const [rows, total] = await Promise.all([
    query
      .selectAll()
      .orderBy("nom")
      .orderBy("source")
      .orderBy("source_id")
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.total) };
}
export type StructureDetail = NonNullable<Awaited<ReturnType<typeof findStructure>>>;

export async function requireStructure(db: Db, id: string): Promise<StructureDetail> {
  const structure = await findStructure(db, id);
  if (!structure)
    throw new NotFound("Cette structure n'existe pas ou a été retirée de l'annuaire.");
  return structure;
}

export async function listStructureServices(db: Db, structureId: string) {
  return db
    .selectFrom("directory_service")
    .selectAll()
    .where("structure_id", "=", structureId)
    .orderBy(sql`nom COLLATE "und-x-icu"`)
    .execute();
}

export async function countDirectory(db: Db): Promise<{ structures: number; services: number }> {
  const [structures, services] = await Promise.all([
    db
      .selectFrom("directory_structure")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("directory_service")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { structures: Number(structures.n), services: Number(services.n) };
}

/**
 * A place as other modules keep it: the appointments module copies it into
 * its own table and keeps `ref` ("structure:<uuid>" or "service:<uuid>").
 */
export type DirectoryPlace = {
  ref: string;
  kind: "structure" | "service";
  name: string;
  /** Street, postcode and commune, on one line. */
  address: string;
  communeCode: string | null;
  communeName: string | null;
  latitude: number | null;
  longitude: number | null;
  /** The public page of the record, under /trouver-de-l-aide. */
  path: string;
};

type AddressRow = {
  id: string;
  nom: string;
  adresse: string | null;
  complement_adresse: string | null;
  code_postal: string | null;
  commune: string | null;
  code_insee: string | null;
  latitude: number | null;
  longitude: number | null;
};

function toPlace(kind: "structure" | "service", row: AddressRow): DirectoryPlace {
  const street = [row.adresse, row.complement_adresse].filter(Boolean).join(", ");
  const town = [row.code_postal, row.commune].filter(Boolean).join(" ");
  return {
    ref: `${kind}:${row.id}`,
    kind,
    name: row.nom,
    address: [street, town].filter(Boolean).join(", "),
    communeCode: row.code_insee,
    communeName: row.commune,
    latitude: row.latitude,
    longitude: row.longitude,
    path: directoryPagePath(`${kind}:${row.id}`) ?? "/trouver-de-l-aide",
  };
}

const PLACE_COLUMNS = [
  "id",
  "nom",
  "adresse",
  "complement_adresse",
  "code_postal",
  "commune",
  "code_insee",
  "latitude",
  "longitude",
] as const;

/** The public page of a directory reference ("structure:<uuid>" or "service:<uuid>"). */
export function directoryPagePath(ref: string | null | undefined): string | undefined {
  const match = /^(structure|service):(.+)$/.exec(ref ?? "");
  if (!match?.[2] || !UUID.test(match[2])) return undefined;
  return `/trouver-de-l-aide/${match[1] === "structure" ? "structures" : "services"}/${match[2]}`;
}

/** The directory structures linked to an organisation of the platform, by name. */
export async function findStructuresOfOrganisation(
  db: Db | Tx,
  organisationId: string,
): Promise<DirectoryPlace[]> {
  if (!UUID.test(organisationId)) return [];
  const rows = await db
    .selectFrom("directory_structure")
    .select(PLACE_COLUMNS)
    .where("organisation_id", "=", organisationId)
    .orderBy("nom")
    .execute();
  return rows.map((row) => toPlace("structure", row));
}

/** Structures whose name holds `text` (accents and case aside), for an administrator to pick one. */
export async function searchStructuresByName(
  db: Db | Tx,
  text: string,
  limit = 20,
): Promise<{ id: string; nom: string; commune: string | null; organisationId: string | null }[]> {
  const words = text.trim();
  if (words === "") return [];
  const rows = await db
    .selectFrom("directory_structure")
    .select(["id", "nom", "commune", "organisation_id"])
    .where(sql<boolean>`unaccent(lower(nom)) LIKE '%' || unaccent(lower(${words})) || '%'`)
    .orderBy("nom")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    nom: row.nom,
    commune: row.commune,
    organisationId: row.organisation_id,
  }));
}

/**
 * Links a directory structure to an organisation of the platform (or unlinks
 * it with null): its responsables may then edit the entry
 * (directoryRules.editStructure). The caller authorizes and audits.
 */
export async function linkStructureToOrganisation(
  db: Db | Tx,
  structureId: string,
  organisationId: string | null,
): Promise<void> {
  if (!UUID.test(structureId)) throw new NotFound("Cette structure n'existe pas dans l'annuaire.");
  const result = await db
    .updateTable("directory_structure")
    .set({ organisation_id: organisationId })
    .where("id", "=", structureId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    throw new NotFound("Cette structure n'existe pas dans l'annuaire.");
  }
}

/** One place of the directory by its reference; undefined when it is not (or no longer) there. */
export async function findDirectoryPlace(
  db: Db | Tx,
  ref: string,
): Promise<DirectoryPlace | undefined> {
  const match = /^(structure|service):(.+)$/.exec(ref);
  if (!match?.[2] || !UUID.test(match[2])) return undefined;
  const table = match[1] === "structure" ? "directory_structure" : "directory_service";
  const row = await db
    .selectFrom(table)
    .select(PLACE_COLUMNS)
    .where("id", "=", match[2])
    .executeTakeFirst();
  return row ? toPlace(match[1] as "structure" | "service", row) : undefined;
}

/** Places from a directory search hit (a service, at its own address). */
export function placeOfHit(hit: SearchHit): DirectoryPlace {
  return toPlace("service", {
    id: hit.id,
    nom: hit.nom,
    adresse: hit.adresse,
    complement_adresse: null,
    code_postal: hit.codePostal,
    commune: hit.commune,
    code_insee: null,
    latitude: hit.latitude,
    longitude: hit.longitude,
  });
}

export { exportDirectory, importDirectory, MAX_IMPORT_BYTES } from "./import-export.ts";
export { seedSyntheticDirectory } from "./synthetic-directory.ts";
