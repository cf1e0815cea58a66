// The resident's story from the message they receive: the confirmation goes
// through a real SMTP server on loopback, the link is read from the
// delivered message (not from the database), and following it cancels or
// moves the appointment.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "../../platform/access/actor.ts";
import { runDueJobs } from "../../platform/jobs/worker.ts";
import { silentLogger } from "../../platform/log/logger.ts";
import { DELIVER_MAIL_JOB, deliverMailHandler, smtpTransport } from "../../platform/mail/outbox.ts";
import { DELIVER_SMS_JOB, deliverSmsHandler } from "../../platform/mail/sms.ts";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../../test/smtp.ts";
import { bookAppointment } from "./service.ts";
import { PERSON, setUpAgenda, TEST_NOW, TEST_SECRET_KEY } from "./test-fixtures.ts";

const PUBLIC_URL = "https://relais.exemple.fr";
let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let app: ReturnType<typeof createTestApp>;
let smtp: TestSmtpServer;

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
  app = createTestApp(database.db, {
    kind: database.kind,
    now: () => TEST_NOW,
    config: { RELAIS_PUBLIC_URL: PUBLIC_URL },
  });
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await database.close();
});

async function deliver(): Promise<void> {
  await runDueJobs(
    database.db,
    {
      [DELIVER_MAIL_JOB]: deliverMailHandler(smtpTransport(smtp.url), "Relais <rdv@relais.test>"),
      [DELIVER_SMS_JOB]: deliverSmsHandler({ name: "test", send: async () => {} }),
    },
    silentLogger,
    () => TEST_NOW,
  );
}

/** The text part of a delivered message, quoted-printable decoded. */
function textOf(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, "");
  const bytes = unfolded.replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function manageLinkIn(raw: string): URL {
  const match = /https:\/\/relais\.exemple\.fr\/rendez-vous\/gerer\/\S+/.exec(textOf(raw));
  if (!match) throw new Error("Aucun lien de gestion dans le message reçu");
  return new URL(match[0]);
}

/** Free starts of one day at the place, read through the public API. */
async function freeStarts(date: string): Promise<string[]> {
  const from = parisToDate(date, "00:00").toISOString();
  const to = parisToDate(date, "23:59").toISOString();
  const response = await app.request(
    `/api/v1/slots?motif=${agenda.motifId}&lieu=${agenda.lieuId}&from=${from}&to=${to}`,
  );
  const body = (await response.json()) as { creneaux: { debut: string }[] };
  return body.creneaux.map((slot) => slot.debut);
}

async function outboxSubjects(recipient: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom("outbox_message")
    .select("subject")
    .where("recipient", "=", recipient)
    .orderBy("created_at")
    .execute();
  return rows.map((row) => row.subject);
}

