import { randomUUID } from "node:crypto";
import type { Tx } from "../../db/database.ts";
import { enqueueJob, jobRow } from "../jobs/queue.ts";
import type { JobHandler } from "../jobs/worker.ts";
import { deliverOutboxHandler } from "./outbox.ts";

export const DELIVER_SMS_JOB = "sms.deliver";

/** What an SMS operator must offer. `to` is an E.164 mobile number ("+33612345678"). */
export interface SmsProvider {
  readonly name: string;
  send(to: string, text: string): Promise<void>;
}

/**
 * An SMS operator reached by one HTTP POST with a JSON body: most French and
 * European operators offer one (an API key in a header, the number, the text,
 * a sender name). The body is a template where "{{to}}" (E.164), "{{text}}"
 * and "{{sender}}" are replaced inside JSON strings, so that a message can
 * never break the JSON; any 2xx answer means the operator took the message.
 */
export interface SmsHttpConfig {
  url: string;
  /** A JSON object, e.g. {"to":"{{to}}","message":"{{text}}","sender":"{{sender}}"}. */
  bodyTemplate: string;
  /** The Authorization header's value ("Bearer …", "Basic …"), when the operator wants one. */
  authorization: string | undefined;
  sender: string;
}

export const DEFAULT_SMS_BODY = '{"to":"{{to}}","text":"{{text}}","sender":"{{sender}}"}';

/** Whether a template is a JSON object that carries the number and the text. */
export function isSmsBodyTemplate(template: string): boolean {
  try {
    const parsed: unknown = JSON.parse(template);
    return (
      typeof parsed === "object" &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      template.includes("{{to}}") &&
      template.includes("{{text}}")
    );
  } catch {
    return false;
  }
}

/** The template with its placeholders filled in every string it holds. */
export function fillSmsBody(template: string, values: Record<string, string>): unknown {
  const fill = (node: unknown): unknown => {
    if (typeof node === "string") {
      return node.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    }
    return node;
  };
  return fill(JSON.parse(template));
}

export const SMS_TIMEOUT_MS = 10_000;

export function httpSmsProvider(
  config: SmsHttpConfig,
  fetchImpl: typeof fetch = fetch,
): SmsProvider {
  return {
    name: `http:${new URL(config.url).host}`,
    async send(to, text) {
      const response = await fetchImpl(config.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          ...(config.authorization ? { authorization: config.authorization } : {}),
        },
        body: JSON.stringify(fillSmsBody(config.bodyTemplate, { to, text, sender: config.sender })),
        signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
      });
      // The operator's answer may repeat the number or the text: only the status is kept.
      await response.body?.cancel();
      if (!response.ok) {
        throw new Error(`l'opérateur SMS a répondu ${response.status} (${maskNumber(to)})`);
      }
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
  const { message, job } = outboxSmsRows(sms, now);
  await tx.insertInto("outbox_message").values(message).execute();
  await enqueueJob(tx, job.name, { messageId: message.id }, { runAt: now });
  return message.id;
}

/**
 * What queueSms writes: the message and the row of its delivery job, for a
 * caller that inserts them in a statement of its own (inside its transaction).
 */
export function outboxSmsRows(
  sms: { to: string; text: string },
  now: Date,
  id: string = randomUUID(),
) {
  return {
    message: {
      id,
      channel: "sms" as const,
      recipient: sms.to,
      subject: "",
      text_body: sms.text,
      html_body: null,
      attachments: "[]",
      created_at: now,
    },
    job: jobRow(DELIVER_SMS_JOB, { messageId: id }, { runAt: now }),
  };
}

/** The SMS delivery job: deliverOutboxHandler with the operator. */
export function deliverSmsHandler(provider: SmsProvider | undefined): JobHandler {
  return deliverOutboxHandler(
    "sms",
    provider && {
      send: (message) => provider.send(message.recipient, message.text_body),
      auditDetails: { channel: "sms", provider: provider.name },
    },
  );
}
