import { describe, expect, it } from "vitest";
import { parisToDate } from "../src/platform/time/paris.ts";
import {
  clockFrom,
  expectAccessible,
  expectFitsWidth,
  PHONE,
  signIn,
  withRelais,
} from "./harness.ts";

// Monday 7 December 2026, 08:00 in Paris: the same week's slots whatever day the suite runs.
const relais = withRelais(3103, clockFrom(parisToDate("2026-12-07", "08:00")));

describe("a resident books an appointment on a phone, then cancels it", () => {
  it("books a slot at the SST de Nanterre, sees the confirmation, and cancels with the link", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(relais.server.url);
    await page.getByRole("link", { name: "Prendre rendez-vous" }).first().click();
    await page.waitForURL(`${relais.server.url}/rendez-vous`);
    await expectAccessible(page);
    await expectFitsWidth(page);

    // Step 1: « où ? »; step 2: a motif at the SST de Nanterre.
    await page.getByLabel("Votre commune ou votre code postal").fill("Nanterre");
    await page.getByRole("button", { name: "Voir les lieux les plus proches" }).click();
    await page.waitForURL(/\/rendez-vous\?ou=/);
    await expectAccessible(page);
    const nanterre = page.locator(".rdv-place", {
      has: page.getByRole("heading", { name: "SST de Nanterre" }),
    });
    await nanterre.locator(".rdv-motif-link").first().click();
    await page.waitForURL(/\/rendez-vous\/creneaux/);
    await expectAccessible(page);
    await expectFitsWidth(page);

    // Step 3: the first free slot; step 4: who to reach.
    const firstSlot = page.locator(".rdv-day a").first();
    const slotLabel = (await firstSlot.getAttribute("aria-label")) ?? "";
    expect(slotLabel).toMatch(/ à \d{2} h \d{2}$/);
    await firstSlot.click();
    await page.waitForURL(/\/rendez-vous\/coordonnees/);
    await expectAccessible(page);

    // A wrong phone number first: a French error tied to its field, nothing booked.
    await page.getByLabel("Nom et prénom").fill("Samia Ben Ali");
    await page.getByLabel("Numéro de téléphone").fill("123");
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await expect.poll(() => page.locator(".field__error").first().textContent()).toBeTruthy();
    await expectAccessible(page);

    await page.getByLabel("Numéro de téléphone").fill("06 12 34 56 78");
    // The consent box is never ticked in advance (RGPD): the person ticks it.
    await page.getByLabel(/J'accepte que le service utilise/).check();
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.waitForURL(/\/rendez-vous\/gerer\//);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Votre rendez-vous est confirmé",
    );
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.getByRole("link", { name: "Annuler le rendez-vous" }).click();
    await page.getByRole("button", { name: "Oui, annuler le rendez-vous" }).click();
    await expect.poll(() => page.textContent("main")).toContain("Votre rendez-vous est annulé");
    await expectAccessible(page);
    await context.close();
  });

  it("books without JavaScript", async () => {
    const context = await relais.browser.newContext({
      viewport: PHONE,
      locale: "fr-FR",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${relais.server.url}/rendez-vous?ou=92000`);
    await page.locator(".rdv-motif-link").first().click();
    await page.locator(".rdv-day a").first().click();
    await page.getByLabel("Nom et prénom").fill("Paul Durand");
    await page.getByLabel("Adresse électronique").fill("paul.durand@exemple.fr");
    await page.getByLabel(/J'accepte que le service utilise/).check();
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.waitForURL(/\/rendez-vous\/gerer\//);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Votre rendez-vous est confirmé",
    );
    await context.close();
  });
});

describe("an agent d'accueil books by phone for someone", () => {
  it("books in a few clicks, and the confirmation waits in the outbox", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, relais.server.url, "accueil@demo.relais.test");
    await page.goto(`${relais.server.url}/pro/rendez-vous/prendre`);
    await expectAccessible(page);
    await page.locator(".rdv-motifs a").first().click();
    await page.waitForURL(/\/pro\/rendez-vous\/prendre\/creneaux/);
    await expectAccessible(page);
    await page.locator(".rdv-day a").first().click();
    await page.waitForURL(/\/pro\/rendez-vous\/prendre\/coordonnees/);
    await expectAccessible(page);
    await page.getByLabel("Nom et prénom").fill("Jeanne Lambert");
    await page.getByLabel("Adresse électronique").fill("jeanne.lambert@exemple.fr");
    await page.getByRole("button", { name: "Réserver" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/coordonnees"));
    expect(await page.textContent("main")).toContain("Jeanne Lambert");
    await expectAccessible(page);
    await context.close();

    const admin = await relais.browser.newContext({ locale: "fr-FR" });
    const adminPage = await admin.newPage();
    await signIn(adminPage, relais.server.url, "admin@demo.relais.test");
    await adminPage.goto(`${relais.server.url}/admin/courriels`);
    expect(await adminPage.textContent("main")).toContain("jeanne.lambert@exemple.fr");
    await admin.close();
  });
});

describe("a responsable de structure plans a collective session and reads the figures", () => {
  it("adds a session without JavaScript on a phone, sees it listed, and reads the figures per place", async () => {
    // Without JavaScript: the form alone.
    const plain = await relais.browser.newContext({
      viewport: PHONE,
      locale: "fr-FR",
      javaScriptEnabled: false,
    });
    const form = await plain.newPage();
    await signIn(form, relais.server.url, "responsable@demo.relais.test");
    await form.goto(`${relais.server.url}/pro/rendez-vous/configuration/seances`);
    const inTwoWeeks = "2026-12-22"; // 15 days after the pinned clock
    await form.getByLabel("Date").fill(inTwoWeeks);
    await form.getByLabel("Heure de début").fill("10:00");
    await form.getByLabel("Nombre de places").fill("9");
    await form.getByRole("button", { name: "Ajouter la séance" }).click();
    await form.waitForLoadState("domcontentloaded");
    expect(await form.textContent("main")).toContain("Séance ajoutée");
    expect(await form.textContent("main")).toContain("0 inscrits sur 9 places.");
    await plain.close();

    // With JavaScript, for axe: the same pages, on a phone.
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, relais.server.url, "responsable@demo.relais.test");
    await page.goto(`${relais.server.url}/pro/rendez-vous/configuration/seances?ajoutee=1`);
    expect(await page.textContent("main")).toContain("0 inscrits sur 9 places.");
    await expectAccessible(page);
    await expectFitsWidth(page);
    await page.goto(`${relais.server.url}/pro/rendez-vous/statistiques`);
    expect(await page.getByRole("table", { name: "Par lieu" }).count()).toBe(1);
    await expectAccessible(page);
    await expectFitsWidth(page);
    await context.close();
  });
});
