// Collective sessions (information collective RSA, atelier numérique…):
// a rendez-vous with an optional number of seats and one participation per
// person.

import { BookingRefused } from "./refusals.ts";

/** RDV Service Public's statuses, per participant. */
export type ParticipationStatus = "unknown" | "seen" | "excused" | "revoked" | "noshow";

export interface CollectiveSession {
  start: Date;
  /** Absent: no limit. */
  maxSeats: number | null;
  /** The service cancelled the whole session. */
  revoked: boolean;
  participations: readonly { status: ParticipationStatus }[];
}

// A person who cancelled (excused) or whose place the service cancelled
// (revoked) frees their seat; one who came or did not come still held it.
const HOLDS_A_SEAT: ReadonlySet<ParticipationStatus> = new Set(["unknown", "seen", "noshow"]);

export function seatsTaken(session: Pick<CollectiveSession, "participations">): number {
  return session.participations.filter((p) => HOLDS_A_SEAT.has(p.status)).length;
}

/** Seats left (never below 0), or null when the session has no limit. */
export function remainingSeats(session: CollectiveSession): number | null {
  if (session.maxSeats === null) return null;
  return Math.max(0, session.maxSeats - seatsTaken(session));
}

/** Why a person cannot join the session now, or undefined if they can. */
export function findSessionRefusal(
  session: CollectiveSession,
  now: Date,
): BookingRefused | undefined {
  if (session.revoked) {
    return new BookingRefused("session-revoked", "Cette séance collective a été annulée.");
  }
  if (session.start.getTime() <= now.getTime()) {
    return new BookingRefused("session-past", "Cette séance collective a déjà commencé.");
  }
  if (remainingSeats(session) === 0) {
    return new BookingRefused(
      "session-full",
      "Cette séance collective est complète. Choisissez une autre date.",
    );
  }
  return undefined;
}

export function isSessionBookable(session: CollectiveSession, now: Date): boolean {
  return findSessionRefusal(session, now) === undefined;
}
