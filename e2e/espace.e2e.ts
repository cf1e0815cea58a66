// Issue 15's « Done when », as a person lives it on a phone (360 px), axe on
// every page: book an appointment, sign in to « Mon espace » with a code
// received by e-mail, find the appointment, keep an avis d'imposition, share
// it with the référent for 30 days, see the référent open it in « Qui a
// consulté mes données », revoke the share, download all one's data.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtpServer, type TestSmtpServer } from "../src/test/smtp.ts";
import {
  bookNearestSst,
  codeFromMailbox,
  confirmWithCode,
  expectAccessible,
  expectFitsWidth,
  PHONE,
  residentSignIn,
  signedInPage,
  withRelais,
} from "./harness.ts";

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});
const relais = withRelais(3115, undefined, () => ({ SMTP_URL: smtp.url }));

const EMAIL = "nadia.haddad@exemple.fr";

async function check(page: Page): Promise<void> {
  await expectAccessible(page);
  await expectFitsWidth(page);
}

/** The last code mailed to the person, as their mailbox shows it. */
/** A fresh code, when the space asks for one before a sensitive action. */
async function confirmIfAsked(page: Page): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith("/mon-espace/verifier")) return;
  await check(page);
  await confirmWithCode(page, smtp, EMAIL);
}

/** A link of the space's own menu. */
function section(page: Page, name: string) {
  return page
    .getByRole("navigation", { name: "Mon espace" })
    .getByRole("link", { name, exact: true });
}

