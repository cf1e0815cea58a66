import type { Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import type { AuditAction } from "../../platform/audit/actions.ts";
import { type AuditEventInput, recordAudit, recordAuditBatch } from "../../platform/audit/audit.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { actingOrganisationId } from "./access.ts";
import type { ParcoursAccess } from "./policy.ts";

/**
 * What every records use case needs besides the database and the actor: the
 * request context's instant and id (`requestContext(c)` in a handler; a job
 * or a test gives `{ now }`).
 */
export type RecordsContext = Pick<RequestContext, "now"> & {
  requestId?: RequestContext["requestId"] | null;
};

/** One audit event about a person's data, in the caller's transaction. */
export async function auditPerson(
  tx: Tx,
  actor: UserActor,
  context: RecordsContext,
  event: PersonEvent,
): Promise<void> {
  await recordAudit(tx, auditInput(actor, context, event));
}

/** One audit event per person shown (a list), in one insert, in the caller's transaction. */
export async function auditPersons(
  tx: Tx,
  actor: UserActor,
  context: RecordsContext,
  events: readonly PersonEvent[],
): Promise<void> {
  await recordAuditBatch(
    tx,
    events.map((event) => auditInput(actor, context, event)),
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

function auditInput(
  actor: UserActor,
  context: RecordsContext,
  event: PersonEvent,
): AuditEventInput {
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
    requestId: context.requestId ?? null,
    at: context.now,
  };
}
