import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seed/demo.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";

/** The page's text as a person reads it (JSX escapes quotes and apostrophes). */
const readable = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\u00a0/g, " ");

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

const page = async (path: string) => {
  const client = new TestClient(app);
  const response = await client.get(path);
  expect(response.status).toBe(200);
  return readable(client.lastHtml);
};

describe("the directory's public pages", () => {
  it.each(["115", "hébergement urgence"])(
    "« %s » shows the 115 above the results",
    async (besoin) => {
      const html = await page(
        `/trouver-de-l-aide?besoin=${encodeURIComponent(besoin)}&lieu=Nanterre`,
      );
      const call = html.indexOf('href="tel:115"');
      expect(call).toBeGreaterThan(0);
      expect(html).toContain("appelez le 115");
      const results = html.indexOf('class="directory-results"');
      expect(results === -1 || call < results).toBe(true);
    },
  );

  it("does not show the 115 for food aid", async () => {
    const html = await page("/trouver-de-l-aide?besoin=manger&lieu=Nanterre");
    expect(html).not.toContain('href="tel:115"');
  });

  it("sums the search up above the results, the form folded in « Modifier la recherche »", async () => {
    const html = await page("/trouver-de-l-aide?besoin=aide+alimentaire&lieu=Nanterre");
    const folded = html.indexOf('<details class="directory-modify">');
    expect(folded).toBeGreaterThan(0);
    expect(html.indexOf("<summary>Modifier la recherche</summary>")).toBeGreaterThan(folded);
    // The form is inside the closed <details>, the results after it.
    expect(html.indexOf('id="formulaire-recherche"')).toBeGreaterThan(folded);
    expect(html.indexOf('id="formulaire-recherche"')).toBeLessThan(html.indexOf("</details>"));
    expect(html.indexOf('class="directory-results"')).toBeGreaterThan(html.indexOf("</details>"));
    expect(html).toContain("En premier : le plus proche des lieux qui répondent à votre besoin");
    expect(html).toContain("Ils peuvent aussi vous aider");
  });

  it("opens « Modifier la recherche » when the search has an error", async () => {
    const client = new TestClient(app);
    expect((await client.get("/trouver-de-l-aide?besoin=manger&lieu=Marseille")).status).toBe(400);
    const html = client.lastHtml;
    expect(html).toContain('id="formulaire-recherche"');
    expect(html).not.toContain('<details class="directory-modify">');
  });

  it.each([
    ["violences conjugales", ['href="tel:3919"', 'href="tel:17"', 'href="tel:112"']],
    ["enfant", ['href="tel:119"']],
    ["dormir", ['href="tel:115"']],
  ])("« %s » gives the emergency numbers first", async (besoin, links) => {
    const html = await page(
      `/trouver-de-l-aide?besoin=${encodeURIComponent(besoin)}&lieu=Nanterre`,
    );
    for (const link of links) expect(html).toContain(link);
  });
});
