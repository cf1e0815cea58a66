import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { bookAppointment } from "./service.ts";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
/** The app's clock: booked at TEST_NOW, then moved on to mark what took place. */
let clock = TEST_NOW;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind, now: () => clock });
});
afterAll(async () => {
  await database.close();
});

type Agenda = Awaited<ReturnType<typeof setUpAgenda>>;

/** Books at TEST_NOW, as the person would online. */
async function book(agenda: Agenda, date: string, time: string, nom = PERSON.nom) {
  clock = TEST_NOW;
  return bookAppointment(contextAt(database.db), {
    motifId: agenda.motifId,
    agentId: agenda.agent.userId,
    lieuId: agenda.lieuId,
    start: parisToDate(date, time),
    person: { ...PERSON, nom },
  });
}

async function statusOf(id: string) {
  const row = await database.db
    .selectFrom("rdv")
    .select("status")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row.status;
}

async function signedIn(user: { email: string; password: string }) {
  const client = new TestClient(app);
  await client.login(user.email, user.password);
  return client;
}

function links(html: string, prefix: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)]
    .map((m) => (m[1] ?? "").replace(/&amp;/g, "&"))
    .filter((href) => href.startsWith(prefix));
}

const DAY_PAGE = "/pro/rendez-vous?jour=2026-11-24";

describe("marking appointments from the agent's agenda", () => {
  it("marks a past appointment honoured and another not honoured, and redirects back", async () => {
    const agenda = await setUpAgenda(database.db);
    const honoured = await book(agenda, "2026-11-24", "10:00", "Camille Honorée");
    const missed = await book(agenda, "2026-11-24", "10:30", "Paul Absent");
    clock = parisToDate("2026-11-24", "12:00");
    const client = await signedIn(agenda.agent);
    const seen = await client.post(
      `/pro/rendez-vous/${honoured.id}/statut`,
      { statut: "seen", retour: DAY_PAGE },
      { tokenFrom: DAY_PAGE },
    );
    expect(seen.status).toBe(303);
    expect(seen.headers.get("location")).toBe(DAY_PAGE);
    const noshow = await client.post(
      `/pro/rendez-vous/${missed.id}/statut`,
      { statut: "noshow", retour: DAY_PAGE },
      { tokenFrom: DAY_PAGE },
    );
    expect(noshow.status).toBe(303);
    expect(await statusOf(honoured.id)).toBe("seen");
    expect(await statusOf(missed.id)).toBe("noshow");
    await client.get(DAY_PAGE);
    expect(client.lastHtml).toContain("<td>Vu</td>");
    expect(client.lastHtml).toContain("<td>Absent</td>");
  });

  it("cancels an upcoming appointment for the service and queues a cancellation notice to the person", async () => {
    const agenda = await setUpAgenda(database.db);
    const upcoming = await book(agenda, "2026-11-25", "10:00", "Léa Annulée");
    clock = parisToDate("2026-11-24", "12:00");
    const before = await database.db.selectFrom("outbox_message").select("id").execute();
    const client = await signedIn(agenda.agent);
    const response = await client.post(
      `/pro/rendez-vous/${upcoming.id}/statut`,
      { statut: "revoked", retour: DAY_PAGE },
      { tokenFrom: DAY_PAGE },
    );
    expect(response.status).toBe(303);
    expect(await statusOf(upcoming.id)).toBe("revoked");
    const notices = await database.db
      .selectFrom("outbox_message")
      .select(["channel", "recipient", "subject", "text_body"])
      .where(
        "id",
        "not in",
        before.map((row) => row.id),
      )
      .orderBy("channel")
      .execute();
    expect(notices.map((n) => [n.channel, n.recipient])).toEqual([
      ["email", PERSON.email],
      ["sms", "+33612345678"],
    ]);
    expect(notices[0]?.subject).toBe("Votre rendez-vous est annulé");
    expect(notices[0]?.text_body).toContain("Le service l'a annulé");
    expect(notices[1]?.text_body).toContain("annulé par le service");
  });

  it("refuses to mark an upcoming appointment as seen, with a French message", async () => {
    const agenda = await setUpAgenda(database.db);
    const upcoming = await book(agenda, "2026-11-27", "10:00");
    clock = parisToDate("2026-11-24", "12:00");
    const client = await signedIn(agenda.agent);
    const response = await client.post(
      `/pro/rendez-vous/${upcoming.id}/statut`,
      { statut: "seen" },
      { tokenFrom: DAY_PAGE },
    );
    expect(response.status).toBe(400);
    expect(client.lastHtml).toContain("Un rendez-vous à venir ne peut pas encore être marqué");
    expect(await statusOf(upcoming.id)).toBe("unknown");
  });

  it("refuses 403 when an agent of another structure, or a colleague, marks the appointment, and changes nothing", async () => {
    const agenda = await setUpAgenda(database.db);
    const appointment = await book(agenda, "2026-11-24", "11:00");
    clock = parisToDate("2026-11-24", "12:00");
    const outsider = await makeUser(database.db, { role: "responsable_structure" });
    const colleague = await makeUser(database.db, {
      role: "travailleur_social",
      organisationId: agenda.organisationId,
    });
    for (const user of [outsider, colleague]) {
      const client = await signedIn(user);
      const response = await client.post(
        `/pro/rendez-vous/${appointment.id}/statut`,
        { statut: "noshow" },
        { tokenFrom: "/pro" },
      );
      expect(response.status).toBe(403);
    }
    expect(await statusOf(appointment.id)).toBe("unknown");
  });
});

