import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { listCommunes } from "../territory/service.ts";
import { saveRecords } from "./directory-store.ts";
import type { ServiceRecord } from "./record-schema.ts";
import { COUNT_LIMIT, type SearchFilters, searchServices } from "./search.ts";
import { cellKey, placeKeys, searchKeys } from "./search-keys.ts";
import { seedSyntheticDirectory } from "./synthetic-directory.ts";
import { makeService, makeStructure } from "./test-fixtures.ts";

// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
const NANTERRE = { latitude: 48.8924, longitude: 2.2071 };
const ANTONY = { latitude: 48.7536, longitude: 2.2975 };

/** A point `km` from `from` on `bearing` degrees (spherical, as the haversine). */
function pointAt(from: { latitude: number; longitude: number }, km: number, bearing: number) {
  const rad = Math.PI / 180;
  const d = km / 6371;
  const lat1 = from.latitude * rad;
  const lon1 = from.longitude * rad;
  const b = bearing * rad;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 =
    lon1 +
    Math.atan2(
      Math.sin(b) * Math.sin(d) * Math.cos(lat1),
      Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
    );
  return { latitude: lat2 / rad, longitude: lon2 / rad };
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const communes = await listCommunes(database.db, "92");
  await seedSyntheticDirectory({ db: database.db, now: NOW }, 3_000, communes);
  // Edge cases: services on rings just inside and outside 1, 3 and 5 km of
  // Nanterre, remote services by eligibility zone, a service without position.
  const services: ServiceRecord[] = [];
  let n = 0;
  for (const radius of [1, 3, 5]) {
    for (const offset of [-0.002, -0.0001, 0, 0.0001, 0.002]) {
      // Due north, east, south, west (where the bounding box is tightest),
      // then a ring turned a little for each radius.
      const bearings = [0, 90, 180, 270];
      for (let bearing = radius * 7; bearing < 360; bearing += 20) bearings.push(bearing);
      for (const bearing of bearings) {
        const point = pointAt(NANTERRE, radius + offset, bearing);
        services.push(
          makeService({
            id: `ring-${n++}`,
            nom: `Anneau colis alimentaire ${n}`,
            thematiques: [
              n % 2 ? "equipement-et-alimentation--alimentation" : "sante--acces-aux-soins",
            ],
            code_insee: n % 3 ? "92050" : "92063",
            ...point,
          }),
        );
      }
    }
  }
  for (const zone of [["92"], ["france"], ["92050"], ["92002"], ["75"]]) {
    services.push(
      makeService({
        id: `distance-${zone[0]}`,
        nom: `Écoute à distance colis ${zone[0]}`,
        thematiques: ["equipement-et-alimentation--alimentation"],
        modes_accueil: ["a-distance"],
        zone_eligibilite: zone,
        latitude: null,
        longitude: null,
        code_insee: null,
        code_postal: null,
        commune: null,
      }),
    );
  }
  // A dense quarter: 520 food services within 500 m of Nanterre's centre, so
  // that the 1 km ring holds the best candidates and more than COUNT_LIMIT
  // services match.
  for (let index = 0; index < 520; index++) {
    services.push(
      makeService({
        id: `quartier-${index}`,
        nom: `Colis alimentaire du quartier ${index}`,
        thematiques: ["equipement-et-alimentation--alimentation"],
        code_insee: "92050",
        ...pointAt(NANTERRE, (index % 50) / 100, (index * 37) % 360),
      }),
    );
  }
  services.push(
    makeService({
      id: "sans-position",
      nom: "Colis alimentaire sans position",
      thematiques: ["equipement-et-alimentation--alimentation"],
      latitude: null,
      longitude: null,
    }),
  );
  await database.db
    .transaction()
    .execute((tx) => saveRecords(tx, { structures: [makeStructure()], services }, { now: NOW }));
});

afterAll(async () => {
  await database?.close();
});

const QUERIES: { label: string; filters: SearchFilters; usesKeys: boolean }[] = [
  {
    label: "text, commune and theme category",
    filters: {
      text: "colis alimentaire",
      theme: "equipement-et-alimentation",
      origin: NANTERRE,
      communeCode: "92050",
      departementCode: "92",
    },
    usesKeys: true,
  },
  {
    label: "unknown word, commune, full thematique, page 2",
    filters: {
      text: "anneau",
      theme: "sante--acces-aux-soins",
      origin: NANTERRE,
      communeCode: "92050",
      departementCode: "92",
      page: 2,
      pageSize: 10,
    },
    usesKeys: true,
  },
  {
    label: "position, 1 km, no text",
    filters: { origin: NANTERRE, radiusKm: 1, departementCode: "92", pageSize: 100 },
    usesKeys: true,
  },
  {
    label: "position, 3 km, theme",
    filters: { origin: NANTERRE, radiusKm: 3, theme: "sante", pageSize: 100 },
    usesKeys: true,
  },
  {
    label: "position, 4 km, full thematique (its category's other themes left out)",
    filters: { origin: NANTERRE, radiusKm: 4, theme: "sante--acces-aux-soins", pageSize: 100 },
    usesKeys: true,
  },
  {
    label: "commune Antony, 5 km, text, open now",
    filters: {
      text: "aide emploi",
      origin: ANTONY,
      communeCode: "92002",
      departementCode: "92",
      openNow: true,
      pageSize: 50,
    },
    usesKeys: true,
  },
  {
    label: "relaxed query (no row has every word)",
    filters: {
      text: "vestiaire zzzyx",
      origin: NANTERRE,
      communeCode: "92050",
      departementCode: "92",
      theme: "equipement-et-alimentation",
    },
    usesKeys: true,
  },
  {
    label: "position, 10 km, filters",
    filters: { origin: ANTONY, radiusKm: 10, modesAccueil: ["en-presentiel"], pageSize: 100 },
    usesKeys: true,
  },
  {
    label: "50 km: too many cells, plain path",
    filters: { text: "santé", origin: NANTERRE, radiusKm: 50, departementCode: "92" },
    usesKeys: false,
  },
];

