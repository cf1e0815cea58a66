import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectFitsWidth, PHONE, withRelais } from "./harness.ts";

const relais = withRelais(3107);

/** Every page of the story: accessible (axe) and no wider than the 360 px screen. */
async function check(page: Page): Promise<void> {
  await expectFitsWidth(page);
  await expectAccessible(page);
}

describe("a citizen follows the anti-poverty plan on a phone", () => {
  it("finds action 9, its status and indicator, downloads the CSV and compares the answers to Q8", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(relais.server.url);
    await page.getByRole("link", { name: "Le plan contre la pauvreté" }).click();
    await check(page);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(
      "lutte contre la pauvreté",
    );

    await page
      .getByRole("link", {
        name: /Action 9 : Mettre à disposition un simulateur des droits multi-prestations/,
      })
      .click();
    await check(page);
    expect(await page.getByText("Réalisée").count()).toBeGreaterThan(0);
    expect(
      await page.getByRole("link", { name: /Simulateur « Mes droits »/ }).getAttribute("href"),
    ).toBe("/mes-droits");

    await page.getByRole("link", { name: /Indicateur : droits probablement non demandés/ }).click();
    await check(page);
    expect(await page.getByRole("table").count()).toBe(1);
    expect(await page.getByText("secret statistique").count()).toBeGreaterThan(0);
    const csvHref = await page
      .getByRole("link", { name: "Télécharger les chiffres (CSV)" })
      .getAttribute("href");
    const csv = await page.request.get(`${relais.server.url}${csvHref}`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain("territoire_code;territoire_nom");

    for (const path of [
      "/indicateurs",
      "/indicateurs/C07",
      "/plan/actions/13",
      "/budget",
      "/territoire/92050",
    ]) {
      await page.goto(`${relais.server.url}${path}`);
      await check(page);
    }

    await page.goto(`${relais.server.url}/engagements`);
    await check(page);
    const q8 = page.locator("section", { has: page.locator("#question-8") });
    expect(await q8.locator(".card").count()).toBe(4);
    await context.close();
  });
});
