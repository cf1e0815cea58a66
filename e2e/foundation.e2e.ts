import type { BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ROLE_LABELS } from "../src/platform/access/roles.ts";
import { DEMO_ACCOUNTS } from "../src/seed/demo-organisations.ts";
import { expectAccessible, expectFitsWidth, PHONE, signIn, withRelais } from "./harness.ts";

const relais = withRelais(3101);

async function phoneContext(
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  return relais.browser.newContext({ viewport: PHONE, locale: "fr-FR", ...options });
}

describe("a resident on a phone", () => {
  it("sees the four things Relais offers on the home page, accessible and within 360 px", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(relais.server.url);
    await expect.poll(() => page.title()).toBe("Accueil — Relais Hauts-de-Seine");
    for (const name of [
      "Trouver de l'aide près de chez moi",
      "Connaître mes droits",
      "Prendre rendez-vous",
      "Mon espace",
    ]) {
      expect(await page.getByRole("link", { name }).count()).toBeGreaterThan(0);
    }
    await expectFitsWidth(page);
    await expectAccessible(page);

    // Keyboard: the first Tab reaches the skip link, which leads to the content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Aller au contenu");
    await page.keyboard.press("Enter");
    expect(page.url()).toContain("#contenu");

    for (const path of [
      "/accessibilite",
      "/mentions-legales",
      "/donnees-personnelles",
      "/plan-du-site",
      "/page-inconnue",
    ]) {
      await page.goto(relais.server.url + path);
      await expectAccessible(page);
    }
    await context.close();
  });
});

describe("a professional", () => {
  for (const account of DEMO_ACCOUNTS) {
    it(`signs in and out as ${account.role} (${account.email})`, async () => {
      const context = await phoneContext();
      const page = await context.newPage();
      await signIn(page, relais.server.url, account.email, { onLoginPage: expectAccessible });
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        `Bonjour ${account.displayName}`,
      );
      expect(await page.textContent("main")).toContain(ROLE_LABELS[account.role]);
      await expectAccessible(page);
      if (account.role === "admin") {
        await page.getByRole("link", { name: "Courriels en attente" }).click();
        await page.waitForURL(`${relais.server.url}/admin/courriels`);
        await expectAccessible(page);
      }
      // On a phone the account links are in the menu, folded behind « Menu ».
      await page.getByText("Menu", { exact: true }).click();
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.waitForURL(/\/\?deconnecte=1$/);
      await page.goto(`${relais.server.url}/pro`);
      expect(new URL(page.url()).pathname).toBe("/connexion");
      await context.close();
    });
  }

  it("reads a French error after a wrong password, and the page stays accessible", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(`${relais.server.url}/connexion`);
    await page.getByLabel("Adresse électronique").fill("ts@demo.relais.test");
    await page.getByLabel("Mot de passe").fill("pas-le-bon");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toContain("Adresse électronique ou mot de passe incorrect");
    expect(await page.getByLabel("Adresse électronique").inputValue()).toBe("ts@demo.relais.test");
    await expectAccessible(page);

    // An empty form: the error summary links to each field.
    await page.getByLabel("Adresse électronique").fill("");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect
      .poll(() => page.textContent(".error-summary"))
      .toContain("Indiquez votre adresse électronique");
    await expectAccessible(page);
    await context.close();
  });

  it("signs in without JavaScript", async () => {
    const context = await phoneContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, relais.server.url, "accueil@demo.relais.test");
    expect(await page.textContent("main")).toContain("Agent d'accueil");
    await context.close();
  });
});
