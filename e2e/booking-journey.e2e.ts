import type { Page } from "playwright-core";
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

// Issue 17: a resident on a 360 × 640 phone goes from the home page to a
// booked appointment at the nearest SST in under 8 taps, then cancels it.
// The server's clock starts on Monday 7 December 2026 at 08:00 in Paris, so
// that the week's slots are the same whatever day the suite runs.
const relais = withRelais(3117, clockFrom(parisToDate("2026-12-07", "08:00")));

/** Taps: clicks on a link, a button or a box (typing in a field is counted apart). */
function counter(page: Page) {
  const journey = { taps: 0, typed: 0, screens: [] as { path: string; screens: number }[] };
  return {
    journey,
    async tap(target: ReturnType<Page["locator"]>) {
      journey.taps++;
      await target.click();
    },
    async check(target: ReturnType<Page["locator"]>) {
      journey.taps++;
      await target.check();
    },
    async type(target: ReturnType<Page["locator"]>, text: string) {
      journey.typed++;
      await target.fill(text);
    },
    /** Screens of 640 px the page is tall, and axe, and no sideways scroll. */
    async look(withAxe = true) {
      await page.waitForLoadState("domcontentloaded");
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      journey.screens.push({
        path: new URL(page.url()).pathname,
        screens: Math.round((height / PHONE.height) * 10) / 10,
      });
      if (withAxe) {
        await expectAccessible(page);
        await expectFitsWidth(page);
      }
    },
  };
}

async function bookAtNearestSst(page: Page, withAxe: boolean) {
  const story = counter(page);
  await page.goto(relais.server.url);
  await story.look(withAxe);
  await story.tap(page.getByRole("link", { name: "Prendre rendez-vous" }).first());
  await page.waitForURL(`${relais.server.url}/rendez-vous`);
  // « Où ? »: Rueil-Malmaison has no SST; the nearest is Nanterre's.
  const booked = await bookNearestSst(page, relais.server.url, {
    from: "Rueil-Malmaison",
    name: "Samia Ben Ali",
    phone: "06 12 34 56 78",
    tap: story.tap,
    check: story.check,
    type: story.type,
    async onPage(step) {
      await story.look(withAxe);
      if (step === "places") {
        const titles = await page.locator(".rdv-place .card__title").allTextContents();
        expect(titles[0]).toBe("CCAS de Rueil-Malmaison");
      }
      // One name for the place: the same as in the list.
      if (step === "slots" || step === "details") {
        expect(await page.textContent("main")).toContain("SST de Nanterre");
      }
    },
  });
  expect(booked.place).toBe("SST de Nanterre");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
    "Votre rendez-vous est confirmé",
  );
  return story;
}

async function headerHeight(page: Page): Promise<number> {
  const box = await page.locator("header.site-header").boundingBox();
  return Math.round(box?.height ?? Number.NaN);
}

