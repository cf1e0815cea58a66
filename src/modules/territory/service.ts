import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { NotFound } from "../../platform/errors.ts";
import {
  type CommuneShape,
  readShippedCentres,
  shapesFromGeoJson,
  voronoiShapes,
} from "./geometry.ts";

export type { CommuneShape };

type EtalabDepartement = { code: string; nom: string; chefLieu: string };
type EtalabCommune = {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
};

export class UnknownDepartementError extends Error {
  override name = "UnknownDepartementError";
}

const require = createRequire(import.meta.url);

// The package's index.js reads its files relative to the working directory:
// read the JSON files directly instead.
function readEtalab<T>(file: string): T {
  return JSON.parse(
    readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}`), "utf8"),
  ) as T;
}

export type TerritoryData = {
  departement: { code: string; name: string; chefLieu: string };
  communes: {
    inseeCode: string;
    name: string;
    postcodes: string[];
    population: number | null;
    /** Centre shipped in data/territory (sourced figures), when Relais has it. */
    centre?: { latitude: number; longitude: number };
  }[];
};

/** The département and its current communes, from the official COG (Licence Ouverte). */
export function readTerritory(departementCode: string): TerritoryData {
  const departement = readEtalab<EtalabDepartement[]>("departements.json").find(
    (candidate) => candidate.code === departementCode,
  );
  if (!departement) {
    throw new UnknownDepartementError(
      `RELAIS_DEPARTEMENT : le département « ${departementCode} » n'existe pas dans le code officiel géographique.`,
    );
  }
  const centres = readShippedCentres(departementCode);
  const communes = readEtalab<EtalabCommune[]>("communes.json")
    .filter(
      (commune) => commune.type === "commune-actuelle" && commune.departement === departementCode,
    )
    .map((commune) => {
      const centre = centres.get(commune.code);
      return {
        inseeCode: commune.code,
        name: commune.nom,
        postcodes: commune.codesPostaux ?? [],
        population: commune.population ?? null,
        ...(centre ? { centre } : {}),
      };
    });
  return {
    departement: { code: departement.code, name: departement.nom, chefLieu: departement.chefLieu },
    communes,
  };
}

/** Loads (or refreshes) the territory; idempotent, so every start may call it. */
export async function loadTerritory(db: Db, territory: TerritoryData): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("departement")
      .values({
        code: territory.departement.code,
        name: territory.departement.name,
        chef_lieu: territory.departement.chefLieu,
      })
      .onConflict((oc) =>
        oc.column("code").doUpdateSet({
          name: territory.departement.name,
          chef_lieu: territory.departement.chefLieu,
        }),
      )
      .execute();
    if (territory.communes.length === 0) return;
    await tx
      .insertInto("commune")
      .values(
        territory.communes.map((commune) => ({
          insee_code: commune.inseeCode,
          name: commune.name,
          departement_code: territory.departement.code,
          postcodes: commune.postcodes,
          population: commune.population,
          latitude: commune.centre?.latitude ?? null,
          longitude: commune.centre?.longitude ?? null,
        })),
      )
      .onConflict((oc) =>
        oc.column("insee_code").doUpdateSet({
          name: (eb) => eb.ref("excluded.name"),
          postcodes: (eb) => eb.ref("excluded.postcodes"),
          population: (eb) => eb.ref("excluded.population"),
          // A centre imported by an admin (relais import communes) wins over the shipped one.
          latitude: sql`coalesce(commune.latitude, excluded.latitude)`,
          longitude: sql`coalesce(commune.longitude, excluded.longitude)`,
        }),
      )
      .execute();
  });
}

export type Commune = {
  inseeCode: string;
  name: string;
  postcodes: string[];
  population: number | null;
  latitude: number | null;
  longitude: number | null;
};

export async function listCommunes(db: Db, departementCode: string): Promise<Commune[]> {
  const rows = await db
    .selectFrom("commune")
    .selectAll()
    .where("departement_code", "=", departementCode)
    .orderBy(sql`name COLLATE "und-x-icu"`)
    .execute();
  return rows.map(toCommune);
}

export async function findDepartement(db: Db, code: string) {
  return db.selectFrom("departement").selectAll().where("code", "=", code).executeTakeFirst();
}

export async function requireDepartement(db: Db, code: string) {
  const departement = await findDepartement(db, code);
  if (!departement) throw new NotFound(`Le département ${code} n'est pas chargé.`);
  return departement;
}

