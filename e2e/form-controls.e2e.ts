import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parisToDate } from "../src/platform/time/paris.ts";
import {
  clockFrom,
  expectAccessible,
  expectFitsWidth,
  PHONE,
  signIn,
  withRelais,
} from "./harness.ts";

// Monday 7 December 2026, 08:00 in Paris.
const relais = withRelais(3138, clockFrom(parisToDate("2026-12-07", "08:00")));

/** Every checkbox and radio button of the page is a target of 24 × 24 px at least (WCAG 2.2 2.5.8). */
async function expectTargetsOf24px(page: Page) {
  const sizes = await page
    .locator('input[type="checkbox"], input[type="radio"]')
    .evaluateAll((inputs) =>
      inputs.map((input) => {
        const box = input.getBoundingClientRect();
        return { id: input.id, width: box.width, height: box.height };
      }),
    );
  expect(sizes.length).toBeGreaterThan(0);
  expect(sizes.filter((size) => size.width < 24 || size.height < 24)).toEqual([]);
}

describe("the design system's form controls, on a phone", () => {
  it("a responsable adds a motif with radio buttons and a checkbox, and a plage's missing motifs are shown at the group", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, relais.server.url, "responsable@demo.relais.test");
    await page.goto(`${relais.server.url}/pro/rendez-vous/configuration`);
    await expectAccessible(page);
    await expectFitsWidth(page);
    await expectTargetsOf24px(page);

    const motif = page.locator("form", {
      has: page.getByRole("button", { name: "Ajouter le motif" }),
    });
    await motif.getByLabel("Nom du motif").fill("Aide au dossier de retraite");
    await motif.getByRole("radio", { name: "Par téléphone" }).check();
    await motif.getByRole("radio", { name: "Seulement les agents" }).check();
    await motif.getByLabel("Durée en minutes").fill("45");
    await motif.getByRole("button", { name: "Ajouter le motif" }).click();
    await expect.poll(() => page.textContent("body")).toContain("Motif ajouté");
    await expect
      .poll(() => page.textContent("body"))
      .toMatch(/Aide au dossier de retraite : Par téléphone, 45 min, réservé aux agents/);

    // A plage without any motif: the error is at the group, tied to it.
    const plage = page.locator("form", {
      has: page.getByRole("button", { name: "Ajouter la plage" }),
    });
    await plage.getByLabel("Premier jour").fill("2026-12-14");
    await plage.getByLabel("Heure de début").fill("09:00");
    await plage.getByLabel("Heure de fin").fill("12:00");
    await plage.getByRole("checkbox", { name: "lundi" }).check();
    await plage.getByRole("button", { name: "Ajouter la plage" }).click();
    await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
    const group = page.locator("#champ-motifIds");
    await expect.poll(() => group.getAttribute("aria-describedby")).toBe("champ-motifIds-erreur");
    await expectAccessible(page);
    await context.close();
  });

  it("a social worker's new-person form links its consent error to the group, and its boxes are large enough", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, relais.server.url, "ts@demo.relais.test");
    await page.goto(`${relais.server.url}/pro/dossiers/nouveau`);
    await expectTargetsOf24px(page);
    await page.getByLabel("Nom", { exact: true }).fill("Lambert");
    await page.getByLabel("Prénom").fill("Yasmine");
    await page.getByLabel("Date de naissance").fill("1995-03-08");
    await page.getByRole("button", { name: "Ouvrir le dossier" }).click();
    await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
    const link = page.locator('.error-summary a[href="#champ-consent"]');
    await expect.poll(() => link.count()).toBe(1);
    await expect.poll(() => page.locator("#champ-consent").count()).toBe(1);
    await expect
      .poll(() =>
        page
          .getByRole("checkbox", { name: /La personne accepte/ })
          .getAttribute("aria-describedby"),
      )
      .toBe("champ-consent-box-erreur");
    await expectAccessible(page);
    await expectFitsWidth(page);
    await context.close();
  });

  it("the steering import page offers its CSV file field with its label", async () => {
    const context = await relais.browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, relais.server.url, "pilote@demo.relais.test");
    await page.goto(`${relais.server.url}/pilotage/indicateurs/import`);
    const file = page.getByLabel("Le fichier CSV (1 Mo au plus)");
    await expect.poll(() => file.getAttribute("type")).toBe("file");
    await expectAccessible(page);
    await context.close();
  });
});
