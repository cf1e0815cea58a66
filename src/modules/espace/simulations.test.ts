// « Mes simulations »: from the simulator's results into the space only with
// consent, the figures computed again (never taken from the page), a run for
// the current month, a share with the référent's structure (the record shows
// « partagée par la personne »), a deletion; another person's simulation
// answers 404.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "../../platform/access/actor.ts";
import { createTestApp, TEST_SECRET, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { createPersonWithParcours, openRecord } from "../records/service.ts";
import { contextFor, makeActor } from "../records/test-fixtures.ts";
import { sealAnswers } from "../rights/questionnaire.ts";
import { SINGLE_PARENT_ANSWERS } from "../rights/test-fixtures.ts";
import { linkRecordToSpace } from "./links.ts";
import { signInResident } from "./test-helpers.ts";

const readable = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

let now = new Date("2026-04-01T08:00:00Z");
/** The clock only moves forward: the outbox's last code is the newest one. */
function tick(ms = 60_000) {
  now = new Date(now.getTime() + ms);
}
async function signInAs(browser: TestClient, email: string) {
  tick();
  await signInResident(browser, database.db, email, email);
}
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let worker: UserActor;
let parcoursId: string;
let sst: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind, now: () => now });
  sst = await makeOrganisation(database.db, { kind: "sst", name: "SST de Nanterre" });
  worker = await makeActor(database.db, { role: "travailleur_social", organisationId: sst });
  ({ parcoursId } = await createPersonWithParcours(contextFor(database.db, worker, now), {
    lastName: "Morel",
    firstName: "Inès",
    birthDate: "1990-04-12",
    inCareAse: false,
    consentScope: "suivi",
    organisationId: sst,
  }));
});
afterAll(() => database?.close());
beforeEach(async () => {
  await database.db.deleteFrom("rate_limit").execute();
});

async function auditActions(prefix: string) {
  const rows = await database.db
    .selectFrom("audit_event")
    .select(["action", "details"])
    .where("action", "like", `${prefix}%`)
    .orderBy("seq")
    .execute();
  return rows;
}

/** From the simulator's results: the « Garder » form, as the browser posts it. */
async function keepFromSimulator(browser: TestClient, etat: string) {
  return browser.post(
    "/mes-droits/garder-dans-mon-espace",
    { etat },
    { tokenFrom: "/mes-droits/questions" },
  );
}

