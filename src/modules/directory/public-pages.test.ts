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
    // The form is inside the closed <details>, the results after it (the
    // page's menu is a <details> of its own, before: count from « folded »).
    const foldEnd = html.indexOf("</details>", folded);
    expect(html.indexOf('id="formulaire-recherche"')).toBeGreaterThan(folded);
    expect(html.indexOf('id="formulaire-recherche"')).toBeLessThan(foldEnd);
    expect(html.indexOf('class="directory-results"')).toBeGreaterThan(foldEnd);
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

describe("a service's page", () => {
  const firstServicePage = async (besoin: string, lieu: string, structure?: string) => {
    const hits = (await database.db
      .selectFrom("directory_service as s")
      .innerJoin("directory_structure as st", "st.id", "s.structure_id")
      .select(["s.id", "st.nom"])
      .where("s.nom", "ilike", `%${besoin}%`)
      .where("s.commune", "=", lieu)
      .$if(Boolean(structure), (q) => q.where("st.nom", "=", structure ?? ""))
      .execute()) as { id: string; nom: string }[];
    expect(hits.length).toBeGreaterThan(0);
    return page(`/trouver-de-l-aide/services/${hits[0]?.id}`);
  };

  it("gives directions by a geo: link and an OpenStreetMap link, and a print button", async () => {
    const html = await firstServicePage(
      "Aide alimentaire",
      "Nanterre",
      "Secours catholique — Nanterre",
    );
    expect(html).toMatch(/href="geo:48\.\d{6},2\.\d{6}\?q=[^"]*Nanterre"/);
    expect(html).toMatch(
      /href="https:\/\/www\.openstreetmap\.org\/\?mlat=48\.\d{6}&mlon=2\.\d{6}#map=17\/48\.\d{6}\/2\.\d{6}"/,
    );
    expect(html).toContain("Imprimer cette fiche");
    expect(html).toContain("data-print-fallback");
    expect(html).not.toContain("/rendez-vous/creneaux");
  });

  it("offers « Prendre rendez-vous » where a linked place takes bookings online", async () => {
    const html = await firstServicePage("Accueil social", "Nanterre", "SST de Nanterre");
    expect(html).toMatch(/href="\/rendez-vous\/creneaux\?motif=[0-9a-f-]{36}&lieu=[0-9a-f-]{36}"/);
    expect(html).toContain("Prendre rendez-vous");
  });

  it("gives the 115 on a page for a bed tonight, and says how to go in plain words", async () => {
    const html = await firstServicePage("Accueil de jour pour personnes sans domicile", "Nanterre");
    expect(html).toContain('href="tel:115"');
    expect(html).not.toContain("en présentiel");
    expect(html).not.toContain("se présenter");
    expect(html).toContain("On vous reçoit sur place.");
  });

  it("puts the address, the phone, the directions and the booking before the description", async () => {
    const html = await firstServicePage("Accueil social", "Nanterre", "SST de Nanterre");
    const essentials = html.indexOf('class="directory-essentials"');
    const description = html.indexOf("Les travailleurs sociaux du Département");
    expect(essentials).toBeGreaterThan(html.indexOf("<h1>"));
    expect(description).toBeGreaterThan(essentials);
    for (const mark of [
      "<strong>Adresse :</strong>",
      'href="tel:+33199',
      'href="geo:',
      'href="https://www.openstreetmap.org/',
      'href="/rendez-vous/creneaux?',
    ]) {
      const at = html.indexOf(mark, essentials);
      expect(at, mark).toBeGreaterThan(essentials);
      expect(at, mark).toBeLessThan(description);
    }
  });

  it("gives a structure's page the same address, phone and directions first", async () => {
    const [structure] = await database.db
      .selectFrom("directory_structure")
      .select("id")
      .where("nom", "=", "CCAS d'Antony")
      .execute();
    const html = await page(`/trouver-de-l-aide/structures/${structure?.id}`);
    expect(html).toContain("<h1>CCAS d'Antony</h1>");
    const essentials = html.indexOf('class="directory-essentials"');
    expect(essentials).toBeGreaterThan(0);
    expect(html.indexOf('href="geo:', essentials)).toBeGreaterThan(essentials);
    expect(html.indexOf('href="/rendez-vous/creneaux?', essentials)).toBeGreaterThan(essentials);
    expect(html.indexOf("Services proposés")).toBeGreaterThan(essentials);
  });

  it("writes the first of the month « 1er » (platform/time)", async () => {
    const { frenchLongDate } = await import("../../platform/time/french-dates.ts");
    expect(frenchLongDate(new Date("2026-09-01T10:00:00Z"))).toBe("1er septembre 2026");
    expect(frenchLongDate(new Date("2026-09-02T10:00:00Z"))).toBe("2 septembre 2026");
    // Midnight in Paris is still the 31st in UTC: the Paris date counts.
    expect(frenchLongDate(new Date("2026-08-31T22:30:00Z"))).toBe("1er septembre 2026");
  });
});
