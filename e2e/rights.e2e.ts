import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { formatEuros } from "../src/modules/rights/format.ts";
import { answersToHousehold } from "../src/modules/rights/questionnaire.ts";
import { currentMonth } from "../src/modules/rights/results.ts";
import { simulate } from "../src/modules/rights/service.ts";
import { SINGLE_PARENT_ANSWERS } from "../src/modules/rights/test-fixtures.ts";
import { expectAccessible, expectFitsWidth, PHONE, withRelais } from "./harness.ts";

const relais = withRelais(3105);
let javaScript = true;

/** Every page of the story: accessible (axe) and no wider than the 360 px screen. */
async function check(page: Page): Promise<void> {
  // Without JavaScript axe cannot run in the page: the same pages were checked with it.
  if (!javaScript) return;
  await expectFitsWidth(page);
  await expectAccessible(page);
}

async function next(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.waitForLoadState("domcontentloaded");
  await check(page);
}

/**
 * The single parent of rsa-ppa.test.ts: born 1990-04-12, children born 2016-09-01 and
 * 2019-02-15, 500 € net a month part-time, tenant (650 €) with 300 € of housing benefit.
 */
async function answerAsSingleParent(page: Page): Promise<void> {
  await page.goto(relais.server.url);
  await check(page);
  await page.getByRole("link", { name: "Connaître mes droits" }).first().click();
  await check(page);
  await page.getByRole("link", { name: "Commencer" }).click();
  await check(page);
  expect(await page.getByText("Étape 1 sur 6").count()).toBe(1);

  await page.getByRole("group", { name: "Vivez-vous en couple ?" }).getByLabel("Non").check();
  await page.getByLabel("Combien d'enfants avez-vous à charge ?").fill("2");
  await next(page);

  await page.getByLabel("Votre date de naissance").fill("1990-04-12");
  await page.getByLabel("La date de naissance de l'enfant 1").fill("2016-09-01");
  await page.getByLabel("La date de naissance de l'enfant 2").fill("2019-02-15");
  await page
    .getByRole("group", { name: /seul\(e\) avec vos enfants/ })
    .getByLabel("Non")
    .check();
  await next(page);

  await page.getByLabel(/^Salarié\(e\)/).check();
  await page
    .getByRole("group", { name: /handicap/ })
    .getByLabel("Non")
    .check();
  await next(page);

  await page.getByLabel("Salaire net").fill("500");
  await next(page);

  await page.getByLabel(/^Locataire/).check();
  await page.getByLabel("Loyer ou mensualité d'emprunt").fill("650");
  await page.getByLabel("Aide au logement reçue (APL, ALF, ALS)").fill("300");
  await page.getByLabel("Votre commune").selectOption("92050");
  await next(page);

  await next(page); // Nothing received yet.
  expect(await page.getByRole("heading", { name: "Vérifiez vos réponses" }).count()).toBe(1);
  await page.getByRole("button", { name: "Voir mes résultats" }).click();
  await page.waitForLoadState("domcontentloaded");
  await check(page);
}

function expectedAmounts() {
  const month = currentMonth(new Date());
  const results = simulate(answersToHousehold(SINGLE_PARENT_ANSWERS, month), month).results;
  return { month, rsa: results.rsa.amountCents, ppa: results.ppa.amountCents };
}

describe("rights simulator", () => {
  it("a newcomer gets a correct RSA + prime d'activité estimate with explanation for a single parent with two children and a part-time job, from the home page", async () => {
    // The answers are the household of the conformance test: in June 2025 they give its amounts.
    const june = simulate(answersToHousehold(SINGLE_PARENT_ANSWERS, "2025-06"), "2025-06").results;
    expect([june.rsa.amountCents, june.ppa.amountCents]).toEqual([10645, 30117]);

    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    await answerAsSingleParent(page);
    const expected = expectedAmounts();
    expect(expected.rsa).toBeGreaterThan(0);
    expect(expected.ppa).toBeGreaterThan(0);
    const rsa = page.getByRole("heading", { name: /Revenu de solidarité active \(RSA\)/ });
    expect(await rsa.textContent()).toContain(`${formatEuros(expected.rsa)} par mois`);
    const ppa = page.getByRole("heading", { name: /Prime d'activité/ });
    expect(await ppa.textContent()).toContain(formatEuros(expected.ppa));
    // The explanation: the engine's steps, and what the simulator leaves out (never a silent 0).
    expect(await page.getByText(/^Le détail du calcul pour/).count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByText(/moyenne des trois montants mensuels/).count()).toBeGreaterThan(0);
    expect(
      await page
        .getByRole("heading", { name: "Ce que ce simulateur ne calcule pas encore" })
        .count(),
    ).toBe(1);
    expect(await page.getByText(/propriétaire qui rembourse un prêt/).count()).toBe(1);
    // The Département's own aids (the demo seed's), apart from the national ones, said to be demos.
    expect(await page.getByRole("heading", { name: "Les aides du Département" }).count()).toBe(1);
    expect(
      await page.getByRole("heading", { name: /Fonds de solidarité pour le logement/ }).count(),
    ).toBe(1);
    expect(await page.getByText("Exemple de démonstration").count()).toBeGreaterThan(0);
    expect(
      await page
        .getByRole("link", { name: "Prendre rendez-vous pour faire le point sur vos droits" })
        .count(),
    ).toBe(1);
    await context.close();
  }, 120_000);

  it("works the same without JavaScript", async () => {
    const context = await relais.browser.newContext({
      viewport: PHONE,
      locale: "fr-FR",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    javaScript = false;
    await answerAsSingleParent(page);
    javaScript = true;
    const expected = expectedAmounts();
    const body = (await page.textContent("main")) ?? "";
    expect(body).toContain(formatEuros(expected.rsa));
    expect(body).toContain(formatEuros(expected.ppa));
    await context.close();
  });
});
