import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode } from "../src/platform/auth/totp.ts";
import { startTestOpenIdProvider, type TestOpenIdProvider } from "../src/test/openid-provider.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../src/test/smtp.ts";
import {
  expectAccessible,
  expectFitsWidth,
  invitationMailedTo,
  PHONE,
  signIn,
  withRelais,
} from "./harness.ts";

// Issue 19's story, whole: the admin creates a CCAS and invites its
// responsable, who sets a password and enrols a second factor (the
// production default asks it of a responsable), then invites a worker, who
// signs in with ProConnect. The e-mails travel through a real SMTP server and
// ProConnect is a real OpenID provider, both on loopback.
const PORT = 3121;
const URL_BASE = `http://127.0.0.1:${PORT}`;
const RESPONSABLE = "rose.blagis@ccas-exemple.fr";
const WORKER = "paul.blagis@ccas-exemple.fr";

let smtp: TestSmtpServer;
let provider: TestOpenIdProvider;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  provider = await startTestOpenIdProvider({
    redirectUri: `${URL_BASE}/connexion/proconnect/retour`,
    postLogoutRedirectUri: `${URL_BASE}/connexion/proconnect/deconnecte`,
    accounts: { "sub-paul": { email: WORKER, email_verified: true } },
  });
  provider.signInAs("sub-paul");
});
// No RELAIS_SECOND_FACTOR_ROLES: the default, which names responsable_structure.
const relais = withRelais(PORT, undefined, () => ({
  SMTP_URL: smtp.url,
  RELAIS_PUBLIC_URL: URL_BASE,
  RELAIS_PROCONNECT_ISSUER: provider.issuer,
  RELAIS_PROCONNECT_CLIENT_ID: provider.clientId,
  RELAIS_PROCONNECT_CLIENT_SECRET: provider.clientSecret,
}));
afterAll(async () => {
  await smtp?.close();
  await provider?.close();
});

async function phoneContext(): Promise<BrowserContext> {
  return relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
}

async function checkPage(page: Page) {
  await expectFitsWidth(page);
  await expectAccessible(page);
}

