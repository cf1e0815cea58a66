import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { runDueJobs } from "../jobs/worker.ts";
import { silentLogger } from "../log/logger.ts";
import { DELIVER_MAIL_JOB, deliverMailHandler, queueMail, smtpTransport } from "./outbox.ts";

type Received = { from: string; to: string[]; data: string };

let database: TestDatabase;
let smtp: SMTPServer;
let smtpUrl: string;
const received: Received[] = [];
let refuseNext = false;

beforeAll(async () => {
  database = await createTestDatabase();
  // A real SMTP server on loopback: the delivery speaks the real protocol.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(_address, _session, callback) {
      if (refuseNext) {
        refuseNext = false;
        callback(new Error("boîte pleine"));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          data: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.close();
});

const FROM = "Relais <ne-pas-repondre@relais.test>";

describe("mail outbox", () => {
  it("delivers a message written in a transaction over SMTP, then marks it sent", async () => {
    const id = await database.db.transaction().execute((tx) =>
      queueMail(tx, {
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
      }),
    );
    const handlers = { [DELIVER_MAIL_JOB]: deliverMailHandler(smtpTransport(smtpUrl), FROM) };
    expect(await runDueJobs(database.db, handlers, silentLogger)).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual(["usager@exemple.fr"]);
    expect(received[0]?.from).toBe("ne-pas-repondre@relais.test");
    expect(received[0]?.data).toContain("Votre rendez-vous");
    expect(received[0]?.data).toContain("rdv.ics");
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
        await queueMail(tx, { to: "x@exemple.fr", subject: "Annulé", text: "…" });
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
    const countBefore = received.length;
    await database.db
      .transaction()
      .execute((tx) => queueMail(tx, { to: "retry@exemple.fr", subject: "Essai", text: "…" }));
    refuseNext = true;
    const handlers = { [DELIVER_MAIL_JOB]: deliverMailHandler(smtpTransport(smtpUrl), FROM) };
    let now = new Date();
    await runDueJobs(database.db, handlers, silentLogger, () => now);
    expect(received.length).toBe(countBefore);
    const job = await database.db
      .selectFrom("job")
      .selectAll()
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    expect(job.attempts).toBe(1);
    now = new Date(job.run_at.getTime() + 1);
    await runDueJobs(database.db, handlers, silentLogger, () => now);
    expect(received.length).toBe(countBefore + 1);
  });

  it("holds messages without SMTP_URL and lists them on the admin page", async () => {
    await database.db
      .transaction()
      .execute((tx) =>
        queueMail(tx, { to: "garde@exemple.fr", subject: "Message gardé", text: "…" }),
      );
    await runDueJobs(
      database.db,
      { [DELIVER_MAIL_JOB]: deliverMailHandler(undefined, FROM) },
      silentLogger,
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
