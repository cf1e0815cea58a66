import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { createPlage } from "./agenda-admin.ts";
import { findSlots, listMotifs } from "./service.ts";
import { localStarts, setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
  app = createTestApp(database.db, { kind: database.kind, now: () => TEST_NOW });
});
afterAll(async () => {
  await database.close();
});

const PATH = "/pro/rendez-vous/configuration";

async function responsableClient() {
  const responsable = await makeUser(database.db, {
    role: "responsable_structure",
    organisationId: agenda.organisationId,
  });
  const client = new TestClient(app);
  await client.login(responsable.email, responsable.password);
  return client;
}

describe("the responsable's setup pages", () => {
  it("refuses an opening or an absence for another structure's agent in the form, writing nothing", async () => {
    const client = await responsableClient();
    const stranger = await makeUser(database.db, { role: "travailleur_social" });
    const before = await database.db
      .selectFrom("rdv_plage")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    const opening = await client.post(
      `${PATH}/plages`,
      {
        agent: stranger.userId,
        lieu: "",
        motifs: agenda.motifId,
        firstDay: "2026-11-30",
        startTime: "09:00",
        endTime: "10:00",
      },
      { tokenFrom: PATH },
    );
    expect(opening.status).toBe(400);
    expect(client.lastHtml).toContain(
      "Cet agent, ce lieu ou ces motifs n&#39;appartiennent pas à votre structure.",
    );
    expect(client.lastHtml).toContain("Ajouter une plage d&#39;ouverture");
    const after = await database.db
      .selectFrom("rdv_plage")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const absence = await client.post(
      `${PATH}/absences`,
      { agent: stranger.userId, firstDay: "2026-11-30", startTime: "09:00", endTime: "10:00" },
      { tokenFrom: PATH },
    );
    expect(absence.status).toBe(400);
    expect(client.lastHtml).toContain("Cet agent n&#39;appartient pas à votre structure.");
  });

  it("adds a motif and a weekly opening whose slots are then offered, warning of an overlap", async () => {
    const responsable = await makeUser(database.db, {
      role: "responsable_structure",
      organisationId: agenda.organisationId,
    });
    const client = new TestClient(app);
    await client.login(responsable.email, responsable.password);
    const created = await client.post(
      `${PATH}/motifs`,
      { nom: "Aide au budget", modalite: "sur_place", duree: "40", reservable: "everyone" },
      { tokenFrom: PATH },
    );
    expect(created.status).toBe(200);
    expect(client.lastHtml).toContain("Motif ajouté");
    const motif = (await listMotifs(database.db)).find((m) => m.name === "Aide au budget");
    const refused = await client.post(
      `${PATH}/plages`,
      {
        agent: agenda.agent.userId,
        lieu: agenda.lieuId,
        motifs: motif?.id ?? "",
        firstDay: "2026-11-30",
        startTime: "12:00",
        endTime: "10:00",
      },
      { tokenFrom: PATH },
    );
    expect(refused.status).toBe(400);
    expect(client.lastHtml).toContain("L&#39;heure de fin doit être après l&#39;heure de début.");
    await client.post(
      `${PATH}/plages`,
      {
        agent: agenda.agent.userId,
        lieu: agenda.lieuId,
        motifs: motif?.id ?? "",
        firstDay: "2026-11-30",
        startTime: "11:00",
        endTime: "13:00",
        jours: "1",
      },
      { tokenFrom: PATH },
    );
    expect(client.lastHtml).toContain("Plage d&#39;ouverture ajoutée");
    expect(client.lastHtml).toContain("chevauche une autre plage");
    const slots = await findSlots(
      { db: database.db, now: TEST_NOW },
      {
        motifId: motif?.id ?? "",
        from: parisToDate("2026-11-30", "00:00"),
        to: parisToDate("2026-12-01", "00:00"),
      },
    );
    expect(slots.map((s) => s.start.toISOString())).toEqual([
      "2026-11-30T10:00:00.000Z",
      "2026-11-30T10:40:00.000Z",
      "2026-11-30T11:20:00.000Z",
    ]);
  });

  it("adds a motif with its booking window, which online slots then respect", async () => {
    const client = await responsableClient();
    const blank = await client.post(
      `${PATH}/motifs`,
      {
        nom: "Atelier budget",
        modalite: "sur_place",
        duree: "60",
        reservable: "everyone",
        delai: "",
        horizon: "6",
      },
      { tokenFrom: PATH },
    );
    expect(blank.status).toBe(400);
    expect(client.lastHtml).toContain("Indiquez le délai minimum en minutes.");
    expect((await listMotifs(database.db)).some((m) => m.name === "Atelier budget")).toBe(false);
    // 1 500 minutes = 25 hours after Monday 23 November 09:00; 6 days ahead = Sunday 29, 09:00.
    await client.post(
      `${PATH}/motifs`,
      {
        nom: "Atelier budget",
        modalite: "sur_place",
        duree: "60",
        reservable: "everyone",
        delai: "1500",
        horizon: "6",
      },
      { tokenFrom: PATH },
    );
    expect(client.lastHtml).toContain("Motif ajouté");
    expect(client.lastHtml).toContain("de 1500 min à 6 jours à l&#39;avance");
    const motif = (await listMotifs(database.db)).find((m) => m.name === "Atelier budget");
    expect(motif).toMatchObject({ minNoticeMinutes: 1500, maxHorizonDays: 6 });
    await createPlage(
      database.db,
      {
        organisationId: agenda.organisationId,
        agentId: agenda.agent.userId,
        lieuId: agenda.lieuId,
        motifIds: [motif?.id ?? ""],
        firstDay: "2026-11-23",
        startTime: "09:00",
        endTime: "12:00",
        recurrence: { everyWeeks: 1, weekdays: [1, 2, 3, 4, 5] },
      },
      TEST_NOW,
    );
    const slots = await findSlots(
      { db: database.db, now: TEST_NOW },
      {
        motifId: motif?.id ?? "",
        lieuId: agenda.lieuId,
        from: TEST_NOW,
        to: parisToDate("2026-12-07", "00:00"),
      },
    );
    expect(localStarts(slots)).toEqual([
      "2026-11-24 10:00",
      "2026-11-24 11:00",
      ...["25", "26", "27"].flatMap((day) =>
        ["09:00", "10:00", "11:00"].map((time) => `2026-11-${day} ${time}`),
      ),
    ]);
  });

  it("refuses the setup to a travailleur social", async () => {
    const client = new TestClient(app);
    await client.login(agenda.agent.email, agenda.agent.password);
    expect((await client.get(PATH)).status).toBe(403);
  });
});
