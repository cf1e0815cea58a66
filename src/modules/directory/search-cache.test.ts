import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../db/database.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { saveRecords } from "./directory-store.ts";
import { cachedSearch, SharedRead } from "./search-cache.ts";
import {
  configureSearchCache,
  type DirectorySearchInput,
  searchCacheStats,
  searchDirectory,
} from "./service.ts";
import { makeService, makeStructure } from "./test-fixtures.ts";

// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
const FOOD = { text: "colis alimentaire", place: "Nanterre" };

let database: TestDatabase;
let db: Db;

async function generation(): Promise<number> {
  const result = await sql<{ value: string }>`
    SELECT value::text AS value FROM directory_generation`.execute(db);
  return Number(result.rows[0]?.value);
}

async function names(input: DirectorySearchInput = FOOD, now = NOW): Promise<string[]> {
  const result = await searchDirectory({ db: db, now: now }, "92", input);
  return result.hits.map((hit) => hit.nom);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.transaction().execute((tx) =>
    saveRecords(
      tx,
      {
        structures: [makeStructure({ id: "asso", nom: "Association La Soupe" })],
        services: [
          makeService({
            structure_id: "asso",
            id: "colis",
            nom: "Distribution de colis alimentaires",
            thematiques: ["equipement-et-alimentation--alimentation"],
            // Open on Monday morning until noon.
            horaires_accueil: "Mo 09:00-12:00",
          }),
        ],
      },
      { now: NOW },
    ),
  );
});
afterAll(() => database.close());

describe("the directory generation (migration 0102)", () => {
  it("changes once per committed transaction that writes services, structures or communes", async () => {
    const before = await generation();
    await db.transaction().execute(async (tx) => {
      await sql`UPDATE directory_service SET nom = nom`.execute(tx);
      await sql`UPDATE directory_structure SET nom = nom`.execute(tx);
      await sql`UPDATE commune SET name = name WHERE insee_code = '92050'`.execute(tx);
    });
    expect(await generation()).toBe(before + 1);
    await sql`UPDATE directory_service SET nom = nom`.execute(db);
    expect(await generation()).toBe(before + 2);
  });

  it("does not change when the transaction rolls back", async () => {
    const before = await generation();
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`UPDATE directory_service SET nom = 'Annulé'`.execute(tx);
        throw new Error("annulation");
      }),
    ).rejects.toThrow("annulation");
    expect(await generation()).toBe(before);
  });
});

describe("a shared read of the generation", () => {
  it("serves fifty callers at once with two reads, each seeing what was written before it arrived", async () => {
    let stored = 1;
    const reads: ((value: number) => void)[] = [];
    const shared = new SharedRead(
      () =>
        new Promise<number>((resolve) => {
          const seen = stored;
          reads.push(() => resolve(seen));
        }),
    );
    const first = shared.get();
    // Written after the first read left: whoever arrives now must see it.
    stored = 2;
    const later = Array.from({ length: 49 }, () => shared.get());
    expect(reads).toHaveLength(1);
    reads[0]?.(0);
    expect(await first).toBe(1);
    await vi.waitFor(() => expect(reads).toHaveLength(2));
    reads[1]?.(0);
    expect(new Set(await Promise.all(later))).toEqual(new Set([2]));
    expect(reads).toHaveLength(2);
  });

  it("passes a failed read on to its callers, and reads again for the next one", async () => {
    let fail = true;
    const shared = new SharedRead(async () => {
      if (fail) throw new Error("base indisponible");
      return "7";
    });
    await expect(shared.get()).rejects.toThrow("base indisponible");
    fail = false;
    expect(await shared.get()).toBe("7");
  });
});

