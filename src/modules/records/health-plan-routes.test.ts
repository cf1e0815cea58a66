// Objectives on a health theme (and their actions) are health data: a
// structure whose consent leaves health out does not see them, on the record
// page or in the export, and cannot write to them; one whose consent includes
// health does.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { postNewRecord } from "./test-fixtures.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let page: string;
let healthAction: string;
let withoutHealth: TestClient;
let withHealth: TestClient;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db);
  const db = database.db;
  const sst = await makeOrganisation(db, { kind: "sst" });
  const association = await makeOrganisation(db, { kind: "association" });
  const ccas = await makeOrganisation(db, { kind: "ccas" });
  const owner = await signInNewUser(app, database.db, "travailleur_social", sst);
  const { parcoursId } = await postNewRecord(owner, {
    lastName: "Larchevêque",
    firstName: "Odile",
    birthDate: "1970-07-07",
    consentScope: "suivi_sante",
    organisationId: sst,
  });
  page = `/pro/dossiers/${parcoursId}`;
  for (const [theme, title] of [
    ["sante", "Soins en addictologie"],
    ["logement", "Trouver un logement"],
  ] as const) {
    expect(
      (await owner.post(`${page}/objectifs`, { theme, title }, { tokenFrom: page })).status,
    ).toBe(303);
  }
  const objectives = await db.selectFrom("plan_objective").select(["id", "theme"]).execute();
  for (const objective of objectives) {
    await owner.post(
      `${page}/actions`,
      {
        objectiveId: objective.id,
        actionTitle: objective.theme === "sante" ? "Rendez-vous au CSAPA" : "Demande DALO",
        assignee: "Odile",
      },
      { tokenFrom: page },
    );
  }
  healthAction = (
    await db
      .selectFrom("plan_action")
      .select("id")
      .where("title", "=", "Rendez-vous au CSAPA")
      .executeTakeFirstOrThrow()
  ).id;
  // Both structures joined the parcours; the person agreed to share health with the CCAS only.
  for (const [organisationId, scope] of [
    [association, "suivi"],
    [ccas, "suivi_sante"],
  ] as const) {
    await owner.post(
      `${page}/consentements`,
      { consentOrganisationId: organisationId, scope, how: "ecrit", givenOn: "2024-01-02" },
      { tokenFrom: page },
    );
    await db
      .insertInto("parcours_member")
      .values({
        parcours_id: page.split("/").pop() ?? "",
        organisation_id: organisationId,
        joined_at: new Date(),
      })
      .execute();
  }
  withoutHealth = await signInNewUser(app, database.db, "travailleur_social", association);
  withHealth = await signInNewUser(app, database.db, "travailleur_social", ccas);
});
afterAll(() => database?.close());

describe("health objectives of the plan", () => {
  it("hides them from a structure whose consent leaves health out, on the page and in the export", async () => {
    expect((await withoutHealth.get(page)).status).toBe(200);
    expect(withoutHealth.lastHtml).toContain("Trouver un logement");
    expect(withoutHealth.lastHtml).toContain("Demande DALO");
    expect(withoutHealth.lastHtml).not.toContain("addictologie");
    expect(withoutHealth.lastHtml).not.toContain("CSAPA");
    expect(withoutHealth.lastHtml).not.toMatch(/<option value="sante"/);
    const exported = await (await withoutHealth.get(`${page}/export.json`)).text();
    expect(exported).toContain("Trouver un logement");
    expect(exported).not.toContain("addictologie");
    expect(exported).not.toContain("CSAPA");
    expect(JSON.parse(exported).healthWithheld).toBe(true);
    expect(exported).not.toMatch(/Withheld":\s*\d/);
  });

  it("shows them to a structure whose consent includes health", async () => {
    expect((await withHealth.get(page)).status).toBe(200);
    expect(withHealth.lastHtml).toContain("Soins en addictologie");
    expect(withHealth.lastHtml).toContain("Rendez-vous au CSAPA");
    expect(withHealth.lastHtml).toMatch(/<option value="sante"/);
    const exported = await (await withHealth.get(`${page}/export.json`)).text();
    expect(exported).toContain("Soins en addictologie");
    expect(exported).toContain("Rendez-vous au CSAPA");
  });

  it("refuses writes on health from the structure without health, and changes nothing", async () => {
    const before = await database.db.selectFrom("plan_action").selectAll().execute();
    const objectivesBefore = await database.db.selectFrom("plan_objective").selectAll().execute();
    const created = await withoutHealth.post(
      `${page}/objectifs`,
      { theme: "sante", title: "Suivi psychiatrique" },
      { tokenFrom: page },
    );
    expect(created.status).toBe(403);
    const status = await withoutHealth.post(
      `${page}/actions/${healthAction}`,
      { version: "1", status: "faite" },
      { tokenFrom: page },
    );
    expect(status.status).toBe(404);
    expect(withoutHealth.lastHtml).not.toContain("CSAPA");
    const healthObjective = objectivesBefore.find((o) => o.theme === "sante")?.id ?? "";
    const action = await withoutHealth.post(
      `${page}/actions`,
      { objectiveId: healthObjective, actionTitle: "Appeler le médecin", assignee: "Moi" },
      { tokenFrom: page },
    );
    expect(action.status).toBe(400);
    expect(withoutHealth.lastHtml).toContain("Choisissez un objectif de ce plan.");
    expect(await database.db.selectFrom("plan_action").selectAll().execute()).toEqual(before);
    expect(await database.db.selectFrom("plan_objective").selectAll().execute()).toEqual(
      objectivesBefore,
    );
  });

  it("lets the structure with health update a health action", async () => {
    const response = await withHealth.post(
      `${page}/actions/${healthAction}`,
      { version: "1", status: "en_cours" },
      { tokenFrom: page },
    );
    expect(response.status).toBe(303);
    const row = await database.db
      .selectFrom("plan_action")
      .select("status")
      .where("id", "=", healthAction)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("en_cours");
  });
});
