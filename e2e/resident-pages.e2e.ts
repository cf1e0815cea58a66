import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parisToDate } from "../src/platform/time/paris.ts";
import {
  bookNearestSst,
  clockFrom,
  expectAccessible,
  expectFitsWidth,
  PHONE,
  withRelais,
} from "./harness.ts";

// Issue 17, the rest of the resident's pages on a 360 × 640 phone: a service's
// page puts its address, phone, directions and booking on the first screen;
// a place has one name, with French elision, from the directory to the
// confirmation; the pages keep French typography; an error page offers a way
// out. With and without JavaScript. The clock starts on Monday 7 December
// 2026 at 08:00 in Paris, so that the week's slots do not depend on the day.
const relais = withRelais(3132, clockFrom(parisToDate("2026-12-07", "08:00")));

async function phone(javaScriptEnabled: boolean): Promise<BrowserContext> {
  return relais.browser.newContext({ viewport: PHONE, locale: "fr-FR", javaScriptEnabled });
}

/** Axe needs scripts in the page: without JavaScript, the received HTML is replayed in a page that runs them. */
async function check(page: Page, javaScript: boolean): Promise<void> {
  await expectFitsWidth(page);
  if (javaScript) {
    await expectAccessible(page);
    return;
  }
  const html = await page.content();
  const url = page.url();
  const context = await phone(true);
  const viewer = await context.newPage();
  await viewer.route(url, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await viewer.goto(url);
  await expectAccessible(viewer);
  await context.close();
}

/** Where an element starts on the page, in px from the top (Infinity when absent). */
async function topOf(locator: ReturnType<Page["locator"]>): Promise<number> {
  if ((await locator.count()) === 0) return Number.POSITIVE_INFINITY;
  const box = await locator.first().boundingBox();
  return box ? Math.round(box.y) : Number.POSITIVE_INFINITY;
}

/**
 * French typography in what the page shows: a non-breaking space (never a
 * plain one) before « : ; ? ! », and « de » elided or contracted before a
 * place name (« d'Antony », « du Plessis-Robinson »).
 */
async function typographyFaults(page: Page): Promise<string[]> {
  const text = await page.locator("body").innerText();
  const faults: string[] = [];
  for (const match of text.matchAll(
    /.{0,25}(?: [:;?!](?=\s|$)|\b(?:CCAS|SST|autour) de (?:[AEIOUÉ]|Le |Les ))/gmu,
  )) {
    faults.push(match[0]);
  }
  return faults;
}

async function serviceIdOf(page: Page, search: string, title: string): Promise<string> {
  await page.goto(`${relais.server.url}/trouver-de-l-aide?${search}`);
  const link = page.locator(".directory-result__title a", { hasText: title }).first();
  const href = (await link.getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/trouver-de-l-aide\/services\/[0-9a-f-]{36}$/);
  return href;
}

describe("a service's page on a phone: where, call, go, book on the first screen", () => {
  it.each([true, false])(
    "shows the address, phone, directions and « Prendre rendez-vous » above 640 px (JavaScript: %s)",
    async (javaScript) => {
      const context = await phone(javaScript);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const sstPage = await serviceIdOf(
        page,
        `besoin=${encodeURIComponent("accueil social départemental")}&lieu=Nanterre`,
        "Accueil social départemental",
      );
      const foodPage = await serviceIdOf(page, "besoin=aide+alimentaire&lieu=Nanterre", "");
      const measures: Record<string, Record<string, number>> = {};
      for (const [name, path] of [
        ["SST", sstPage],
        ["aide alimentaire", foodPage],
      ] as const) {
        await page.goto(`${relais.server.url}${path}`);
        const essentials = page.locator(".directory-essentials");
        const figures = {
          address: await topOf(essentials.getByText(/^Adresse/)),
          phone: await topOf(essentials.locator('a[href^="tel:"]')),
          directions: await topOf(page.getByRole("link", { name: /application de cartes/ })),
          openStreetMap: await topOf(page.getByRole("link", { name: "Voir sur OpenStreetMap" })),
          booking: await topOf(page.locator(".directory-booking a")),
        };
        measures[name] = figures;
        expect(figures.address, `${name}: adresse`).toBeLessThan(PHONE.height);
        expect(figures.phone, `${name}: téléphone`).toBeLessThan(PHONE.height);
        expect(figures.directions, `${name}: itinéraire`).toBeLessThan(PHONE.height);
        expect(figures.openStreetMap, `${name}: OpenStreetMap`).toBeLessThan(PHONE.height);
        expect(
          await page.getByRole("link", { name: /application de cartes/ }).getAttribute("href"),
        ).toMatch(/^geo:48\.\d+,2\.\d+\?q=/);
        expect(await typographyFaults(page)).toEqual([]);
        await check(page, javaScript);
      }
      // The SST takes bookings online: its button is on the first screen too.
      expect(measures.SST?.booking).toBeLessThan(PHONE.height);
      console.info(
        `service page at 360 × 640 (JavaScript: ${javaScript}), top in px: ${JSON.stringify(measures)}`,
      );
      await context.close();
    },
    180_000,
  );
});

describe("one name per place, with French elision", () => {
  it.each([true, false])(
    "says « CCAS d'Antony » in the directory, on its page and on every booking step (JavaScript: %s)",
    async (javaScript) => {
      const context = await phone(javaScript);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(
        `${relais.server.url}/trouver-de-l-aide?besoin=${encodeURIComponent("aides facultatives")}&lieu=Antony`,
      );
      const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
      expect(heading).toMatch(/autour d'Antony$/);
      expect(await page.locator("main").innerText()).not.toMatch(/CCAS de Antony|de Le /);
      await page
        .locator(".directory-result__title a", { hasText: "Accueil social et aides facultatives" })
        .first()
        .click();
      await page.waitForURL(/\/trouver-de-l-aide\/services\//);
      expect(await page.locator(".directory-service__from a").textContent()).toBe("CCAS d'Antony");
      await page.locator(".directory-booking a").first().click();
      await page.waitForURL(/\/rendez-vous\/creneaux/);
      expect(await page.locator("main").innerText()).toContain("CCAS d'Antony");
      await check(page, javaScript);
      await page.locator(".rdv-day a").first().click();
      await page.waitForURL(/\/rendez-vous\/coordonnees/);
      // Step 4 names the place as steps 2 and 3 do.
      expect(await page.locator(".rdv-summary").innerText()).toContain("CCAS d'Antony");
      expect(await typographyFaults(page)).toEqual([]);
      await check(page, javaScript);
      await page.getByLabel("Nom et prénom").fill("Samia Ben Ali");
      await page.getByLabel("Numéro de téléphone").fill("06 12 34 56 78");
      await page.getByLabel(/J'accepte que le service utilise/).check();
      await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
      await page.waitForURL(/\/rendez-vous\/gerer\//);
      expect(await page.locator("main").innerText()).toContain("CCAS d'Antony");
      expect(await typographyFaults(page)).toEqual([]);
      await check(page, javaScript);
      await context.close();
    },
    180_000,
  );
});

describe("every other resident page: typography, first screen, a way out", () => {
  it.each([true, false])(
    "keeps French spacing and passes axe on the home, booking, manage, legal, sign-in and error pages (JavaScript: %s)",
    async (javaScript) => {
      const context = await phone(javaScript);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const base = relais.server.url;
      const seen: Record<string, string[]> = {};
      const look = async (label: string) => {
        seen[label] = await typographyFaults(page);
        await check(page, javaScript);
      };
      for (const path of [
        "/",
        "/trouver-de-l-aide",
        "/trouver-de-l-aide?besoin=aide+alimentaire&lieu=Antony&ouvert=1",
        "/accessibilite",
        "/mentions-legales",
        "/donnees-personnelles",
        "/plan-du-site",
        "/connexion",
        "/mot-de-passe-oublie",
      ]) {
        await page.goto(`${base}${path}`);
        await look(path);
      }
      // The search form: « Rechercher » on the first screen (it was at 760 px),
      // theme and distance behind « Plus de critères ».
      await page.goto(`${base}/trouver-de-l-aide`);
      expect(await topOf(page.getByRole("button", { name: "Rechercher" }))).toBeLessThan(
        PHONE.height,
      );
      expect(await page.getByLabel("Thème").isVisible()).toBe(false);
      await page.getByText("Plus de critères").click();
      expect(await page.getByLabel("Thème").isVisible()).toBe(true);

      // The home page: all four things a resident can do start within two screens,
      // the first one on the first screen.
      await page.goto(base);
      const cards = page.locator(".home-actions .card__title");
      expect(await topOf(cards.first())).toBeLessThan(PHONE.height / 2);
      expect(await topOf(cards.nth(2))).toBeLessThan(PHONE.height);

      // Booking, confirmation and the manage link's pages.
      await bookNearestSst(page, base, {
        from: "Antony",
        name: "Samia Ben Ali",
        phone: "06 12 34 56 78",
        onPage: async (step) => look(`réservation : ${step}`),
      });
      await page.getByRole("link", { name: "Annuler le rendez-vous" }).click();
      await page.waitForURL(/\/annuler\?/);
      await look("annuler");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(
        "Annuler mon rendez-vous\u202f?",
      );

      // An error page in plain French, with a way out and a number to call.
      const missing = await page.goto(`${base}/trouver-de-l-aide/services/inconnu`);
      expect(missing?.status()).toBe(404);
      await look("404");
      expect(await page.getByRole("link", { name: "Revenir à l'accueil" }).count()).toBe(1);
      expect(await page.getByRole("link", { name: "Trouver un lieu d'aide" }).count()).toBe(1);
      expect(await page.locator('main a[href^="tel:"]').count()).toBe(1);

      expect(
        Object.fromEntries(Object.entries(seen).filter(([, faults]) => faults.length > 0)),
      ).toEqual({});
      await context.close();
    },
    180_000,
  );
});
