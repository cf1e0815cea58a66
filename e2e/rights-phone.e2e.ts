import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectFitsWidth, PHONE, withRelais } from "./harness.ts";

// The rights simulator on a 360 × 640 phone, with and without JavaScript: every page is
// accessible (axe, with JavaScript), nothing is wider than the screen, and the first useful
// thing of each page (the question, or the first result) starts on the first screen. The
// heights measured are printed for the closing note (issue 17).

const relais = withRelais(3134);
/** Measures only, without the assertions on heights (to measure the code before a change). */
const MEASURE_ONLY = process.env.RELAIS_MEASURE_ONLY === "1";

interface Measure {
  readonly page: string;
  /** Top of the page's first useful thing, in px from the top of the page. */
  readonly firstUseful: number;
  readonly header: number;
  /** The page's height in screens of 640 px. */
  readonly screens: number;
  /** Elements whose right edge passes 360 px (none expected). */
  readonly overflowing: readonly string[];
}

const measures: Measure[] = [];

async function measure(page: Page, name: string, firstUseful: string): Promise<Measure> {
  const m = await page.evaluate(
    ({ selector }) => {
      const top = (el: Element | null) =>
        el === null ? -1 : Math.round(el.getBoundingClientRect().top + window.scrollY);
      const overflowing: string[] = [];
      for (const el of Array.from(document.querySelectorAll("main *"))) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > window.innerWidth + 0.5)
          overflowing.push(
            `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? "").slice(0, 40)}`,
          );
      }
      const header = document.querySelector(".site-header");
      return {
        firstUseful: top(document.querySelector(selector)),
        header: header === null ? 0 : Math.round(header.getBoundingClientRect().height),
        screens: Math.round((document.documentElement.scrollHeight / window.innerHeight) * 10) / 10,
        overflowing,
      };
    },
    { selector: firstUseful },
  );
  const result = { page: name, ...m };
  measures.push(result);
  return result;
}

async function answer(page: Page, javaScript: boolean): Promise<void> {
  const check = async (name: string, firstUseful: string) => {
    await page.waitForLoadState("domcontentloaded");
    const m = await measure(page, `${name}${javaScript ? "" : " (sans JS)"}`, firstUseful);
    if (MEASURE_ONLY) return;
    expect(m.overflowing, name).toEqual([]);
    // The question (or the first result) starts on the first screen.
    expect(m.firstUseful, name).toBeGreaterThanOrEqual(0);
    expect(m.firstUseful, name).toBeLessThan(PHONE.height);
    if (javaScript) {
      await expectFitsWidth(page);
      await expectAccessible(page);
    }
  };
  const next = async (name: string, firstUseful = "main form .field, main form fieldset") => {
    await page.getByRole("button", { name: "Continuer" }).click();
    await check(name, firstUseful);
  };
  await page.goto(`${relais.server.url}/mes-droits`);
  await check("accueil du simulateur", "main a.button--primary");
  await page.getByRole("link", { name: "Commencer" }).first().click();
  await check("étape 1, foyer", "main form .field, main form fieldset");
  await page.getByRole("group", { name: "Vivez-vous en couple ?" }).getByLabel("Non").check();
  await page.getByLabel("Combien d'enfants avez-vous à charge ?").fill("2");
  await next("étape 2, dates de naissance");
  await page.getByLabel("Votre date de naissance").fill("1982-04-12");
  await page.getByLabel("La date de naissance de l'enfant 1").fill("2012-09-01");
  await page.getByLabel("La date de naissance de l'enfant 2").fill("2019-02-15");
  const school = page.getByRole("group", { name: "Cette année scolaire, l'enfant 1 va :" });
  if ((await school.count()) > 0) await school.getByLabel(/^Au collège/).check();
  await page
    .getByRole("group", { name: /seul\(e\) avec vos enfants/ })
    .getByLabel("Non")
    .check();
  await next("étape 3, situation");
  await page.getByLabel(/^Salarié\(e\)/).check();
  await page
    .getByRole("group", { name: /handicap/ })
    .getByLabel("Non")
    .check();
  await next("étape 4, ressources");
  await page.getByLabel("Salaire net").fill("700");
  if ((await page.getByLabel("Je ne sais pas").count()) > 0)
    await page.getByLabel("Je ne sais pas").check();
  await next("étape 5, logement");
  await page.getByLabel(/^Locataire/).check();
  await page.getByLabel("Loyer ou mensualité d'emprunt").fill("650");
  await page.getByLabel("Votre commune").selectOption("92050");
  await next("étape 6, prestations");
  await next("récapitulatif", "main .rights-recap, main dl");
  await page.getByRole("button", { name: "Voir mes résultats" }).click();
  await check("résultats", "main .rights-summary, main .rights-benefit--yes h2");
}

describe("the rights simulator on a 360 × 640 phone", () => {
  it("puts each question and the first result on the first screen, with JavaScript (axe on every page)", async () => {
    const context = await relais.browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    await answer(page, true);
    if (MEASURE_ONLY) return;
    // The results: one plain sentence first, the calculation folded, the bourse de collège.
    const collegeCard = page.locator(".rights-benefit", { hasText: "Bourse de collège" }).first();
    expect(await collegeCard.locator(".rights-benefit__sentence").textContent()).toMatch(
      /^Vous pourriez recevoir environ .* de bourse de collège/,
    );
    const details = collegeCard.locator("details.rights-why").first();
    expect(await details.getAttribute("open")).toBeNull();
    await details.locator("summary").first().click();
    expect(await collegeCard.getByText(/estimé à partir des revenus/).count()).toBe(1);
    expect(await collegeCard.locator("dt", { hasText: "échelon" }).count()).toBe(1);
    await expectFitsWidth(page);
    await context.close();
  }, 180_000);

  it("works the same without JavaScript: the calculation opens, nothing overflows", async () => {
    const context = await relais.browser.newContext({
      viewport: PHONE,
      locale: "fr-FR",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await answer(page, false);
    console.log(JSON.stringify(measures, null, 1));
    if (MEASURE_ONLY) return;
    const ppa = page.locator(".rights-benefit", { hasText: "Prime d'activité" }).first();
    await ppa.locator("summary", { hasText: "Le détail du calcul" }).click();
    expect(await ppa.locator("dt", { hasText: "forfait logement" }).count()).toBeGreaterThan(0);
    expect(await expectNoOverflow(page)).toEqual([]);
    await context.close();
  }, 180_000);
});

async function expectNoOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("main *"))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((el) => el.tagName),
  );
}
