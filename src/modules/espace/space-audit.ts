// The space's audit events: who did what in a person's space.
import type { Tx } from "../../db/database.ts";
import type { ResidentActor, UserActor } from "../../platform/access/actor.ts";
import type { AuditAction } from "../../platform/audit/actions.ts";
import { recordAudit } from "../../platform/audit/audit.ts";

/**
 * One audit event about a space, in the caller's transaction. The space's
 * id is the event's person: « Qui a consulté mes données » reads them back.
 * A resident's own actions have no user; `details.by` says it was them.
 */
export async function auditSpace(
  tx: Tx,
  actor: ResidentActor | UserActor | "system",
  context: { now: Date; requestId?: string | null },
  event: {
    action: AuditAction;
    espaceId: string;
    subjectType: string;
    subjectId?: string | null;
    organisationId?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const isUser = actor !== "system" && actor.kind === "user";
  await recordAudit(tx, {
    actor: {
      userId: isUser ? actor.userId : null,
      organisationId: isUser ? (event.organisationId ?? null) : null,
    },
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId ?? null,
    personId: event.espaceId,
    details: {
      ...(actor === "system" ? { by: "system" } : isUser ? {} : { by: "resident" }),
      ...event.details,
    },
    requestId: context.requestId ?? null,
    at: context.now,
  });
}
