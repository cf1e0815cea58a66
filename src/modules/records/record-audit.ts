import type { Tx } from "../../db/database.ts";
import type { AuditAction } from "../../platform/audit/actions.ts";
import { type AuditEventInput, recordAudit, recordAuditBatch } from "../../platform/audit/audit.ts";
import type { UserContext } from "../../platform/http/context.ts";
import { actingOrganisationId } from "./access.ts";
import type { ParcoursAccess } from "./policy.ts";

/** What an audit event about a person takes from the service context: who, when, which request. */
export type AuditContext = Pick<UserContext, "actor" | "now" | "requestId">;

/** One audit event about a person's data, in the caller's transaction. */
export async function auditPerson(tx: Tx, ctx: AuditContext, event: PersonEvent): Promise<void> {
  await recordAudit(tx, auditInput(ctx, event));
}

/** One audit event per person shown (a list), in one insert, in the caller's transaction. */
export async function auditPersons(
  tx: Tx,
  ctx: AuditContext,
  events: readonly PersonEvent[],
): Promise<void> {
  await recordAuditBatch(
    tx,
    events.map((event) => auditInput(ctx, event)),
  );
}

type PersonEvent = {
  action: AuditAction;
  personId: string;
  subjectType: string;
  subjectId: string;
  access?: ParcoursAccess;
  organisationId?: string;
  details?: Record<string, unknown>;
};

function auditInput(ctx: AuditContext, event: PersonEvent): AuditEventInput {
  const { actor } = ctx;
  return {
    actor: {
      userId: actor.userId,
      organisationId: event.organisationId ?? actingOrganisationId(actor, event.access),
    },
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    personId: event.personId,
    details: event.details ?? {},
    requestId: ctx.requestId,
    at: ctx.now,
  };
}
