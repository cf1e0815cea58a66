import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { saveRecords } from "./directory-store.ts";
import { makeService, makeStructure } from "./test-fixtures.ts";

// Issue 17: a structure's page lists its services in French alphabetical
// order (« Écrivain public » before « Soutien scolaire », not after « z »),
// after its address, phone and directions.

// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  const services = ["Soutien scolaire", "Écrivain public", "Domiciliation", "Accueil"].map(
    (nom, index) => makeService({ id: `service-${index}`, nom }),
  );
  await database.db.transaction().execute((tx) =>
    saveRecords(
      tx,
      {
        structures: [
          makeStructure({ adresse: "1 place de la Mairie", telephone: "01 99 00 00 11" }),
        ],
        services,
      },
      { now: NOW },
    ),
  );
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(() => database.close());

describe("a structure's page", () => {
  it("lists its services in French order, after the address, phone and directions", async () => {
    const [structure] = await database.db.selectFrom("directory_structure").select("id").execute();
    const client = new TestClient(app);
    expect((await client.get(`/trouver-de-l-aide/structures/${structure?.id}`)).status).toBe(200);
    const html = client.lastHtml;
    const names = [...html.matchAll(/href="\/trouver-de-l-aide\/services\/[^"]+">([^<]+)</g)].map(
      (match) => match[1],
    );
    expect(names).toEqual(["Accueil", "Domiciliation", "Écrivain public", "Soutien scolaire"]);
    const essentials = html.indexOf('class="directory-essentials"');
    expect(essentials).toBeGreaterThan(html.indexOf("<h1>"));
    expect(html.indexOf('href="tel:+33199000011"')).toBeGreaterThan(essentials);
    expect(html.indexOf('href="geo:48.892400,2.207100')).toBeGreaterThan(essentials);
    expect(html.indexOf("Services proposés")).toBeGreaterThan(essentials);
  });
});