describe("search keys (migration 0101)", () => {
  it("are what directory_search_keys() writes, cell by cell", async () => {
    const rows = await database.db
      .selectFrom("directory_service")
      .select(["latitude", "longitude", "code_insee", "thematiques", "search_keys"])
      .where("latitude", "is not", null)
      .limit(500)
      .execute();
    expect(rows.length).toBe(500);
    for (const row of rows) {
      const cell = cellKey(row.latitude as number, row.longitude as number);
      expect(row.search_keys).toContain(cell);
      expect(row.search_keys).toContain(`c:${row.code_insee}`);
      for (const thematique of row.thematiques ?? []) {
        expect(row.search_keys).toContain(`${cell}:t:${thematique.split("--")[0]}`);
      }
    }
    const remote = await sql<{ keys: string[] }>`
      SELECT directory_search_keys(NULL, NULL, NULL, ARRAY['sante--acces-aux-soins'], ARRAY['92', 'france']) AS keys
    `.execute(database.db);
    expect(remote.rows[0]?.keys).toEqual(["z:92", "z:92:t:sante", "z:france", "z:france:t:sante"]);
  });

  it("are recomputed when a service moves", async () => {
    const moved = { ...pointAt(ANTONY, 0.3, 45) };
    await database.db
      .transaction()
      .execute((tx) =>
        saveRecords(
          tx,
          { structures: [makeStructure()], services: [makeService({ id: "ring-0", ...moved })] },
          { now: NOW },
        ),
      );
    const row = await database.db
      .selectFrom("directory_service")
      .select("search_keys")
      .where("source_id", "=", "ring-0")
      .executeTakeFirstOrThrow();
    expect(row.search_keys).toContain(cellKey(moved.latitude, moved.longitude));
  });

  it("narrow to the theme's category", () => {
    expect(searchKeys(["c:92050"], "sante--acces-aux-soins")).toEqual(["c:92050:t:sante"]);
    expect(searchKeys(["c:92050"], "sante")).toEqual(["c:92050:t:sante"]);
    expect(searchKeys(["c:92050"], undefined)).toEqual(["c:92050"]);
  });

  it.each(QUERIES)("give the plain path's results: $label", async ({ filters, usesKeys }) => {
    const origin = filters.origin ?? NANTERRE;
    expect(placeKeys(origin, filters.radiusKm ?? 5, filters.communeCode, []) !== undefined).toBe(
      usesKeys,
    );
    const withKeys = await searchServices(database.db, filters, NOW);
    const plain = await searchServices(database.db, filters, NOW, { useSearchKeys: false });
    expect(plain.total).toBeGreaterThan(0);
    expect(withKeys.total).toBe(plain.total);
    expect(withKeys.relaxed).toBe(plain.relaxed);
    expect(withKeys.totalIsLowerBound).toBe(plain.totalIsLowerBound);
    expect(withKeys.hits.map((hit) => [hit.id, hit.distanceKm])).toEqual(
      plain.hits.map((hit) => [hit.id, hit.distanceKm]),
    );
  });

  it("take the best candidates from the 1 km ring when it holds them, and count up to COUNT_LIMIT", async () => {
    const filters = QUERIES[0]?.filters ?? {};
    const withKeys = await searchServices(database.db, filters, NOW);
    const plain = await searchServices(database.db, filters, NOW, { useSearchKeys: false });
    expect(withKeys.ringKm).toBe(1);
    expect(plain.ringKm).toBeUndefined();
    // More than 520 services of the quarter match: the count stops at the limit.
    expect(withKeys.total).toBe(COUNT_LIMIT);
    expect(withKeys.totalIsLowerBound).toBe(true);
    expect(withKeys.hits.map((hit) => hit.id)).toEqual(plain.hits.map((hit) => hit.id));
    // Page 3 still agrees: the ring is asked for as many candidates as the page needs.
    const page3 = { ...filters, page: 3, pageSize: 20 };
    expect((await searchServices(database.db, page3, NOW)).hits.map((hit) => hit.id)).toEqual(
      (await searchServices(database.db, page3, NOW, { useSearchKeys: false })).hits.map(
        (hit) => hit.id,
      ),
    );
  });

  it("fall back to the whole radius when the ring's last candidate could be beaten from outside it", async () => {
    // Antony has no dense quarter: the 1 and 2.5 km rings hold too few food services.
    const filters: SearchFilters = {
      text: "colis alimentaire",
      theme: "equipement-et-alimentation",
      origin: ANTONY,
      communeCode: "92002",
      departementCode: "92",
    };
    const withKeys = await searchServices(database.db, filters, NOW);
    const plain = await searchServices(database.db, filters, NOW, { useSearchKeys: false });
    expect(withKeys.ringKm).toBeUndefined();
    expect(withKeys.total).toBe(plain.total);
    expect(withKeys.totalIsLowerBound).toBe(false);
    expect(withKeys.hits.map((hit) => hit.id)).toEqual(plain.hits.map((hit) => hit.id));
  });
});
