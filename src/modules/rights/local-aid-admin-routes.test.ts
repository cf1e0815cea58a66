import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { loadTerritory, readTerritory } from "../territory/service.ts";
import { publishedLocalAids } from "./local-aid-admin.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
// A fixed clock: the pages' default month and every stored time come from it.
const NOW = new Date("2025-11-20T10:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  await loadTerritory(database.db, readTerritory("92"));
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(async () => {
  await database.close();
});

async function signedIn(role: "pilote" | "admin" | "travailleur_social" | "agent_accueil") {
  const user = await makeUser(database.db, { role });
  const client = new TestClient(app);
  await client.login(user.email, user.password);
  return client;
}

/** An energy aid: tenants of the 92, resources at most 1,000 € alone / 1,500 € for two, +300 € each further person. */
const ENERGY = {
  nom: "Aide départementale à l'énergie (essai)",
  description: "Une aide pour payer une facture d'énergie.",
  organisme: "Département",
  date_effet: "2025-01",
  residence: "oui",
  plafond_1: "1000",
  plafond_2: "1 500",
  plafond_plus: "300",
  logement: "locataire",
  montant_type: "fixe",
  montant: "200",
  periodicite: "ponctuelle",
  demande_texte: "Au service de solidarité territoriale",
  demande_lien: "/trouver-de-l-aide",
  documents: "La facture\nUn RIB",
  source_texte: "Délibération d'essai n° 1",
  source_date: "2024-12-16",
};

const WORKER_FORM = {
  naissance: "1990-04-12",
  isole_recent: "non",
  activite: "salarie",
  handicap: "non",
  statut: "locataire",
  loyer: "650",
  aide_logement: "300",
  commune: "92050",
};

const aidIdOf = (location: string) => location.split("/").pop()?.split("#")[0] ?? "";

describe("the Département's own aids as data", () => {
  it("a pilote creates a draft, previews it on sample households, publishes it; the simulator shows it apart, with its source", async () => {
    const pilot = await signedIn("pilote");
    expect((await pilot.get("/pro/aides-locales/nouvelle")).status).toBe(200);
    const created = await pilot.post("/pro/aides-locales/nouvelle", ENERGY, {
      tokenFrom: "/pro/aides-locales/nouvelle",
    });
    expect(created.status).toBe(303);
    const page = created.headers.get("location") ?? "";
    const id = aidIdOf(page);
    // A draft is not in the simulator.
    expect(await publishedLocalAids(database.db, "2025-06")).toHaveLength(0);

    await pilot.get(page);
    expect(pilot.lastHtml).toContain("Aperçu sur des foyers types en janvier 2025");
    // Sample 1: alone, no income, tenant in the 92 → 0 ≤ 1,000 €: yes, 200 € once.
    expect(pilot.lastHtml).toMatch(
      /Personne seule de 35 ans[^<]*<\/strong><br\/?>Oui : 200 € en une fois/,
    );
    // Sample 3: 5 persons, 2,600 €/month ≤ 1,500 + 3 × 300 = 2,400 €? No.
    expect(pilot.lastHtml).toMatch(
      /Couple, 3 enfants[^<]*<\/strong><br\/?>Non : des revenus du foyer/,
    );
    // Sample 4: owner → not a tenant.
    expect(pilot.lastHtml).toMatch(/72 ans[^<]*<\/strong><br\/?>Non : être locataire/);

    const published = await pilot.post(
      `/pro/aides-locales/${id}/versions/1/publier`,
      {},
      { tokenFrom: page },
    );
    expect(published.status).toBe(303);
    expect((await publishedLocalAids(database.db, "2025-06")).map((v) => v.aidId)).toContain(id);
    expect(await publishedLocalAids(database.db, "2024-12")).toHaveLength(0);

    // A worker's simulation in June 2025: single parent, 1 child, salary 500 € → 2 persons, 500 ≤ 1,500 €.
    const worker = await signedIn("travailleur_social");
    const response = await worker.post(
      "/pro/simulateur",
      { ...WORKER_FORM, mois: "2025-06", enfant1: "2016-09-01", salaire: "500" },
      { tokenFrom: "/pro/simulateur" },
    );
    expect(response.status).toBe(200);
    const html = worker.lastHtml;
    const local = html.slice(html.indexOf('id="aides-departement"'));
    expect(html.indexOf('id="aides-departement"')).toBeGreaterThan(
      html.indexOf("Les autres aides"),
    );
    expect(local).toContain("Aide départementale à l&#39;énergie (essai)");
    expect(local).toContain("200 € en une fois");
    expect(local).toContain("Délibération d&#39;essai n° 1 (16 décembre 2024)");
    expect(local).toContain("Oui\u00a0: habiter le département (92)");

    const audit = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("subject_id", "=", id)
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "rights.local_aid.create",
      "rights.local_aid.publish",
    ]);
  });

  it("a change is a new version: the simulator uses the version valid in the simulated month, on both sides of its date", async () => {
    const admin = await signedIn("admin");
    const created = await admin.post(
      "/pro/aides-locales/nouvelle",
      { ...ENERGY, nom: "Aide versionnée", date_effet: "2025-01" },
      { tokenFrom: "/pro/aides-locales/nouvelle" },
    );
    const id = aidIdOf(created.headers.get("location") ?? "");
    await admin.post(
      `/pro/aides-locales/${id}/versions/1/publier`,
      {},
      { tokenFrom: `/pro/aides-locales/${id}` },
    );
    // Version 2 from March 2026: 250 €.
    expect((await admin.get(`/pro/aides-locales/${id}/modifier`)).status).toBe(200);
    expect(admin.lastHtml).toContain('value="Aide versionnée"');
    const changed = await admin.post(
      `/pro/aides-locales/${id}/modifier`,
      { ...ENERGY, nom: "Aide versionnée", date_effet: "2026-03", montant: "250" },
      { tokenFrom: `/pro/aides-locales/${id}/modifier` },
    );
    expect(changed.status).toBe(303);
    const amountIn = async (month: string) =>
      (await publishedLocalAids(database.db, month))
        .filter((v) => v.aidId === id)
        .map((v) => (v.definition.amount.kind === "fixe" ? v.definition.amount.cents : -1));
    // Still a draft: February and March 2026 both use version 1.
    expect(await amountIn("2026-03")).toEqual([20_000]);
    await admin.post(
      `/pro/aides-locales/${id}/versions/2/publier`,
      {},
      { tokenFrom: `/pro/aides-locales/${id}` },
    );
    expect(await amountIn("2026-02")).toEqual([20_000]);
    expect(await amountIn("2026-03")).toEqual([25_000]);
    expect(await amountIn("2031-01")).toEqual([25_000]);
    expect(await amountIn("2024-12")).toEqual([]);
    await admin.get(`/pro/aides-locales/${id}`);
    expect(admin.lastHtml).toContain(
      "Version 1 : publiée, à partir de janvier 2025 jusqu&#39;à février 2026.",
    );

    // A version dated before the one in force is refused, in French, and nothing changes.
    await admin.post(
      `/pro/aides-locales/${id}/modifier`,
      { ...ENERGY, nom: "Aide versionnée", date_effet: "2025-06", montant: "999" },
      { tokenFrom: `/pro/aides-locales/${id}/modifier` },
    );
    const refused = await admin.post(
      `/pro/aides-locales/${id}/versions/3/publier`,
      {},
      { tokenFrom: `/pro/aides-locales/${id}` },
    );
    expect(refused.status).toBe(400);
    expect(admin.lastHtml).toContain("doit suivre celle de la version en vigueur (mars 2026)");
    expect(await amountIn("2025-06")).toEqual([20_000]);

    // Stopping the aid after June 2027: shown in June, gone in July; not before its version.
    const early = await admin.post(
      `/pro/aides-locales/${id}/arreter`,
      { dernier_mois: "2026-01" },
      { tokenFrom: `/pro/aides-locales/${id}` },
    );
    expect(early.status).toBe(400);
    expect(admin.lastHtml).toContain(
      "ne peut pas précéder le début de la version en vigueur (mars 2026)",
    );
    const ended = await admin.post(
      `/pro/aides-locales/${id}/arreter`,
      { dernier_mois: "2027-06" },
      { tokenFrom: `/pro/aides-locales/${id}` },
    );
    expect(ended.status).toBe(303);
    expect(await amountIn("2027-06")).toEqual([25_000]);
    expect(await amountIn("2027-07")).toEqual([]);
    expect(await amountIn("2026-02")).toEqual([20_000]);
  });

  it("bad input answers 400 in French, field by field, and writes nothing", async () => {
    const pilot = await signedIn("pilote");
    const before = await database.db.selectFrom("rights_local_aid").select("id").execute();
    const response = await pilot.post(
      "/pro/aides-locales/nouvelle",
      {
        ...ENERGY,
        nom: "",
        date_effet: "janvier",
        plafond_1: "mille",
        montant_type: "fixe",
        montant: "",
        demande_lien: "javascript:alert(1)",
      },
      { tokenFrom: "/pro/aides-locales/nouvelle" },
    );
    expect(response.status).toBe(400);
    for (const message of [
      "Indiquez le nom de l&#39;aide.",
      "Le mois d&#39;effet au format AAAA-MM",
      "Un montant en euros, par exemple 1200",
      "Indiquez un montant en euros.",
      "Une adresse qui commence par / ou https://.",
    ])
      expect(pilot.lastHtml).toContain(message);
    expect(await database.db.selectFrom("rights_local_aid").select("id").execute()).toHaveLength(
      before.length,
    );
  });

  it("refuses a travailleur social and an agent d'accueil (403), and a form without its CSRF token", async () => {
    for (const role of ["travailleur_social", "agent_accueil"] as const) {
      const client = await signedIn(role);
      expect((await client.get("/pro/aides-locales")).status).toBe(403);
      expect((await client.get("/pro/aides-locales/nouvelle")).status).toBe(403);
      await client.get("/pro");
      const posted = await client.post("/pro/aides-locales/nouvelle", ENERGY, {
        tokenFrom: "/pro",
      });
      expect(posted.status).toBe(403);
    }
    const pilot = await signedIn("pilote");
    const before = await database.db.selectFrom("rights_local_aid").select("id").execute();
    const forged = await pilot.post("/pro/aides-locales/nouvelle", ENERGY, { csrf: false });
    expect(forged.status).toBe(403);
    expect(await database.db.selectFrom("rights_local_aid").select("id").execute()).toHaveLength(
      before.length,
    );
    expect(
      (await pilot.get("/pro/aides-locales/00000000-0000-0000-0000-000000000000")).status,
    ).toBe(404);
  });
});