describe("Mon espace: from a booking to the download of all one's data", () => {
  it("tells the whole story on a phone", async () => {
    const base = relais.server.url;
    const person = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await person.newPage();
    page.setDefaultTimeout(15_000);

    // 1. The person books an appointment at the SST de Nanterre, with their e-mail.
    const booked = await bookNearestSst(page, base, {
      from: "Nanterre",
      name: "Nadia Haddad",
      email: EMAIL,
    });
    expect(booked.place).toBe("SST de Nanterre");

    // 2. « Mon espace »: no password, a code by e-mail.
    // On a phone the site's links are folded behind « Menu ».
    await page.getByText("Menu", { exact: true }).click();
    await page.getByRole("link", { name: "Mon espace" }).first().click();
    await page.waitForURL(`${base}/mon-espace`);
    await check(page);
    await page.getByRole("link", { name: "Me connecter avec un code" }).click();
    await check(page);
    const before = smtp.received.length;
    await page.getByLabel("Votre numéro de portable ou votre adresse électronique").fill(EMAIL);
    await page.getByRole("button", { name: "Recevoir un code" }).click();
    await page.waitForURL(/\/mon-espace\/connexion\/code/);
    await check(page);
    await page.getByLabel("Code reçu").fill(await codeFromMailbox(smtp, EMAIL, before));
    await page.getByRole("button", { name: "Valider le code" }).click();
    await page.waitForURL(/\/mon-espace\?bienvenue=1/);
    await check(page);

    // 3. The appointment is there.
    await section(page, "Mes rendez-vous").click();
    await page.waitForURL(`${base}/mon-espace/rendez-vous`);
    await check(page);
    const appointments = (await page.locator("main").textContent()) ?? "";
    expect(appointments).toContain("SST de Nanterre");
    expect(appointments).toContain("Annuler ce rendez-vous");

    // 4. An avis d'imposition, from the phone's files (or camera).
    await section(page, "Mes documents").click();
    await check(page);
    await page.getByLabel("Nom du document").fill("Avis d'imposition 2026");
    await page.getByLabel("Catégorie").selectOption("ressources");
    await page.getByLabel(/Date de fin de validité/).fill("2027-08-31");
    await page.getByLabel("Le fichier, ou une photo du document").setInputFiles({
      name: "avis.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(300 * 1024, 0x20)]),
    });
    await page.getByRole("button", { name: "Enregistrer le document" }).click();
    await page.waitForURL(/\/mon-espace\/documents\?ajoute=1/);
    await check(page);

    // 5. The référent opens a record for the person and links it to the space.
    const pro = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const worker = await signedInPage(pro, relais.server.url, "ts@demo.relais.test");
    await worker.goto(`${base}/pro/dossiers/nouveau`);
    await worker.getByLabel("Nom", { exact: true }).fill("Haddad");
    await worker.getByLabel("Prénom").fill("Nadia");
    await worker.getByLabel("Date de naissance").fill("1988-09-14");
    await worker.getByLabel(/La personne accepte que sa situation soit suivie/).check();
    await worker.getByRole("button", { name: "Ouvrir le dossier" }).click();
    await worker.waitForURL(/\/pro\/dossiers\/[0-9a-f-]{36}$/);
    const recordUrl = worker.url();
    await worker.getByRole("link", { name: /Espace personnel de la personne/ }).click();
    await worker.waitForURL(`${recordUrl}/espace`);
    await check(worker);
    await worker
      .getByLabel("Numéro de portable ou adresse électronique de la personne")
      .fill(EMAIL);
    await worker.getByLabel(/J'ai vérifié avec la personne/).check();
    await worker.getByRole("button", { name: "Relier le dossier à son espace" }).click();
    await worker.waitForURL(/\/espace\?relie=1/);
    await check(worker);

    // 6. The person shares the avis with the référent's structure for 30 days.
    await page.getByRole("link", { name: "Avis d'imposition 2026" }).click();
    await check(page);
    await page.getByLabel("Avec qui").selectOption({ label: "SST de Nanterre" });
    await page.getByLabel("Pour quoi faire").selectOption("demande");
    await page.getByLabel("Pendant combien de temps").selectOption("30");
    await page.getByRole("button", { name: "Partager", exact: true }).click();
    await confirmIfAsked(page);
    if (!page.url().includes("partage=1")) {
      await page.getByLabel("Avec qui").selectOption({ label: "SST de Nanterre" });
      await page.getByRole("button", { name: "Partager", exact: true }).click();
    }
    await page.waitForURL(/partage=1/);
    await check(page);

    // 7. The référent sees it in the record and opens it.
    await worker.goto(`${recordUrl}/espace`);
    await check(worker);
    const link = worker.getByRole("link", { name: "Avis d'imposition 2026" });
    const href = (await link.getAttribute("href")) ?? "";
    const opened = await pro.request.get(`${base}${href}`);
    expect(opened.status()).toBe(200);
    expect((await opened.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // 8. « Qui a consulté mes données »: the référent's opening, with structure and role.
    await section(page, "Qui a consulté mes données").click();
    await check(page);
    const history = (await page.locator("main").textContent()) ?? "";
    expect(history).toContain("ouverture d'un document que vous avez partagé");
    expect(history).toContain("SST de Nanterre");
    expect(history).toContain("Travailleur social");

    // The person also sees which structure sees their record (and may withdraw).
    await section(page, "Qui voit mon dossier").click();
    await check(page);
    expect(await page.locator("main").textContent()).toContain(
      "SST de Nanterre voit votre dossier",
    );

    // 9. The person stops the share: the référent can no longer open it.
    await section(page, "Mes partages").click();
    await check(page);
    await page.getByRole("button", { name: /Arrêter ce partage/ }).click();
    await page.waitForURL(/retire=1/);
    await check(page);
    expect((await pro.request.get(`${base}${href}`)).status()).toBe(404);

    // 10. All their data, in one file.
    await section(page, "Mes données").click();
    await check(page);
    const json = await person.request.get(`${base}/mon-espace/mes-donnees/export.json`, {
      maxRedirects: 0,
    });
    if (json.status() === 303) {
      await page.goto(`${base}/mon-espace/mes-donnees/export.json`).catch(() => undefined);
      await confirmIfAsked(page);
    }
    const exported = await person.request.get(`${base}/mon-espace/mes-donnees/export.json`);
    expect(exported.status()).toBe(200);
    const data = (await exported.json()) as { documents: { title: string }[]; shares: unknown[] };
    expect(data.documents.map((d) => d.title)).toEqual(["Avis d'imposition 2026"]);
    expect(data.shares).toHaveLength(1);

    await pro.close();
    await person.close();
  }, 180_000);

  it("signs in and keeps a document without JavaScript", async () => {
    const base = relais.server.url;
    const context = await relais.browser.newContext({
      viewport: PHONE,
      locale: "fr-FR",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await residentSignIn(page, base, smtp, EMAIL);
    await page.goto(`${base}/mon-espace/documents`);
    await page.getByLabel("Nom du document").fill("Attestation de domicile");
    await page.getByLabel("Catégorie").selectOption("logement");
    await page.getByLabel("Le fichier, ou une photo du document").setInputFiles({
      name: "photo.jpg",
      mimeType: "image/jpeg",
      buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(50_000, 7)]),
    });
    await page.getByRole("button", { name: "Enregistrer le document" }).click();
    await page.waitForURL(/ajoute=1/);
    expect(await page.locator("main").textContent()).toContain("Attestation de domicile");
    await context.close();
  });
});
