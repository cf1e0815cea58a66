import type { Tx } from "../../db/database.ts";
import { recordAudit } from "../audit/audit.ts";
import { enqueueJob } from "../jobs/queue.ts";
import type { JobHandler } from "../jobs/worker.ts";
import type { Logger } from "../log/logger.ts";

export const DELIVER_SMS_JOB = "sms.deliver";

/** What an SMS operator must offer. `to` is an E.164 mobile number ("+33612345678"). */
export interface SmsProvider {
  readonly name: string;
  send(to: string, text: string): Promise<void>;
}

/**
 * The default provider: writes the message to the log (number masked) and
 * sends nothing. The outbox keeps every SMS, so an administrator sees what
 * would have gone out; a real operator plugs in behind the same interface.
 */
export function loggingSmsProvider(logger: Logger): SmsProvider {
  return {
    name: "journal",
    async send(to, text) {
      logger.info("sms (journal seulement)", { to: maskNumber(to), length: text.length });
    },
  };
}

export function maskNumber(e164: string): string {
  return e164.length > 6 ? `${e164.slice(0, 5)}…${e164.slice(-2)}` : "…";
}

/** Writes an SMS to the outbox in the caller's transaction; a job hands it to the provider. */
export async function queueSms(
  tx: Tx,
  sms: { to: string; text: string },
  now: Date,
): Promise<string> {
  const message = await tx
    .insertInto("outbox_message")
    .values({
      channel: "sms",
      recipient: sms.to,
      subject: "",
      text_body: sms.text,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await enqueueJob(tx, DELIVER_SMS_JOB, { messageId: message.id }, { runAt: now });
  return message.id;
}

/** The delivery job: a provider error throws, so the job is retried with backoff. */
export function deliverSmsHandler(provider: SmsProvider): JobHandler {
  return async (payload, { db, now }) => {
    const messageId = String(payload.messageId);
    const message = await db
      .selectFrom("outbox_message")
      .select(["id", "recipient", "text_body", "status", "channel"])
      .where("id", "=", messageId)
      .executeTakeFirst();
    if (message?.channel !== "sms" || message.status === "sent") return;
    try {
      await provider.send(message.recipient, message.text_body);
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
        .set((eb) => ({ status: "sent", sent_at: now, attempts: eb("attempts", "+", 1) }))
        .where("id", "=", messageId)
        .execute();
      await recordAudit(tx, {
        actor: { userId: null, organisationId: null },
        action: "outbox.sent",
        subjectType: "outbox_message",
        subjectId: messageId,
        details: { channel: "sms", provider: provider.name },
        at: now,
      });
    });
  };
}
