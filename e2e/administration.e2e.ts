import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtpServer, type TestSmtpServer } from "../src/test/smtp.ts";
import {
  expectAccessible,
  expectFitsWidth,
  invitationMailedTo,
  PHONE,
  signIn,
  withRelais,
} from "./harness.ts";

// The invitations travel through a real SMTP server on loopback: the story
// reads each link from the message as it arrived.
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
// The second factor stays off here: e2e/onboarding.e2e.ts tells the same story with it.
const relais = withRelais(3108, undefined, () => ({
  SMTP_URL: smtp.url,
  RELAIS_SECOND_FACTOR_ROLES: "aucun",
}));
afterAll(() => smtp?.close());

async function phoneContext(): Promise<BrowserContext> {
  return relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
}

async function checkPage(page: Page) {
  await expectFitsWidth(page);
  await expectAccessible(page);
}

async function acceptInvitation(context: BrowserContext, link: string, password: string) {
  const page = await context.newPage();
  await page.goto(link);
  await checkPage(page);
  await page.getByLabel("Nouveau mot de passe").fill(password);
  await page.getByLabel("Le même mot de passe, une seconde fois").fill(password);
  await page.getByRole("button", { name: "Activer mon compte" }).click();
  await page.waitForURL(`${relais.server.url}/pro`);
  await checkPage(page);
  return page;
}

describe("onboarding a CCAS", () => {
  it("the admin creates the CCAS and invites its responsable, who invites a worker; each sets a password", async () => {
    // The admin creates the CCAS.
    const adminContext = await phoneContext();
    const admin = await adminContext.newPage();
    await signIn(admin, relais.server.url, "admin@demo.relais.test");
    await admin.getByRole("link", { name: "Organisations" }).click();
    await admin.waitForURL(/\/pro\/administration\/organisations$/);
    await checkPage(admin);
    await admin.getByRole("link", { name: "Créer une organisation" }).click();
    await checkPage(admin);
    await admin.getByLabel("Nom").fill("CCAS de Sceaux — antenne des Blagis");
    await admin.getByLabel("Type d'organisation").selectOption("ccas");
    await admin.getByLabel("Communes desservies").fill("92071");
    await admin.getByRole("button", { name: "Créer l'organisation" }).click();
    await admin.waitForURL(/enregistre=1/);
    expect(await admin.textContent("main")).toContain("Sceaux (92071)");
    await checkPage(admin);

    // … and invites its responsable.
    await admin.getByRole("link", { name: "Comptes et invitations" }).click();
    await checkPage(admin);
    await admin.getByRole("link", { name: "Inviter quelqu'un" }).click();
    await checkPage(admin);
    await admin.getByLabel("Adresse électronique").fill("responsable.sceaux@exemple.fr");
    await admin.getByLabel("Prénom et nom").fill("Rose Martin");
    await admin.getByLabel("Responsable de structure").check();
    await admin.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await admin.waitForURL(/fait=invitation/);
    expect(await admin.textContent("main")).toContain("Rose Martin");
    await checkPage(admin);
    await adminContext.close();

    // The responsable sets a password from the e-mail, then invites a colleague.
    const responsableContext = await phoneContext();
    const responsable = await acceptInvitation(
      responsableContext,
      await invitationMailedTo(smtp, relais.server.url, "responsable.sceaux@exemple.fr"),
      "les mouettes de sceaux chantent",
    );
    expect(await responsable.textContent("main")).toContain(
      "Responsable de structure — CCAS de Sceaux — antenne des Blagis",
    );
    await responsable.getByRole("link", { name: "Comptes de ma structure" }).click();
    await checkPage(responsable);
    await responsable.getByRole("link", { name: "Inviter quelqu'un" }).click();
    await checkPage(responsable);
    expect(await responsable.getByLabel("Administrateur").count()).toBe(0);
    await responsable.getByLabel("Adresse électronique").fill("paul.sceaux@exemple.fr");
    await responsable.getByLabel("Prénom et nom").fill("Paul Durand");
    await responsable.getByLabel("Travailleur social").check();
    await responsable.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await responsable.waitForURL(/fait=invitation/);
    await checkPage(responsable);
    // She asks to maintain the CCAS's entry of the directory.
    await responsable
      .getByRole("link", { name: "Tenir la fiche de la structure dans l'annuaire" })
      .click();
    await checkPage(responsable);
    await responsable.getByLabel("Nom de la structure dans l'annuaire").fill("Sceaux");
    await responsable.getByRole("button", { name: "Chercher" }).click();
    await checkPage(responsable);

    // The worker accepts and arrives in the professional space.
    const workerContext = await phoneContext();
    const worker = await acceptInvitation(
      workerContext,
      await invitationMailedTo(smtp, relais.server.url, "paul.sceaux@exemple.fr"),
      "un cahier rouge sous la pluie",
    );
    expect(await worker.textContent("main")).toContain(
      "Travailleur social — CCAS de Sceaux — antenne des Blagis",
    );
    await worker.getByRole("link", { name: "Mon compte" }).click();
    await worker.waitForURL(/\/pro\/compte\/sessions$/);
    expect(await worker.textContent("main")).toContain("cette session");
    await checkPage(worker);
    await worker.getByRole("link", { name: "changez votre mot de passe" }).click();
    await checkPage(worker);
    await workerContext.close();

    // The responsable now sees the worker, and the page to hand over their records.
    await responsable.goto(`${relais.server.url}/pro`);
    await responsable.getByRole("link", { name: "Comptes de ma structure" }).click();
    expect(await responsable.textContent("main")).toContain("Paul Durand");
    await responsable
      .getByRole("link", { name: "Confier ses dossiers à un collègue (Paul Durand)" })
      .click();
    expect(await responsable.textContent("main")).toContain("Aucun parcours ouvert");
    await checkPage(responsable);
    await responsableContext.close();

    // The admin's list of directory claims.
    const reviewContext = await phoneContext();
    const review = await reviewContext.newPage();
    await signIn(review, relais.server.url, "admin@demo.relais.test", {
      from: "/connexion?retour=/pro/administration/demandes",
      landing: /\/pro\/administration\/demandes$/,
    });
    await checkPage(review);
    await reviewContext.close();
  }, 240_000);

  it("a professional who forgot their password asks for a link, on an accessible page", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(`${relais.server.url}/connexion`);
    await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
    await checkPage(page);
    await page.getByLabel("Adresse électronique").fill("ts@demo.relais.test");
    await page.getByRole("button", { name: "Recevoir un lien" }).click();
    expect(await page.textContent("main")).toContain("Si un compte existe pour cette adresse");
    await checkPage(page);
    await context.close();
  });
});