function toCommune(row: {
  insee_code: string;
  name: string;
  postcodes: string[];
  population: number | null;
  latitude: number | null;
  longitude: number | null;
}): Commune {
  return {
    inseeCode: row.insee_code,
    name: row.name,
    postcodes: row.postcodes,
    population: row.population,
    latitude: row.latitude,
    longitude: row.longitude,
  };
}

/** A commune of the département from its INSEE code, a postcode or its name (accents and case ignored). */
export async function findPlace(
  db: Db,
  departementCode: string,
  input: string,
): Promise<Commune | undefined> {
  const value = input.trim();
  if (!value) return undefined;
  const communes = await listCommunes(db, departementCode);
  const simple = (text: string) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  const wanted = simple(value);
  return (
    communes.find((commune) => commune.inseeCode === value) ??
    communes.find((commune) => commune.postcodes.includes(value)) ??
    communes.find((commune) => simple(commune.name) === wanted) ??
    communes.find((commune) => /^[a-z]/.test(wanted) && simple(commune.name).startsWith(wanted))
  );
}

export async function findCommune(db: Db, inseeCode: string): Promise<Commune | undefined> {
  const row = await db
    .selectFrom("commune")
    .selectAll()
    .where("insee_code", "=", inseeCode)
    .executeTakeFirst();
  return row ? toCommune(row) : undefined;
}

const shapesCache = new Map<string, CommuneShape[]>();

/**
 * Shapes for the map, computed once per département from the shipped centres:
 * Voronoi cells around each commune's centre (see voronoiShapes).
 */
export function communeShapes(departementCode: string): CommuneShape[] {
  let shapes = shapesCache.get(departementCode);
  if (!shapes) {
    shapes = voronoiShapes(
      [...readShippedCentres(departementCode)].map(([inseeCode, centre]) => ({
        inseeCode,
        ...centre,
      })),
    );
    shapesCache.set(departementCode, shapes);
  }
  return shapes;
}

export type CentreImport = { updated: number; unknown: string[]; invalid: string[] };

/**
 * Sets commune centres from the official open-data file of communes (CSV,
 * columns code_insee + latitude_centre/longitude_centre or latitude/longitude)
 * or from a GeoJSON of contours (centroids). Only communes already loaded change.
 */
export async function importCommuneCentres(db: Db, content: string): Promise<CentreImport> {
  const centres = content.trimStart().startsWith("{")
    ? shapesFromGeoJson(JSON.parse(content)).map((shape) => ({
        inseeCode: shape.inseeCode,
        ...shape.centre,
      }))
    : centresFromCsv(content);
  const invalid = centres
    .filter(
      (c) =>
        !(Math.abs(c.latitude) <= 90 && Math.abs(c.longitude) <= 180) ||
        Number.isNaN(c.latitude + c.longitude),
    )
    .map((c) => c.inseeCode);
  const valid = centres.filter((c) => !invalid.includes(c.inseeCode));
  const known = new Set(
    (await db.selectFrom("commune").select("insee_code").execute()).map((row) => row.insee_code),
  );
  const unknown = valid.filter((c) => !known.has(c.inseeCode)).map((c) => c.inseeCode);
  const updates = valid.filter((c) => known.has(c.inseeCode));
  await db.transaction().execute(async (tx) => {
    for (const centre of updates) {
      await tx
        .updateTable("commune")
        .set({ latitude: centre.latitude, longitude: centre.longitude })
        .where("insee_code", "=", centre.inseeCode)
        .execute();
    }
  });
  return { updated: updates.length, unknown, invalid };
}

function centresFromCsv(content: string) {
  const lines = content.split(/\r?\n/).filter((line) => line.trim() !== "");
  const delimiter = (lines[0] ?? "").includes(";") ? ";" : ",";
  const header = (lines[0] ?? "").split(delimiter).map((name) => name.trim().replace(/^"|"$/g, ""));
  const column = (...names: string[]) => header.findIndex((name) => names.includes(name));
  const code = column("code_insee", "code_commune_INSEE", "code");
  const lat = column("latitude_centre", "latitude", "lat");
  const lon = column("longitude_centre", "longitude", "lon");
  if (code < 0 || lat < 0 || lon < 0) {
    throw new Error(
      "Colonnes attendues : code_insee, latitude_centre (ou latitude), longitude_centre (ou longitude).",
    );
  }
  return lines.slice(1).map((line) => {
    const cells = line.split(delimiter).map((cell) => cell.trim().replace(/^"|"$/g, ""));
    return {
      inseeCode: cells[code] ?? "",
      latitude: Number((cells[lat] ?? "").replace(",", ".")),
      longitude: Number((cells[lon] ?? "").replace(",", ".")),
    };
  });
}
