// Slot pages open on a week with a free slot: on a Sunday evening the
// current week has nothing left, and the page must not open on it.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { bookAppointment } from "./service.ts";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

/** Sunday 29 November 2026, 18:00: the week of Monday 23 November is over. */
const SUNDAY_EVENING = parisToDate("2026-11-29", "18:00");

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
  app = createTestApp(database.db, { kind: database.kind, now: () => SUNDAY_EVENING });
});
afterAll(async () => {
  await database.close();
});

const slotLinks = (html: string, prefix: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].filter((m) => (m[1] ?? "").startsWith(prefix));

describe("the week a slot page opens on", () => {
  it("opens the move page on the first week with a free slot, and labels the current appointment", async () => {
    const booked = await bookAppointment(contextAt(database.db, TEST_NOW), {
      motifId: agenda.motifId,
      agentId: agenda.agent.userId,
      lieuId: agenda.lieuId,
      start: parisToDate("2026-12-10", "10:00"),
      person: PERSON,
    });
    const client = new TestClient(app);
    const response = await client.get(
      `/rendez-vous/gerer/${booked.id}/deplacer?jeton=${encodeURIComponent(booked.token)}`,
    );
    expect(response.status).toBe(200);
    expect(client.lastHtml).toContain("Semaine du lundi 30 novembre 2026");
    expect(client.lastHtml).not.toContain("Aucun créneau libre");
    expect(
      slotLinks(client.lastHtml, `/rendez-vous/gerer/${booked.id}/deplacer/confirmer`).length,
    ).toBeGreaterThan(0);
    expect(client.lastHtml).toContain(
      "Votre rendez-vous actuel\u00a0: jeudi 10 décembre 2026 à 10 h 00",
    );
    expect(client.lastHtml).not.toContain("Aujourd&#39;hui");
  });

  it("opens the pro booking page on the first week with a free slot", async () => {
    const client = new TestClient(app);
    await client.login(agenda.accueil.email, agenda.accueil.password);
    await client.get(`/pro/rendez-vous/prendre/creneaux?motif=${agenda.motifId}`);
    expect(client.lastHtml).toContain("Semaine du lundi 30 novembre 2026");
    expect(
      slotLinks(client.lastHtml, "/pro/rendez-vous/prendre/coordonnees").length,
    ).toBeGreaterThan(0);
  });

  it("keeps the week asked for, and sends the public page to the first open week", async () => {
    const client = new TestClient(app);
    const asked = await client.get(
      `/rendez-vous/creneaux?motif=${agenda.motifId}&lieu=${agenda.lieuId}&semaine=2026-12-21`,
    );
    expect(asked.status).toBe(200);
    expect(client.lastHtml).toContain("Semaine du lundi 21 décembre 2026");
    const opened = await client.get(
      `/rendez-vous/creneaux?motif=${agenda.motifId}&lieu=${agenda.lieuId}`,
    );
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toContain("semaine=2026-11-30");
  });
});
