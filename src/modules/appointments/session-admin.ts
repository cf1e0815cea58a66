// The responsable sets up collective sessions (information collective RSA,
// atelier numérique) and cancels them. A cancelled session stays in the
// table (revoked_at) so that its participants' history is kept; each of
// them is told that the service cancelled.

import { authorize } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { createSession } from "./agenda-admin.ts";
import { isUuid } from "./agenda-store.ts";
import { queueNotice } from "./notifications.ts";
import { appointmentRules } from "./policy.ts";

/** An id that matches no row when the form sent something else than a uuid. */
const uuidOrNil = (value: string) =>
  isUuid(value) ? value : "00000000-0000-0000-0000-000000000000";

export interface NewSession {
  organisationId: string;
  motifId: string;
  lieuId: string;
  agentId: string;
  startsAt: Date;
  durationMinutes: number;
  capacity: number | null;
}

/** Creates a session after checking that its motif, place and agent are the organisation's. */
export async function scheduleSession(ctx: ServiceContext, input: NewSession): Promise<string> {
  const { actor } = ctx;
  authorize(actor, appointmentRules.manageAgendas, { organisationId: input.organisationId });
  const errors: Record<string, string> = {};
  const [motif, lieu, agent] = await Promise.all([
    ctx.db
      .selectFrom("rdv_motif")
      .select(["id", "location_kind"])
      .where("id", "=", uuidOrNil(input.motifId))
      .where("organisation_id", "=", input.organisationId)
      .where("archived_at", "is", null)
      .executeTakeFirst(),
    ctx.db
      .selectFrom("rdv_lieu")
      .select("id")
      .where("id", "=", uuidOrNil(input.lieuId))
      .where("organisation_id", "=", input.organisationId)
      .where("status", "!=", "disabled")
      .executeTakeFirst(),
    ctx.db
      .selectFrom("membership")
      .select("user_id")
      .where("user_id", "=", uuidOrNil(input.agentId))
      .where("organisation_id", "=", input.organisationId)
      .executeTakeFirst(),
  ]);
  if (!motif) errors.motif = "Choisissez un motif de votre structure.";
  else if (motif.location_kind !== "sur_place")
    errors.motif = "Une séance collective a lieu sur place : choisissez un motif sur place.";
  if (!lieu) errors.lieu = "Choisissez un lieu de votre structure.";
  if (!agent) errors.agent = "Choisissez un agent de votre structure.";
  if (input.startsAt.getTime() <= ctx.now.getTime())
    errors.date = "La séance doit commencer dans le futur.";
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const endsAt = new Date(input.startsAt.getTime() + input.durationMinutes * 60_000);
  return ctx.db.transaction().execute(async (tx) => {
    const id = await createSession(tx, { ...input, endsAt }, ctx.now);
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId: input.organisationId },
      action: "rdv.session.created",
      subjectType: "rdv_session",
      subjectId: id,
      details: { motifId: input.motifId, startsAt: input.startsAt.toISOString() },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return id;
  });
}

/** Cancels a session: its participants are marked "revoked" and told. */
export async function revokeSession(
  ctx: ServiceContext,
  sessionId: string,
): Promise<{ notified: number }> {
  const { actor } = ctx;
  if (!isUuid(sessionId)) throw new NotFound("Cette séance collective n'existe pas.");
  const session = await ctx.db
    .selectFrom("rdv_session as s")
    .innerJoin("rdv_motif as m", "m.id", "s.motif_id")
    .innerJoin("organisation as o", "o.id", "s.organisation_id")
    .innerJoin("rdv_lieu as l", "l.id", "s.lieu_id")
    .select([
      "s.id",
      "s.organisation_id as organisationId",
      "s.starts_at as startsAt",
      "s.ends_at as endsAt",
      "s.revoked_at as revokedAt",
      "m.name as motifName",
      "o.name as organisationName",
      "l.name as lieuName",
      "l.address",
    ])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (!session) throw new NotFound("Cette séance collective n'existe pas.");
  authorize(actor, appointmentRules.manageAgendas, { organisationId: session.organisationId });
  if (session.revokedAt) return { notified: 0 };
  return ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("rdv_session")
      .set({ revoked_at: ctx.now })
      .where("id", "=", sessionId)
      .execute();
    const participants = await tx
      .updateTable("rdv_participation")
      .set({ status: "revoked" })
      .where("session_id", "=", sessionId)
      .where("status", "=", "unknown")
      .returning(["id", "person_name", "phone", "email", "notify"])
      .execute();
    let notified = 0;
    for (const participant of participants) {
      notified += await queueNotice(
        tx,
        "cancellation",
        {
          id: participant.id,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          personName: participant.person_name,
          phone: participant.phone,
          email: participant.email,
          notify: participant.notify,
          motifName: session.motifName,
          organisationName: session.organisationName,
          where: `${session.lieuName}, ${session.address}`,
          cancelledByService: true,
          sequence: Math.floor(ctx.now.getTime() / 1000),
        },
        ctx.now,
      );
    }
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId: session.organisationId },
      action: "rdv.session.revoked",
      subjectType: "rdv_session",
      subjectId: sessionId,
      details: { participants: participants.length },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return { notified };
  });
}
