// Parsing what a responsable de structure enters (openings, absences,
// motifs) into the domain types, with French messages per field. Routes
// and services use these; the slot pipeline then trusts its input.

import { z } from "zod";
import {
  dayNumber,
  fromDayNumber,
  type IsoWeekday,
  isLocalDate,
  isLocalTime,
  minutesOfDay,
} from "../../platform/time/paris.ts";
import type { Absence, Motif, PlageOuverture } from "./agenda.ts";
import { overlaps } from "./intervals.ts";
import { occurrenceDays } from "./recurrence.ts";

const localDate = z.string().refine(isLocalDate, "Date invalide : attendu AAAA-MM-JJ.");
const localTime = z.string().refine(isLocalTime, "Heure invalide : attendu HH:MM.");
const identifier = z.string().min(1, "Identifiant manquant.");

const recurrence = z
  .object({
    everyWeeks: z
      .number()
      .int("Le rythme est un nombre entier de semaines.")
      .min(1, "Le rythme est d'au moins une semaine.")
      .max(52, "Le rythme est d'au plus 52 semaines."),
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .refine((days) => new Set(days).size === days.length, "Un jour est répété.")
      .transform((days) => days as IsoWeekday[]),
    until: localDate.nullish(),
  })
  .nullish();

// Zod runs these object-level checks even when a field already failed:
// each one only judges well-formed values and leaves the rest to the field.
function endsAfterStart(value: { startTime: string; endTime: string }): boolean {
  if (!isLocalTime(value.startTime) || !isLocalTime(value.endTime)) return true;
  return minutesOfDay(value.endTime) > minutesOfDay(value.startTime);
}

function untilNotBeforeFirstDay(value: {
  firstDay: string;
  recurrence?: { until?: string | null | undefined } | null | undefined;
}): boolean {
  const until = value.recurrence?.until;
  if (!until || !isLocalDate(until) || !isLocalDate(value.firstDay)) return true;
  return dayNumber(until) >= dayNumber(value.firstDay);
}

export const PlageOuvertureSchema = z
  .object({
    id: identifier,
    agentId: identifier,
    lieuId: identifier.nullable(),
    motifIds: z.array(identifier).min(1, "Choisissez au moins un motif."),
    firstDay: localDate,
    startTime: localTime,
    endTime: localTime,
    recurrence,
    openOnHolidays: z.boolean().optional(),
  })
  .refine(endsAfterStart, {
    message: "L'heure de fin doit être après l'heure de début.",
    path: ["endTime"],
  })
  .refine(untilNotBeforeFirstDay, {
    message: "La date de fin de récurrence doit suivre le premier jour.",
    path: ["recurrence", "until"],
  }) satisfies z.ZodType<PlageOuverture>;

export const AbsenceSchema = z
  .object({
    id: identifier,
    agentId: identifier,
    firstDay: localDate,
    startTime: localTime,
    endTime: localTime,
    endDay: localDate.nullish(),
    recurrence,
  })
  .refine((a) => !(a.endDay && a.recurrence), {
    message: "Une absence sur plusieurs jours ne se répète pas.",
    path: ["recurrence"],
  })
  .refine(
    (a) =>
      a.endDay && isLocalDate(a.endDay) && isLocalDate(a.firstDay)
        ? dayNumber(a.endDay) > dayNumber(a.firstDay) ||
          (a.endDay === a.firstDay && endsAfterStart(a))
        : endsAfterStart(a),
    { message: "La fin de l'absence doit être après son début.", path: ["endTime"] },
  )
  .refine(untilNotBeforeFirstDay, {
    message: "La date de fin de récurrence doit suivre le premier jour.",
    path: ["recurrence", "until"],
  }) satisfies z.ZodType<Absence>;

export const MotifSchema = z.object({
  id: identifier,
  durationMinutes: z
    .number()
    .int()
    .min(5, "Un rendez-vous dure au moins 5 minutes.")
    .max(480, "Un rendez-vous dure au plus 8 heures.")
    .refine((minutes) => minutes % 5 === 0, "La durée est un multiple de 5 minutes."),
  minNoticeMinutes: z.number().int().min(0, "Le délai minimum ne peut pas être négatif."),
  maxHorizonDays: z
    .number()
    .int()
    .min(1, "Le délai maximum est d'au moins un jour.")
    .max(366, "Le délai maximum est d'au plus un an."),
  bookableBy: z.enum(["agents", "agents_and_prescripteurs", "invited_users", "everyone"]),
}) satisfies z.ZodType<Motif>;

export interface OpeningOverlap {
  agentId: string;
  openingIds: [string, string];
  /** First local date on which both occur at overlapping times. */
  firstDate: string;
}

/**
 * Overlaps between an agent's openings: shown as warnings when an opening
 * is saved, not refused (RDV Service Public does the same). Looks a year
 * ahead of the later first day; a slot computation keeps one slot at a time
 * per agent anyway.
 */
export function findOpeningOverlaps(openings: readonly PlageOuverture[]): OpeningOverlap[] {
  const found: OpeningOverlap[] = [];
  const sorted = [...openings].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const [index, a] of sorted.entries()) {
    for (const b of sorted.slice(index + 1)) {
      if (a.agentId !== b.agentId) continue;
      const times = (o: PlageOuverture) => ({
        start: minutesOfDay(o.startTime),
        end: minutesOfDay(o.endTime),
      });
      if (!overlaps(times(a), times(b))) continue;
      const from = Math.max(dayNumber(a.firstDay), dayNumber(b.firstDay));
      const daysOfB = new Set(occurrenceDays(b, from, from + 366));
      const shared = occurrenceDays(a, from, from + 366).find((day) => daysOfB.has(day));
      if (shared !== undefined) {
        found.push({
          agentId: a.agentId,
          openingIds: [a.id, b.id],
          firstDate: fromDayNumber(shared),
        });
      }
    }
  }
  return found;
}
