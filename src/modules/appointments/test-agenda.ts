// A small agenda for the integration tests: one SST, one travailleur social
// receiving Monday to Friday 09:00–12:00 at one place, a motif bookable
// online and one bookable by agents only. Imported by *.test.ts files only.

import type { Db } from "../../db/database.ts";
import { type Actor, ANONYMOUS, type UserActor } from "../../platform/access/actor.ts";
import { parisToDate } from "../../platform/time/paris.ts";
import { makeUser } from "../../test/factories.ts";
import { createLieu, createMotif, createPlage } from "./agenda-admin.ts";
import type { AppointmentContext } from "./booking.ts";

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
  return {
    kind: "user",
    userId: "00000000-0000-4000-8000-000000000001",
    email: "responsable@exemple.fr",
    displayName: "Responsable",
    memberships: [
      {
        organisationId,
        organisationName: "SST",
        organisationKind: "sst",
        role: "responsable_structure",
      },
    ],
  };
}
