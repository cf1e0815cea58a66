import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectFitsWidth, PHONE, withRelais } from "./harness.ts";

const relais = withRelais(3117);

async function phoneContext(javaScriptEnabled: boolean): Promise<BrowserContext> {
  return relais.browser.newContext({ viewport: PHONE, locale: "fr-FR", javaScriptEnabled });
}

/** axe needs JavaScript in the page; without it, the checks are on what the page shows. */
async function check(page: Page, javaScript: boolean): Promise<void> {
  if (javaScript) await expectAccessible(page);
  await expectFitsWidth(page);
}

/** Distances shown in the first group of results (« à 200 m », « à 2,9 km »), in km. */
async function firstGroupDistances(page: Page): Promise<number[]> {
  const metas = await page
    .locator("ol.directory-results")
    .first()
    .locator(".directory-result__meta")
    .allTextContents();
  return metas.flatMap((meta) => {
    const match = /à ([\d,]+)\s(m|km)/.exec(meta.replace(/\u00a0/g, " "));
    if (!match) return [];
    const value = Number((match[1] ?? "").replace(",", "."));
    return [match[2] === "m" ? value / 1000 : value];
  });
}

async function story(javaScript: boolean) {
  const context = await phoneContext(javaScript);
  const page = await context.newPage();
  await page.goto(`${relais.server.url}/trouver-de-l-aide`);
  await check(page, javaScript);

  // 1. The need and the place, as a resident types them.
  await page.getByLabel("De quoi avez-vous besoin ?").fill("aide alimentaire");
  await page.getByLabel("Commune ou code postal").fill("Nanterre");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.waitForURL(/besoin=aide\+alimentaire/);

  // 2. Results first: a compact header, the form folded, nearest first.
  expect(await page.getByRole("heading", { level: 1 }).first().textContent()).toMatch(
    /résultats? autour de Nanterre$/,
  );
  expect(await page.locator("details.directory-modify").getAttribute("open")).toBeNull();
  expect(await page.locator("#formulaire-recherche").isVisible()).toBe(false);
  const firstBox = await page.locator(".directory-result").first().boundingBox();
  expect(firstBox?.y ?? 9999).toBeLessThan(PHONE.height);
  const distances = await firstGroupDistances(page);
  expect(distances.length).toBeGreaterThan(1);
  expect(distances).toEqual([...distances].sort((a, b) => a - b));
  expect(await page.locator(".directory-result__why").first().textContent()).toMatch(
    /^En premier\s: le plus proche/,
  );
  await check(page, javaScript);

  // The map, behind its disclosure: centred on Nanterre, with names.
  await page.getByText("Voir ces lieux sur la carte").click();
  expect(await page.locator(".directory-map__name", { hasText: "Nanterre" }).count()).toBe(1);
  await check(page, javaScript);

  // « Modifier la recherche » opens the form in place.
  await page.getByText("Modifier la recherche").click();
  expect(await page.locator("#formulaire-recherche").isVisible()).toBe(true);

  // 3. The nearest: directions, print, and no booking for a food bank.
  const title = (await page.locator(".directory-result__title a").first().textContent()) ?? "";
  await page.locator(".directory-result__title a").first().click();
  await page.waitForURL(/\/trouver-de-l-aide\/services\/[0-9a-f-]{36}$/);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
  expect(
    await page
      .getByRole("link", { name: "Ouvrir dans mon application de cartes" })
      .getAttribute("href"),
  ).toMatch(/^geo:48\.\d+,2\.\d+\?q=/);
  expect(
    await page.getByRole("link", { name: "Voir sur OpenStreetMap" }).getAttribute("href"),
  ).toMatch(/^https:\/\/www\.openstreetmap\.org\/\?mlat=48\.\d+&mlon=2\.\d+/);
  const printButton = page.getByRole("button", { name: "Imprimer cette fiche" });
  if (javaScript) {
    expect(await printButton.isVisible()).toBe(true);
    expect(await page.locator("[data-print-fallback]").isVisible()).toBe(false);
  } else {
    expect(await printButton.count()).toBe(0);
    expect(await page.locator("[data-print-fallback]").textContent()).toContain("Imprimer");
  }
  await check(page, javaScript);

  // 4. A place that takes bookings online: « Prendre rendez-vous ».
  await page.goto(
    `${relais.server.url}/trouver-de-l-aide?besoin=${encodeURIComponent("accueil social départemental")}&lieu=Nanterre`,
  );
  await page
    .locator(".directory-result__title a", { hasText: "Accueil social départemental" })
    .first()
    .click();
  await page.waitForURL(/\/trouver-de-l-aide\/services\//);
  await check(page, javaScript);
  const booking = page.locator(".directory-booking a").first();
  expect(await booking.textContent()).toContain("Prendre rendez-vous");
  await booking.click();
  await page.waitForURL(/\/rendez-vous\//);
  expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
  await check(page, javaScript);

  // 5. The 115 before anything else when the need is a bed tonight.
  await page.goto(`${relais.server.url}/trouver-de-l-aide?besoin=dormir&lieu=Nanterre`);
  expect(await page.locator('main a[href="tel:115"]').first().isVisible()).toBe(true);
  await check(page, javaScript);
  await context.close();
}

describe("a resident finds help near Nanterre on a 360 × 640 phone", () => {
  it("« aide alimentaire » near Nanterre → the nearest first → its page: directions, print, booking", async () => {
    await story(true);
  });

  it("does the same without JavaScript", async () => {
    await story(false);
  });
});
