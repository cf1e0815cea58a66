import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { NOW } from "../../test/fixtures.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../../test/smtp.ts";
import { runDueJobs } from "../jobs/worker.ts";
import { silentLogger } from "../log/logger.ts";
import { DELIVER_MAIL_JOB, deliverMailHandler, queueMail, smtpTransport } from "./outbox.ts";

let database: TestDatabase;
let smtp: TestSmtpServer;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await database.close();
});

const FROM = "Relais <ne-pas-repondre@relais.test>";
/** The tests' clock: messages are queued and delivered at this instant. */
const clock = () => NOW;

describe("mail outbox", () => {
  it("delivers a message written in a transaction over SMTP, then marks it sent", async () => {
    const id = await database.db.transaction().execute((tx) =>
      queueMail(
        tx,
        {
          to: "usager@exemple.fr",
          subject: "Votre rendez-vous",
          text: "Bonjour, votre rendez-vous est confirmé.",
          attachments: [
            {
              filename: "rdv.ics",
              contentType: "text/calendar",
              content: Buffer.from("BEGIN:VCALENDAR").toString("base64"),
            },
          ],
        },
        NOW,
      ),
    );
    const handlers = { [DELIVER_MAIL_JOB]: deliverMailHandler(smtpTransport(smtp.url), FROM) };
    expect(await runDueJobs(database.db, handlers, silentLogger, clock)).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(["usager@exemple.fr"]);
    expect(smtp.received[0]?.from).toBe("ne-pas-repondre@relais.test");
    expect(smtp.received[0]?.data).toContain("Votre rendez-vous");
    expect(smtp.received[0]?.data).toContain("rdv.ics");
    const row = await database.db
      .selectFrom("outbox_message")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("sent");
    expect(row.sent_at).not.toBeNull();
  });

  it("writes nothing when the transaction that caused the message rolls back", async () => {
    const before = await database.db.selectFrom("outbox_message").select("id").execute();
    await expect(
      database.db.transaction().execute(async (tx) => {
        await queueMail(tx, { to: "x@exemple.fr", subject: "Annulé", text: "…" }, NOW);
        throw new Error("échec volontaire");
      }),
    ).rejects.toThrow();
    const after = await database.db.selectFrom("outbox_message").select("id").execute();
    expect(after).toHaveLength(before.length);
    const jobs = await database.db
      .selectFrom("job")
      .select("id")
      .where("status", "=", "pending")
      .execute();
    expect(jobs).toHaveLength(0);
  });

  it("retries when the SMTP server refuses, and delivers on the next attempt", async () => {
    const countBefore = smtp.received.length;
    await database.db
      .transaction()
      .execute((tx) => queueMail(tx, { to: "retry@exemple.fr", subject: "Essai", text: "…" }, NOW));
    smtp.refuseNextRecipient();
    const handlers = { [DELIVER_MAIL_JOB]: deliverMailHandler(smtpTransport(smtp.url), FROM) };
    let now = NOW;
    await runDueJobs(database.db, handlers, silentLogger, () => now);
    expect(smtp.received.length).toBe(countBefore);
    const job = await database.db
      .selectFrom("job")
      .selectAll()
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    expect(job.attempts).toBe(1);
    now = new Date(job.run_at.getTime() + 1);
    await runDueJobs(database.db, handlers, silentLogger, () => now);
    expect(smtp.received.length).toBe(countBefore + 1);
  });

  it("holds messages without SMTP_URL and lists them on the admin page", async () => {
    await database.db
      .transaction()
      .execute((tx) =>
        queueMail(tx, { to: "garde@exemple.fr", subject: "Message gardé", text: "…" }, NOW),
      );
    await runDueJobs(
      database.db,
      { [DELIVER_MAIL_JOB]: deliverMailHandler(undefined, FROM) },
      silentLogger,
      clock,
    );
    const held = await database.db
      .selectFrom("outbox_message")
      .select("status")
      .where("recipient", "=", "garde@exemple.fr")
      .executeTakeFirstOrThrow();
    expect(held.status).toBe("held");

    const admin = await makeUser(database.db, { role: "admin" });
    const client = new TestClient(createTestApp(database.db, { kind: database.kind }));
    await client.login(admin.email, admin.password);
    const page = await client.get("/admin/courriels");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("garde@exemple.fr");
    expect(html).toContain("Non envoyé (aucun serveur SMTP)");
  });
});
