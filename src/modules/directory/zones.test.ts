import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { saveRecords } from "./directory-store.ts";
import { searchDirectory } from "./service.ts";
import { makeService, makeStructure } from "./test-fixtures.ts";
import { importIntercommunalities, zonesOfCommune } from "./zones.ts";

const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;

/** A service without a place, eligible in `zones`. */
const remote = (id: string, zones: string[]) =>
  makeService({
    structure_id: "national",
    id,
    nom: `Service à distance ${id}`,
    code_insee: null,
    commune: null,
    code_postal: null,
    latitude: null,
    longitude: null,
    modes_accueil: ["a-distance"],
    zone_eligibilite: zones,
  });

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.transaction().execute((tx) =>
    saveRecords(
      tx,
      {
        structures: [makeStructure({ id: "national", nom: "Plateforme nationale" })],
        services: [
          remote("metropole", ["200054781"]),
          remote("pold", ["200057982"]),
          remote("gpso", ["200057974"]),
          remote("pays", ["99100"]),
          remote("france", ["france"]),
          remote("departement", ["92"]),
          remote("ailleurs", ["75056", "93"]),
          remote("importe", ["200000001"]),
        ],
      },
      { now: NOW },
    ),
  );
});
afterAll(() => database.close());

const found = async (place: string) =>
  (await searchDirectory({ db: database.db, now: NOW }, "92", { place, pageSize: 50 })).hits
    .map((hit) => hit.sourceId)
    .sort();

describe("eligibility zones", () => {
  it("the shipped membership: Nanterre is in the Métropole du Grand Paris and in Paris Ouest La Défense", async () => {
    expect(await zonesOfCommune(database.db, "92", "92050")).toEqual(["200054781", "200057982"]);
    expect(await zonesOfCommune(database.db, "92", "92012")).toEqual(["200054781", "200057974"]);
  });

  it("a search from a commune finds services eligible in its EPCI, its EPT, its département and the country code", async () => {
    expect(await found("Nanterre")).toEqual(
      ["departement", "france", "metropole", "pays", "pold"].sort(),
    );
    expect(await found("Boulogne-Billancourt")).toEqual(
      ["departement", "france", "gpso", "metropole", "pays"].sort(),
    );
  });

  it("another territory's membership is imported, and search reads it", async () => {
    const result = await importIntercommunalities(
      database.db,
      JSON.stringify({
        intercommunalites: [
          { siren: "200000001", nom: "Intercommunalité d'essai", communes: ["92050"] },
        ],
      }),
    );
    expect(result).toEqual({ ok: true, intercommunalities: 1, members: 1 });
    expect(await found("Nanterre")).toContain("importe");
    expect(await found("Boulogne-Billancourt")).not.toContain("importe");
    const refused = await importIntercommunalities(
      database.db,
      JSON.stringify({ intercommunalites: [{ siren: "12", nom: "x", communes: [] }] }),
    );
    expect(refused.ok).toBe(false);
  });
});
