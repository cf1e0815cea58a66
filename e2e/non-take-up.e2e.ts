import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectFitsWidth, PHONE, signIn, withRelais } from "./harness.ts";

const relais = withRelais(3106);

// Two households in the columns the batch reads (src/modules/rights/BATCH.md).
const POPULATION = [
  "id;depcom;logement;loyer;aide_logement;enfants_naissances;demandeur_naissance;demandeur_activite;demandeur_salaire_m3;demandeur_salaire_m2;demandeur_salaire_m1;demandeur_salaire_m;prestations_percues",
  "F-1;92050;locataire;650;300;2016-09-01|2019-02-15;1990-04-12;salarie;500;500;500;500;af",
  "F-2;92050;locataire;650;300;2016-09-01|2019-02-15;1990-04-12;salarie;500;500;500;500;af",
].join("\n");

async function uploadPopulation(page: Page) {
  await page.goto(`${relais.server.url}/pro/non-recours`);
  await page.getByLabel("Mois simulé").fill("2025-06");
  await page.getByLabel("Fichier de population (CSV)").setInputFiles({
    name: "population.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${POPULATION}\n`),
  });
  await page.getByRole("button", { name: "Lancer le repérage" }).click();
  await page.waitForURL(/\/pro\/non-recours\/[0-9a-f-]{36}$/);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
    "Repérage du non-recours : population.csv",
  );
}

describe("a pilot looks for non-take-up in a population file, on a phone", () => {
  it("uploads a file; the upload page and the run page pass axe within 360 px", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, relais.server.url, "pilote@demo.relais.test");
    await page.goto(`${relais.server.url}/pro/non-recours`);
    await expectAccessible(page);
    await expectFitsWidth(page);
    await uploadPopulation(page);
    expect(await page.locator('label[for="avancement"]').textContent()).toMatch(
      /^\s*Avancement : (terminé|\d+ %)\s*$/,
    );
    await expectAccessible(page);
    await expectFitsWidth(page);
    await context.close();
  });

  it("works the same without JavaScript", async () => {
    const context = await relais.browser.newContext({
      viewport: PHONE,
      locale: "fr-FR",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await signIn(page, relais.server.url, "pilote@demo.relais.test");
    await uploadPopulation(page);
    await page.goto(`${relais.server.url}/pro/non-recours`);
    expect(await page.getByRole("link", { name: "population.csv" }).count()).toBeGreaterThan(0);
    await context.close();
  });
});
