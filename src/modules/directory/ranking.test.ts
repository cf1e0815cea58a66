import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { searchDirectory } from "./service.ts";

// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, "92", NOW);
});
afterAll(() => database.close());

const search = (text: string, place: string, openNow = false) =>
  searchDirectory({ db: database.db, now: NOW }, "92", { text, place, pageSize: 20, openNow });

describe("the ranking the results page promises", () => {
  it.each([
    ["aide alimentaire", "Nanterre"],
    ["colis", "Colombes"],
    ["hébergement", "Nanterre"],
    ["avocat", "Boulogne-Billancourt"],
    ["domiciliation", "Antony"],
  ])("« %s » near %s: best match first, then the nearest", async (text, place) => {
    const result = await search(text, place);
    expect(result.hits.length).toBeGreaterThan(1);
    for (const [index, hit] of result.hits.entries()) {
      const next = result.hits[index + 1];
      if (!next) break;
      expect(hit.matchLevel).toBeGreaterThanOrEqual(next.matchLevel);
      if (hit.matchLevel === next.matchLevel && next.distanceKm !== null)
        expect(hit.distanceKm ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(next.distanceKm);
    }
  });

  it("puts the food banks near Nanterre first, nearest first, then the CCAS of Nanterre before farther CCAS", async () => {
    const result = await search("aide alimentaire", "Nanterre");
    const names = result.hits.map((hit) => `${hit.nom} / ${hit.structureNom}`);
    expect(names[0]).toBe("Aide alimentaire / Secours catholique — Nanterre");
    expect(result.hits[0]?.matchLevel).toBe(result.bestLevel);
    const firstCcas = names.findIndex((name) => name.includes("CCAS"));
    expect(names[firstCcas]).toContain("CCAS de Nanterre");
    // Every place whose trade is food comes before the CCAS, which also helps.
    expect(
      result.hits.slice(0, firstCcas).every((hit) => hit.matchLevel === result.bestLevel),
    ).toBe(true);
    expect(result.hits[firstCcas]?.matchLevel).toBeLessThan(result.bestLevel);
  });

  it("keeps the service named for the need first: « domiciliation » near Nanterre", async () => {
    const result = await search("domiciliation", "Nanterre");
    expect(result.hits[0]?.nom).toBe("Domiciliation administrative");
    expect(result.hits[0]?.structureNom).toBe("CCAS de Nanterre");
  });

  it("says the first is the nearest open one when asked for what is open now", async () => {
    const result = await search("aide alimentaire", "Nanterre", true);
    const open = result.hits.filter((hit) => hit.status.kind === "open");
    expect(open.length).toBe(result.hits.length);
    const best = result.hits.filter((hit) => hit.matchLevel === result.hits[0]?.matchLevel);
    expect(best.map((hit) => hit.distanceKm)).toEqual(
      [...best.map((hit) => hit.distanceKm)].sort((a, b) => (a ?? 99) - (b ?? 99)),
    );
  });
});
