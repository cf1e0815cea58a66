import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { saveRecords } from "./directory-store.ts";
import type { ServiceRecord } from "./record-schema.ts";
import {
  bestInRing,
  byCheapScore,
  candidatesNear,
  candidatesOpenAt,
  matchesWithin,
} from "./search-candidates.ts";
import type { SearchFilters } from "./search-hits.ts";
import { planSearch } from "./search-plan.ts";
import { parseQuery } from "./search-query.ts";
import { rankPage } from "./search-rank.ts";
import { makeService, makeStructure } from "./test-fixtures.ts";
import { THESAURUS } from "./thesaurus.ts";

// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
const NANTERRE = { latitude: 48.8924, longitude: 2.2071 };
/** About 111 m of latitude. */
const STEP = 0.001;

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const services: ServiceRecord[] = [
    // 25 food services within 300 m, open in the morning: enough for the 1 km ring.
    ...Array.from({ length: 25 }, (_, index) =>
      makeService({
        id: `colis-${index}`,
        nom: `Colis alimentaire ${String(index).padStart(2, "0")}`,
        thematiques: ["equipement-et-alimentation--alimentation"],
        latitude: NANTERRE.latitude + (index % 5) * 0.0005,
        longitude: NANTERRE.longitude + Math.floor(index / 5) * 0.0005,
        horaires_accueil: index < 3 ? "Mo-Fr 09:00-12:00" : "Sa 14:00-16:00",
      }),
    ),
    // Nanterre's, 4 km away; another commune's, 4 km away.
    makeService({
      id: "far-nanterre",
      nom: "Colis alimentaire loin",
      thematiques: ["equipement-et-alimentation--alimentation"],
      latitude: NANTERRE.latitude + 36 * STEP,
    }),
    makeService({
      id: "far-other",
      nom: "Colis alimentaire ailleurs",
      thematiques: ["equipement-et-alimentation--alimentation"],
      code_insee: "92063",
      latitude: NANTERRE.latitude - 36 * STEP,
    }),
    // Remote services: one for the département, one for another.
    makeService({
      id: "remote-92",
      nom: "Colis alimentaire livré",
      thematiques: ["equipement-et-alimentation--alimentation"],
      latitude: null,
      longitude: null,
      code_insee: null,
      commune: null,
      code_postal: null,
      modes_accueil: ["a-distance"],
      zone_eligibilite: ["92"],
    }),
    makeService({
      id: "remote-75",
      nom: "Colis alimentaire livré à Paris",
      thematiques: ["equipement-et-alimentation--alimentation"],
      latitude: null,
      longitude: null,
      code_insee: null,
      commune: null,
      code_postal: null,
      modes_accueil: ["a-distance"],
      zone_eligibilite: ["75"],
    }),
    // Matches by its theme only, nearer than all.
    makeService({
      id: "epicerie",
      nom: "Épicerie",
      description: "Des produits à petit prix.",
      thematiques: ["equipement-et-alimentation--alimentation"],
      ...NANTERRE,
    }),
  ];
  await database.db
    .transaction()
    .execute((tx) => saveRecords(tx, { structures: [makeStructure()], services }, { now: NOW }));
}, 120_000);
afterAll(() => database.close());

function planOf(filters: SearchFilters, useSearchKeys = true) {
  return planSearch({
    filters,
    query: parseQuery(filters.text ?? "", THESAURUS),
    join: "&",
    useSearchKeys,
  });
}

const AT_NANTERRE = { origin: NANTERRE, communeCode: "92050", departementCode: "92" };

const sourceIds = async (db: TestDatabase["db"], ids: string[]) =>
  (
    await db.selectFrom("directory_service").select("source_id").where("id", "in", ids).execute()
  ).map((row) => row.source_id);

/** The services the exact filter keeps; the same with the search keys or without. */
async function matchedIds(filters: SearchFilters, within: number, keepCommune: boolean) {
  const [withKeys, plain] = await Promise.all(
    [true, false].map(async (useSearchKeys) => {
      const plan = planOf(filters, useSearchKeys);
      const rows = await matchesWithin(database.db, plan, within, keepCommune).matches.execute();
      return (
        await sourceIds(
          database.db,
          rows.map((row) => row.id),
        )
      ).sort();
    }),
  );
  expect(withKeys).toEqual(plain);
  return withKeys ?? [];
}