describe("onboarding a CCAS, from the admin to a worker signed in with ProConnect", () => {
  it("admin → CCAS → responsable (password and second factor) → worker (ProConnect)", async () => {
    // 1. The admin creates the CCAS and invites its responsable.
    const adminContext = await phoneContext();
    const admin = await adminContext.newPage();
    await signIn(admin, URL_BASE, "admin@demo.relais.test", { onLoginPage: checkPage });
    await checkPage(admin);
    await admin.getByRole("link", { name: "Organisations" }).click();
    await checkPage(admin);
    await admin.getByRole("link", { name: "Créer une organisation" }).click();
    await checkPage(admin);
    await admin.getByLabel("Nom").fill("CCAS de Sceaux — antenne des Blagis");
    await admin.getByLabel("Type d'organisation").selectOption("ccas");
    await admin.getByLabel("Communes desservies").fill("92071");
    await admin.getByRole("button", { name: "Créer l'organisation" }).click();
    await admin.waitForURL(/enregistre=1/);
    await checkPage(admin);
    await admin.getByRole("link", { name: "Comptes et invitations" }).click();
    await checkPage(admin);
    const accountsPage = admin.url();
    await admin.getByRole("link", { name: "Inviter quelqu'un" }).click();
    await checkPage(admin);
    await admin.getByLabel("Adresse électronique").fill(RESPONSABLE);
    await admin.getByLabel("Prénom et nom").fill("Rose Martin");
    await admin.getByLabel("Responsable de structure").check();
    await admin.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await admin.waitForURL(/fait=invitation/);
    expect(await admin.textContent("main")).toContain("Rose Martin");
    await checkPage(admin);

    // 2. The responsable sets a password from the e-mail, then must enrol a second factor.
    const responsableContext = await phoneContext();
    const responsable = await responsableContext.newPage();
    await responsable.goto(await invitationMailedTo(smtp, URL_BASE, RESPONSABLE));
    await checkPage(responsable);
    const password = "les mouettes de sceaux chantent";
    await responsable.getByLabel("Nouveau mot de passe").fill(password);
    await responsable.getByLabel("Le même mot de passe, une seconde fois").fill(password);
    await responsable.getByRole("button", { name: "Activer mon compte" }).click();
    await responsable.waitForURL(/\/connexion\/second-facteur\/activation/);
    expect(await responsable.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Activer le second facteur",
    );
    await checkPage(responsable);
    // The password alone opens nothing.
    await responsable.goto(`${URL_BASE}/pro`);
    expect(new URL(responsable.url()).pathname).toBe("/connexion");
    await responsable.goBack();
    // The test plays the authenticator application with the key shown as text.
    const secret = ((await responsable.textContent("#cle-secrete")) ?? "").replace(/\s/g, "");
    const codeField = responsable.getByLabel("Code à 6 chiffres affiché par l'application");
    await codeField.fill(totpCode(secret, new Date()));
    await codeField.press("Enter");
    await expect
      .poll(() => responsable.getByRole("heading", { level: 1 }).textContent())
      .toBe("Second facteur activé");
    expect(await responsable.locator(".recovery-codes li").count()).toBe(10);
    await checkPage(responsable);
    await responsable.getByRole("link", { name: "J'ai noté mes codes, continuer" }).click();
    await responsable.waitForURL(`${URL_BASE}/pro`);
    expect(await responsable.textContent("main")).toContain(
      "Responsable de structure — CCAS de Sceaux — antenne des Blagis",
    );
    await checkPage(responsable);

    // 3. She invites a worker into her structure.
    await responsable.getByRole("link", { name: "Comptes de ma structure" }).click();
    await checkPage(responsable);
    await responsable.getByRole("link", { name: "Inviter quelqu'un" }).click();
    await checkPage(responsable);
    await responsable.getByLabel("Adresse électronique").fill(WORKER);
    await responsable.getByLabel("Prénom et nom").fill("Paul Durand");
    await responsable.getByLabel("Travailleur social").check();
    await responsable.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await responsable.waitForURL(/fait=invitation/);
    await checkPage(responsable);
    // From « Mon compte », she draws new recovery codes with the next code of her application.
    await responsable.goto(`${URL_BASE}/pro/compte/sessions`);
    await checkPage(responsable);
    await responsable.getByRole("link", { name: "Mon second facteur" }).click();
    await checkPage(responsable);
    const renewField = responsable.getByLabel("Code à 6 chiffres affiché par l'application");
    await renewField.fill(totpCode(secret, new Date(Date.now() + 30_000)));
    await responsable.getByRole("button", { name: "Tirer de nouveaux codes de secours" }).click();
    await expect
      .poll(() => responsable.getByRole("heading", { level: 1 }).textContent())
      .toBe("Nouveaux codes de secours");
    expect(await responsable.locator(".recovery-codes li").count()).toBe(10);
    await checkPage(responsable);
    await responsableContext.close();

    // 4. The worker opens the invitation and answers it with ProConnect: no password, no code.
    const workerContext = await phoneContext();
    const worker = await workerContext.newPage();
    const workerLink = await invitationMailedTo(smtp, URL_BASE, WORKER);
    await worker.goto(workerLink);
    await checkPage(worker);
    // The provider's login is played by the test provider itself (it signs in « sub-paul »).
    await worker.getByRole("link", { name: "Se connecter avec ProConnect" }).click();
    await worker.waitForURL(`${URL_BASE}/pro`);
    expect(await worker.textContent("main")).toContain(
      "Travailleur social — CCAS de Sceaux — antenne des Blagis",
    );
    await checkPage(worker);
    // The invitation has served.
    await worker.goto(workerLink);
    expect(await worker.textContent("main")).toContain("déjà servi");
    await checkPage(worker);
    await workerContext.close();

    // 5. The admin sees both members, and can reach the reset of the responsable's second factor.
    await admin.goto(accountsPage);
    expect(await admin.textContent("main")).toContain("Paul Durand");
    await checkPage(admin);
    await admin.getByRole("link", { name: "Second facteur de connexion (Rose Martin)" }).click();
    expect(await admin.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Second facteur de Rose Martin",
    );
    expect(await admin.textContent("main")).toContain("10 codes de secours non utilisés");
    await checkPage(admin);
    await adminContext.close();
  }, 240_000);
});
