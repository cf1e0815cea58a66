import { readFile } from "node:fs/promises";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectFitsWidth, PHONE, signedInPage, withRelais } from "./harness.ts";

const relais = withRelais(3119);

const DPO = "dpo@demo.relais.test";

async function newContext(
  options: { phone?: boolean; javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  return relais.browser.newContext({
    locale: "fr-FR",
    acceptDownloads: true,
    ...(options.phone ? { viewport: PHONE } : {}),
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
}

/** axe needs JavaScript: a page seen without it is replayed, same HTML and address, in one that runs scripts. */
async function checkWithoutJavaScript(page: Page): Promise<void> {
  const html = await page.content();
  const url = page.url();
  const context = await newContext();
  const viewer = await context.newPage();
  await viewer.route(url, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await viewer.goto(url);
  await expectAccessible(viewer);
  await context.close();
}

/** The first person named in the demo trail (from a link in an event's details). */
async function firstPersonId(page: Page): Promise<string> {
  const href = await page.locator('.audit-event a[href*="personne="]').first().getAttribute("href");
  const id = new URLSearchParams(href?.split("?")[1] ?? "").get("personne");
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id ?? "";
}

describe("the data-protection officer reads the audit trail", () => {
  it("signs in on a phone, searches one person's events, exports them, and reads nothing else", async () => {
    const context = await newContext({ phone: true });
    const page = await signedInPage(context, relais.server.url, DPO);
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.getByRole("link", { name: "Journal d'audit" }).click();
    await page.waitForURL(`${relais.server.url}/admin/journal`);
    await expectAccessible(page);
    await expectFitsWidth(page);
    await expect.poll(() => page.locator(".audit-event").count()).toBeGreaterThan(0);

    const personId = await firstPersonId(page);
    await page.getByLabel("Personne concernée (identifiant)").fill(personId);
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/personne=/);
    const events = page.locator(".audit-event");
    await expect.poll(() => events.count()).toBeGreaterThan(0);
    // Every event shown concerns that person: each one's details link back to them.
    const count = await events.count();
    expect(await page.locator(`.audit-event a[href*="personne=${personId}"]`).count()).toBe(count);
    await page
      .getByText(/Détails de l'événement/)
      .first()
      .click();
    await expectAccessible(page);
    await expectFitsWidth(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Exporter ces événements en CSV" }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toMatch(/^numero;date_heure_paris;/);
    // The export itself comes after the viewing in the trail, so it holds at least the page's events.
    expect(lines.length - 1).toBeGreaterThanOrEqual(count);
    for (const line of lines.slice(1)) expect(line).toContain(personId);

    // The officer reads the trail, never a record.
    const records = await page.goto(`${relais.server.url}/pro/dossiers`);
    expect(records?.status()).toBe(403);

    await page.goto(`${relais.server.url}/admin/journal?action=audit.journal.exported`);
    await expect
      .poll(() => page.locator(".audit-event").first().textContent())
      .toContain("a exporté le journal d'audit (CSV)");

    await page.goto(`${relais.server.url}/admin/journal/verification`);
    await expect.poll(() => page.textContent("h1")).toBe("Vérification du journal d'audit");
    await expect.poll(() => page.textContent(".alert")).toContain("Le journal est intact");
    await expectAccessible(page);
    await expectFitsWidth(page);
    await context.close();
  });

  it("works without JavaScript: the search is a plain form, bad input answered in French", async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await signedInPage(context, relais.server.url, DPO);
    await page.goto(`${relais.server.url}/admin/journal`);
    const personId = await firstPersonId(page);

    await page.getByLabel("Personne concernée (identifiant)").fill("pas-un-identifiant");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect
      .poll(() => page.textContent(".error-summary"))
      .toContain("L'identifiant de la personne n'est pas valide");
    await checkWithoutJavaScript(page);

    await page.getByLabel("Personne concernée (identifiant)").fill(personId);
    await page.getByLabel("Action (début du code)").fill("person.");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/personne=/);
    expect(await page.locator(".error-summary").count()).toBe(0);
    await checkWithoutJavaScript(page);
    await context.close();
  });
});
