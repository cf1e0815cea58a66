import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { joinSession } from "./service.ts";
import { SESSIONS_PATH } from "./session-routes.tsx";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

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

async function signedIn(user: { email: string; password: string }) {
  const client = new TestClient(app);
  await client.login(user.email, user.password);
  return client;
}

async function responsable() {
  return signedIn(
    await makeUser(database.db, {
      role: "responsable_structure",
      organisationId: agenda.organisationId,
    }),
  );
}

function sessionFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    motif: agenda.motifId,
    lieu: agenda.lieuId,
    agent: agenda.agent.userId,
    date: "2026-12-10",
    heure: "14:00",
    duree: "90",
    capacite: "8",
    ...overrides,
  };
}

async function sessionsAt(date: string, time: string) {
  return database.db
    .selectFrom("rdv_session")
    .selectAll()
    .where("organisation_id", "=", agenda.organisationId)
    .where("starts_at", "=", parisToDate(date, time))
    .execute();
}

describe("the responsable's collective sessions", () => {
  it("creates a session from labelled form fields, which the desk then sees with its seats", async () => {
    const client = await responsable();
    await client.get(SESSIONS_PATH);
    for (const label of [
      "Motif",
      "Lieu",
      "Animée par",
      "Date",
      "Heure de début",
      "Durée en minutes",
      "Nombre de places",
    ]) {
      expect(client.lastHtml).toContain(`>${label}`);
    }
    const created = await client.post(SESSIONS_PATH, sessionFields(), { tokenFrom: SESSIONS_PATH });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe(`${SESSIONS_PATH}?ajoutee=1`);
    const [session] = await sessionsAt("2026-12-10", "14:00");
    expect(session).toMatchObject({ capacity: 8, lieu_id: agenda.lieuId, revoked_at: null });
    expect(session?.ends_at.toISOString()).toBe(parisToDate("2026-12-10", "15:30").toISOString());
    await client.get(`${SESSIONS_PATH}?ajoutee=1`);
    expect(client.lastHtml).toContain("Séance ajoutée");
    expect(client.lastHtml).toContain("0 inscrits sur 8 places");

    const desk = await signedIn(agenda.accueil);
    await desk.get("/pro/rendez-vous/seances");
    expect(desk.lastHtml).toContain("8 places libres sur 8");
  });

  it("creates a session without a seat limit when the capacity is left empty", async () => {
    const client = await responsable();
    await client.post(SESSIONS_PATH, sessionFields({ date: "2026-12-11", capacite: "" }), {
      tokenFrom: SESSIONS_PATH,
    });
    const [session] = await sessionsAt("2026-12-11", "14:00");
    expect(session?.capacity).toBeNull();
  });

  it("re-renders the form with French messages and what was typed, and creates nothing", async () => {
    const client = await responsable();
    const invalid = await client.post(
      SESSIONS_PATH,
      sessionFields({ date: "2026-12-12", duree: "7", capacite: "0", heure: "25:00" }),
      { tokenFrom: SESSIONS_PATH },
    );
    expect(invalid.status).toBe(400);
    expect(client.lastHtml).toContain("Une séance dure au moins 15 minutes.");
    expect(client.lastHtml).toContain("Indiquez un nombre de places entre 1 et 500");
    expect(client.lastHtml).toContain("Indiquez l&#39;heure de début (HH:MM).");
    expect(client.lastHtml).toContain('value="2026-12-12"');

    const past = await client.post(SESSIONS_PATH, sessionFields({ date: "2026-11-20" }), {
      tokenFrom: SESSIONS_PATH,
    });
    expect(past.status).toBe(400);
    expect(client.lastHtml).toContain("La séance doit commencer dans le futur.");

    const byPhone = await client.post(
      SESSIONS_PATH,
      sessionFields({ date: "2026-12-12", motif: agenda.phoneMotifId }),
      { tokenFrom: SESSIONS_PATH },
    );
    expect(byPhone.status).toBe(400);
    expect(client.lastHtml).toContain("Une séance collective a lieu sur place");

    const other = await setUpAgenda(database.db);
    const foreignPlace = await client.post(
      SESSIONS_PATH,
      sessionFields({ date: "2026-12-12", lieu: other.lieuId }),
      { tokenFrom: SESSIONS_PATH },
    );
    expect(foreignPlace.status).toBe(400);
    expect(client.lastHtml).toContain("Choisissez un lieu de votre structure.");
    expect(await sessionsAt("2026-12-12", "14:00")).toHaveLength(0);
    expect(await sessionsAt("2026-11-20", "14:00")).toHaveLength(0);
  });

  it("cancels a session: it leaves the list, its participants are marked and told by the service", async () => {
    const client = await responsable();
    await client.post(SESSIONS_PATH, sessionFields({ date: "2026-12-15" }), {
      tokenFrom: SESSIONS_PATH,
    });
    const [session] = await sessionsAt("2026-12-15", "14:00");
    const sessionId = session?.id ?? "";
    const { participationId } = await joinSession(contextAt(database.db), sessionId, {
      ...PERSON,
      nom: "Awa Inscrite",
      email: "awa.inscrite@exemple.fr",
    });
    const cancelled = await client.post(
      `${SESSIONS_PATH}/${sessionId}/annuler`,
      {},
      { tokenFrom: SESSIONS_PATH },
    );
    expect(cancelled.status).toBe(303);
    await client.get(cancelled.headers.get("location") ?? "");
    expect(client.lastHtml).toContain("Séance annulée");
    expect(client.lastHtml).not.toContain(`${SESSIONS_PATH}/${sessionId}/annuler`);
    const [revoked] = await sessionsAt("2026-12-15", "14:00");
    expect(revoked?.revoked_at).not.toBeNull();
    const participation = await database.db
      .selectFrom("rdv_participation")
      .select("status")
      .where("id", "=", participationId)
      .executeTakeFirstOrThrow();
    expect(participation.status).toBe("revoked");
    const subjects = await database.db
      .selectFrom("outbox_message")
      .select(["subject", "text_body"])
      .where("recipient", "=", "awa.inscrite@exemple.fr")
      .orderBy("created_at")
      .execute();
    expect(subjects.map((m) => m.subject)).toEqual([
      "Votre rendez-vous est confirmé",
      "Votre rendez-vous est annulé",
    ]);
    expect(subjects[1]?.text_body).toContain("Le service l'a annulé");
  });

  it("refuses 403 the pages to a travailleur social and the cancel to another structure's responsable", async () => {
    const worker = await signedIn(agenda.agent);
    expect((await worker.get(SESSIONS_PATH)).status).toBe(403);
    const refused = await worker.post(SESSIONS_PATH, sessionFields({ date: "2026-12-16" }), {
      tokenFrom: "/pro",
    });
    expect(refused.status).toBe(403);
    expect(await sessionsAt("2026-12-16", "14:00")).toHaveLength(0);

    const client = await responsable();
    await client.post(SESSIONS_PATH, sessionFields({ date: "2026-12-17" }), {
      tokenFrom: SESSIONS_PATH,
    });
    const [session] = await sessionsAt("2026-12-17", "14:00");
    const outsider = await signedIn(await makeUser(database.db, { role: "responsable_structure" }));
    const denied = await outsider.post(
      `${SESSIONS_PATH}/${session?.id}/annuler`,
      {},
      { tokenFrom: "/pro" },
    );
    expect(denied.status).toBe(403);
    const [kept] = await sessionsAt("2026-12-17", "14:00");
    expect(kept?.revoked_at).toBeNull();
  });
});
