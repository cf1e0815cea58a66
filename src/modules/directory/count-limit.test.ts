import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { saveRecords } from "./directory-store.ts";
import { COUNT_LIMIT } from "./search.ts";
import { makeService, makeStructure } from "./test-fixtures.ts";

// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  // 510 food services in Nanterre, and 3 legal permanences.
  const services = [
    ...Array.from({ length: COUNT_LIMIT + 10 }, (_, index) =>
      makeService({
        id: `colis-${index}`,
        nom: `Distribution de colis alimentaires ${index}`,
        thematiques: ["equipement-et-alimentation--alimentation"],
        latitude: 48.8924 + (index % 30) / 3000,
        longitude: 2.2071 + Math.floor(index / 30) / 3000,
      }),
    ),
    ...Array.from({ length: 3 }, (_, index) =>
      makeService({
        id: `avocat-${index}`,
        nom: `Permanence d'avocat gratuite ${index}`,
        thematiques: [
          "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
        ],
      }),
    ),
  ];
  await database.db
    .transaction()
    .execute((tx) => saveRecords(tx, { structures: [makeStructure()], services }, { now: NOW }));
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(() => database.close());

describe(`counting stops at ${COUNT_LIMIT}`, () => {
  it("says « Plus de 500 résultats » on the page, and still offers the next page", async () => {
    const client = new TestClient(app);
    expect((await client.get("/trouver-de-l-aide?besoin=colis&lieu=Nanterre")).status).toBe(200);
    expect(client.lastHtml).toContain("Plus de 500 résultats autour de Nanterre");
    expect(client.lastHtml).toContain("Page suivante");
  });

  it("says so in the API with total_minimum, and gives exact counts below the limit", async () => {
    const many = (await (
      await app.request("/api/v1/services?q=colis&commune=Nanterre")
    ).json()) as {
      total: number;
      total_minimum: boolean;
    };
    expect(many).toMatchObject({ total: COUNT_LIMIT, total_minimum: true });
    const few = (await (
      await app.request("/api/v1/services?q=avocat&commune=Nanterre")
    ).json()) as {
      total: number;
      total_minimum: boolean;
    };
    expect(few).toMatchObject({ total: 3, total_minimum: false });
  });
});
