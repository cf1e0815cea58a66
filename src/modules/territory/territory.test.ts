import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { listCommunes, loadTerritory, readTerritory, UnknownDepartementError } from "./service.ts";

describe("readTerritory", () => {
  it("reads the 36 communes of the Hauts-de-Seine from the official geographic code", () => {
    const territory = readTerritory("92");
    expect(territory.departement).toEqual({
      code: "92",
      name: "Hauts-de-Seine",
      chefLieu: "92050",
    });
    // COG 2025: the 92 has 36 communes; Nanterre is 92050, postcode 92000.
    expect(territory.communes).toHaveLength(36);
    expect(territory.communes.find((commune) => commune.inseeCode === "92050")).toMatchObject({
      name: "Nanterre",
      postcodes: ["92000"],
    });
  });

  it("stops with a clear message naming the variable for a département that does not exist", () => {
    expect(() => readTerritory("99")).toThrow(UnknownDepartementError);
    expect(() => readTerritory("99")).toThrow(
      /RELAIS_DEPARTEMENT : le département « 99 » n'existe pas/,
    );
  });

  it("reads other départements too, Corsica included", () => {
    expect(readTerritory("2A").departement.name).toBe("Corse-du-Sud");
    expect(readTerritory("59").communes.length).toBeGreaterThan(600);
  });
});

describe("loadTerritory", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("is idempotent and lists communes in French alphabetical order", async () => {
    await loadTerritory(database.db, readTerritory("92"));
    const communes = await listCommunes(database.db, "92");
    expect(communes).toHaveLength(36);
    const names = communes.map((commune) => commune.name);
    expect(names[0]).toBe("Antony");
    // "Éragny"-style accents sort with their letter: check the collation keeps "Issy" after "Gennevilliers".
    expect(names.indexOf("Issy-les-Moulineaux")).toBeGreaterThan(names.indexOf("Gennevilliers"));
  });
});
