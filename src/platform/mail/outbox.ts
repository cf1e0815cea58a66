import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import nodemailer, { type SendMailOptions } from "nodemailer";
import type { Db, Tx } from "../../db/database.ts";
import type { FoundationTables, MailAttachment } from "../../db/foundation-tables.ts";
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
 * Writes a message to the outbox inside the caller's transaction and enqueues
 * its delivery job; the job delivers it after commit. A rolled-back action
 * sends nothing. Mail and SMS go through here (queueMail, sms.ts's queueSms).
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

export type OutboxMessage = Selectable<FoundationTables["outbox_message"]>;

/** How one channel sends a message, and what its audit event says of it. */
export interface OutboxSender {
  send(message: OutboxMessage): Promise<unknown>;
  readonly auditDetails?: Record<string, unknown>;
}

/**
 * The delivery job of one channel, the same for mail and SMS. Without a
 * sender (no SMTP_URL, no SMS_HTTP_URL) the message is held: the admin page
 * lists it and nothing is lost, never marked sent when nothing went out. A
 * failed send is counted and throws, so the job is retried with backoff.
 */
export function deliverOutboxHandler(
  channel: "email" | "sms",
  sender: OutboxSender | undefined,
): JobHandler {
  return async (payload, { db, now }) => {
    const messageId = String(payload.messageId);
    const message = await db
      .selectFrom("outbox_message")
      .selectAll()
      .where("id", "=", messageId)
      .executeTakeFirst();
    if (message?.channel !== channel || message.status === "sent") return;
    if (!sender) {
      await db
        .updateTable("outbox_message")
        .set({ status: "held" })
        .where("id", "=", messageId)
        .execute();
      return;
    }
    try {
      await sender.send(message);
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
        ...(sender.auditDetails ? { details: sender.auditDetails } : {}),
        at: now,
      });
    });
  };
}

export type MailTransport = { send(message: SendMailOptions): Promise<unknown> };

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return { send: (message) => transporter.sendMail(message) };
}

/** The mail delivery job: deliverOutboxHandler with the SMTP transport. */
export function deliverMailHandler(transport: MailTransport | undefined, from: string): JobHandler {
  return deliverOutboxHandler(
    "email",
    transport && {
      send: (message) =>
        transport.send({
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
        }),
    },
  );
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
