import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectFitsWidth, PHONE, signedInPage, withRelais } from "./harness.ts";

const relais = withRelais(3104);

const SST_WORKER = "ts@demo.relais.test";
const ASSOCIATION_WORKER = "secours-catholique@demo.relais.test";
const CCAS_WORKER = "ccas-nanterre@demo.relais.test";
const ASSOCIATION = "Secours Catholique — délégation des Hauts-de-Seine";
const SERVICE = /^Accueil de jour et écoute — Secours catholique — Nanterre/;

async function newContext(
  options: { phone?: boolean; javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  return relais.browser.newContext({
    locale: "fr-FR",
    ...(options.phone ? { viewport: PHONE } : {}),
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
}

/** axe on the page, and on a phone no horizontal scrolling. */
async function check(page: Page, phone = false): Promise<void> {
  await expectAccessible(page);
  if (phone) await expectFitsWidth(page);
}

/**
 * axe needs JavaScript in the page: a page seen without it is checked by
 * replaying the exact HTML it received, at the same address, in a page that runs scripts.
 */
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

type Access = { action: string; who: string | null; organisation: string | null };

describe("a shared record, from the SST to an association, traced end to end", () => {
  let recordUrl = "";

  it("the SST worker opens a record with consent, on a phone, and orients the person to an association's service", async () => {
    const context = await newContext({ phone: true });
    const page = await signedInPage(context, relais.server.url, SST_WORKER);
    await check(page, true);

    await page.goto(`${relais.server.url}/pro/dossiers`);
    await check(page, true);
    await page.getByRole("link", { name: "Ouvrir le dossier d'une nouvelle personne" }).click();
    await page.waitForURL(`${relais.server.url}/pro/dossiers/nouveau`);
    await check(page, true);

    // Without the person's consent, nothing is opened.
    await page.getByLabel("Nom", { exact: true }).fill("Lambert");
    await page.getByLabel("Prénom").fill("Yasmine");
    await page.getByLabel("Date de naissance").fill("1995-03-08");
    await page.getByRole("button", { name: "Ouvrir le dossier" }).click();
    await expect
      .poll(() => page.textContent(".error-summary"))
      .toContain("Le dossier ne peut être ouvert qu'avec l'accord de la personne.");
    await check(page, true);

    await page.getByLabel(/La personne accepte que sa situation soit suivie/).check();
    await page.getByRole("button", { name: "Ouvrir le dossier" }).click();
    await page.waitForURL(/\/pro\/dossiers\/[0-9a-f-]{36}$/);
    recordUrl = page.url();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Yasmine Lambert");
    await check(page, true);

    // Consent for the association first: orientation never widens sharing.
    await page.getByLabel("La personne accepte de partager son dossier avec").selectOption({
      label: ASSOCIATION,
    });
    await page.getByLabel("Étendue").selectOption("suivi");
    await page.getByLabel("Oralement").check();
    await page.getByLabel("Date de l'accord").fill("2024-01-02");
    await page.getByRole("button", { name: "Enregistrer le consentement" }).click();
    await page.waitForURL(`${recordUrl}#consentements`);
    expect(await page.textContent("#consentements")).toContain(ASSOCIATION);
    await check(page, true);

    await page.getByLabel("Orienter vers un service de l'annuaire").fill("accueil de jour écoute");
    await page.getByRole("button", { name: "Chercher un service" }).click();
    await page.waitForURL(/\/orienter\?q=/);
    await check(page, true);
    await page.getByLabel(SERVICE).check();
    await page
      .getByLabel("Message pour la structure")
      .fill("Isolée depuis son arrivée à Nanterre.");
    await page.getByRole("button", { name: "Proposer l'orientation" }).click();
    await page.waitForURL(`${recordUrl}#orientations`);
    const orientations = await page.textContent("#orientations");
    expect(orientations).toContain("Accueil de jour et écoute");
    expect(orientations).toContain("Proposée");
    await check(page, true);
    await context.close();
  });

  it("the association worker, without JavaScript, must give a reason to refuse, then accepts and adds a note", async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await signedInPage(context, relais.server.url, ASSOCIATION_WORKER);
    await page.goto(`${relais.server.url}/pro/orientations`);
    await checkWithoutJavaScript(page);
    const card = () => page.locator(".card").filter({ hasText: "Yasmine Lambert" });
    expect(await card().textContent()).toContain("Accueil de jour et écoute");

    await card().getByLabel("Refuser").check();
    await card().getByRole("button", { name: "Envoyer la décision" }).click();
    await page.waitForLoadState();
    expect(await page.title()).toMatch(/^Erreur — Orientations reçues/);
    expect(await page.textContent(".error-summary")).toContain("Indiquez la raison du refus");
    await checkWithoutJavaScript(page);

    await card().getByLabel("Accepter").check();
    await card().getByRole("button", { name: "Envoyer la décision" }).click();
    await page.waitForURL(recordUrl);
    await checkWithoutJavaScript(page);
    await page.getByLabel("Date du contact").fill("2026-11-16");
    await page
      .getByLabel("Note", { exact: true })
      .fill("Premier accueil de jour : café et écoute.");
    await page.getByRole("button", { name: "Ajouter la note" }).click();
    await page.waitForURL(`${recordUrl}#notes`);
    expect(await page.textContent("#notes")).toContain("Premier accueil de jour");
    await checkWithoutJavaScript(page);
    await context.close();
  });

  it("the CCAS worker, to whom the person gave no consent, gets a 404 that says nothing about her", async () => {
    const context = await newContext({ phone: true });
    const page = await signedInPage(context, relais.server.url, CCAS_WORKER);
    const response = await page.goto(recordUrl);
    expect(response?.status()).toBe(404);
    const text = (await page.textContent("body")) ?? "";
    for (const leak of ["Lambert", "Yasmine", "1995", "Premier accueil", "Isolée"])
      expect(text).not.toContain(leak);
    await check(page, true);
    for (const path of ["/export.json", "/orienter?q=aide"]) {
      const attempt = await page.goto(`${recordUrl}${path}`);
      expect(attempt?.status(), path).toBe(404);
      expect((await page.textContent("body")) ?? "").not.toContain("Lambert");
    }
    await page.goto(`${relais.server.url}/pro/dossiers?nom=Lambert`);
    expect(await page.textContent("main")).not.toContain("Lambert");
    await check(page, true);
    await context.close();
  });

  it("the SST worker books an appointment from the record, on a phone, and sees it there", async () => {
    const context = await newContext({ phone: true });
    const page = await signedInPage(context, relais.server.url, SST_WORKER);
    await page.goto(recordUrl);
    await page.getByRole("link", { name: "Prendre rendez-vous pour cette personne" }).click();
    await page.waitForURL(/\/pro\/rendez-vous\/prendre\?dossier=/);
    await check(page, true);
    await page.locator(".rdv-motifs a").first().click();
    await page.waitForURL(/\/prendre\/creneaux\?/);
    const slot = page.locator('a[href*="/pro/rendez-vous/prendre/coordonnees"]').first();
    if ((await slot.count()) === 0) {
      await page.getByRole("link", { name: /Semaine suivante/ }).click();
      await page.waitForURL(/semaine=/);
    }
    await page.locator('a[href*="/pro/rendez-vous/prendre/coordonnees"]').first().click();
    await page.waitForURL(/\/prendre\/coordonnees\?/);
    expect(await page.getByLabel("Nom et prénom").inputValue()).toBe("Yasmine Lambert");
    await page.getByLabel("Numéro de téléphone").fill("06 12 34 56 78");
    await page.getByRole("button", { name: "Réserver" }).click();
    await page.waitForURL(`${recordUrl}#rendez-vous`);
    expect(await page.textContent("#rendez-vous")).toContain("à venir");
    await check(page, true);
    await context.close();
  });

  it("the person's export, handed over by the SST worker, lists every access", async () => {
    const context = await newContext();
    const page = await signedInPage(context, relais.server.url, SST_WORKER);
    await page.goto(recordUrl);
    await check(page);
    const response = await context.request.get(`${recordUrl}/export.json`);
    expect(response.status()).toBe(200);
    const data = (await response.json()) as { accesses: Access[] };
    const seen = (action: string, organisation: string) =>
      data.accesses.some((a) => a.action === action && a.organisation === organisation);
    for (const action of [
      "person.create",
      "parcours.read",
      "consent.record",
      "orientation.create",
      "person.export",
    ])
      expect(seen(action, "SST de Nanterre"), action).toBe(true);
    for (const action of ["orientation.list", "orientation.accept", "parcours.read", "note.create"])
      expect(seen(action, ASSOCIATION), action).toBe(true);
    expect(data.accesses.every((a) => a.who !== null && a.organisation !== null)).toBe(true);
    expect(data.accesses.some((a) => a.organisation === "CCAS de Nanterre")).toBe(false);

    const pdf = await context.request.get(`${recordUrl}/export.pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await context.close();
  });

  it("from a service page of the directory, the SST worker picks the person to orient, on a phone", async () => {
    const context = await newContext({ phone: true });
    const page = await signedInPage(context, relais.server.url, SST_WORKER);
    await page.goto(`${relais.server.url}/trouver-de-l-aide?besoin=accueil+de+jour&lieu=Nanterre`);
    await check(page, true);
    await page.getByRole("link", { name: "Orienter une personne" }).first().click();
    await page.waitForURL(/\/pro\/orientations\/nouvelle\?service=/);
    await check(page, true);
    await page.getByLabel("Chercher la personne (nom ou prénom)").fill("Lambert");
    await page.getByRole("button", { name: "Chercher" }).click();
    await page.getByRole("link", { name: "Orienter Yasmine Lambert" }).click();
    await page.waitForURL(/\/orienter\?service=/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Orienter Yasmine Lambert",
    );
    expect(await page.getByRole("radio").first().isChecked()).toBe(true);
    await check(page, true);
    await context.close();
  });
});
