import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { listCommunes } from "../territory/service.ts";
import { digestOf, goldenSearches } from "./search-golden-fixtures.ts";
import { configureSearchCache, seedSyntheticDirectory } from "./service.ts";

// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;
let communes: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  const rows = await listCommunes(database.db, "92");
  communes = rows.map((commune) => commune.name);
  // The bench's directory (bench/directory.ts, embedded size): deterministic,
  // dense enough for the rings and the count limit to matter.
  await seedSyntheticDirectory({ db: database.db, now: NOW }, 10_000, rows);
  configureSearchCache(database.db, 0);
}, 300_000);
afterAll(() => database.close());

/**
 * Recorded before search became a pipeline of steps (issue 13), with the
 * search written as one function: the answers must not change unless a
 * change means them to (then `npx vitest run -u` this file and read the diff).
 * The bench's needs in one commune out of three, and every variation (no
 * theme, open now, radius, pages, filters only, relaxed) in three places.
 */
describe("directory search on the bench's directory", () => {
  it("answers a fixed set of searches as recorded: ids in order, counts, rings, levels", async () => {
    const searches = goldenSearches(
      communes.filter((_, index) => index % 3 === 0),
      ["Nanterre", "Marnes-la-Coquette", "92110"],
    );
    const digests: Record<string, unknown> = {};
    for (const search of searches) digests[search.name] = await digestOf(database.db, search, NOW);
    expect(Object.keys(digests).length).toBe(searches.length);
    // One line a search: a change shows as the lines of the searches it changed.
    const lines = Object.entries(digests).map((entry) => JSON.stringify(entry));
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot("__snapshots__/search-golden.txt");
  }, 600_000);
});
