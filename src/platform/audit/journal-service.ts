import type { Tx } from "../../db/database.ts";
import type { UserActor } from "../access/actor.ts";
import { authorize } from "../access/policy.ts";
import type { ServiceContext } from "../http/context.ts";
import { type AuditEventInput, recordAudit } from "./audit.ts";
import {
  type CheckpointReading,
  type CheckpointStore,
  readCheckpoints,
  type TrailVerification,
  verifyAuditTrail,
} from "./checkpoint.ts";
import {
  criteriaFrom,
  EXPORT_ROW_LIMIT,
  exportJournal,
  type JournalEvent,
  type JournalPage,
  listOrganisations,
  searchJournal,
} from "./journal.ts";
import { type JournalFilters, searchFields } from "./journal-filters.ts";
import { auditRules } from "./policy.ts";

/** A reading of the journal, itself an event: the reader, acting for their first organisation. */
async function recordJournalUse(
  tx: Tx,
  ctx: ServiceContext,
  actor: UserActor,
  event: Omit<AuditEventInput, "actor" | "subjectType" | "requestId" | "at">,
) {
  await recordAudit(tx, {
    actor: { userId: actor.userId, organisationId: actor.memberships[0]?.organisationId ?? null },
    subjectType: "audit_journal",
    ...event,
    requestId: ctx.requestId,
    at: ctx.now,
  });
}

/**
 * One page of the audit trail. The viewing is itself an event, written in
 * the same transaction as the read (after it: the chain's lock is then held
 * only until commit): who looked, with which filters (a search by person
 * shows in that person's access history).
 */
export async function viewJournal(
  ctx: ServiceContext,
  store: CheckpointStore,
  filters: JournalFilters,
): Promise<
  JournalPage & { organisations: { id: string; name: string }[]; checkpoints: CheckpointReading }
> {
  const { actor } = ctx;
  authorize(actor, auditRules.viewJournal, undefined);
  const checkpoints = await readCheckpoints(store);
  return ctx.db.transaction().execute(async (tx) => {
    const criteria = await criteriaFrom(tx, filters);
    const page = await searchJournal(tx, criteria, {
      before: filters.avant,
      after: filters.apres,
    });
    const organisations = await listOrganisations(tx);
    // Last, so that the chain's lock (held until commit) is not held during the search.
    await recordJournalUse(tx, ctx, actor, {
      action: "audit.journal.viewed",
      personId: filters.personne ?? null,
      details: {
        filters: searchFields(filters),
        ...(filters.avant ? { avant: filters.avant } : {}),
        ...(filters.apres ? { apres: filters.apres } : {}),
      },
    });
    return { ...page, organisations, checkpoints };
  });
}

/** What the search form needs when its filters were refused (nothing is read, nothing recorded). */
export async function journalFormOptions(
  { db, actor }: Pick<ServiceContext, "db" | "actor">,
  store: CheckpointStore,
): Promise<{ organisations: { id: string; name: string }[]; checkpoints: CheckpointReading }> {
  authorize(actor, auditRules.viewJournal, undefined);
  return { organisations: await listOrganisations(db), checkpoints: await readCheckpoints(store) };
}

/** The export's rows, after its audit event is committed (the rows stream after). */
export async function startJournalExport(
  ctx: ServiceContext,
  filters: JournalFilters,
): Promise<AsyncGenerator<JournalEvent>> {
  const { actor } = ctx;
  authorize(actor, auditRules.exportJournal, undefined);
  const criteria = await ctx.db.transaction().execute(async (tx) => {
    const criteria = await criteriaFrom(tx, filters);
    await recordJournalUse(tx, ctx, actor, {
      action: "audit.journal.exported",
      personId: filters.personne ?? null,
      details: { filters: searchFields(filters), rowLimit: EXPORT_ROW_LIMIT },
    });
    return criteria;
  });
  return exportJournal(ctx.db, criteria);
}

/** The whole chain and the latest checkpoint, checked now; the check is recorded after it. */
export async function verifyJournal(
  ctx: ServiceContext,
  store: CheckpointStore,
): Promise<TrailVerification> {
  const { actor } = ctx;
  authorize(actor, auditRules.viewJournal, undefined);
  const verification = await verifyAuditTrail(ctx.db, store);
  await ctx.db.transaction().execute((tx) =>
    recordJournalUse(tx, ctx, actor, {
      action: "audit.journal.verified",
      details: verification.ok
        ? { ok: true, events: verification.events }
        : { ok: false, events: verification.events, brokenAt: verification.brokenAt ?? null },
    }),
  );
  return verification;
}