describe("the search cache", () => {
  it("answers the same search in the same minute from memory", async () => {
    const first = await names();
    const { hits, misses } = searchCacheStats(db);
    expect(await names()).toEqual(first);
    expect(searchCacheStats(db)).toMatchObject({ hits: hits + 1, misses });
    expect(first).toEqual(["Distribution de colis alimentaires"]);
  });

  it("computes a search once when the same one arrives while it is being computed", async () => {
    const before = searchCacheStats(db);
    let finish: (value: string[]) => void = () => {};
    let started = false;
    const first = cachedSearch(db, ["en cours"], () => {
      started = true;
      return new Promise<string[]>((resolve) => {
        finish = resolve;
      });
    });
    await vi.waitFor(() => expect(started).toBe(true));
    let computedAgain = false;
    const second = cachedSearch(db, ["en cours"], async () => {
      computedAgain = true;
      return ["calculé deux fois"];
    });
    // The second request reads the generation, then finds the first in flight.
    await vi.waitFor(() => expect(searchCacheStats(db).joined).toBe(before.joined + 1));
    finish(["calculé une fois"]);
    expect(await first).toEqual(["calculé une fois"]);
    expect(await second).toEqual(["calculé une fois"]);
    expect(computedAgain).toBe(false);
    expect(searchCacheStats(db).misses - before.misses).toBe(1);
  });

  it("keeps a search from one minute to the next, with each service's status at the new time", async () => {
    const before = await searchDirectory({ db: db, now: NOW }, "92", FOOD);
    expect(before.hits[0]?.status.kind).toBe("open");
    const { misses } = searchCacheStats(db);
    // 12:00 in Paris: closed since noon, open again next Monday at 9:00.
    const noon = new Date("2026-11-16T11:00:00Z");
    const after = await searchDirectory({ db: db, now: noon }, "92", FOOD);
    expect(searchCacheStats(db).misses).toBe(misses);
    expect(after.hits[0]?.status).toEqual({
      kind: "closed",
      opensAt: new Date("2026-11-23T08:00:00Z"),
    });
    // The entry handed out before is left as it was.
    expect(before.hits[0]?.status.kind).toBe("open");
    expect((await searchDirectory({ db: db, now: NOW }, "92", FOOD)).hits[0]?.status.kind).toBe(
      "open",
    );
  });

  it("computes an « open now » search again in the next minute, where the open services may differ", async () => {
    const openNow = { ...FOOD, openNow: true };
    expect(await names(openNow)).toEqual(["Distribution de colis alimentaires"]);
    const { misses } = searchCacheStats(db);
    expect(await names(openNow)).toEqual(["Distribution de colis alimentaires"]);
    expect(searchCacheStats(db).misses).toBe(misses);
    expect(await names(openNow, new Date("2026-11-16T11:00:00Z"))).toEqual([]);
    expect(searchCacheStats(db).misses).toBe(misses + 1);
  });

  it("sees a write made by any statement at once, with no call to invalidate", async () => {
    expect(await names()).toEqual(["Distribution de colis alimentaires"]);
    await sql`UPDATE directory_service SET nom = 'Colis alimentaires du mardi' WHERE source_id = 'colis'`.execute(
      db,
    );
    expect(await names()).toEqual(["Colis alimentaires du mardi"]);
  });

  it("keeps nothing from inside a transaction, which may see its own uncommitted writes", async () => {
    const before = await names();
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`UPDATE directory_service SET nom = 'Jamais enregistré'`.execute(tx);
        const inside = await searchDirectory({ db: tx, now: NOW }, "92", FOOD);
        expect(inside.hits.map((hit) => hit.nom)).toEqual(["Jamais enregistré"]);
        throw new Error("annulation");
      }),
    ).rejects.toThrow("annulation");
    expect(await names()).toEqual(before);
  });

  it("keeps no search from a person's own position, which nobody else asks", async () => {
    const before = searchCacheStats(db);
    const near = { text: "colis", position: { latitude: 48.892, longitude: 2.2067 } };
    const found = await names(near);
    expect(found).toHaveLength(1);
    expect(await names(near)).toEqual(found);
    expect(searchCacheStats(db)).toEqual(before);
  });

  it("never keeps an error: a bad place fails every time", async () => {
    const bad = { text: "colis", place: "Lyon" };
    await expect(searchDirectory({ db: db, now: NOW }, "92", bad)).rejects.toThrow(/Lyon/);
    await expect(searchDirectory({ db: db, now: NOW }, "92", bad)).rejects.toThrow(/Lyon/);
  });

  it("drops the least recently used search beyond its capacity, and can be turned off", async () => {
    configureSearchCache(db, 2);
    try {
      await names({ text: "colis", place: "Nanterre" });
      await names({ text: "colis", place: "Colombes" });
      await names({ text: "colis", place: "Nanterre" });
      await names({ text: "colis", place: "Antony" });
      expect(searchCacheStats(db).entries).toBe(2);
      // Nanterre was used more recently than Colombes: still there.
      const { hits } = searchCacheStats(db);
      await names({ text: "colis", place: "Nanterre" });
      expect(searchCacheStats(db).hits).toBe(hits + 1);
      await names({ text: "colis", place: "Colombes" });
      expect(searchCacheStats(db).hits).toBe(hits + 1);

      configureSearchCache(db, 0);
      const off = searchCacheStats(db);
      await names();
      await names();
      expect(searchCacheStats(db)).toMatchObject({ hits: off.hits, entries: 0 });
    } finally {
      configureSearchCache(db, 1000);
    }
  });
});
