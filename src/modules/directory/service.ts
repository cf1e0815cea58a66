import type { Db } from "../../db/database.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import { type Commune, findPlace } from "../territory/service.ts";
import { MAX_RADIUS_KM, type SearchFilters, type SearchResult, searchServices } from "./search.ts";

/**
 * The directory's public face: other modules (records, for "orienter") and
 * the routes import from here only.
 */

export { saveDemoDirectory } from "./demo.ts";
export type { SearchHit, SearchResult } from "./search.ts";

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

/** Resolves the place, checks the radius, then searches. Bad input: Invalid, in French. */
export async function searchDirectory(
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
    },
    now,
  );
  return { ...result, place };
}

export async function findService(db: Db, id: string) {
  if (!UUID.test(id)) return undefined;
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
    .where("s.id", "=", id)
    .executeTakeFirst();
}
export type ServiceDetail = NonNullable<Awaited<ReturnType<typeof findService>>>;

export async function requireService(db: Db, id: string): Promise<ServiceDetail> {
  const service = await findService(db, id);
  if (!service) throw new NotFound("Ce service n'existe pas ou a été retiré de l'annuaire.");
  return service;
}

export async function findStructure(db: Db, id: string) {
  if (!UUID.test(id)) return undefined;
  return db.selectFrom("directory_structure").selectAll().where("id", "=", id).executeTakeFirst();
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
    .orderBy("nom")
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

export { exportDirectory, importDirectory, MAX_IMPORT_BYTES } from "./import-export.ts";
export { seedSyntheticDirectory } from "./synthetic.ts";
