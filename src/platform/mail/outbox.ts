import { randomUUID } from "node:crypto";
import nodemailer, { type SendMailOptions } from "nodemailer";
import type { Db, Tx } from "../../db/database.ts";
import type { MailAttachment } from "../../db/foundation-tables.ts";
import { recordAudit } from "../audit/audit.ts";
import { enqueueJob, jobRow } from "../jobs/queue.ts";
import type { JobHandler } from "../jobs/worker.ts";

export const DELIVER_MAIL_JOB = "mail.deliver";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
};

/**
 * Writes a message to the outbox inside the caller's transaction; a job
 * delivers it after commit. A rolled-back action sends nothing.
 */
export async function queueMail(tx: Tx, mail: OutgoingMail, now: Date): Promise<string> {
  const { message, job } = outboxMailRows(mail, now);
  await tx.insertInto("outbox_message").values(message).execute();
  await enqueueJob(tx, job.name, { messageId: message.id }, { runAt: now });
  return message.id;
}

/**
 * What queueMail writes: the message and the row of its delivery job, for a
 * caller that inserts them in a statement of its own (inside its transaction).
 */
export function outboxMailRows(mail: OutgoingMail, now: Date, id: string = randomUUID()) {
  return {
    message: {
      id,
      channel: "email" as const,
      recipient: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      attachments: JSON.stringify(mail.attachments ?? []),
      created_at: now,
    },
    job: jobRow(DELIVER_MAIL_JOB, { messageId: id }, { runAt: now }),
  };
}

export type MailTransport = { send(message: SendMailOptions): Promise<unknown> };

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return { send: (message) => transporter.sendMail(message) };
}

/**
 * The delivery job. Without a transport (no SMTP_URL) the message is held:
 * the admin page lists it and nothing is lost. A failed send throws, so the
 * job is retried with backoff.
 */
export function deliverMailHandler(transport: MailTransport | undefined, from: string): JobHandler {
  return async (payload, { db, now }) => {
    const messageId = String(payload.messageId);
    const message = await db
      .selectFrom("outbox_message")
      .selectAll()
      .where("id", "=", messageId)
      .executeTakeFirst();
    if (!message || message.status === "sent") return;
    if (!transport) {
      await db
        .updateTable("outbox_message")
        .set({ status: "held" })
        .where("id", "=", messageId)
        .execute();
      return;
    }
    try {
      await transport.send({
        from,
        to: message.recipient,
        subject: message.subject,
        text: message.text_body,
        ...(message.html_body ? { html: message.html_body } : {}),
        attachments: message.attachments.map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: Buffer.from(attachment.content, "base64"),
        })),
      });
    } catch (error) {
      await db
        .updateTable("outbox_message")
        .set((eb) => ({
          attempts: eb("attempts", "+", 1),
          last_error: error instanceof Error ? error.message.slice(0, 500) : "erreur inconnue",
        }))
        .where("id", "=", messageId)
        .execute();
      throw error;
    }
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable("outbox_message")
        .set((eb) => ({
          status: "sent",
          sent_at: now,
          attempts: eb("attempts", "+", 1),
          last_error: null,
        }))
        .where("id", "=", messageId)
        .execute();
      await recordAudit(tx, {
        actor: { userId: null, organisationId: null },
        action: "outbox.sent",
        subjectType: "outbox_message",
        subjectId: messageId,
        at: now,
      });
    });
  };
}

export type OutboxEntry = {
  id: string;
  channel: "email" | "sms";
  recipient: string;
  subject: string;
  status: "pending" | "sent" | "failed" | "held";
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

export async function listOutbox(db: Db, limit = 100): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom("outbox_message")
    .select([
      "id",
      "channel",
      "recipient",
      "subject",
      "status",
      "attempts",
      "last_error",
      "created_at",
      "sent_at",
    ])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  }));
}

export async function requireOutboxMessage(db: Db, id: string) {
  return db.selectFrom("outbox_message").selectAll().where("id", "=", id).executeTakeFirst();
}
