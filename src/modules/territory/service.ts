import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { NotFound } from "../../platform/errors.ts";

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
  communes: { inseeCode: string; name: string; postcodes: string[]; population: number | null }[];
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
  const communes = readEtalab<EtalabCommune[]>("communes.json")
    .filter(
      (commune) => commune.type === "commune-actuelle" && commune.departement === departementCode,
    )
    .map((commune) => ({
      inseeCode: commune.code,
      name: commune.nom,
      postcodes: commune.codesPostaux ?? [],
      population: commune.population ?? null,
    }));
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
        })),
      )
      .onConflict((oc) =>
        oc.column("insee_code").doUpdateSet({
          name: (eb) => eb.ref("excluded.name"),
          postcodes: (eb) => eb.ref("excluded.postcodes"),
          population: (eb) => eb.ref("excluded.population"),
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
