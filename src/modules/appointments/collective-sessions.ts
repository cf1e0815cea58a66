// Joining a collective session (information collective RSA, atelier
// numérique). The seat is taken by one UPDATE that checks and increments the
// counter under the session's row lock: two people racing for the last seat
// queue on the lock, and the second finds no seat left. The table's CHECK
// (seats_taken <= capacity) holds even if this code were wrong.

import type { Db } from "../../db/database.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { isUuid } from "./agenda-store.ts";
import { type PersonInput, parsePerson } from "./booking.ts";
import { findSessionRefusal } from "./collective.ts";
import { queueNotice } from "./notifications.ts";
import { BookingInvalid, BookingRefused } from "./refusals.ts";

export async function listUpcomingSessions(
  db: Db,
  now: Date,
  filter: { motifId?: string; organisationId?: string } = {},
) {
  let query = db
    .selectFrom("rdv_session as s")
    .innerJoin("rdv_motif as m", "m.id", "s.motif_id")
    .innerJoin("rdv_lieu as l", "l.id", "s.lieu_id")
    .select([
      "s.id",
      "s.starts_at as startsAt",
      "s.ends_at as endsAt",
      "s.capacity",
      "s.seats_taken as seatsTaken",
      "m.name as motifName",
      "l.name as lieuName",
      "l.address",
      "s.organisation_id as organisationId",
    ])
    .where("s.revoked_at", "is", null)
    .where("s.starts_at", ">", now)
    .orderBy("s.starts_at");
  if (filter.motifId) query = query.where("s.motif_id", "=", filter.motifId);
  if (filter.organisationId) query = query.where("s.organisation_id", "=", filter.organisationId);
  return query.execute();
}

export async function joinSession(
  ctx: ServiceContext,
  sessionId: string,
  personInput: PersonInput | Record<string, string>,
  idempotencyKey?: string,
): Promise<{ participationId: string }> {
  // Only agents seat people (pro-booking-routes.tsx): the agent channel's rules.
  const person = parsePerson(personInput, { channel: "agent", locationKind: "sur_place" });
  if (!isUuid(sessionId)) throw new NotFound("Cette séance collective n'existe pas.");
  if (idempotencyKey) {
    const earlier = await findParticipationByKey(ctx.db, idempotencyKey, sessionId, person.name);
    if (earlier) return earlier;
  }
  try {
    return await takeSeat(ctx, sessionId, person, idempotencyKey);
  } catch (error) {
    // A twin request with the same key may have taken the seat (maybe the
    // last one) between our look-up and our insert: the seat is ours.
    const unique = (error as { code?: string } | null)?.code === "23505";
    if (idempotencyKey && (unique || error instanceof BookingRefused)) {
      const earlier = await findParticipationByKey(ctx.db, idempotencyKey, sessionId, person.name);
      if (earlier) return earlier;
    }
    throw error;
  }
}

/** The seat an earlier request with this key took; a key reused for another request is refused. */
async function findParticipationByKey(
  db: Db,
  key: string,
  sessionId: string,
  personName: string,
): Promise<{ participationId: string } | undefined> {
  const earlier = await db
    .selectFrom("rdv_participation")
    .select(["id", "session_id", "person_name"])
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  if (!earlier) return undefined;
  if (earlier.session_id !== sessionId || earlier.person_name !== personName) {
    throw new BookingInvalid(
      "key_reused",
      {
        "Idempotency-Key":
          "Cette clé a déjà servi pour une autre demande : utilisez-en une nouvelle.",
      },
      "Cette clé d'idempotence a déjà servi pour une autre demande.",
    );
  }
  return { participationId: earlier.id };
}

async function takeSeat(
  ctx: ServiceContext,
  sessionId: string,
  person: ReturnType<typeof parsePerson>,
  idempotencyKey: string | undefined,
): Promise<{ participationId: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const seat = await tx
      .updateTable("rdv_session")
      .set((eb) => ({ seats_taken: eb("seats_taken", "+", 1) }))
      .where("id", "=", sessionId)
      .where("revoked_at", "is", null)
      .where("starts_at", ">", ctx.now)
      .where((eb) =>
        eb.or([eb("capacity", "is", null), eb("seats_taken", "<", eb.ref("capacity"))]),
      )
      .returning("id")
      .executeTakeFirst();
    if (!seat) {
      const session = await tx
        .selectFrom("rdv_session")
        .select(["starts_at", "capacity", "seats_taken", "revoked_at"])
        .where("id", "=", sessionId)
        .executeTakeFirst();
      if (!session) throw new NotFound("Cette séance collective n'existe pas.");
      const refusal = findSessionRefusal(
        {
          start: session.starts_at,
          maxSeats: session.capacity,
          revoked: session.revoked_at !== null,
          participations: Array.from({ length: session.seats_taken }, () => ({
            status: "unknown" as const,
          })),
        },
        ctx.now,
      );
      throw refusal ?? new Error("séance indisponible");
    }
    const row = await tx
      .insertInto("rdv_participation")
      .values({
        session_id: sessionId,
        person_name: person.name,
        phone: person.phone,
        email: person.email,
        notify: person.notify,
        idempotency_key: idempotencyKey ?? null,
        created_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor: { userId: null, organisationId: null },
      action: "rdv.session.joined",
      subjectType: "rdv_participation",
      subjectId: row.id,
      details: { sessionId },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    const session = await tx
      .selectFrom("rdv_session as s")
      .innerJoin("rdv_motif as m", "m.id", "s.motif_id")
      .innerJoin("organisation as o", "o.id", "s.organisation_id")
      .innerJoin("rdv_lieu as l", "l.id", "s.lieu_id")
      .select([
        "s.starts_at",
        "s.ends_at",
        "m.name",
        "o.name as organisationName",
        "l.name as lieuName",
        "l.address",
      ])
      .where("s.id", "=", sessionId)
      .executeTakeFirstOrThrow();
    await queueNotice(
      tx,
      "confirmation",
      {
        id: row.id,
        startsAt: session.starts_at,
        endsAt: session.ends_at,
        personName: person.name,
        phone: person.phone,
        email: person.email,
        notify: person.notify,
        motifName: session.name,
        organisationName: session.organisationName,
        where: `${session.lieuName}, ${session.address}`,
        sequence: 0,
      },
      ctx.now,
    );
    return { participationId: row.id };
  });
}
