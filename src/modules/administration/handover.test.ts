import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { createPersonWithParcours, setReferent } from "../records/service.ts";
import { contextFor, makeActor } from "../records/test-fixtures.ts";

let database: TestDatabase;
const clock = new Date("2026-03-02T09:00:00Z");
let app: ReturnType<typeof createTestApp>;
let organisationId: string;
let responsable: TestClient;
let leaving: Awaited<ReturnType<typeof makeActor>>;
let colleague: Awaited<ReturnType<typeof makeActor>>;
const parcoursIds: string[] = [];
const personIds: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind, now: () => clock });
  organisationId = await makeOrganisation(database.db, { kind: "sst", now: clock });
  responsable = await signInNewUser(app, database.db, "responsable_structure", organisationId);
  leaving = await makeActor(database.db, { role: "travailleur_social", organisationId });
  colleague = await makeActor(database.db, { role: "travailleur_social", organisationId });
  for (const [lastName, firstName] of [
    ["Bernard", "Alice"],
    ["Petit", "Omar"],
    ["Moreau", "Léa"],
  ] as const) {
    const created = await createPersonWithParcours(contextFor(database.db, leaving, clock), {
      lastName,
      firstName,
      birthDate: "1980-05-01",
      inCareAse: false,
      consentScope: "suivi",
      organisationId,
    });
    await setReferent(contextFor(database.db, leaving, clock), created.parcoursId, {
      referentUserId: leaving.userId,
    });
    parcoursIds.push(created.parcoursId);
    personIds.push(created.personId);
  }
});
afterAll(() => database.close());

const pagePath = () =>
  `/pro/administration/organisations/${organisationId}/comptes/${leaving.userId}/dossiers`;

async function referentsOf(ids: string[]) {
  const rows = await database.db
    .selectFrom("parcours")
    .select(["id", "referent_user_id"])
    .where("id", "in", ids)
    .execute();
  return rows.map((row) => row.referent_user_id);
}

describe("référent hand-over", () => {
  it("shows the responsable the open records of the leaving worker, audited per person", async () => {
    const page = await responsable.get(pagePath());
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Alice Bernard");
    expect(html).toContain("Omar Petit");
    expect(html).toContain("Léa Moreau");
    const listed = await database.db
      .selectFrom("audit_event")
      .select("person_id")
      .where("action", "=", "person.list")
      .where("person_id", "in", personIds)
      .execute();
    expect(listed).toHaveLength(3);
  });

  it("hands one record over, then the others in bulk; each person's history says so", async () => {
    const one = await responsable.post(
      pagePath(),
      { parcoursIds: parcoursIds[0] ?? "", toUserId: colleague.userId },
      { tokenFrom: pagePath() },
    );
    expect(one.status).toBe(303);
    expect(await referentsOf([parcoursIds[0] ?? ""])).toEqual([colleague.userId]);
    const bulk = await responsable.post(
      pagePath(),
      { parcoursIds: [parcoursIds[1] ?? "", parcoursIds[2] ?? ""], toUserId: colleague.userId },
      { tokenFrom: pagePath() },
    );
    expect(bulk.status).toBe(303);
    expect(await referentsOf(parcoursIds)).toEqual([
      colleague.userId,
      colleague.userId,
      colleague.userId,
    ]);
    const history = await database.db
      .selectFrom("audit_event")
      .select(["person_id", "details"])
      .where("action", "=", "parcours.referent.handover")
      .execute();
    expect(history.map((event) => event.person_id).sort()).toEqual([...personIds].sort());
    expect(history[0]?.details).toMatchObject({
      fromUserId: leaving.userId,
      toUserId: colleague.userId,
    });
    const page = await responsable.get(pagePath());
    expect(await page.text()).toContain(
      "Aucun parcours ouvert n&#39;a cette personne pour référent.",
    );
  });

  it("refuses, in French with 400 and without change, a hand-over to the leaving worker or with nothing ticked", async () => {
    const samePerson = await responsable.post(
      `/pro/administration/organisations/${organisationId}/comptes/${colleague.userId}/dossiers`,
      { parcoursIds: parcoursIds[0] ?? "", toUserId: colleague.userId },
      { tokenFrom: pagePath() },
    );
    expect(samePerson.status).toBe(400);
    expect(await samePerson.text()).toContain("Choisissez un travailleur social de la structure");
    const nothing = await responsable.post(
      `/pro/administration/organisations/${organisationId}/comptes/${colleague.userId}/dossiers`,
      { toUserId: leaving.userId },
      { tokenFrom: pagePath() },
    );
    expect(nothing.status).toBe(400);
    expect(await nothing.text()).toContain("Cochez au moins un dossier");
    expect(await referentsOf(parcoursIds)).toEqual([
      colleague.userId,
      colleague.userId,
      colleague.userId,
    ]);
  });

  it("still hands over the records of a worker whose role already ended", async () => {
    const gone = await makeActor(database.db, { role: "travailleur_social", organisationId });
    const created = await createPersonWithParcours(contextFor(database.db, gone, clock), {
      lastName: "Roux",
      firstName: "Nina",
      birthDate: "1975-02-03",
      inCareAse: false,
      consentScope: "suivi",
      organisationId,
    });
    await setReferent(contextFor(database.db, gone, clock), created.parcoursId, {
      referentUserId: gone.userId,
    });
    const accountsPath = `/pro/administration/organisations/${organisationId}/comptes`;
    const ended = await responsable.post(
      `${accountsPath}/${gone.userId}/fin`,
      { role: "travailleur_social" },
      { tokenFrom: accountsPath },
    );
    expect(ended.status).toBe(303);
    const accounts = await (await responsable.get(accountsPath)).text();
    const path = `${accountsPath}/${gone.userId}/dossiers`;
    expect(accounts).toContain(`href="${path}"`);
    expect(await (await responsable.get(path)).text()).toContain("Nina Roux");
    const moved = await responsable.post(
      path,
      { parcoursIds: created.parcoursId, toUserId: colleague.userId },
      { tokenFrom: path },
    );
    expect(moved.status).toBe(303);
    expect(await referentsOf([created.parcoursId])).toEqual([colleague.userId]);
  });

  it("forbids the page to a responsable of another structure and to a social worker (403)", async () => {
    const other = await makeOrganisation(database.db, { kind: "sst" });
    const stranger = await signInNewUser(app, database.db, "responsable_structure", other);
    expect((await stranger.get(pagePath())).status).toBe(403);
    const worker = new TestClient(app);
    await worker.login(colleague.email, colleague.password);
    expect((await worker.get(pagePath())).status).toBe(403);
  });
});
