import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seed/demo.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";

/** The page's text as a person reads it (JSX escapes quotes and apostrophes). */
const readable = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, "92", NOW);
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(() => database.close());

describe("directory pages and API", () => {
  it("finds food aid open now near Nanterre from the search page, with a map", async () => {
    const client = new TestClient(app);
    const response = await client.get("/trouver-de-l-aide?besoin=manger&lieu=Nanterre&ouvert=1");
    expect(response.status).toBe(200);
    const html = client.lastHtml;
    expect(html).toMatch(/Aide alimentaire|Épicerie sociale/);
    expect(html).toContain("Ouvert jusqu");
    expect(html).toContain("autour de Nanterre");
    expect(html).toContain('class="directory-map directory-map--local"');
    expect(html).toContain('class="directory-map__name"');
    expect(html).not.toContain("style=");
  });

  it("when nothing is open now, says so and shows the nearest places with their next opening", async () => {
    // Sunday 22 November 2026, 03:00 in Paris: no food aid is open.
    const night = createTestApp(database.db, {
      kind: database.kind,
      now: () => new Date("2026-11-22T02:00:00Z"),
    });
    const client = new TestClient(night);
    const response = await client.get("/trouver-de-l-aide?besoin=manger&lieu=Nanterre&ouvert=1");
    expect(response.status).toBe(200);
    expect(client.lastHtml).toContain("Aucun lieu ouvert maintenant");
    // One « aucun » message, not two saying the same thing in a row.
    expect(readable(client.lastHtml).match(/<(h1|h2|p|div)[^>]*>[^<]*Aucun/g)).toHaveLength(1);
    expect(client.lastHtml).toMatch(/Fermé · ouvre [^<]+ à \d\d h \d\d/);
    expect(client.lastHtml).not.toContain("Ouvert jusqu");
  });

  it("answers an unknown commune with a French message and status 400", async () => {
    const client = new TestClient(app);
    const response = await client.get("/trouver-de-l-aide?besoin=manger&lieu=Marseille");
    expect(response.status).toBe(400);
    expect(client.lastHtml).toContain("Nous ne trouvons pas « Marseille »");
  });

  it("serves a service page with its hours, share link and SMS text", async () => {
    const api = await app.request("/api/v1/services?q=domiciliation&commune=92000");
    const body = (await api.json()) as { services: { id: string; nom: string }[] };
    expect(body.services[0]?.nom).toBe("Domiciliation administrative");
    const client = new TestClient(app);
    const page = await client.get(`/trouver-de-l-aide/services/${body.services[0]?.id}`);
    expect(page.status).toBe(200);
    expect(client.lastHtml).toContain("Envoyer par SMS");
    expect(client.lastHtml).toContain("Donnée de démonstration");
  });

  it("returns data·inclusion records from the API and 404 for an unknown id", async () => {
    const list = (await (
      await app.request("/api/v1/services?q=avocat&commune=Nanterre")
    ).json()) as {
      services: { id: string; structure: { id: string } }[];
    };
    const id = list.services[0]?.id;
    const service = (await (await app.request(`/api/v1/services/${id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(service.source).toBe("relais-demo");
    expect(Array.isArray(service.thematiques)).toBe(true);
    const structure = await app.request(`/api/v1/structures/${list.services[0]?.structure.id}`);
    expect(structure.status).toBe(200);
    const missing = await app.request("/api/v1/services/00000000-0000-0000-0000-000000000000");
    expect(missing.status).toBe(404);
  });

  it("refuses an absurd radius through the API with a French message", async () => {
    const response = await app.request("/api/v1/services?q=manger&commune=Nanterre&rayon_km=5000");
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain("rayon");
  });

  it("serves an OpenAPI document that lists the directory paths", async () => {
    const document = (await (await app.request("/api/v1/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/services",
        "/api/v1/services/{id}",
        "/api/v1/structures/{id}",
      ]),
    );
  });

  it("shows the orient button to a social worker only", async () => {
    const client = new TestClient(app);
    await client.get("/trouver-de-l-aide?besoin=manger&lieu=Nanterre");
    expect(client.lastHtml).not.toContain("Orienter une personne");
    await client.login("ts@demo.relais.test", "Relais-demo-2026");
    await client.get("/trouver-de-l-aide?besoin=manger&lieu=Nanterre");
    expect(client.lastHtml).toContain("Orienter une personne");
    expect(client.lastHtml).toContain("Filtres professionnels");
  });
});
