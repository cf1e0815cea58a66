import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectFitsWidth, PHONE, signIn, withRelais } from "./harness.ts";

const relais = withRelais(3114);

async function check(page: Page) {
  await expectFitsWidth(page);
  await expectAccessible(page);
}

describe("a pilote describes one of the Département's own aids, on a phone", () => {
  it("sees the demo aids, creates an aid (a mistake first), previews it on sample households and publishes it", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, relais.server.url, "pilote@demo.relais.test");

    await page.getByRole("link", { name: "Aides du Département" }).click();
    await page.waitForURL(`${relais.server.url}/pro/aides-locales`);
    await check(page);
    expect(await page.getByText("Exemple de démonstration").count()).toBe(2);

    await page.getByRole("link", { name: /Fonds de solidarité pour le logement/ }).click();
    await page.waitForLoadState("domcontentloaded");
    await check(page);
    expect(await page.getByRole("heading", { name: /Aperçu sur des foyers types/ }).count()).toBe(
      1,
    );

    await page.goto(`${relais.server.url}/pro/aides-locales/nouvelle`);
    await check(page);
    await page.getByLabel("Nom de l'aide").fill("Aide aux vacances des familles");
    await page.getByLabel("Un montant fixe").check();
    await page.getByLabel("Montant fixe (euros)").fill("cent");
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await page.waitForLoadState("domcontentloaded");
    await check(page);
    expect(await page.getByText("Un montant en euros, par exemple 1200").count()).toBeGreaterThan(
      0,
    );

    await page
      .getByLabel("À quoi sert l'aide, en mots simples")
      .fill("Une aide pour partir en vacances avec vos enfants.");
    await page.getByLabel("Qui verse l'aide").fill("Département");
    await page.getByLabel("Nombre d'enfants au moins").fill("1");
    await page.getByLabel("Âge des enfants comptés : moins de (ans)").fill("18");
    await page.getByLabel("Montant fixe (euros)").fill("150");
    await page.getByLabel("Versé").selectOption("annuelle");
    await page.getByLabel("Où et comment").fill("Au service de solidarité territoriale");
    await page.getByLabel("Délibération du conseil départemental").fill("Exemple de démonstration");
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await page.waitForURL(/\/pro\/aides-locales\/[0-9a-f-]{36}$/);
    await check(page);
    // The lone parent with two children qualifies; the person alone does not.
    expect(await page.getByText(/Oui : 150 € par an/).count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Publier la version 1" }).click();
    await page.waitForLoadState("domcontentloaded");
    expect(await page.getByText(/Version 1 : publiée/).count()).toBe(1);
    await context.close();
  }, 120_000);
});
