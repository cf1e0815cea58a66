// Checks a requested slot before booking it, with one refusal per reason so
// that the person reads why (in French) instead of a generic error. The
// database's exclusion constraint stays the last word on double bookings:
// these checks run before it, on the data the service just loaded.

import { frenchDate } from "../../platform/time/french-dates.ts";
import { type LocalDate, MS_PER_DAY, MS_PER_MINUTE } from "../../platform/time/paris.ts";
import type { Absence, BookableBy, Booking, Motif, PlageOuverture } from "./agenda.ts";
import { absenceIntervals, daysAround, openingOccurrences } from "./agenda.ts";
import { contains, type Interval, overlaps } from "./intervals.ts";
import { BookingRefused, formatFrenchDuration } from "./refusals.ts";
import { computeSlots, type Slot } from "./slots.ts";

/** Who is booking: an agent (by phone, at the desk), a prescripteur, an invited person, anyone. */
export type BookingChannel = "agent" | "prescripteur" | "invited" | "public";

const CHANNELS_BY_AUDIENCE: Record<BookableBy, ReadonlySet<BookingChannel>> = {
  agents: new Set(["agent"]),
  agents_and_prescripteurs: new Set(["agent", "prescripteur"]),
  invited_users: new Set(["agent", "prescripteur", "invited"]),
  everyone: new Set(["agent", "prescripteur", "invited", "public"]),
};

export function canBookThrough(motif: Motif, channel: BookingChannel): boolean {
  return CHANNELS_BY_AUDIENCE[motif.bookableBy].has(channel);
}

export function isBookableOnline(motif: Motif): boolean {
  return canBookThrough(motif, "public");
}

export interface SlotRequest {
  agentId: string;
  lieuId: string | null;
  start: Date;
}

export interface SlotCheck {
  request: SlotRequest;
  channel: BookingChannel;
  motif: Motif;
  openings: readonly PlageOuverture[];
  absences: readonly Absence[];
  bookings: readonly Booking[];
  holidays: readonly LocalDate[];
  now: Date;
}

/**
 * Why the requested slot cannot be booked, or undefined if it can.
 * Agents may book any free time inside an opening, at any notice; the
 * public, invited people and prescripteurs only the slots offered to them.
 */
export function findSlotRefusal(check: SlotCheck): BookingRefused | undefined {
  const { request, motif, now } = check;
  if (!canBookThrough(motif, check.channel)) {
    return new BookingRefused(
      "motif-not-bookable",
      check.channel === "public"
        ? "Ce motif ne se réserve pas en ligne. Appelez le service pour prendre rendez-vous."
        : "Ce motif ne peut pas être réservé par ce moyen.",
      "motif",
    );
  }
  const wanted: Interval = {
    start: request.start.getTime(),
    end: request.start.getTime() + motif.durationMinutes * MS_PER_MINUTE,
  };
  if (wanted.start < now.getTime()) {
    return new BookingRefused(
      "slot-in-past",
      "Ce créneau est déjà passé. Choisissez un autre horaire.",
    );
  }
  const { fromDay, toDay } = daysAround(wanted.start, wanted.end);
  const covering = check.openings
    .filter(
      (o) =>
        o.agentId === request.agentId &&
        o.lieuId === request.lieuId &&
        o.motifIds.includes(motif.id),
    )
    .flatMap((o) => openingOccurrences(o, fromDay, toDay))
    .filter((occurrence) => contains(occurrence, wanted));
  if (covering.length === 0) {
    return new BookingRefused(
      "outside-openings",
      "Cet horaire est en dehors des heures d'ouverture pour ce motif. Choisissez un créneau proposé.",
    );
  }
  const closed = new Set(check.holidays);
  if (covering.every((o) => closed.has(o.date) && o.opening.openOnHolidays !== true)) {
    return new BookingRefused(
      "on-holiday",
      `Le ${frenchDate(request.start)} est un jour férié : le service est fermé.`,
    );
  }
  const absent = check.absences
    .filter((a) => a.agentId === request.agentId)
    .flatMap((a) => absenceIntervals(a, fromDay, toDay))
    .some((blocked) => overlaps(blocked, wanted));
  if (absent) {
    return new BookingRefused(
      "agent-absent",
      "La personne qui reçoit est absente à cet horaire. Choisissez un autre créneau.",
    );
  }
  const taken = check.bookings.some(
    (b) =>
      b.agentId === request.agentId &&
      overlaps({ start: b.start.getTime(), end: b.end.getTime() }, wanted),
  );
  if (taken) {
    return new BookingRefused(
      "slot-taken",
      "Ce créneau vient d'être pris. Choisissez-en un autre.",
    );
  }
  if (check.channel === "agent") return undefined;
  if (wanted.start < now.getTime() + motif.minNoticeMinutes * MS_PER_MINUTE) {
    return new BookingRefused(
      "too-soon",
      `Ce créneau est trop proche : ce rendez-vous se prend au moins ${formatFrenchDuration(motif.minNoticeMinutes)} à l'avance.`,
    );
  }
  if (wanted.start > now.getTime() + motif.maxHorizonDays * MS_PER_DAY) {
    return new BookingRefused(
      "too-far",
      `Ce créneau est trop lointain : ce rendez-vous se prend au plus ${motif.maxHorizonDays} jours à l'avance.`,
    );
  }
  if (!findOfferedSlot(check)) {
    return new BookingRefused(
      "slot-not-offered",
      "Ce créneau n'est pas proposé. Choisissez un des créneaux affichés.",
    );
  }
  return undefined;
}

/** The offered slot matching the request exactly (same agent, lieu and start). */
function findOfferedSlot(check: SlotCheck): Slot | undefined {
  const { request } = check;
  const slots = computeSlots({
    openings: check.openings.filter((o) => o.agentId === request.agentId),
    absences: check.absences,
    bookings: check.bookings,
    holidays: check.holidays,
    motif: check.motif,
    window: { from: request.start, to: new Date(request.start.getTime() + 1) },
    now: check.now,
  });
  return slots.find(
    (slot) =>
      slot.agentId === request.agentId &&
      slot.lieuId === request.lieuId &&
      slot.start.getTime() === request.start.getTime(),
  );
}

/** Throws the refusal, if any: for services that stop at the first problem. */
export function assertSlotBookable(check: SlotCheck): void {
  const refusal = findSlotRefusal(check);
  if (refusal) throw refusal;
}
