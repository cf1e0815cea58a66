// The appointments module's public face: other modules and the routes call
// these functions, never the tables.

import type { Db } from "../../db/database.ts";
import { Invalid } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { findMotif, listLieuxForMotif, listMotifs, loadSlotInputs } from "./agenda-store.ts";
import { isBookableOnline } from "./booking-checks.ts";
import { type BookablePlace, placesOfCatalogue } from "./nearest-places.ts";
import { computeSlots, type Slot } from "./slots.ts";

export type { LieuView, MotifView } from "./agenda-store.ts";
export { findLieu, findMotif, listLieuxForMotif, listMotifs } from "./agenda-store.ts";
export type { AgendaEntry } from "./agent-agenda.ts";
export {
  agentAgenda,
  listAgents,
  reminderHandler,
  STATUS_LABELS,
  setAppointmentStatus,
} from "./agent-agenda.ts";
export {
  type AppointmentFigures,
  appointmentFigures,
  type FigureGrouping,
} from "./appointment-figures.ts";
export type {
  AppointmentContext,
  BookedAppointment,
  BookingLinks,
  BookingRequest,
} from "./booking.ts";
export { bookAppointment, manageUrl, SLOT_TAKEN_MESSAGE } from "./booking.ts";
export { joinSession, listUpcomingSessions } from "./collective-sessions.ts";
export {
  appointmentIcsForContacts,
  type ContactAppointment,
  listAppointmentsForContacts,
  manageTokenForContacts,
  type VerifiedContacts,
} from "./contact-appointments.ts";
export {
  bookingCalendar,
  cancelByToken,
  moveByToken,
  requireBookingByToken,
} from "./manage.ts";
export { REMINDER_JOB } from "./notifications.ts";
export { listPersonAppointments, type PersonAppointment } from "./person-appointments.ts";
export { type FrenchPhone, parseFrenchPhone } from "./phone.ts";

/** Longest window one slot query may ask for: keeps a request cheap. */
export const MAX_SLOT_WINDOW_DAYS = 31;

/**
 * Free slots of a motif between two instants. `lieuId`: one place, null:
 * the openings without a place (phone…), undefined: every place. The public
 * sees only motifs bookable online; agents see every slot inside openings.
 */
export async function findSlots(
  ctx: Pick<ServiceContext, "db" | "now">,
  query: {
    motifId: string;
    lieuId?: string | null | undefined;
    from: Date;
    to: Date;
    forAgent?: boolean;
  },
): Promise<Slot[]> {
  const motif = await findMotif(ctx.db, query.motifId);
  if (!motif || motif.isCollective) {
    throw new Invalid({ motif: "Ce motif de rendez-vous n'existe pas ou n'est plus proposé." });
  }
  if (!query.forAgent && !isBookableOnline(motif)) {
    throw new Invalid({
      motif: "Ce motif ne se réserve pas en ligne. Appelez le service pour prendre rendez-vous.",
    });
  }
  if (!(query.to > query.from)) {
    throw new Invalid({ to: "La fin de la période doit suivre son début." });
  }
  if (query.to.getTime() - query.from.getTime() > MAX_SLOT_WINDOW_DAYS * 86_400_000) {
    throw new Invalid({ to: `La période demandée dépasse ${MAX_SLOT_WINDOW_DAYS} jours.` });
  }
  const window = { from: query.from, to: query.to };
  const inputs = await loadSlotInputs(
    ctx.db,
    motif,
    window,
    query.lieuId === undefined ? {} : { lieuId: query.lieuId },
  );
  // Agents book at any notice and up to a year ahead; the public within the motif's window.
  const bookingMotif = query.forAgent
    ? { ...motif, minNoticeMinutes: 0, maxHorizonDays: 366 }
    : motif;
  return computeSlots({ ...inputs, motif: bookingMotif, window, now: ctx.now });
}

/** Motifs someone can book online, with the places that offer them. */
export async function publicCatalogue(db: Db) {
  const motifs = (await listMotifs(db, { onlineOnly: true })).filter((m) => !m.isCollective);
  return Promise.all(
    motifs.map(async (motif) => ({ motif, lieux: await listLieuxForMotif(db, motif.id) })),
  );
}

/** Every place where someone can book online, with its motifs (step 2 of the public booking). */
export async function listBookablePlaces(db: Db): Promise<BookablePlace[]> {
  return placesOfCatalogue(await publicCatalogue(db));
}

/**
 * What someone can book online at the places linked to these directory
 * records (« structure:<uuid> », « service:<uuid> », migration 0203): for a
 * « Prendre rendez-vous » link on the directory's pages. Empty when none.
 */
export async function onlineBookingsForDirectory(
  db: Db,
  directoryRefs: string[],
): Promise<{ motifId: string; motifName: string; lieuId: string; lieuName: string }[]> {
  if (directoryRefs.length === 0) return [];
  const refs = new Set(directoryRefs);
  return (await publicCatalogue(db)).flatMap(({ motif, lieux }) =>
    motif.locationKind === "sur_place"
      ? lieux
          .filter((lieu) => lieu.directoryRef !== null && refs.has(lieu.directoryRef))
          .map((lieu) => ({
            motifId: motif.id,
            motifName: motif.name,
            lieuId: lieu.id,
            lieuName: lieu.name,
          }))
      : [],
  );
}