describe("the agent's week", () => {
  it("lists the appointments of the week from Monday to Sunday, and only those", async () => {
    const agenda = await setUpAgenda(database.db);
    await book(agenda, "2026-11-23", "11:00", "Alice Lundi");
    await book(agenda, "2026-11-26", "09:30", "Bruno Jeudi");
    await book(agenda, "2026-11-30", "10:00", "Chloé Semaine-Suivante");
    const client = await signedIn(agenda.agent);
    await client.get("/pro/rendez-vous?jour=2026-11-25&vue=semaine");
    expect(client.lastHtml).toContain("Agenda de la semaine du lundi 23 novembre 2026");
    expect(client.lastHtml).toContain("<caption>2 rendez-vous</caption>");
    expect(client.lastHtml).toContain("Alice Lundi");
    expect(client.lastHtml).toContain("Bruno Jeudi");
    expect(client.lastHtml).not.toContain("Chloé Semaine-Suivante");
    const [next] = links(client.lastHtml, "/pro/rendez-vous?").filter((l) =>
      l.includes("jour=2026-11-30"),
    );
    await client.get(next ?? "");
    expect(client.lastHtml).toContain("<caption>1 rendez-vous</caption>");
    expect(client.lastHtml).toContain("Chloé Semaine-Suivante");
  });
});

describe("a follow-up from the agenda", () => {
  it("books the same person, motif and place from the link of the agenda row", async () => {
    const agenda = await setUpAgenda(database.db);
    const first = await book(agenda, "2026-11-24", "09:30", "Inès Suivie");
    clock = parisToDate("2026-11-24", "12:00");
    const client = await signedIn(agenda.agent);
    await client.get(DAY_PAGE);
    const [followUp] = links(client.lastHtml, "/pro/rendez-vous/prendre/creneaux");
    const params = new URL(`http://x${followUp}`).searchParams;
    expect(Object.fromEntries(params)).toEqual({
      motif: agenda.motifId,
      lieu: agenda.lieuId,
      suite: first.id,
    });
    await client.get(followUp ?? "");
    expect(client.lastHtml).toContain("Rendez-vous de suivi");
    const slotLink = links(client.lastHtml, "/pro/rendez-vous/prendre/coordonnees").find((l) =>
      l.includes(`suite=${first.id}`),
    );
    await client.get(slotLink ?? "");
    expect(client.lastHtml).toContain('value="Inès Suivie"');
    expect(client.lastHtml).toContain('value="06 12 34 56 78"');
    expect(client.lastHtml).toContain(`value="${PERSON.email}"`);
    // Showing the earlier appointment's contact details is an audited read.
    const reads = await database.db
      .selectFrom("audit_event")
      .select(["action", "actor_user_id"])
      .where("subject_id", "=", first.id)
      .where("action", "=", "rdv.person.read")
      .execute();
    expect(reads).toEqual([{ action: "rdv.person.read", actor_user_id: agenda.agent.userId }]);
    const hidden = Object.fromEntries(
      [...client.lastHtml.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map(
        (m) => [m[1] ?? "", m[2] ?? ""],
      ),
    );
    expect(hidden.suite).toBe(first.id);
    const booked = await client.post("/pro/rendez-vous/prendre", {
      ...hidden,
      nom: "Inès Suivie",
      telephone: "06 12 34 56 78",
      email: PERSON.email,
      consentement: "oui",
    });
    expect(booked.status).toBe(303);
    const rows = await database.db
      .selectFrom("rdv")
      .select(["person_name", "phone", "motif_id", "lieu_id", "channel", "starts_at"])
      .where("person_name", "=", "Inès Suivie")
      .orderBy("starts_at")
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      motif_id: agenda.motifId,
      lieu_id: agenda.lieuId,
      channel: "agent",
      phone: rows[0]?.phone,
    });
    expect(rows[1]?.starts_at.getTime()).toBeGreaterThan(clock.getTime());
  });

  it("refuses 403 a follow-up of an appointment of another structure", async () => {
    const agenda = await setUpAgenda(database.db);
    const first = await book(agenda, "2026-11-24", "09:00");
    const other = await setUpAgenda(database.db);
    const client = await signedIn(other.agent);
    const response = await client.get(
      `/pro/rendez-vous/prendre/coordonnees?motif=${other.motifId}&suite=${first.id}`,
    );
    expect(response.status).toBe(403);
    expect(client.lastHtml).not.toContain(PERSON.email);
  });
});
