import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.tsx";
import { loadConfig } from "../src/config.ts";
import { createOrganisation, createUser } from "../src/platform/auth/accounts.ts";
import { totpCode } from "../src/platform/auth/totp.ts";
import { silentLogger } from "../src/platform/log/logger.ts";
import { prepare } from "../src/server.ts";
import { startTestOpenIdProvider, type TestOpenIdProvider } from "../src/test/openid-provider.ts";
import { expectAccessible, expectFitsWidth, launchBrowser, PHONE } from "./harness.ts";

// A Relais without demo data and with the production default for the second
// factor, and a social worker who signs in with a password (not a demo account).
const PORT = 3120;
const URL_BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "un-mot-de-passe-assez-long";

/** One account for the story with JavaScript (axe runs), one for the story without. */
const ACCOUNTS = ["ines.martin@ccas-exemple.fr", "ines.martin.sans-js@ccas-exemple.fr"];

let browser: Browser;
let provider: TestOpenIdProvider;
let stop: () => Promise<void>;

beforeAll(async () => {
  // A real OpenID provider on loopback stands for ProConnect.
  provider = await startTestOpenIdProvider({
    redirectUri: `${URL_BASE}/connexion/proconnect/retour`,
    postLogoutRedirectUri: `${URL_BASE}/connexion/proconnect/deconnecte`,
    accounts: { "sub-ines": { email: ACCOUNTS[0] ?? "", email_verified: true } },
  });
  provider.signInAs("sub-ines");
  const config = loadConfig({
    RELAIS_PROCONNECT_ISSUER: provider.issuer,
    RELAIS_PROCONNECT_CLIENT_ID: provider.clientId,
    RELAIS_PROCONNECT_CLIENT_SECRET: provider.clientSecret,
    NODE_ENV: "development",
    PORT: String(PORT),
    HOST: "127.0.0.1",
    RELAIS_PUBLIC_URL: URL_BASE,
    RELAIS_DATA_DIR: mkdtempSync(join(tmpdir(), "relais-e2e-")),
    RELAIS_DEMO: "off",
    LOG_LEVEL: "warn",
  });
  const { database, deps } = await prepare(config, silentLogger);
  const now = new Date();
  const organisationId = await createOrganisation(
    database.db,
    { name: "CCAS d'exemple", kind: "ccas" },
    now,
  );
  for (const email of ACCOUNTS) {
    await createUser(
      database.db,
      {
        email,
        displayName: "Inès Martin",
        password: PASSWORD,
        memberships: [{ organisationId, role: "travailleur_social" }],
      },
      now,
    );
  }
  const server = serve({ fetch: createApp(deps).fetch, port: PORT, hostname: "127.0.0.1" });
  browser = await launchBrowser();
  stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.close();
  };
});
afterAll(async () => {
  await browser?.close();
  await stop?.();
  await provider?.close();
});

async function signInWithPassword(page: Page, email: string) {
  await page.goto(`${URL_BASE}/connexion`);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByLabel("Mot de passe").press("Enter");
}

describe.each([
  { javaScript: true, email: ACCOUNTS[0] ?? "" },
  { javaScript: false, email: ACCOUNTS[1] ?? "" },
])(
  "a social worker with a password, on a phone (JavaScript: $javaScript)",
  ({ javaScript, email }) => {
    it("enrols a second factor, keeps the recovery codes, and signs in again with a code", async () => {
      const context = await browser.newContext({
        viewport: PHONE,
        locale: "fr-FR",
        javaScriptEnabled: javaScript,
      });
      const page = await context.newPage();
      // axe and the width check run scripts in the page: on the story with JavaScript.
      const checkPage = async () => {
        if (!javaScript) return;
        await expectFitsWidth(page);
        await expectAccessible(page);
      };

      await signInWithPassword(page, email);
      await page.waitForURL(/\/connexion\/second-facteur\/activation/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        "Activer le second facteur",
      );
      expect(await page.getByRole("img", { name: /Code QR/ }).count()).toBe(1);
      await checkPage();
      // The space stays closed until the code is given.
      await page.goto(`${URL_BASE}/pro`);
      expect(new URL(page.url()).pathname).toBe("/connexion");
      await page.goBack();

      // The test plays the authenticator application with the key shown as text.
      const secret = ((await page.textContent("#cle-secrete")) ?? "").replace(/\s/g, "");
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await page.getByLabel("Code à 6 chiffres affiché par l'application").fill("000000");
      await page.getByLabel("Code à 6 chiffres affiché par l'application").press("Enter");
      await expect
        .poll(() => page.textContent(".error-summary"))
        .toContain("Ce code n'est pas le bon");
      await checkPage();

      await page
        .getByLabel("Code à 6 chiffres affiché par l'application")
        .fill(totpCode(secret, new Date()));
      await page.getByLabel("Code à 6 chiffres affiché par l'application").press("Enter");
      await expect
        .poll(() => page.getByRole("heading", { level: 1 }).textContent())
        .toBe("Second facteur activé");
      expect(await page.locator(".recovery-codes li").count()).toBe(10);
      await checkPage();
      await page.getByRole("link", { name: "J'ai noté mes codes, continuer" }).click();
      await page.waitForURL(`${URL_BASE}/pro`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        "Bonjour Inès Martin",
      );

      // On a phone the account links are folded behind « Menu ».
      await page.getByText("Menu", { exact: true }).click();
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.waitForURL(/\/\?deconnecte=1$/);

      // Next sign-in: the password, then the code (the next step's: the last one was used).
      await signInWithPassword(page, email);
      await page.waitForURL(/\/connexion\/second-facteur\?/);
      await checkPage();
      const field = page.getByLabel("Code à 6 chiffres ou code de secours");
      await field.fill(totpCode(secret, new Date(Date.now() + 30_000)));
      await field.press("Enter");
      await page.waitForURL(`${URL_BASE}/pro`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        "Bonjour Inès Martin",
      );
      await context.close();
    });
  },
);

describe("the same social worker with ProConnect", () => {
  it("signs in from the « Se connecter avec ProConnect » button without a code, and signs out of both", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${URL_BASE}/connexion`);
    await expectFitsWidth(page);
    await expectAccessible(page);
    // The provider's login is played by the test provider itself (it signs in « sub-ines »).
    await page.getByRole("link", { name: "Se connecter avec ProConnect" }).click();
    await page.waitForURL(`${URL_BASE}/pro`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Bonjour Inès Martin");

    await page.getByText("Menu", { exact: true }).click();
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(new RegExp(`^${provider.issuer}/`));
    await page.getByRole("button", { name: "Oui, me déconnecter" }).click();
    await page.waitForURL(/\/\?deconnecte=1$/);
    await page.goto(`${URL_BASE}/pro`);
    expect(new URL(page.url()).pathname).toBe("/connexion");
    await context.close();
  });
});
