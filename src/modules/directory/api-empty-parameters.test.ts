import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobContext } from "../../platform/http/context.ts";
import { parisDate } from "../../platform/time/paris.ts";
import { createTestApp } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { importDirectory } from "./import-export.ts";
import { generateDataInclusionFile } from "./interop-fixtures.ts";

// An empty query parameter means "not given": `?lat=&lon=` once searched
// around latitude 0, longitude 0 (an empty string coerced to 0) and found
// nothing in the département.

const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
const search = async (query: string) => {
  const response = await app.request(`/api/v1/services?${query}`);
  return { status: response.status, body: (await response.json()) as { total: number } };
};

beforeAll(async () => {
  database = await createTestDatabase();
  const file = generateDataInclusionFile({ structures: 20, services: 40 }, parisDate(NOW));
  await importDirectory(
    jobContext(database.db, NOW),
    new TextEncoder().encode(JSON.stringify(file)),
    {
      skipInvalid: false,
    },
  );
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(() => database.close());

describe("empty query parameters", () => {
  it("are read as absent, not as 0", async () => {
    const plain = await search("commune=Nanterre&taille=50");
    expect(plain.status).toBe(200);
    expect(plain.body.total).toBeGreaterThan(0);
    const withEmpty = await search("commune=Nanterre&taille=50&lat=&lon=&rayon_km=&ouvert=&q=");
    expect(withEmpty).toEqual(plain);
  });

  it("a parameter given with a wrong value is still refused in French", async () => {
    const { status, body } = await search("lat=abc&lon=2.2");
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/lat/);
  });
});
