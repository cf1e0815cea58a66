// Issue 15's last parts, as people live them on a phone (360 × 640), axe on
// every page: the page's first useful line above the fold; a second e-mail
// proved by a code; a correction request, answered by the département's DPO;
// a mandate under which a helper downloads the person's document, written in
// her history; the readable export. Then the same person without JavaScript.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtpServer, type TestSmtpServer } from "../src/test/smtp.ts";
import {
  codeFromMailbox,
  confirmWithCode,
  expectAccessible,
  expectFitsWidth,
  PHONE,
  residentSignIn,
  signIn,
  withRelais,
} from "./harness.ts";

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});
const relais = withRelais(3130, undefined, () => ({ SMTP_URL: smtp.url }));

const PERSON = "odile.martin@exemple.fr";
const SECOND = "odile.travail@exemple.fr";
const HELPER = "karim.aidant@exemple.fr";
const NO_SCRIPT = "sans.script@exemple.fr";

async function check(page: Page): Promise<void> {
  await expectAccessible(page);
  await expectFitsWidth(page);
}

/** The page's first heading and first paragraph start within the first screen of a phone. */
async function expectAboveTheFold(page: Page): Promise<void> {
  const h1 = await page.locator("main h1").boundingBox();
  const first = await page.locator("main h1 ~ *").first().boundingBox();
  expect(h1?.y ?? 9999).toBeLessThan(PHONE.height);
  expect(first?.y ?? 9999).toBeLessThan(PHONE.height);
}

async function spacePage(context: BrowserContext, email: string, axe = true): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await residentSignIn(page, relais.server.url, smtp, email, axe ? check : undefined);
  return page;
}

/** A fresh code before a sensitive action, asked for on purpose (the story may be slow). */
async function confirmNow(page: Page, email: string, back: string): Promise<void> {
  await page.goto(`${relais.server.url}/mon-espace/verifier?retour=${encodeURIComponent(back)}`);
  await check(page);
  await confirmWithCode(page, smtp, email);
}

function section(page: Page, name: string) {
  return page
    .getByRole("navigation", { name: "Mon espace" })
    .getByRole("link", { name, exact: true });
}

