import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectFitsWidth, PHONE, signIn, withRelais } from "./harness.ts";

const relais = withRelais(3127);

async function check(page: Page): Promise<void> {
  await expectFitsWidth(page);
  await expectAccessible(page);
}

describe("the plan's governance and action sheets", () => {
  it("a citizen reads who steers the plan and what the COPIL decided, on a phone", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${relais.server.url}/plan/gouvernance`);
    await check(page);
    expect(await page.getByRole("heading", { name: "Comité de pilotage (COPIL)" }).count()).toBe(1);
    expect(await page.getByText("Le Préfet des Hauts-de-Seine : Co-président").count()).toBe(1);
    await page.getByRole("link", { name: "action 15", exact: true }).first().click();
    await check(page);
    expect(
      await page.getByRole("heading", { name: /14 janvier 2016 : Comité de pilotage/ }).count(),
    ).toBe(1);
    await context.close();
  });

  it("a pilote records a COPIL meeting and follows action 9's sheet, on a phone", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, relais.server.url, "pilote@demo.relais.test");

    await page.goto(`${relais.server.url}/plan/gouvernance`);
    await check(page);
    await page.getByLabel("Instance", { exact: true }).selectOption("copil");
    await page.getByLabel("Date de la réunion").fill("2026-11-20");
    await page.getByLabel("Titre", { exact: true }).fill("COPIL de bilan 2026");
    await page.getByLabel(/^Décisions/).fill("Garder le simulateur en ligne.");
    await page.getByLabel("Fiches d'actions examinées").fill("9");
    await page.getByLabel("Publication").last().selectOption("publiee");
    await page.getByRole("button", { name: "Enregistrer la réunion" }).click();
    await check(page);
    expect(
      await page.getByRole("heading", { name: /20 novembre 2026 : COPIL de bilan 2026/ }).count(),
    ).toBe(1);

    await page.goto(`${relais.server.url}/plan/actions/9`);
    await check(page);
    expect(await page.getByText("Garder le simulateur en ligne.").count()).toBe(1);
    await page.getByRole("link", { name: /Modifier la fiche : textes, jalons/ }).click();
    await check(page);
    await page.getByLabel(/^Objectifs/).fill("Un simulateur utilisé dans chaque structure.");
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await check(page);
    expect(await page.getByText("Un brouillon attend sa publication").count()).toBe(1);
    await page.getByRole("button", { name: "Publier le texte" }).click();
    await check(page);
    // On the sheet, and in the published version kept in the history.
    expect(await page.getByText("Un simulateur utilisé dans chaque structure.").count()).toBe(2);
    expect(
      await page
        .getByRole("heading", { name: "Les versions publiées du texte de la fiche" })
        .count(),
    ).toBe(1);

    await page.goto(`${relais.server.url}/plan/actions/9/fiche`);
    await page.getByLabel("Année", { exact: true }).fill("2026");
    await page.getByLabel("Prévu, en euros").fill("40 000");
    await page.getByLabel("Source des chiffres").fill("Budget primitif 2026");
    await page.getByLabel("Publication des montants").selectOption("publiee");
    await page.getByRole("button", { name: "Enregistrer le budget" }).click();
    await check(page);
    await page.goto(`${relais.server.url}/budget`);
    await check(page);
    expect(await page.getByRole("table", { name: /Budget des actions du plan/ }).count()).toBe(1);
    await context.close();
  });
});
