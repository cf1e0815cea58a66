// Mandates in « Mon espace », on a phone (360 px), axe on every page: the
// person grants a helper their appointments, the helper signs in with their
// own code and sees the person's appointments but not their documents, the
// person revokes the mandate and the helper's way in closes at once.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtpServer, type TestSmtpServer } from "../src/test/smtp.ts";
import {
  bookNearestSst,
  expectAccessible,
  expectFitsWidth,
  PHONE,
  residentSignIn,
  withRelais,
} from "./harness.ts";

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});
const relais = withRelais(3123, undefined, () => ({ SMTP_URL: smtp.url }));

const PERSON = "odile.mercier@exemple.fr";
const HELPER = "samir.benali@exemple.fr";

async function check(page: Page): Promise<void> {
  await expectAccessible(page);
  await expectFitsWidth(page);
}

function section(page: Page, name: string) {
  return page
    .getByRole("navigation", { name: "Mon espace" })
    .getByRole("link", { name, exact: true });
}

describe("Mandats: a helper acts for the person on their appointments only", () => {
  it("grants, acts, revokes", async () => {
    const base = relais.server.url;
    const personContext = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await personContext.newPage();
    page.setDefaultTimeout(15_000);

    // The person books an appointment with their e-mail, signs in, keeps a document.
    const booked = await bookNearestSst(page, base, {
      from: "Nanterre",
      name: "Odile Mercier",
      email: PERSON,
    });
    expect(booked.place).toBe("SST de Nanterre");
    await residentSignIn(page, relais.server.url, smtp, PERSON, check);
    // « Mon accompagnement » with no record linked yet: plain words, nothing shown.
    await section(page, "Mon accompagnement").click();
    await check(page);
    expect(await page.locator("main").textContent()).toContain("Aucun suivi n'est relié");
    await section(page, "Mes documents").click();
    await page.getByLabel("Nom du document").fill("Titre de séjour");
    await page.getByLabel("Catégorie").selectOption("identite");
    await page.getByLabel("Le fichier, ou une photo du document").setInputFiles({
      name: "titre.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(10 * 1024, 0x20)]),
    });
    await page.getByRole("button", { name: "Enregistrer le document" }).click();
    await page.waitForURL(/\/mon-espace\/documents\?ajoute=1/);

    // She gives Samir a mandate for her appointments, for a month.
    await section(page, "Mandats").click();
    await page.waitForURL(`${base}/mon-espace/mandats`);
    await check(page);
    await page.getByLabel("Votre prénom, tel que la personne aidante vous connaît").fill("Odile");
    await page.getByLabel("Nom de la personne aidante").fill("Samir, mon voisin");
    await page.getByLabel("Son portable ou son adresse électronique").fill(HELPER);
    await page.getByLabel("mes rendez-vous").check();
    await page.getByLabel("Pendant combien de temps").selectOption("30");
    await page.getByRole("button", { name: "Donner ce mandat" }).click();
    await page.waitForURL(/\/mon-espace\/mandats\?donne=1/);
    await check(page);
    expect(await page.locator("main").textContent()).toContain("Samir, mon voisin");

    // Samir signs in with his own code and acts for Odile.
    const helperContext = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const helper = await helperContext.newPage();
    helper.setDefaultTimeout(15_000);
    await residentSignIn(helper, relais.server.url, smtp, HELPER, check);
    await section(helper, "Mandats").click();
    await check(helper);
    await helper.getByRole("link", { name: "Agir pour Odile" }).click();
    await helper.waitForURL(/\/mon-espace\/pour\/[0-9a-f-]{36}$/);
    await check(helper);
    const actingUrl = helper.url();
    expect(await helper.getByRole("link", { name: "Ses documents" }).count()).toBe(0);
    await helper.getByRole("link", { name: "Ses rendez-vous" }).click();
    await check(helper);
    expect(await helper.locator("main").textContent()).toContain("SST de Nanterre");
    const documents = await helper.goto(`${actingUrl}/documents`);
    expect(documents?.status()).toBe(403);
    expect(await helper.locator("body").textContent()).not.toContain("Titre de séjour");

    // Odile sees it in her history, then revokes the mandate.
    await section(page, "Qui a consulté mes données").click();
    await check(page);
    expect(await page.locator("main").textContent()).toContain("Samir, mon voisin");
    await section(page, "Mandats").click();
    await page.getByRole("button", { name: /Retirer ce mandat/ }).click();
    await page.waitForURL(/\/mon-espace\/mandats\?retire=1/);
    await check(page);

    const after = await helper.goto(`${actingUrl}/rendez-vous`);
    expect(after?.status()).toBe(403);
    expect(await helper.locator("body").textContent()).not.toContain("SST de Nanterre");
    await personContext.close();
    await helperContext.close();
  }, 180_000);
});
