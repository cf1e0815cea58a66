// The professional side: an agent's day or week, marking each appointment
// seen, no-show or cancelled, and the reminder job.

import { isSignedIn } from "../../platform/access/actor.ts";
import { authorize, organisationIds } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import type { JobHandler } from "../../platform/jobs/worker.ts";
import { isUuid } from "./agenda-store.ts";
import { noticeFor } from "./manage.ts";
import { queueNotice } from "./notifications.ts";
import { appointmentRules } from "./policy.ts";
import type { RdvStatus } from "./tables.ts";

export interface AgendaEntry {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: RdvStatus;
  personName: string;
  phone: string | null;
  email: string | null;
  motifId: string;
  motifName: string;
  locationKind: string;
  lieuId: string | null;
  lieuName: string | null;
  agentId: string;
  agentName: string;
}

export const STATUS_LABELS: Record<RdvStatus, string> = {
  unknown: "À venir",
  seen: "Vu",
  excused: "Annulé par la personne",
  revoked: "Annulé par le service",
  noshow: "Absent",
};

/** The agents of the actor's organisations who have openings, for the agenda picker. */
export async function listAgents(ctx: ServiceContext) {
  const { actor } = ctx;
  if (!isSignedIn(actor)) return [];
  const organisations = organisationIds(actor);
  if (organisations.length === 0) return [];
  return ctx.db
    .selectFrom("rdv_plage as p")
    .innerJoin("app_user as u", "u.id", "p.agent_id")
    .select(["u.id", "u.display_name as name", "p.organisation_id as organisationId"])
    .where("p.organisation_id", "in", organisations)
    .distinct()
    .orderBy("u.display_name")
    .execute();
}

/** One agent's appointments between two instants (a day or a week), in one query. */
export async function agentAgenda(
  ctx: ServiceContext,
  agentId: string,
  organisationId: string,
  window: { from: Date; to: Date },
): Promise<AgendaEntry[]> {
  const { actor } = ctx;
  authorize(actor, appointmentRules.viewAgenda, { organisationId, agentId });
  const rows = await ctx.db
    .selectFrom("rdv as r")
    .innerJoin("rdv_motif as m", "m.id", "r.motif_id")
    .innerJoin("app_user as u", "u.id", "r.agent_id")
    .leftJoin("rdv_lieu as l", "l.id", "r.lieu_id")
    .select([
      "r.id",
      "r.starts_at as startsAt",
      "r.ends_at as endsAt",
      "r.status",
      "r.person_name as personName",
      "r.phone",
      "r.email",
      "r.motif_id as motifId",
      "m.name as motifName",
      "m.location_kind as locationKind",
      "r.lieu_id as lieuId",
      "l.name as lieuName",
      "r.agent_id as agentId",
      "u.display_name as agentName",
    ])
    .where("r.agent_id", "=", agentId)
    .where("r.organisation_id", "=", organisationId)
    .where("r.starts_at", ">=", window.from)
    .where("r.starts_at", "<", window.to)
    .orderBy("r.starts_at")
    .execute();
  await ctx.db.transaction().execute((tx) =>
    recordAudit(tx, {
      actor: { userId: actor.userId, organisationId },
      action: "rdv.agenda.read",
      subjectType: "agenda",
      subjectId: agentId,
      details: { from: window.from.toISOString(), to: window.to.toISOString(), count: rows.length },
      requestId: ctx.requestId,
      at: ctx.now,
    }),
  );
  return rows;
}

const MARKABLE: ReadonlySet<RdvStatus> = new Set(["seen", "noshow", "revoked", "unknown"]);

/** Marks an appointment; "revoked" (the service cancels) notifies the person. */
export async function setAppointmentStatus(
  ctx: ServiceContext,
  id: string,
  status: RdvStatus,
): Promise<void> {
  const { actor } = ctx;
  if (!MARKABLE.has(status)) throw new Invalid({ statut: "Ce statut n'existe pas." });
  if (!isUuid(id)) throw new NotFound("Ce rendez-vous n'existe pas.");
  const row = await ctx.db
    .selectFrom("rdv")
    .select(["id", "organisation_id", "agent_id", "status", "starts_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFound("Ce rendez-vous n'existe pas.");
  authorize(actor, appointmentRules.viewAgenda, {
    organisationId: row.organisation_id,
    agentId: row.agent_id,
  });
  if ((status === "seen" || status === "noshow") && row.starts_at > ctx.now) {
    const message = "Un rendez-vous à venir ne peut pas encore être marqué vu ou absent.";
    throw new Invalid({ statut: message }, message);
  }
  if (row.status === "excused" || row.status === "revoked") {
    const message = "Ce rendez-vous est annulé : son statut ne change plus.";
    throw new Invalid({ statut: message }, message);
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("rdv").set({ status, updated_at: ctx.now }).where("id", "=", id).execute();
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId: row.organisation_id },
      action: "rdv.status",
      subjectType: "rdv",
      subjectId: id,
      details: { from: row.status, to: status },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    if (status === "revoked") {
      const notice = await noticeFor(tx, id);
      await queueNotice(tx, "cancellation", { ...notice, cancelledByService: true }, ctx.now);
    }
  });
}

/**
 * The reminder job: dropped when the appointment was cancelled, moved
 * (another start than the one it was scheduled for) or is past.
 */
export function reminderHandler(): JobHandler {
  return async (payload, { db, now }) => {
    const id = String(payload.bookingId);
    const row = await db
      .selectFrom("rdv")
      .select(["status", "starts_at"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (row?.status !== "unknown") return;
    if (row.starts_at.toISOString() !== payload.startsAt || row.starts_at <= now) return;
    await db.transaction().execute(async (tx) => {
      await queueNotice(tx, "reminder", await noticeFor(tx, id), now);
    });
  };
}
