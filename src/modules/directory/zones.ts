import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Db } from "../../db/database.ts";

/**
 * Intercommunalities (EPCI and EPT, by SIREN) and their communes, for the
 * eligibility zones of data·inclusion: a service eligible in « 200054781 »
 * (Métropole du Grand Paris) is found from each of its communes. The
 * département's membership ships in data/territory (sourced figures); an
 * admin imports another territory's with `relais import intercommunalites`.
 */

const DATA_DIR = join(import.meta.dirname, "../../../data/territory");

export const IntercommunalityFile = z.object({
  intercommunalites: z
    .array(
      z.object({
        siren: z.string().regex(/^\d{9}$/, "siren : 9 chiffres"),
        nom: z.string().min(1).max(200),
        communes: z
          .array(z.string().regex(/^\w{5}$/, "code INSEE sur 5 caractères"))
          .min(1)
          .max(2_000),
      }),
    )
    .min(1)
    .max(2_000),
});
export type IntercommunalityFile = z.infer<typeof IntercommunalityFile>;

const shipped = new Map<string, Map<string, string[]>>();

/** The shipped membership of a département: commune code → SIRENs. */
function shippedZones(departementCode: string): Map<string, string[]> {
  let zones = shipped.get(departementCode);
  if (!zones) {
    zones = new Map();
    const file = join(DATA_DIR, `intercommunalites-${departementCode}.json`);
    if (existsSync(file)) {
      const data = IntercommunalityFile.parse(JSON.parse(readFileSync(file, "utf8")));
      for (const group of data.intercommunalites)
        for (const commune of group.communes)
          zones.set(commune, [...(zones.get(commune) ?? []), group.siren]);
    }
    shipped.set(departementCode, zones);
  }
  return zones;
}

/** The SIRENs of the EPCI and EPT holding a commune: shipped ones and imported ones. */
export async function zonesOfCommune(
  db: Db,
  departementCode: string,
  communeCode: string,
): Promise<string[]> {
  const imported = await db
    .selectFrom("directory_zone_member")
    .select("zone_code")
    .where("commune_code", "=", communeCode)
    .execute();
  return [
    ...new Set([
      ...(shippedZones(departementCode).get(communeCode) ?? []),
      ...imported.map((row) => row.zone_code),
    ]),
  ].sort();
}

/** Imports a membership file (the shipped file's format); an intercommunality's list is replaced. */
export async function importIntercommunalities(
  db: Db,
  content: string,
): Promise<
  { ok: true; intercommunalities: number; members: number } | { ok: false; problems: string[] }
> {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, problems: ["Le fichier JSON est illisible."] };
  }
  // safeParse, not parseValue: a command-line import (no request) lists every problem of the file.
  const parsed = IntercommunalityFile.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${issue.path.map(String).join(".")} : ${issue.message}`,
      ),
    };
  const groups = parsed.data.intercommunalites;
  await db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom("directory_zone_member")
      .where(
        "zone_code",
        "in",
        groups.map((group) => group.siren),
      )
      .execute();
    await tx
      .insertInto("directory_zone_member")
      .values(
        groups.flatMap((group) =>
          [...new Set(group.communes)].map((commune) => ({
            zone_code: group.siren,
            zone_name: group.nom,
            commune_code: commune,
          })),
        ),
      )
      .execute();
  });
  return {
    ok: true,
    intercommunalities: groups.length,
    members: groups.reduce((sum, group) => sum + new Set(group.communes).size, 0),
  };
}
