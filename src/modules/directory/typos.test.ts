import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { editDistance, parseQuery } from "./search-query.ts";
import { searchDirectory } from "./service.ts";
import { THESAURUS } from "./thesaurus.ts";

// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, "92", NOW);
});
afterAll(() => database.close());

const namesNearNanterre = async (text: string) =>
  (
    await searchDirectory(database.db, "92", { text, place: "Nanterre", pageSize: 50 }, NOW)
  ).hits.map((hit) => hit.id);

describe("typos residents make", () => {
  it("counts a transposition as one slip", () => {
    expect(editDistance("avocta", "avocat")).toBe(1);
    expect(editDistance("epicrie", "epicerie")).toBe(1);
    expect(editDistance("aliemntaire", "alimentaire")).toBe(1);
  });

  it.each([
    ["aliemntaire", "alimentaire"],
    ["epicrie", "épicerie"],
    ["avocta", "avocat"],
  ])("« %s » finds what « %s » finds near Nanterre", async (typo, word) => {
    const expected = await namesNearNanterre(word);
    expect(expected.length).toBeGreaterThan(0);
    expect(await namesNearNanterre(typo)).toEqual(expect.arrayContaining(expected));
  });

  it("leaves a real word alone when the index holds it", () => {
    const query = parseQuery("foyer", THESAURUS, new Set(["foyer"]));
    expect(query.groups[0]?.alternatives).toEqual([["foyer"]]);
  });
});
