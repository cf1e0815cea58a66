import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueJobs } from "../../platform/jobs/worker.ts";
import { silentLogger } from "../../platform/log/logger.ts";
import { DELIVER_MAIL_JOB, deliverMailHandler, smtpTransport } from "../../platform/mail/outbox.ts";
import { DELIVER_SMS_JOB, deliverSmsHandler, type SmsProvider } from "../../platform/mail/sms.ts";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../../test/smtp.ts";
import { createSession } from "./agenda-admin.ts";
import { buildIcs, foldLine } from "./ics.ts";
import {
  bookAppointment,
  cancelByToken,
  joinSession,
  REMINDER_JOB,
  reminderHandler,
} from "./service.ts";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let smtp: TestSmtpServer;
const texts: { to: string; text: string }[] = [];
const provider: SmsProvider = {
  name: "test",
  async send(to, text) {
    texts.push({ to, text });
  },
};

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await database.close();
});

function handlers() {
  return {
    [DELIVER_MAIL_JOB]: deliverMailHandler(smtpTransport(smtp.url), "Relais <rdv@relais.test>"),
    [DELIVER_SMS_JOB]: deliverSmsHandler(provider),
    [REMINDER_JOB]: reminderHandler(),
  };
}

const place = (date: string, time: string) => ({
  motifId: agenda.motifId,
  agentId: agenda.agent.userId,
  lieuId: agenda.lieuId,
  start: parisToDate(date, time),
});

describe("iCalendar", () => {
  it("folds long lines at 75 octets without cutting a UTF-8 character", () => {
    const folded = foldLine(`DESCRIPTION:${"é".repeat(60)}`);
    for (const line of folded.split("\r\n"))
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(`DESCRIPTION:${"é".repeat(60)}`);
  });

  it("escapes commas and semicolons and ends every line with CRLF", () => {
    const ics = buildIcs({
      uid: "x@relais",
      start: new Date("2026-11-26T09:00:00Z"),
      end: new Date("2026-11-26T09:30:00Z"),
      stamp: new Date("2026-11-23T08:00:00Z"),
      summary: "Accueil; social, premier",
      sequence: 0,
    });
    expect(ics).toContain("SUMMARY:Accueil\\; social\\, premier\r\n");
    expect(ics.split("\r\n").every((line) => !line.includes("\n"))).toBe(true);
  });
});

describe("notifications", () => {
  it("delivers the confirmation with its .ics over a real SMTP server, and the SMS", async () => {
    const ctx = contextAt(database.db);
    await bookAppointment(ctx, { ...place("2026-11-26", "10:00"), person: PERSON });
    await runDueJobs(database.db, handlers(), silentLogger, () => ctx.now);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(["camille.martin@exemple.fr"]);
    expect(smtp.received[0]?.data).toContain("rendez-vous.ics");
    expect(smtp.received[0]?.data).toMatch(/Content-Type: text\/calendar/);
    expect(texts).toHaveLength(1);
    expect(texts[0]?.to).toBe("+33612345678");
    expect(texts[0]?.text).toContain("RDV confirmé le jeudi 26 novembre 2026 à 10 h 00");
  });

  it("sends the reminder 48 hours before, and drops it when the appointment was cancelled", async () => {
    const ctx = contextAt(database.db);
    const kept = await bookAppointment(ctx, {
      ...place("2026-12-01", "10:00"),
      person: PERSON,
    });
    const dropped = await bookAppointment(ctx, {
      ...place("2026-12-01", "11:00"),
      person: { ...PERSON, email: "autre@exemple.fr", telephone: "" },
    });
    await cancelByToken(ctx, dropped.id, dropped.token);
    await runDueJobs(database.db, handlers(), silentLogger, () => ctx.now);
    const before = smtp.received.length;
    const reminderTime = parisToDate("2026-11-29", "10:05");
    await runDueJobs(database.db, handlers(), silentLogger, () => reminderTime);
    const reminders = smtp.received.slice(before);
    expect(reminders.map((m) => m.to[0])).toEqual(["camille.martin@exemple.fr"]);
    expect(reminders[0]?.data).toContain("Rappel");
    expect(kept.id).toBeDefined();
  });
});

describe("collective sessions", () => {
  it("never seats more people than the capacity, even when they all ask at once", async () => {
    const sessionId = await createSession(
      database.db,
      {
        organisationId: agenda.organisationId,
        motifId: agenda.motifId,
        lieuId: agenda.lieuId,
        agentId: agenda.agent.userId,
        startsAt: parisToDate("2026-12-07", "14:00"),
        endsAt: parisToDate("2026-12-07", "16:00"),
        capacity: 3,
      },
      TEST_NOW,
    );
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) =>
        joinSession(contextAt(database.db), sessionId, { ...PERSON, nom: `Participant ${index}` }),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(3);
    const refused = attempts.find((a) => a.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.message).toMatch(/complète/);
    const seats = await database.db
      .selectFrom("rdv_participation")
      .select("id")
      .where("session_id", "=", sessionId)
      .execute();
    expect(seats).toHaveLength(3);
  });
});

describe("collective sessions and idempotency keys", () => {
  it("gives the last seat to identical requests with the same key, without « complète »", async () => {
    const sessionId = await createSession(
      database.db,
      {
        organisationId: agenda.organisationId,
        motifId: agenda.motifId,
        lieuId: agenda.lieuId,
        agentId: agenda.agent.userId,
        startsAt: parisToDate("2026-12-08", "14:00"),
        endsAt: parisToDate("2026-12-08", "16:00"),
        capacity: 1,
      },
      TEST_NOW,
    );
    const answers = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        joinSession(contextAt(database.db), sessionId, PERSON, "seat-twins-1"),
      ),
    );
    expect(answers.filter((a) => a.status === "rejected").map((a) => String(a.reason))).toEqual([]);
    const ids = answers.map(
      (a) => (a as PromiseFulfilledResult<{ participationId: string }>).value,
    );
    expect(new Set(ids.map((a) => a.participationId)).size).toBe(1);
    const reused = await joinSession(
      contextAt(database.db),
      sessionId,
      {
        ...PERSON,
        nom: "Quelqu'un d'autre",
      },
      "seat-twins-1",
    ).catch((error: Error) => error);
    expect(String(reused)).toMatch(/déjà servi/);
  });
});

describe("retention", () => {
  it("purges appointments two years after they took place, and audits the counts", async () => {
    const { appointmentsRetentionHandler } = await import("./appointment-retention.ts");
    const before = await database.db.selectFrom("rdv").select("id").execute();
    expect(before.length).toBeGreaterThan(0);
    await appointmentsRetentionHandler()(
      {},
      { db: database.db, now: parisToDate("2028-12-31", "12:00") },
    );
    expect(await database.db.selectFrom("rdv").select("id").execute()).toHaveLength(0);
    const audit = await database.db
      .selectFrom("audit_event")
      .select("details")
      .where("action", "=", "rdv.purged")
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ appointments: before.length });
  });
});