describe("Mon espace, the last parts, on a phone", () => {
  it("adds a contact, asks a correction, lets a helper act, exports", async () => {
    const base = relais.server.url;
    const person = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await spacePage(person, PERSON);
    await check(page);
    await expectAboveTheFold(page);

    // A second e-mail, proved by its own code.
    await page.getByRole("link", { name: "Gérer mes coordonnées" }).click();
    await page.waitForURL(`${base}/mon-espace/coordonnees`);
    await check(page);
    await expectAboveTheFold(page);
    const before = smtp.received.length;
    await page.getByLabel("Numéro de portable ou adresse électronique").fill(SECOND);
    await page.getByRole("button", { name: "Recevoir un code" }).click();
    await page.waitForURL(/\/mon-espace\/coordonnees\/code/);
    await check(page);
    await page.getByLabel("Code reçu").fill(await codeFromMailbox(smtp, SECOND, before));
    await page.getByRole("button", { name: "Valider le code" }).click();
    await page.waitForURL(/\/mon-espace\/coordonnees\?ajoute=1/);
    await check(page);
    expect(await page.locator("main").textContent()).toContain("od…@exemple.fr");

    // A document, to be downloaded by the helper later.
    await section(page, "Mes documents").click();
    await page.waitForURL(`${base}/mon-espace/documents`);
    await check(page);
    await expectAboveTheFold(page);
    await page.getByLabel("Nom du document").fill("Attestation CAF");
    await page.getByLabel("Catégorie").selectOption("ressources");
    await page.getByLabel("Le fichier, ou une photo du document").setInputFiles({
      name: "attestation.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(4_000, 0x20)]),
    });
    await page.getByRole("button", { name: "Enregistrer le document" }).click();
    await page.waitForURL(/\/mon-espace\/documents\?ajoute=1/);
    await check(page);

    // A correction: no record is linked, so it goes to the département.
    await section(page, "Mes données").click();
    await check(page);
    await page.getByRole("link", { name: "Demander une correction" }).click();
    await page.waitForURL(`${base}/mon-espace/corrections`);
    await check(page);
    await expectAboveTheFold(page);
    expect(await page.locator("main").textContent()).toContain("votre demande va au Département");
    await page.getByLabel("Qu'est-ce qui est faux ?").selectOption("identite");
    await page
      .getByLabel("Ce qui est faux, et ce qui serait juste")
      .fill("Mon prénom s'écrit Odile, pas Odille.");
    await page.getByRole("button", { name: "Envoyer ma demande" }).click();
    await page.waitForURL(/\/mon-espace\/corrections\?envoyee=1/);
    await check(page);
    expect(await page.locator("main").textContent()).toContain("Envoyée le");

    // The département's DPO answers it.
    const office = await relais.browser.newContext({ locale: "fr-FR" });
    const dpo = await office.newPage();
    dpo.setDefaultTimeout(15_000);
    await signIn(dpo, base, "dpo@demo.relais.test");
    await dpo.getByRole("link", { name: "Demandes de correction" }).click();
    await dpo.waitForURL(`${base}/pro/demandes-de-correction`);
    await expectAccessible(dpo);
    await dpo
      .getByLabel("Votre réponse à la personne")
      .fill("C'est corrigé : votre prénom est Odile.");
    await dpo.getByRole("button", { name: "Marquer comme traitée" }).click();
    await dpo.waitForURL(/traitee=1/);
    await office.close();
    await page.reload();
    await check(page);
    const answered = (await page.locator("main").textContent()) ?? "";
    expect(answered).toContain("Traitée le");
    expect(answered).toContain("C'est corrigé : votre prénom est Odile.");

    // A mandate: the helper may see and download the documents.
    await confirmNow(page, PERSON, "/mon-espace/mandats");
    await page.waitForURL(`${base}/mon-espace/mandats`);
    await check(page);
    await page.getByLabel("Votre prénom, tel que la personne aidante vous connaît").fill("Odile");
    await page.getByLabel("Nom de la personne aidante").fill("Karim");
    await page.getByLabel("Son portable ou son adresse électronique").fill(HELPER);
    await page.getByLabel("voir et télécharger mes documents").check();
    await page.getByRole("button", { name: "Donner ce mandat" }).click();
    await page.waitForURL(/\/mon-espace\/mandats\?donne=1/);
    await check(page);

    const helperContext = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const helper = await spacePage(helperContext, HELPER, false);
    await section(helper, "Mandats").click();
    await helper.getByRole("link", { name: "Agir pour Odile" }).click();
    await check(helper);
    await helper.getByRole("link", { name: "Ses documents" }).click();
    await check(helper);
    const download = helper.waitForEvent("download");
    await helper.getByRole("link", { name: "Télécharger « Attestation CAF »" }).click();
    expect((await download).suggestedFilename()).toContain("attestation");
    await helperContext.close();

    // In her history, as the helper's, for her.
    await section(page, "Qui a consulté mes données").click();
    await check(page);
    const history = (await page.locator("main").textContent()) ?? "";
    expect(history).toContain("Karim (personne aidante, par votre mandat)");
    expect(history).toContain("téléchargement d'un de vos documents, pour vous (mandat)");
    expect(history).toContain("contact ajouté à votre espace");

    // The readable export, with the mandate and the correction in it.
    await confirmNow(page, PERSON, "/mon-espace/mes-donnees");
    await page.waitForURL(`${base}/mon-espace/mes-donnees`);
    await check(page);
    const pdf = page.waitForEvent("download");
    await page.getByRole("link", { name: /Télécharger en PDF/ }).click();
    expect((await pdf).suggestedFilename()).toBe("mon-espace-relais.pdf");
    await person.close();
  }, 300_000);

  it("works without JavaScript: coordinates, a correction", async () => {
    const base = relais.server.url;
    const context = await relais.browser.newContext({
      viewport: PHONE,
      locale: "fr-FR",
      javaScriptEnabled: false,
    });
    // axe runs in the page, so not here: the same pages were checked above.
    const page = await spacePage(context, NO_SCRIPT, false);
    await page.goto(`${base}/mon-espace/coordonnees`);
    expect(await page.locator("main").textContent()).toContain("C'est votre seul moyen d'entrer");
    await page.goto(`${base}/mon-espace/corrections`);
    await page.getByLabel("Qu'est-ce qui est faux ?").selectOption("contact");
    await page.getByLabel("Ce qui est faux, et ce qui serait juste").fill("abc");
    await page.getByRole("button", { name: "Envoyer ma demande" }).click();
    // Checked by the server: too short to say what is wrong.
    await expect.poll(() => page.title(), { timeout: 15_000 }).toMatch(/^Erreur/);
    await page.getByLabel("Ce qui est faux, et ce qui serait juste").fill("Mon numéro a changé.");
    await page.getByRole("button", { name: "Envoyer ma demande" }).click();
    await page.waitForURL(/envoyee=1/);
    // The mandate page says plainly that online procedures do not exist yet.
    await page.goto(`${base}/mon-espace/mandats`);
    expect(await page.locator("main").textContent()).toContain("n'existent pas encore dans Relais");
    await context.close();
  }, 180_000);
});
