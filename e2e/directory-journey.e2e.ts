import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectFitsWidth, PHONE, signedInPage, withRelais } from "./harness.ts";

const relais = withRelais(3118);

async function phoneContext(javaScriptEnabled: boolean): Promise<BrowserContext> {
  return relais.browser.newContext({ viewport: PHONE, locale: "fr-FR", javaScriptEnabled });
}

/**
 * axe on the page and no sideways scroll. axe needs JavaScript in the page:
 * a page seen without it is checked by replaying the exact HTML it received,
 * at the same address, in a page that runs scripts.
 */
async function check(page: Page, javaScript: boolean): Promise<void> {
  await expectFitsWidth(page);
  if (javaScript) {
    await expectAccessible(page);
    return;
  }
  const html = await page.content();
  const url = page.url();
  const context = await phoneContext(true);
  const viewer = await context.newPage();
  await viewer.route(url, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await viewer.goto(url);
  await expectAccessible(viewer);
  await context.close();
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

describe("professionals on a phone", () => {
  it.each([true, false])(
    "a responsable sets opening hours with days and times (JavaScript: %s)",
    async (javaScript) => {
      const context = await phoneContext(javaScript);
      const page = await signedInPage(context, relais.server.url, "responsable@demo.relais.test");
      await page.goto(
        `${relais.server.url}/trouver-de-l-aide?besoin=${encodeURIComponent("accueil social départemental")}&lieu=Nanterre`,
      );
      await page
        .locator(".directory-result__title a", { hasText: "Accueil social départemental" })
        .first()
        .click();
      await page.getByRole("link", { name: "Modifier ce service" }).click();
      await page.waitForURL(/\/pro\/annuaire\/services\//);
      await check(page, javaScript);
      // Pre-filled from the hours the public page shows.
      expect(await page.locator('input[name="horaires_Mo_1_debut"]').inputValue()).toMatch(
        /^\d\d:\d\d$/,
      );
      await page.locator('input[name="horaires_Sa_1_debut"]').fill("09:00");
      await page.locator('input[name="horaires_Sa_1_fin"]').fill("12:00");
      await page.getByLabel("Fermé les jours fériés").check();
      await page.locator('input[name="fermeture_1_debut"]').fill("2026-12-24");
      await page.locator('input[name="fermeture_1_fin"]').fill("2027-01-02");
      await page.getByRole("button", { name: /Enregistrer/ }).click();
      await page.waitForURL(/enregistre=1/);
      expect(await page.locator("body").textContent()).toContain("Le service est à jour.");
      await page.getByText("Pour les experts").click();
      expect(await page.locator('input[name="horaires_accueil"]').inputValue()).toMatch(
        /Sa 09:00-12:00; PH off; 2026 Dec 24-2027 Jan 02 off$/,
      );
      await check(page, javaScript);
      await context.close();
    },
  );

  it("a social worker searches for an orientation near a commune, nearest first", async () => {
    const context = await phoneContext(true);
    const page = await signedInPage(context, relais.server.url, "ts@demo.relais.test");
    await page.goto(`${relais.server.url}/pro/dossiers?nom=Petit`);
    await page.locator('a[href^="/pro/dossiers/"]', { hasText: "Petit" }).first().click();
    const record = page.url();
    await page.goto(`${record}/orienter?q=${encodeURIComponent("épicerie")}&lieu=Colombes`);
    await check(page, true);
    expect(await page.locator("main").textContent()).toContain(
      "Les services autour de Colombes, les plus proches d'abord.",
    );
    await page.locator('input[type="radio"][name="serviceId"]').first().check();
    await check(page, true);
    await context.close();
  });
});