describe("keeping a simulation in the space", () => {
  it("offers « Garder cette simulation dans mon espace » on the simulator's results", async () => {
    const browser = new TestClient(app);
    const response = await browser.post(
      "/mes-droits/questions",
      { etat: sealAnswers(SINGLE_PARENT_ANSWERS, TEST_SECRET), action: "resultats" },
      { tokenFrom: "/mes-droits/questions" },
    );
    expect(response.status).toBe(200);
    expect(browser.lastHtml).toContain('action="/mes-droits/garder-dans-mon-espace"');
    expect(browser.lastHtml).toContain("Garder cette simulation dans mon espace");
  });

  it("refuses altered answers (400) and keeps nothing", async () => {
    const browser = new TestClient(app);
    const etat = sealAnswers(SINGLE_PARENT_ANSWERS, TEST_SECRET);
    const response = await keepFromSimulator(browser, `${etat.slice(0, -3)}abc`);
    expect(response.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("n'a pas pu être relue");
  });

  it("asks to sign in, then keeps the simulation only once the consent box is ticked", async () => {
    const browser = new TestClient(app);
    const sent = await keepFromSimulator(browser, sealAnswers(SINGLE_PARENT_ANSWERS, TEST_SECRET));
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe("/mon-espace/simulations/garder");
    const unsigned = await browser.get("/mon-espace/simulations/garder");
    expect(unsigned.headers.get("location")).toBe(
      "/mon-espace/connexion?retour=%2Fmon-espace%2Fsimulations%2Fgarder",
    );

    await signInAs(browser, "ines@exemple.fr");
    const page = await browser.get("/mon-espace/simulations/garder");
    expect(page.status).toBe(200);
    expect(readable(browser.lastHtml)).toContain("J'accepte que mes réponses");

    const refused = await browser.post(
      "/mon-espace/simulations/garder",
      {},
      { tokenFrom: "/mon-espace/simulations/garder" },
    );
    expect(refused.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("Cochez la case pour accepter");
    expect(await database.db.selectFrom("espace_simulation").selectAll().execute()).toHaveLength(0);

    const kept = await browser.post(
      "/mon-espace/simulations/garder",
      { consentement: "oui" },
      { tokenFrom: "/mon-espace/simulations/garder" },
    );
    expect(kept.status).toBe(303);
    expect(kept.headers.get("location")).toBe("/mon-espace/simulations?garde=1");
    const [row] = await database.db.selectFrom("espace_simulation").selectAll().execute();
    expect(row?.month).toBe("2026-04");
    expect(row?.consent_at.toISOString()).toBe(now.toISOString());
    expect(row?.results.some((r) => r.eligible && r.amountCents > 0)).toBe(true);
    expect((await auditActions("espace.simulation.keep")).length).toBe(1);

    await browser.get("/mon-espace/simulations");
    const html = readable(browser.lastHtml);
    expect(html).toContain("Simulation de avril 2026");
    expect(html).toContain("Montant estimé");
  });

  it("runs a kept simulation again for the current month, without keeping it", async () => {
    const browser = new TestClient(app);
    await signInAs(browser, "ines@exemple.fr");
    const row = await database.db
      .selectFrom("espace_simulation")
      .select("id")
      .executeTakeFirstOrThrow();
    now = new Date("2026-06-10T08:00:00Z");
    {
      await signInAs(browser, "ines@exemple.fr");
      const response = await browser.get(`/mon-espace/simulations/${row.id}/ce-mois`);
      expect(response.status).toBe(200);
      const html = readable(browser.lastHtml);
      expect(html).toContain("Avec les mêmes réponses, pour juin 2026");
      expect(html).toContain("ce qui était estimé pour avril 2026");
      expect(await database.db.selectFrom("espace_simulation").selectAll().execute()).toHaveLength(
        1,
      );
    }
  });

  it("shares a kept simulation with the structure of a linked record: the record shows it « partagée par la personne »", async () => {
    await linkRecordToSpace(
      database.db,
      worker,
      parcoursId,
      { contact: { kind: "email", value: "ines@exemple.fr" }, identityChecked: true },
      { now, requestId: null },
    );
    const browser = new TestClient(app);
    await signInAs(browser, "ines@exemple.fr");
    const row = await database.db
      .selectFrom("espace_simulation")
      .select("id")
      .executeTakeFirstOrThrow();
    const link = await database.db
      .selectFrom("espace_record_link")
      .select("id")
      .where("parcours_id", "=", parcoursId)
      .executeTakeFirstOrThrow();
    await browser.get("/mon-espace/simulations");
    expect(browser.lastHtml).toContain("SST de Nanterre");

    const bad = await browser.post(
      `/mon-espace/simulations/${row.id}/partager`,
      { lien: "pas-un-lien" },
      { tokenFrom: "/mon-espace/simulations" },
    );
    expect(bad.status).toBe(400);

    const shared = await browser.post(
      `/mon-espace/simulations/${row.id}/partager`,
      { lien: link.id },
      { tokenFrom: "/mon-espace/simulations" },
    );
    expect(shared.status).toBe(303);
    expect(shared.headers.get("location")).toBe("/mon-espace/simulations?partage=1");

    const record = await openRecord(contextFor(database.db, worker, now), parcoursId);
    const simulations = record.record?.simulations ?? [];
    expect(simulations).toHaveLength(1);
    expect(simulations[0]?.sharedByPersonAt?.toISOString()).toBe(now.toISOString());
    expect(simulations[0]?.attachedBy).toBeNull();
    expect((await auditActions("parcours.simulation.sharedByPerson")).length).toBe(1);
    expect((await auditActions("espace.simulation.share")).length).toBe(1);
    await browser.get("/mon-espace/historique");
    expect(browser.lastHtml).toContain("simulation de vos droits montrée à une structure");

    const colleague = await signInNewUser(app, database.db, "travailleur_social", sst);
    const page = await colleague.get(`/pro/dossiers/${parcoursId}`);
    expect(page.status).toBe(200);
    expect(colleague.lastHtml).toContain("simulation partagée par la personne le");
  });

  it("answers 404 for another person's simulation, then deletes one's own", async () => {
    const row = await database.db
      .selectFrom("espace_simulation")
      .select("id")
      .executeTakeFirstOrThrow();
    const stranger = new TestClient(app);
    await signInAs(stranger, "autre@exemple.fr");
    expect((await stranger.get(`/mon-espace/simulations/${row.id}/ce-mois`)).status).toBe(404);
    const attempt = await stranger.post(
      `/mon-espace/simulations/${row.id}/supprimer`,
      {},
      { tokenFrom: "/mon-espace/simulations" },
    );
    expect(attempt.status).toBe(404);

    const owner = new TestClient(app);
    await signInAs(owner, "ines@exemple.fr");
    const exported = await owner.get("/mon-espace/mes-donnees/export.json");
    expect(exported.status).toBe(200);
    const data = (await exported.json()) as { simulations: { month: string }[] };
    expect(data.simulations.map((simulation) => simulation.month)).toEqual(["2026-04"]);
    const deleted = await owner.post(
      `/mon-espace/simulations/${row.id}/supprimer`,
      {},
      { tokenFrom: "/mon-espace/simulations" },
    );
    expect(deleted.status).toBe(303);
    expect(await database.db.selectFrom("espace_simulation").selectAll().execute()).toHaveLength(0);
    expect((await auditActions("espace.simulation.delete")).length).toBe(1);
  });
});
