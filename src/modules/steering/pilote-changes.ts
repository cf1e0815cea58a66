import type { Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize } from "../../platform/access/policy.ts";
import { type AuditEventInput, recordAudit } from "../../platform/audit/audit.ts";
import { NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { findCurrentPlan } from "./plan-store.ts";
import { steeringRules } from "./policy.ts";

/** A pilote's context, once the editing rule let them through. */
export type PiloteContext = ServiceContext<UserActor>;

export type SteeringEvent = Omit<AuditEventInput, "actor" | "requestId" | "at">;

/** A pilote's audit event: the pilote, acting for their first organisation, at the request's instant. */
export async function auditPilote(tx: Tx, ctx: PiloteContext, event: SteeringEvent): Promise<void> {
  await recordAudit(tx, {
    actor: {
      userId: ctx.actor.userId,
      organisationId: ctx.actor.memberships[0]?.organisationId ?? null,
    },
    ...event,
    requestId: ctx.requestId,
    at: ctx.now,
  });
}

/** Authorizes a pilote to edit the plan: their context, narrowed to a signed-in user. */
export function requirePilote(ctx: ServiceContext): PiloteContext {
  const { actor } = ctx;
  authorize(actor, steeringRules.editPlan, undefined);
  return { ...ctx, actor };
}

/**
 * The shape of every change a pilote makes to the current plan: authorize,
 * find the plan (NotFound without one), then the change in one transaction
 * (it writes its own audit event with `auditPilote`).
 */
export async function changeCurrentPlan<T>(
  ctx: ServiceContext,
  change: (tx: Tx, plan: { id: string }, pilote: PiloteContext) => Promise<T>,
): Promise<T> {
  const pilote = requirePilote(ctx);
  const plan = await findCurrentPlan(ctx.db, pilote.actor);
  if (!plan) throw new NotFound();
  return ctx.db.transaction().execute((tx) => change(tx, plan, pilote));
}
