// What the person receives, through the outbox: confirmation (with the
// invitation as an .ics file), change, cancellation and the reminder 48 h
// before. RDV Service Public's rules: email only to an address given with
// consent, SMS only to a mobile number given with consent, a cancellation
// SMS only when the service cancelled, nothing for a past appointment.

import type { Tx } from "../../db/database.ts";
import { enqueueJob } from "../../platform/jobs/queue.ts";
import { type OutgoingMail, queueMail } from "../../platform/mail/outbox.ts";
import { queueSms } from "../../platform/mail/sms.ts";
import { frenchTextDateTime } from "../../platform/time/french-dates.ts";
import { frenchSpacing } from "../../platform/ui/french.ts";
import { buildIcs } from "./ics.ts";
import { parseFrenchPhone } from "./phone.ts";

export const REMINDER_JOB = "rdv.reminder";
export const REMINDER_BEFORE_MS = 48 * 3_600_000;

export type NoticeKind = "confirmation" | "change" | "cancellation" | "reminder";

export interface NoticeBooking {
  id: string;
  startsAt: Date;
  endsAt: Date;
  personName: string;
  phone: string | null;
  email: string | null;
  notify: boolean;
  motifName: string;
  organisationName: string;
  /** "12 rue …, Nanterre", or "par téléphone", "en visio", "à votre domicile". */
  where: string;
  /** Absent when the link is not sent (the reminder keeps the one already given). */
  manageUrl?: string | undefined;
  /** « Pièces à apporter » of the motif, one per line; null or absent: none asked. */
  documentsToBring?: string | null | undefined;
  /** Whether the service (not the person) cancelled. */
  cancelledByService?: boolean;
  sequence: number;
}

const SUBJECTS: Record<NoticeKind, string> = {
  confirmation: "Votre rendez-vous est confirmé",
  change: "Votre rendez-vous a changé",
  cancellation: "Votre rendez-vous est annulé",
  reminder: "Rappel : votre rendez-vous approche",
};

export function noticeText(kind: NoticeKind, booking: NoticeBooking): string {
  const when = frenchTextDateTime(booking.startsAt);
  const lines = [`Bonjour ${booking.personName},`, ""];
  if (kind === "cancellation") {
    lines.push(
      `Votre rendez-vous « ${booking.motifName} » du ${when} (${booking.organisationName}) est annulé.`,
      booking.cancelledByService
        ? "Le service l'a annulé ; il vous recontactera ou vous pouvez reprendre rendez-vous."
        : "Vous pouvez reprendre rendez-vous quand vous le souhaitez.",
    );
  } else {
    const intro =
      kind === "change"
        ? "Votre rendez-vous a été déplacé. Nouvel horaire :"
        : kind === "reminder"
          ? "Nous vous rappelons votre rendez-vous :"
          : "Votre rendez-vous est confirmé :";
    lines.push(
      intro,
      `- ${booking.motifName}, ${booking.organisationName}`,
      `- le ${when}`,
      `- ${booking.where}`,
    );
    const documents = documentLines(booking.documentsToBring);
    if (documents.length > 0) {
      lines.push("", "À apporter :", ...documents.map((line) => `- ${line}`));
    }
    if (booking.manageUrl) {
      lines.push("", `Pour l'annuler ou le déplacer : ${booking.manageUrl}`);
    }
  }
  lines.push("", "Relais — service public de la solidarité");
  return frenchSpacing(lines.join("\n"));
}

/** The « pièces à apporter », one per line, without empty lines. */
export function documentLines(text: string | null | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^[-•*]\s*/, ""))
    .filter(Boolean);
}

/**
 * The SMS keeps plain spaces before « : »: the GSM alphabet of SMS has no
 * non-breaking space, and one such character would switch the whole message
 * to UCS-2 (70 characters a part instead of 160).
 */
export function smsText(kind: NoticeKind, booking: NoticeBooking): string {
  const when = frenchTextDateTime(booking.startsAt);
  const base: Record<NoticeKind, string> = {
    confirmation: `RDV confirmé le ${when}, ${booking.where}.`,
    change: `RDV déplacé au ${when}, ${booking.where}.`,
    cancellation: `Votre RDV du ${when} est annulé par le service.`,
    reminder: `Rappel : RDV le ${when}, ${booking.where}.`,
  };
  const link =
    booking.manageUrl && kind !== "cancellation" ? ` Annuler : ${booking.manageUrl}` : "";
  return `${booking.organisationName} : ${base[kind]}${link}`;
}

