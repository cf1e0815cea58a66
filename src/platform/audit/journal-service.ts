import type { Db } from "../../db/database.ts";
import type { Actor, UserActor } from "../access/actor.ts";
import { authorize } from "../access/policy.ts";
import { type AuditActor, recordAudit } from "./audit.ts";
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

export type JournalContext = { now: Date; requestId: string | null };

function auditActor(actor: UserActor): AuditActor {
  return { userId: actor.userId, organisationId: actor.memberships[0]?.organisationId ?? null };
}

/**
 * One page of the audit trail. The viewing is itself an event, written in
 * the same transaction as the read (after it: the chain's lock is then held
 * only until commit): who looked, with which filters (a search by person
 * shows in that person's access history).
 */
export async function viewJournal(
  db: Db,
  actor: Actor,
  store: CheckpointStore,
  filters: JournalFilters,
  context: JournalContext,
): Promise<
  JournalPage & { organisations: { id: string; name: string }[]; checkpoints: CheckpointReading }
> {
  authorize(actor, auditRules.viewJournal, undefined);
  const checkpoints = await readCheckpoints(store);
  return db.transaction().execute(async (tx) => {
    const criteria = await criteriaFrom(tx, filters);
    const page = await searchJournal(tx, criteria, {
      before: filters.avant,
      after: filters.apres,
    });
    const organisations = await listOrganisations(tx);
    // Last, so that the chain's lock (held until commit) is not held during the search.
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "audit.journal.viewed",
      subjectType: "audit_journal",
      personId: filters.personne ?? null,
      details: {
        filters: searchFields(filters),
        ...(filters.avant ? { avant: filters.avant } : {}),
        ...(filters.apres ? { apres: filters.apres } : {}),
      },
      requestId: context.requestId,
      at: context.now,
    });
    return { ...page, organisations, checkpoints };
  });
}

/** What the search form needs when its filters were refused (nothing is read, nothing recorded). */
export async function journalFormOptions(
  db: Db,
  actor: Actor,
  store: CheckpointStore,
): Promise<{ organisations: { id: string; name: string }[]; checkpoints: CheckpointReading }> {
  authorize(actor, auditRules.viewJournal, undefined);
  return { organisations: await listOrganisations(db), checkpoints: await readCheckpoints(store) };
}

/** The export's rows, after its audit event is committed (the rows stream after). */
export async function startJournalExport(
  db: Db,
  actor: Actor,
  filters: JournalFilters,
  context: JournalContext,
): Promise<AsyncGenerator<JournalEvent>> {
  authorize(actor, auditRules.exportJournal, undefined);
  const criteria = await db.transaction().execute(async (tx) => {
    const criteria = await criteriaFrom(tx, filters);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "audit.journal.exported",
      subjectType: "audit_journal",
      personId: filters.personne ?? null,
      details: { filters: searchFields(filters), rowLimit: EXPORT_ROW_LIMIT },
      requestId: context.requestId,
      at: context.now,
    });
    return criteria;
  });
  return exportJournal(db, criteria);
}

/** The whole chain and the latest checkpoint, checked now; the check is recorded after it. */
export async function verifyJournal(
  db: Db,
  actor: Actor,
  store: CheckpointStore,
  context: JournalContext,
): Promise<TrailVerification> {
  authorize(actor, auditRules.viewJournal, undefined);
  const verification = await verifyAuditTrail(db, store);
  await db.transaction().execute((tx) =>
    recordAudit(tx, {
      actor: auditActor(actor),
      action: "audit.journal.verified",
      subjectType: "audit_journal",
      details: verification.ok
        ? { ok: true, events: verification.events }
        : { ok: false, events: verification.events, brokenAt: verification.brokenAt ?? null },
      requestId: context.requestId,
      at: context.now,
    }),
  );
  return verification;
}
