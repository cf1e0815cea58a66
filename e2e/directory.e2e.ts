import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectFitsWidth, PHONE, withRelais } from "./harness.ts";

const relais = withRelais(3102);

async function phoneContext(
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  return relais.browser.newContext({ viewport: PHONE, locale: "fr-FR", ...options });
}

/**
 * The results of a search "open now". Whatever the clock says, the page says
 * something true: either every result is open now, or it says that none is
 * and shows the nearest with their next opening.
 */
async function checkOpenNowResults(page: Page): Promise<void> {
  const heading = (await page.getByRole("heading", { level: 1 }).first().textContent()) ?? "";
  const statuses = await page
    .locator(".directory-result .directory-result__meta")
    .allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  if (heading.includes("Aucun lieu ouvert maintenant")) {
    // One « aucun » message (the heading), then what the list shows instead.
    const main = (await page.textContent("main")) ?? "";
    expect(main).toContain("Voici les lieux les plus proches, avec leur prochaine ouverture.");
    expect(main.match(/Aucun/g) ?? []).toHaveLength(1);
    for (const status of statuses)
      expect(status).toMatch(/Fermé · ouvre .+ à \d\d h \d\d|Fermé|Horaires non renseignés/);
    expect(statuses.some((status) => /Fermé · ouvre .+ à \d\d h \d\d/.test(status))).toBe(true);
  } else {
    expect(heading).toMatch(/^\d+ résultats? autour de Nanterre$/);
    for (const status of statuses) expect(status).toMatch(/Ouvert/);
  }
}

describe("a newcomer on a phone", () => {
  it("finds a food aid open now near Nanterre from the home page", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(relais.server.url);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Trouver de l'aide près de chez moi" }).first().click();
    await page.waitForURL(`${relais.server.url}/trouver-de-l-aide`);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Trouver de l'aide près de chez vous");
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.getByLabel("De quoi avez-vous besoin ?").fill("colis alimentaire");
    await page.getByLabel("Commune ou code postal").fill("Nanterre");
    await page.getByLabel("Ouvert maintenant").check();
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/besoin=colis\+alimentaire/);
    const url = new URL(page.url());
    expect(url.searchParams.get("lieu")).toBe("Nanterre");
    expect(url.searchParams.get("ouvert")).toBe("1");
    await checkOpenNowResults(page);
    const firstTitle =
      (await page.locator(".directory-result__title a").first().textContent()) ?? "";
    expect(firstTitle).toMatch(/alimentaire|Épicerie|colis|repas|Restos|Secours|Croix/i);
    await expectAccessible(page);
    await expectFitsWidth(page);

    // The map is an enhancement behind a disclosure; opening it keeps the page accessible.
    const map = page.getByText("Voir ces lieux sur la carte");
    if ((await map.count()) > 0) {
      await map.click();
      await expectAccessible(page);
    }

    await page.locator(".directory-result__title a").first().click();
    await page.waitForURL(/\/trouver-de-l-aide\/services\/[0-9a-f-]{36}$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(firstTitle);
    const main = (await page.textContent("main")) ?? "";
    expect(main).toContain("Envoyer par SMS");
    expect(main).toMatch(/Ouvert|Fermé/);
    await expectAccessible(page);
    await expectFitsWidth(page);
    await context.close();
  });

  // axe runs inside the page, so it cannot run without JavaScript; these are
  // the pages checked with axe in the test above.
  it("does the same search without JavaScript", async () => {
    const context = await phoneContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(relais.server.url);
    await page.getByRole("link", { name: "Trouver de l'aide près de chez moi" }).first().click();
    await page.waitForURL(`${relais.server.url}/trouver-de-l-aide`);
    await page.getByLabel("De quoi avez-vous besoin ?").fill("manger");
    await page.getByLabel("Commune ou code postal").fill("92000");
    await page.getByLabel("Ouvert maintenant").check();
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/besoin=manger/);
    await checkOpenNowResults(page);
    await page.locator(".directory-result__title a").first().click();
    await page.waitForURL(/\/trouver-de-l-aide\/services\//);
    expect(await page.textContent("main")).toContain("Envoyer par SMS");
    await context.close();
  });

  it("reads a French message for a commune outside the département, on an accessible page", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(`${relais.server.url}/trouver-de-l-aide`);
    await page.getByLabel("De quoi avez-vous besoin ?").fill("manger");
    await page.getByLabel("Commune ou code postal").fill("Marseille");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect
      .poll(() => page.textContent(".error-summary"))
      .toContain("Nous ne trouvons pas « Marseille »");
    await expectAccessible(page);
    await context.close();
  });
});
