// What the appointments tests share (imported by *.test.ts files only): a
// small agenda for the integration tests (one SST, one travailleur social
// receiving Monday to Friday 09:00–12:00 at one place, a motif bookable
// online and one bookable by agents only), a service context at a fixed
// instant, and small factories for the pure tests, each stating only what
// it cares about.

import type { Db } from "../../db/database.ts";
import { type Actor, ANONYMOUS, type UserActor } from "../../platform/access/actor.ts";
import { type LocalDate, type LocalTime, parisToDate, toParis } from "../../platform/time/paris.ts";
import { makeUser } from "../../test/factories.ts";
import { userActor } from "../../test/fixtures.ts";
import type { Absence, Booking, Motif, PlageOuverture } from "./agenda.ts";
import { createLieu, createMotif, createPlage } from "./agenda-admin.ts";
import type { AppointmentContext } from "./booking.ts";
import type { Slot } from "./slots.ts";

/** Monday 23 November 2026, 09:00 in Paris. */
export const TEST_NOW = parisToDate("2026-11-23", "09:00");
export const TEST_SECRET_KEY = "test-secret-for-relais-tests-only-0123456789";

export async function setUpAgenda(db: Db) {
  const agent = await makeUser(db, { role: "travailleur_social" });
  const organisationId = agent.organisationId;
  const accueil = await makeUser(db, { role: "agent_accueil", organisationId });
  const lieuId = await createLieu(
    db,
    {
      organisationId,
      name: "Espace solidarité du Parc",
      address: "12 rue des Fleurs, 92000 Nanterre",
      communeCode: "92050",
    },
    TEST_NOW,
  );
  const motifId = await createMotif(
    db,
    {
      organisationId,
      name: "Premier accueil social",
      locationKind: "sur_place",
      durationMinutes: 30,
      minNoticeMinutes: 60,
      maxHorizonDays: 60,
    },
    TEST_NOW,
  );
  const phoneMotifId = await createMotif(
    db,
    {
      organisationId,
      name: "Suivi RSA par téléphone",
      locationKind: "telephone",
      durationMinutes: 20,
      bookableBy: "agents",
    },
    TEST_NOW,
  );
  await createPlage(
    db,
    {
      organisationId,
      agentId: agent.userId,
      lieuId,
      motifIds: [motifId],
      firstDay: "2026-11-02",
      startTime: "09:00",
      endTime: "12:00",
      recurrence: { everyWeeks: 1, weekdays: [1, 2, 3, 4, 5] },
    },
    TEST_NOW,
  );
  await createPlage(
    db,
    {
      organisationId,
      agentId: agent.userId,
      lieuId: null,
      motifIds: [phoneMotifId],
      firstDay: "2026-11-02",
      startTime: "14:00",
      endTime: "16:00",
      recurrence: { everyWeeks: 1, weekdays: [1, 2, 3, 4, 5] },
    },
    TEST_NOW,
  );
  return { organisationId, agent, accueil, lieuId, motifId, phoneMotifId };
}

/** A service context at `now`, anonymous unless an actor is given (a booking by an agent). */
export function contextAt(
  db: Db,
  now: Date = TEST_NOW,
  actor: Actor = ANONYMOUS,
): AppointmentContext {
  return {
    db,
    actor,
    now,
    requestId: null,
    links: { secret: TEST_SECRET_KEY, publicUrl: "https://relais.test" },
  };
}

export const PERSON = {
  nom: "Camille Martin",
  telephone: "06 12 34 56 78",
  email: "camille.martin@exemple.fr",
  consentement: true,
};

/** A responsable of the organisation (an actor only: statistics and policies read memberships). */
export function responsableOf(organisationId: string): UserActor {
  return userActor("responsable_structure", {
    userId: "00000000-0000-4000-8000-000000000001",
    organisationId,
    organisationName: "SST",
    email: "responsable@exemple.fr",
    displayName: "Responsable",
  });
}

export function makeMotif(overrides: Partial<Motif> = {}): Motif {
  return {
    id: "motif-accueil",
    durationMinutes: 30,
    minNoticeMinutes: 0,
    maxHorizonDays: 365,
    bookableBy: "everyone",
    ...overrides,
  };
}

export function makeOpening(overrides: Partial<PlageOuverture> = {}): PlageOuverture {
  return {
    id: "opening-1",
    agentId: "agent-1",
    lieuId: "lieu-1",
    motifIds: ["motif-accueil"],
    firstDay: "2026-03-23",
    startTime: "09:00",
    endTime: "12:00",
    recurrence: null,
    ...overrides,
  };
}

export function makeAbsence(overrides: Partial<Absence> = {}): Absence {
  return {
    id: "absence-1",
    agentId: "agent-1",
    firstDay: "2026-03-23",
    startTime: "09:00",
    endTime: "10:00",
    recurrence: null,
    ...overrides,
  };
}

export function makeBooking(
  date: LocalDate,
  start: LocalTime,
  end: LocalTime,
  agentId = "agent-1",
): Booking {
  return { agentId, start: parisToDate(date, start), end: parisToDate(date, end) };
}

/** Slots as "YYYY-MM-DD HH:MM" in Paris local time, for exact-list assertions. */
export function localStarts(slots: readonly Slot[]): string[] {
  return slots.map((slot) => {
    const { date, time } = toParis(slot.start);
    return `${date} ${time}`;
  });
}

/** Slots as "HH:MM" in Paris local time. */
export function localTimes(slots: readonly Slot[]): string[] {
  return slots.map((slot) => toParis(slot.start).time);
}