describe("a resident books at the nearest SST from a commune, on a phone", () => {
  it("books in under 8 taps, with axe on every page, then cancels after a confirmation", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    const story = await bookAtNearestSst(page, true);
    expect(story.journey.taps).toBeLessThan(8);

    // The confirmation: address, phone, what to bring, directions, calendar, the link explained.
    const main = (await page.textContent("main")) ?? "";
    expect(main).toContain("SST de Nanterre");
    expect(main).toContain("À apporter");
    expect(main).toContain("Une pièce d'identité ou un titre de séjour");
    expect(main).toContain("Cette page est votre lien personnel");
    expect(await page.locator('.rdv-details a[href^="tel:+33199"]').count()).toBe(1);
    // The first slot is less than 48 hours ahead: no « Déplacer » button, but
    // the reason and the number to call.
    expect(await page.getByRole("link", { name: "Déplacer le rendez-vous" }).count()).toBe(0);
    expect(await page.locator(".rdv-cannot-move").textContent()).toContain("appelez le");
    expect(await page.locator('.rdv-cannot-move a[href^="tel:+33199"]').count()).toBe(1);
    expect(await page.locator('a[href^="geo:"]').count()).toBe(1);
    expect(await page.locator('a[href^="https://www.openstreetmap.org/"]').count()).toBe(1);
    const ics = await page.getByRole("link", { name: /Ajouter à mon agenda/ }).getAttribute("href");
    const file = await page.request.get(`${relais.server.url}${ics}`);
    expect(file.headers()["content-type"]).toContain("text/calendar");
    expect(await file.text()).toMatch(/SUMMARY:Rendez-vous : /);

    // Cancelling asks first, then offers to book again.
    await page.getByRole("link", { name: "Annuler le rendez-vous" }).click();
    await page.waitForURL(/\/annuler\?/);
    await expectAccessible(page);
    await expectFitsWidth(page);
    await page.getByRole("button", { name: "Oui, annuler le rendez-vous" }).click();
    await expect.poll(() => page.textContent("main")).toContain("Votre rendez-vous est annulé");
    await expectAccessible(page);
    expect(await page.getByRole("link", { name: "Reprendre un rendez-vous" }).count()).toBe(1);

    console.info(
      `booking journey (with JavaScript): ${JSON.stringify({ taps: story.journey.taps, typed: story.journey.typed, screens: story.journey.screens })}`,
    );
    await context.close();
  });

  it("does the same without JavaScript", async () => {
    const context = await relais.browser.newContext({
      viewport: PHONE,
      locale: "fr-FR",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    const story = await bookAtNearestSst(page, false);
    expect(story.journey.taps).toBeLessThan(8);
    await page.getByRole("link", { name: "Annuler le rendez-vous" }).click();
    await page.getByRole("button", { name: "Oui, annuler le rendez-vous" }).click();
    await page.waitForURL(/annule=1/);
    expect(await page.textContent("main")).toContain("Votre rendez-vous est annulé");
    console.info(`booking journey (without JavaScript): taps ${story.journey.taps}`);
    await context.close();
  });
});

describe("everywhere: the header leaves the page its first screen", () => {
  it("keeps the header under 80 px at 360 × 640, the menu behind « Menu », without JavaScript too", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await relais.browser.newContext({
        viewport: PHONE,
        locale: "fr-FR",
        javaScriptEnabled,
      });
      const page = await context.newPage();
      const heights: Record<string, number> = {};
      for (const path of [
        "/",
        "/rendez-vous",
        "/trouver-de-l-aide",
        "/mes-droits",
        "/accessibilite",
      ]) {
        await page.goto(`${relais.server.url}${path}`);
        heights[path] = await headerHeight(page);
        expect(heights[path], path).toBeLessThanOrEqual(80);
        // The page's title starts on the first screen.
        const h1 = await page.getByRole("heading", { level: 1 }).boundingBox();
        expect(h1?.y ?? 999, path).toBeLessThan(PHONE.height / 2);
      }
      // The menu opens with a tap on « Menu » and its links are then reachable.
      await page.goto(relais.server.url);
      expect(await page.getByRole("link", { name: "Mes droits", exact: true }).count()).toBe(0);
      await page.getByText("Menu", { exact: true }).click();
      await page.getByRole("link", { name: "Mes droits", exact: true }).click();
      await page.waitForURL(`${relais.server.url}/mes-droits`);
      // Checkboxes and radios are at least 24 × 24 px (WCAG 2.2, 2.5.8).
      await page.goto(`${relais.server.url}/trouver-de-l-aide`);
      for (const box of await page.locator('input[type="checkbox"], input[type="radio"]').all()) {
        const size = await box.boundingBox();
        if (!size) continue;
        expect(size.width).toBeGreaterThanOrEqual(24);
        expect(size.height).toBeGreaterThanOrEqual(24);
      }
      console.info(
        `header height at 360 × 640 (${javaScriptEnabled ? "with" : "without"} JavaScript): ${JSON.stringify(heights)}`,
      );
      await context.close();
    }
  });

  it("gives the Département's number on the home page", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(relais.server.url);
    expect(await page.locator('main a[href^="tel:"]').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await context.close();
  });
});
