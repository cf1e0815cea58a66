import type { Tx } from "../../db/database.ts";
import type { ResidentActor, UserActor } from "../../platform/access/actor.ts";
import type { AuditAction } from "../../platform/audit/actions.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { AppContext } from "../../platform/http/context.ts";

/** What the space's use cases need besides the database and the actor. */
export type EspaceContext = {
  now: Date;
  requestId?: string | null;
  /** The server secret: code hashes, appointment links. */
  secret: string;
  /** AES-256-GCM key of the documents (RELAIS_DOCUMENTS_KEY). */
  documentsKey: Buffer;
  publicUrl: string;
};

export function espaceContext(c: AppContext): EspaceContext {
  const { config } = c.var.deps;
  return {
    now: c.var.now,
    requestId: c.var.requestId,
    secret: config.secret,
    documentsKey: config.documentsKey,
    publicUrl: config.publicUrl,
  };
}

/**
 * One audit event about a space, in the caller's transaction. The space's
 * id is the event's person: « Qui a consulté mes données » reads them back.
 * A resident's own actions have no user; `details.by` says it was them.
 */
export async function auditSpace(
  tx: Tx,
  actor: ResidentActor | UserActor | "system",
  context: Pick<EspaceContext, "now" | "requestId">,
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