describe("the link in the confirmation", () => {
  it("cancels the appointment from the link of the delivered message, frees the slot and queues the notice", async () => {
    const email = "nadia.lien@exemple.fr";
    const start = parisToDate("2026-11-26", "10:00");
    const client = new TestClient(app);
    const slotPage = `/rendez-vous/coordonnees?motif=${agenda.motifId}&lieu=${agenda.lieuId}&agent=${agenda.agent.userId}&debut=${start.toISOString()}`;
    await client.get(slotPage);
    const hidden = Object.fromEntries(
      [...client.lastHtml.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map(
        (m) => [m[1] ?? "", m[2] ?? ""],
      ),
    );
    const booked = await client.post("/rendez-vous/reserver", {
      ...hidden,
      _csrf: client.csrfToken(),
      nom: "Nadia Lien",
      telephone: "",
      email,
      consentement: "oui",
    });
    expect(booked.status).toBe(303);
    expect(await freeStarts("2026-11-26")).not.toContain(start.toISOString());

    await deliver();
    const confirmation = smtp.received.find((m) => m.to.includes(email));
    expect(textOf(confirmation?.data ?? "")).toContain("Votre rendez-vous est confirmé\u00a0:");
    const link = manageLinkIn(confirmation?.data ?? "");

    const visitor = new TestClient(app);
    const page = await visitor.get(`${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    expect(visitor.lastHtml).toContain("Nadia Lien");
    // Cancelling asks first, on a page of its own.
    await visitor.get(`${link.pathname}/annuler${link.search}`);
    const csrf = visitor.csrfToken();
    const cancelled = await visitor.post(
      `${link.pathname}/annuler`,
      { jeton: link.searchParams.get("jeton") ?? "" },
      { tokenFrom: `${link.pathname}/annuler${link.search}` },
    );
    expect(cancelled.status).toBe(303);
    // The same form sent again (a double click): the same answer, not an error page.
    const twice = await visitor.post(`${link.pathname}/annuler`, {
      jeton: link.searchParams.get("jeton") ?? "",
      _csrf: csrf,
    });
    expect(twice.status).toBe(303);
    expect(twice.headers.get("location")).toBe(cancelled.headers.get("location"));
    await visitor.get(cancelled.headers.get("location") ?? "");
    expect(visitor.lastHtml).toContain("Votre rendez-vous est annulé");

    expect(await freeStarts("2026-11-26")).toContain(start.toISOString());
    expect(await outboxSubjects(email)).toEqual([
      "Votre rendez-vous est confirmé",
      "Votre rendez-vous est annulé",
    ]);
    await deliver();
    const notices = smtp.received.filter((m) => m.to.includes(email));
    expect(notices).toHaveLength(2);
    expect(textOf(notices[1]?.data ?? "")).toContain("Nadia Lien");
  });

  it("moves the appointment from its link, queues the change message and retires the old link", async () => {
    const email = "omar.deplace@exemple.fr";
    const booked = await bookAppointment(
      {
        db: database.db,
        actor: ANONYMOUS,
        now: TEST_NOW,
        requestId: null,
        links: { secret: TEST_SECRET_KEY, publicUrl: PUBLIC_URL },
      },
      {
        motifId: agenda.motifId,
        agentId: agenda.agent.userId,
        lieuId: agenda.lieuId,
        start: parisToDate("2026-11-30", "10:00"),
        person: { ...PERSON, nom: "Omar Déplacé", email, telephone: "" },
      },
    );
    const token = booked.token;
    const base = `/rendez-vous/gerer/${booked.id}`;
    const visitor = new TestClient(app);
    await visitor.get(`${base}/deplacer?jeton=${encodeURIComponent(token)}&semaine=2026-11-30`);
    const current = parisToDate("2026-11-30", "10:00").toISOString();
    const choice = [...visitor.lastHtml.matchAll(/href="([^"]+)"/g)]
      .map((m) => (m[1] ?? "").replace(/&amp;/g, "&"))
      .filter((href) => href.startsWith(`${base}/deplacer/confirmer`))
      .find((href) => new URL(`http://x${href}`).searchParams.get("debut") !== current);
    expect(choice).toBeDefined();
    const target = new URL(`http://x${choice}`).searchParams.get("debut") ?? "";
    const moved = await visitor.post(
      `${base}/deplacer`,
      { jeton: token, agent: agenda.agent.userId, debut: target },
      { tokenFrom: choice ?? "" },
    );
    expect(moved.status).toBe(303);
    const location = moved.headers.get("location") ?? "";
    expect(location).toContain("deplace=1");

    const row = await database.db
      .selectFrom("rdv")
      .select(["starts_at", "status"])
      .where("id", "=", booked.id)
      .executeTakeFirstOrThrow();
    expect(row.starts_at.toISOString()).toBe(target);
    expect(row.status).toBe("unknown");
    expect(await outboxSubjects(email)).toEqual([
      "Votre rendez-vous est confirmé",
      "Votre rendez-vous a changé",
    ]);
    const change = await database.db
      .selectFrom("outbox_message")
      .select("text_body")
      .where("recipient", "=", email)
      .where("subject", "=", "Votre rendez-vous a changé")
      .executeTakeFirstOrThrow();
    const newToken = new URL(`http://x${location}`).searchParams.get("jeton") ?? "";
    expect(change.text_body).toContain("Votre rendez-vous a été déplacé");
    expect(change.text_body).toContain(`jeton=${encodeURIComponent(newToken)}`);
    expect(await freeStarts("2026-11-30")).toContain(current);
    expect(await freeStarts("2026-11-30")).not.toContain(target);

    const old = await visitor.get(`${base}?jeton=${encodeURIComponent(token)}`);
    expect(old.status).toBe(403);
  });
});
