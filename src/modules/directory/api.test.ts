import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobContext } from "../../platform/http/context.ts";
import { parisDate } from "../../platform/time/paris.ts";
import { createTestApp } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { importDirectory } from "./import-export.ts";
import { generateDataInclusionFile } from "./interop-fixtures.ts";
import { dataInclusionValidator } from "./test-fixtures.ts";

const NOW = new Date("2026-11-16T09:30:00Z");
const file = generateDataInclusionFile({ structures: 40, services: 80 }, parisDate(NOW));
const invalidRecords = dataInclusionValidator();
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
type Json = Record<string, unknown>;
const get = async (path: string) => {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as Json };
};
const withoutRelais = ({
  relais_id: _r,
  structure: _s,
  a_verifier: _a,
  services: _v,
  ...record
}: Json) => record;

beforeAll(async () => {
  database = await createTestDatabase();
  const report = await importDirectory(
    jobContext(database.db, NOW),
    new TextEncoder().encode(JSON.stringify(file)),
    {
      skipInvalid: false,
    },
  );
  expect(report.problems).toEqual([]);
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(() => database.close());

describe("the directory API and data·inclusion identities", () => {
  it("gives a service by {source}--{id}, as it came in and schema-valid", async () => {
    for (const given of file.services.slice(0, 20)) {
      const { status, body } = await get(
        `/api/v1/services/${encodeURIComponent(`${given.source}--${given.id}`)}`,
      );
      expect(status).toBe(200);
      const record = withoutRelais(body);
      expect(record).toEqual(
        Object.fromEntries(Object.keys(record).map((k) => [k, given[k] ?? null])),
      );
      expect(invalidRecords("service", [record])).toEqual([]);
    }
    expect((await get("/api/v1/services/inconnu--x")).status).toBe(404);
  });

  it("search hits carry source and the data·inclusion id, and only documented fields", async () => {
    const { body } = await get("/api/v1/services?commune=Nanterre&taille=50");
    const openapi = (await get("/api/v1/openapi.json")).body as {
      components: { schemas: Record<string, { properties: Json; required: string[] }> };
    };
    const documented = openapi.components.schemas.ServiceResume;
    const hits = body.services as Json[];
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(Object.keys(hit).every((key) => key in (documented?.properties ?? {}))).toBe(true);
      expect(documented?.required.every((key) => key in hit)).toBe(true);
      const given = file.services.find((s) => s.source === hit.source && s.id === hit.source_id);
      expect(given?.nom).toBe(hit.nom);
    }
  });

  it("lists structures by page, filtered by commune, services or not", async () => {
    const { status, body } = await get("/api/v1/structures?commune=92050&taille=2&page=1");
    expect(status).toBe(200);
    const inNanterre = file.structures.filter((s) => s.code_insee === "92050");
    expect(body.total).toBe(inNanterre.length);
    const items = body.items as Json[];
    expect(items).toHaveLength(2);
    expect(invalidRecords("structure", items.map(withoutRelais))).toEqual([]);
    expect(items.every((item) => item.code_insee === "92050")).toBe(true);
    const one = items[0] as Json;
    const byIdentity = await get(`/api/v1/structures/${one.source}--${one.id}`);
    expect(byIdentity.body.relais_id).toBe(one.relais_id);
  });

  it("documents the 200 answers and the page maximum, and refuses a page beyond it", async () => {
    const openapi = (await get("/api/v1/openapi.json")).body as {
      paths: Record<string, { get: { parameters?: Json[]; responses: Record<string, Json> } }>;
    };
    for (const path of ["/api/v1/services/{id}", "/api/v1/structures/{id}", "/api/v1/structures"])
      expect(openapi.paths[path]?.get.responses["200"]?.content).toBeDefined();
    const page = openapi.paths["/api/v1/services"]?.get.parameters?.find((p) => p.name === "page");
    expect((page?.schema as Json | undefined)?.maximum).toBe(1000);
    expect((await get("/api/v1/services?page=1001")).status).toBe(400);
  });
});