describe("the exact filter (matchesWithin)", () => {
  it("keeps the commune's services beyond the radius, and remote services whose zone covers the place", async () => {
    const ids = await matchedIds({ text: "colis", ...AT_NANTERRE, radiusKm: 2 }, 2, true);
    expect(ids).toContain("far-nanterre");
    expect(ids).toContain("remote-92");
    expect(ids).not.toContain("far-other");
    expect(ids).not.toContain("remote-75");
  });

  it("leaves out the commune's services beyond a ring", async () => {
    const ids = await matchedIds({ text: "colis", ...AT_NANTERRE }, 1, false);
    expect(ids).not.toContain("far-nanterre");
    expect(ids).toContain("colis-24");
  });
});

describe("the candidates", () => {
  it("come from the 1 km ring when its best are better than anything outside it", async () => {
    const plan = planOf({ text: "colis", ...AT_NANTERRE });
    const ring = await bestInRing(database.db, plan);
    expect(ring?.ringKm).toBe(1);
    expect(ring?.ids).toHaveLength(20);
    const near = await candidatesNear(
      database.db,
      plan,
      matchesWithin(database.db, plan, plan.radiusKm, true),
    );
    expect(near.ringKm).toBe(1);
    // Counted in the whole radius (5 km): 25 near, the two 4 km away, the
    // remote one for the département, the épicerie.
    expect(near.total).toBe(29);
  });

  it("come from the whole radius when a ring cannot hold enough", async () => {
    const plan = planOf({ text: "colis", ...AT_NANTERRE, pageSize: 50 });
    expect(await bestInRing(database.db, plan)).toBeUndefined();
    const near = await candidatesNear(
      database.db,
      plan,
      matchesWithin(database.db, plan, plan.radiusKm, true),
    );
    expect(near.ringKm).toBeUndefined();
    expect(near.total).toBeUndefined();
  });

  it("open now: only those open, counted", async () => {
    const plan = planOf({ text: "colis", ...AT_NANTERRE, openNow: true });
    const inRadius = matchesWithin(database.db, plan, plan.radiusKm, true).matches;
    const open = await candidatesOpenAt(database.db, plan, inRadius, NOW);
    expect(open?.total).toBe(3);
    // Saturday night: none is open.
    const closed = await candidatesOpenAt(
      database.db,
      plan,
      inRadius,
      new Date("2026-11-21T22:00:00Z"),
    );
    expect(closed).toBeUndefined();
  });

  it("are ordered by level, then nearness, then name", async () => {
    const plan = planOf({ text: "colis alimentaire", ...AT_NANTERRE });
    const rows = await byCheapScore(
      database.db,
      matchesWithin(database.db, plan, plan.radiusKm, true).matches,
    ).execute();
    const scores = rows.map((row) => Number(row.cheap_score));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The épicerie matches by its theme only: last of those near, despite being nearest.
    const [epicerie] = await sourceIds(database.db, [rows.at(-1)?.id ?? ""]);
    expect(["epicerie", "remote-92", "far-nanterre"]).toContain(epicerie);
    expect(Number(rows.at(-1)?.total)).toBe(rows.length);
  });
});

describe("the ranked page", () => {
  it("puts the best level first, then the nearest, and cuts the page", async () => {
    const plan = planOf({ text: "colis", ...AT_NANTERRE, page: 2, pageSize: 5 });
    const inRadius = matchesWithin(database.db, plan, plan.radiusKm, true);
    const candidates = { rows: byCheapScore(database.db, inRadius.matches).limit(100) };
    const all = await rankPage(database.db, { ...plan, page: 1, pageSize: 100 }, candidates);
    const page = await rankPage(database.db, plan, candidates);
    expect(page.map((row) => row.id)).toEqual(all.slice(5, 10).map((row) => row.id));
    const levels = all.map((row) => Number(row.match_level));
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    const sameLevel = all.filter((row) => Number(row.match_level) === levels[0]);
    const distances = sameLevel.map((row) => row.distance_km ?? 50);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });
});
