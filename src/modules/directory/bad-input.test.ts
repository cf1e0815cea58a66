import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobContext } from "../../platform/http/context.ts";
import { seedDemo } from "../../seed/demo.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { importDirectory } from "./import-export.ts";
import { countDirectory } from "./service.ts";

/** The page's text as a person reads it (JSX escapes quotes and apostrophes). */
const readable = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

// Bad input from issue 3: a clear French message, nothing lost, nothing half-imported.
// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let demoCounts: { structures: number; services: number };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, "92", NOW);
  demoCounts = await countDirectory(database.db);
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(() => database.close());

const search = (params: Record<string, string>) =>
  `/trouver-de-l-aide?${new URLSearchParams(params)}`;

describe("search with bad input", () => {
  it("an empty need near a commune lists what is around, nearest first", async () => {
    const client = new TestClient(app);
    const response = await client.get(search({ besoin: "", lieu: "Nanterre" }));
    expect(response.status).toBe(200);
    expect(client.lastHtml).toMatch(/\d+ résultats? autour de Nanterre/);
    const api = (await (await app.request("/api/v1/services?q=&commune=92000")).json()) as {
      total: number;
      services: { distance_km: number }[];
    };
    expect(api.total).toBeGreaterThan(0);
    const distances = api.services.map((service) => service.distance_km);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it("a search with nothing but spaces and punctuation is an empty search, not an error", async () => {
    const client = new TestClient(app);
    expect((await client.get(search({ besoin: "  ¿¡ !!! …  ", lieu: "" }))).status).toBe(200);
    expect(client.lastHtml).toContain("résultat");
  });

  it("an unknown commune or a postcode from another département gets a French message (400)", async () => {
    for (const lieu of ["Trifouilly-les-Oies", "75001", "99999", "'; DROP TABLE commune; --"]) {
      const client = new TestClient(app);
      const response = await client.get(search({ besoin: "manger", lieu }));
      expect(response.status).toBe(400);
      expect(client.lastHtml).toContain("Nous ne trouvons pas");
      expect(readable(client.lastHtml)).toContain(
        "indiquez le nom d'une commune ou son code postal",
      );
    }
    const api = await app.request("/api/v1/services?q=manger&commune=13001");
    expect(api.status).toBe(400);
    const body = (await api.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields.lieu).toContain("Nous ne trouvons pas « 13001 »");
  });

  it("an absurd radius gets a French message (400) on the page and in the API", async () => {
    for (const rayon of ["-5", "0", "100000", "abc", "Infinity", "1e308"]) {
      const client = new TestClient(app);
      const response = await client.get(search({ besoin: "manger", lieu: "Nanterre", rayon }));
      expect(response.status, `rayon=${rayon}`).toBe(400);
      expect(client.lastHtml).toContain("Le rayon doit être compris entre 1 et 50 km.");
    }
    const api = await app.request("/api/v1/services?q=manger&commune=Nanterre&rayon_km=-1");
    expect(api.status).toBe(400);
  });

  it("injection attempts are read as plain words: no error, nothing echoed as markup, data intact", async () => {
    const attempts = [
      "colis' OR 1=1; --",
      "manger'); DROP TABLE directory_service; --",
      "!(manger) & | <-> :* \\",
      '<script>alert("x")</script>',
      "%27%3B%20SELECT%20pg_sleep(10)",
      "a".repeat(5000),
    ];
    for (const besoin of attempts) {
      const client = new TestClient(app);
      const response = await client.get(search({ besoin, lieu: "Nanterre" }));
      expect(response.status, besoin.slice(0, 40)).toBe(200);
      expect(client.lastHtml).not.toContain("<script>alert");
      const api = await app.request(
        `/api/v1/services?q=${encodeURIComponent(besoin.slice(0, 200))}`,
      );
      expect(api.status).toBe(200);
    }
    // A NUL byte is no word: refused with a French message, on the page and in the API.
    const nul = new TestClient(app);
    expect((await nul.get(search({ besoin: "\u0000manger\u0000", lieu: "Nanterre" }))).status).toBe(
      400,
    );
    expect(nul.lastHtml).toContain("caractère invisible");
    expect((await app.request("/api/v1/services?q=%00manger")).status).toBe(400);
    expect(await countDirectory(database.db)).toEqual(demoCounts);
    const client = new TestClient(app);
    await client.get(search({ besoin: "colis' OR 1=1; --", lieu: "Nanterre" }));
    expect(client.lastHtml).toMatch(/Aide alimentaire|Épicerie sociale|colis/i);
  });
});

describe("imports with bad input", () => {
  it("refuses a 50 MB file before reading it, and writes nothing", async () => {
    const report = await importDirectory(
      jobContext(database.db, NOW),
      new Uint8Array(50 * 1024 * 1024),
      {
        skipInvalid: true,
      },
    );
    expect(report.written).toBe(false);
    expect(report.problems[0]?.messages[0]).toBe(
      "Le fichier fait 50.0 Mo : la limite est de 20 Mo. Découpez-le en plusieurs fichiers.",
    );
    expect(await countDirectory(database.db)).toEqual(demoCounts);
  });

  it("refuses a CSV with a wrong delimiter, telling to check it, and writes nothing", async () => {
    const piped =
      "enregistrement|source|id|nom|date_maj\nstructure|cd92|p1|Café social|2026-01-02\n";
    const report = await importDirectory(
      jobContext(database.db, NOW),
      new TextEncoder().encode(piped),
      {
        skipInvalid: true,
      },
    );
    expect(report.written).toBe(false);
    expect(report.problems[0]?.messages[0]).toContain("Vérifiez le séparateur");
    expect(await countDirectory(database.db)).toEqual(demoCounts);
  });

  it("imports a Latin-1 CSV from a spreadsheet with its accents intact", async () => {
    const text =
      "enregistrement;source;structure_id;id;nom;description;date_maj\r\n" +
      "structure;tableur;;lat1;Café social Émile;;2026-01-02\r\n" +
      "service;tableur;lat1;lat1-s;Goûter solidaire;Un goûter pour les enfants, à l'école;2026-01-02\r\n";
    const latin1 = Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
    const report = await importDirectory(jobContext(database.db, NOW), latin1, {
      skipInvalid: false,
    });
    expect(report).toMatchObject({ encoding: "windows-1252", written: true, services: 1 });
    const row = await database.db
      .selectFrom("directory_service")
      .select(["nom", "description"])
      .where("source", "=", "tableur")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      nom: "Goûter solidaire",
      description: "Un goûter pour les enfants, à l'école",
    });
  });

  it("a file whose last record is bad writes none of the records before it", async () => {
    const before = await countDirectory(database.db);
    const lines = ["enregistrement,source,structure_id,id,nom,description,date_maj"];
    lines.push("structure,lot,,l0,Structure du lot,,2026-01-02");
    for (let i = 1; i <= 1200; i++)
      lines.push(`service,lot,l0,s${i},Service ${i},Un service.,2026-01-02`);
    lines.push("service,lot,l0,bad,Service faux,Un service.,pas une date");
    const report = await importDirectory(
      jobContext(database.db, NOW),
      new TextEncoder().encode(lines.join("\n")),
      {
        skipInvalid: false,
      },
    );
    expect(report.written).toBe(false);
    expect(report.problems.map((problem) => problem.where)).toEqual(["ligne 1203 (id bad)"]);
    expect(await countDirectory(database.db)).toEqual(before);
  });
});