/**
 * Which messages the person will really receive: an e-mail when they gave an
 * address, an SMS when they gave a mobile number and an SMS operator is
 * configured; nothing without consent (or after an objection). What the
 * confirmation page says comes from here, never from what was typed alone.
 */
export function plannedMessages(
  contact: { email: string | null; phone: string | null; notify: boolean },
  smsAvailable: boolean,
): { email: boolean; sms: boolean } {
  if (!contact.notify) return { email: false, sms: false };
  const mobile = contact.phone ? parseFrenchPhone(contact.phone) : undefined;
  return { email: contact.email !== null, sms: smsAvailable && mobile?.isMobile === true };
}

/** Queues the email and/or SMS of one notice; returns how many messages were queued. */
export async function queueNotice(
  tx: Tx,
  kind: NoticeKind,
  booking: NoticeBooking,
  now: Date,
): Promise<number> {
  const messages = noticeMessages(kind, booking, now);
  for (const message of messages) {
    if (message.channel === "email") await queueMail(tx, message.mail, now);
    else await queueSms(tx, message.sms, now);
  }
  return messages.length;
}

export type NoticeMessage =
  | { channel: "email"; mail: OutgoingMail }
  | { channel: "sms"; sms: { to: string; text: string } };

/**
 * The messages of one notice (none without consent or for a past
 * appointment): what queueNotice queues, for a caller that writes them with
 * its other rows in one statement (outboxMailRows, outboxSmsRows).
 */
export function noticeMessages(
  kind: NoticeKind,
  booking: NoticeBooking,
  now: Date,
): NoticeMessage[] {
  if (!booking.notify || booking.endsAt.getTime() <= now.getTime()) return [];
  const messages: NoticeMessage[] = [];
  if (booking.email) {
    const ics = buildIcs({
      uid: `${booking.id}@relais`,
      start: booking.startsAt,
      end: booking.endsAt,
      stamp: now,
      summary: `Rendez-vous : ${booking.motifName}`,
      description: `${booking.organisationName}${booking.manageUrl ? `\nAnnuler ou déplacer : ${booking.manageUrl}` : ""}`,
      location: booking.where,
      sequence: booking.sequence,
      cancelled: kind === "cancellation",
    });
    messages.push({
      channel: "email",
      mail: {
        to: booking.email,
        subject: SUBJECTS[kind],
        text: noticeText(kind, booking),
        attachments: [
          {
            filename: "rendez-vous.ics",
            contentType: `text/calendar; charset=utf-8; method=${kind === "cancellation" ? "CANCEL" : "PUBLISH"}`,
            content: Buffer.from(ics, "utf8").toString("base64"),
          },
        ],
      },
    });
  }
  const mobile = booking.phone ? parseFrenchPhone(booking.phone) : undefined;
  const smsWanted = kind !== "cancellation" || booking.cancelledByService === true;
  if (mobile?.isMobile && smsWanted) {
    messages.push({ channel: "sms", sms: { to: mobile.e164, text: smsText(kind, booking) } });
  }
  return messages;
}

/**
 * Schedules the reminder 48 h before. The job carries the start it was made
 * for: a booking cancelled or moved since then makes it a no-op, and the
 * moved booking gets a reminder of its own.
 */
export async function scheduleReminder(
  tx: Tx,
  booking: { id: string; startsAt: Date },
  now: Date,
): Promise<void> {
  const job = reminderJob(booking, now);
  if (job) await enqueueJob(tx, job.name, job.payload, job.options);
}

/** The reminder's job, or undefined when 48 h before is already past. */
export function reminderJob(booking: { id: string; startsAt: Date }, now: Date) {
  const runAt = new Date(booking.startsAt.getTime() - REMINDER_BEFORE_MS);
  if (runAt.getTime() <= now.getTime()) return undefined;
  return {
    name: REMINDER_JOB,
    payload: { bookingId: booking.id, startsAt: booking.startsAt.toISOString() },
    options: {
      runAt,
      singletonKey: `rdv-reminder:${booking.id}:${booking.startsAt.toISOString()}`,
    },
  };
}
