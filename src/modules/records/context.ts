import type { Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { actingOrganisationId } from "./access.ts";
import type { ParcoursAccess } from "./policy.ts";

/** What every records use case needs besides the database and the actor. */
export type RecordsContext = { now: Date; requestId?: string | null };

/** One audit event about a person's data, in the caller's transaction. */
export async function auditPerson(
  tx: Tx,
  actor: UserActor,
  context: RecordsContext,
  event: {
    action: string;
    personId: string;
    subjectType: string;
    subjectId: string;
    access?: ParcoursAccess;
    organisationId?: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(tx, {
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
  });
}
