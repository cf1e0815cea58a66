import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import type { AuditAction } from "./actions.ts";

/** Who did it: a user acting for an organisation, or the system (jobs, CLI). */
export type AuditActor = { userId: string | null; organisationId: string | null };

export type AuditEventInput = {
  actor: AuditActor;
  /** One of the catalogue's names (actions.ts): a typo fails the type check. */
  action: AuditAction;
  subjectType: string;
  subjectId?: string | null;
  /** Set when the event touches a person's data: their access history is built from it. */
  personId?: string | null;
  details?: Record<string, unknown>;
  requestId?: string | null;
  at: Date;
};

export const GENESIS_HASH = "0".repeat(64);
/**
 * Names the chain's lock for pg_advisory_xact_lock (any constant works). A
 * caller that writes its events in a statement of its own takes this lock in
 * one statement, reads the chain's end (readAuditChainEnd) in a later one — a
 * statement whose snapshot predates the grant would miss the previous
 * holder's events — and inserts the rows of chainAuditEvents before commit.
 */
export const AUDIT_CHAIN_LOCK = 7_270_001;

type HashedFields = {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  personId: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
  prevHash: string;
};

/**
 * Appends an event to the audit trail inside the caller's transaction, so that
 * the event and what it records commit or fail together. The chain lock
 * serialises writers until commit: each event hashes its predecessor.
 */
export async function recordAudit(tx: Tx, input: AuditEventInput): Promise<{ seq: number }> {
  const [seq = 0] = await recordAuditBatch(tx, [input]);
  return { seq };
}

// 12 parameters a row: well under PostgreSQL's 65,535 bind parameters.
const ROWS_PER_INSERT = 1_000;

/**
 * Appends several events in order, like as many `recordAudit` calls but with
 * one lock, one read of the chain's end and one insert: each event still
 * hashes its predecessor, the first one the event already last in the trail.
 * Returns their sequence numbers.
 */
export async function recordAuditBatch(
  tx: Tx,
  inputs: readonly AuditEventInput[],
): Promise<number[]> {
  if (inputs.length === 0) return [];
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(tx);
  const rows = chainAuditEvents(await readAuditChainEnd(tx), inputs);
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await tx
      .insertInto("audit_event")
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      .execute();
  }
  return rows.map((row) => row.seq);
}

export type AuditChainEnd = { seq: number; hash: string };

/** The last event of the trail (the genesis before the first); the caller holds the chain's lock. */
export async function readAuditChainEnd(tx: Tx): Promise<AuditChainEnd> {
  const last = await tx
    .selectFrom("audit_event")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return last ?? { seq: 0, hash: GENESIS_HASH };
}

/** The rows of `inputs` chained after `end`: each hashes its predecessor. Pure. */
export function chainAuditEvents(end: AuditChainEnd, inputs: readonly AuditEventInput[]) {
  let seq = end.seq;
  let prevHash = end.hash;
  return inputs.map((input) => {
    const fields: HashedFields = {
      seq: ++seq,
      occurredAt: truncateToMilliseconds(input.at),
      actorUserId: input.actor.userId,
      actorOrganisationId: input.actor.organisationId,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId ?? null,
      personId: input.personId ?? null,
      details: input.details ?? {},
      requestId: input.requestId ?? null,
      prevHash,
    };
    prevHash = hashEvent(fields);
    return {
      seq: fields.seq,
      occurred_at: fields.occurredAt,
      actor_user_id: fields.actorUserId,
      actor_organisation_id: fields.actorOrganisationId,
      action: fields.action,
      subject_type: fields.subjectType,
      subject_id: fields.subjectId,
      person_id: fields.personId,
      details: JSON.stringify(fields.details),
      request_id: fields.requestId,
      prev_hash: fields.prevHash,
      hash: prevHash,
    };
  });
}

export type AuditVerification =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenAt: number; reason: string };

/**
 * Walks the chain in order and recomputes every hash. An edited event breaks
 * its own hash; a deleted one breaks the sequence or the next event's link.
 */
export async function verifyAuditChain(db: Db, batchSize = 5_000): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = await db
      .selectFrom("audit_event")
      .selectAll()
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      const broken = (reason: string): AuditVerification => ({
        ok: false,
        events: expectedSeq - 1,
        brokenAt: row.seq,
        reason,
      });
      if (row.seq !== expectedSeq) {
        return broken(`événement n° ${expectedSeq} manquant (supprimé ?)`);
      }
      if (row.prev_hash !== prevHash) {
        return broken("le lien vers l'événement précédent ne correspond pas");
      }
      const hash = hashEvent({
        seq: row.seq,
        occurredAt: row.occurred_at,
        actorUserId: row.actor_user_id,
        actorOrganisationId: row.actor_organisation_id,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        personId: row.person_id,
        details: row.details,
        requestId: row.request_id,
        prevHash: row.prev_hash,
      });
      if (hash !== row.hash) return broken("le contenu de l'événement a été modifié");
      prevHash = row.hash;
      expectedSeq++;
    }
    if (rows.length < batchSize) return { ok: true, events: expectedSeq - 1 };
  }
}

export function hashEvent(fields: HashedFields): string {
  const canonical = JSON.stringify([
    fields.seq,
    fields.occurredAt.toISOString(),
    fields.actorUserId,
    fields.actorOrganisationId,
    fields.action,
    fields.subjectType,
    fields.subjectId,
    fields.personId,
    canonicalize(fields.details),
    fields.requestId,
    fields.prevHash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** jsonb reorders keys: hash a form with sorted keys so that a round trip keeps the hash. */
function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonicalize((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function truncateToMilliseconds(date: Date): Date {
  return new Date(Math.floor(date.getTime()));
}
