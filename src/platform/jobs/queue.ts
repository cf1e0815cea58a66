import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";

export type EnqueueOptions = {
  /** When the job becomes due: from the caller's clock (one clock), usually its `now`. */
  runAt: Date;
  maxAttempts?: number;
  /** At most one waiting or running job with this key (recurring schedules). */
  singletonKey?: string;
};

/**
 * Adds a job. Pass the transaction that causes the job, so that the job exists
 * if and only if what caused it committed.
 */
export async function enqueueJob(
  db: Db | Tx,
  name: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions,
): Promise<number | undefined> {
  const row = await db
    .insertInto("job")
    .values(jobRow(name, payload, options))
    .onConflict((oc) =>
      oc
        .column("singleton_key")
        .where("singleton_key", "is not", null)
        .where("status", "in", ["pending", "running"])
        .doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/**
 * The row enqueueJob inserts, for a caller that writes it in a statement of
 * its own (with the same ON CONFLICT … DO NOTHING on singleton keys).
 */
export function jobRow(name: string, payload: Record<string, unknown>, options: EnqueueOptions) {
  return {
    name,
    payload: JSON.stringify(payload),
    run_at: options.runAt,
    ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
    singleton_key: options.singletonKey ?? null,
    created_at: options.runAt,
  };
}

export type ClaimedJob = {
  id: number;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
};

/** Takes the next due job; SKIP LOCKED lets any number of workers share the table. */
export async function claimNextJob(
  db: Db,
  workerId: string,
  now: Date,
): Promise<ClaimedJob | undefined> {
  const result = await sql<{
    id: number;
    name: string;
    payload: Record<string, unknown>;
    attempts: number;
    max_attempts: number;
  }>`
    UPDATE job
       SET status = 'running', locked_at = ${now}, locked_by = ${workerId}, attempts = attempts + 1
     WHERE id = (
       SELECT id FROM job
        WHERE status = 'pending' AND run_at <= ${now}
        ORDER BY run_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
    RETURNING id, name, payload, attempts, max_attempts`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  };
}

export async function completeJob(db: Db, jobId: number, now: Date): Promise<void> {
  await db
    .updateTable("job")
    .set({ status: "done", finished_at: now, locked_at: null, locked_by: null, last_error: null })
    .where("id", "=", jobId)
    .execute();
}

/** Exponential backoff: 10 s, 20 s, 40 s… capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * A delivery error may quote the recipient (an SMTP refusal names the address,
 * an SMS gateway the number): the job table and the logs keep the reason, not
 * the person's contact details.
 */
export function withoutContactDetails(message: string): string {
  return message
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, "[adresse]")
    .replace(/(?:\+\d{2,3}\s?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b/g, "[numéro]");
}

/** Records a failed attempt: back to the queue with a delay, or failed for good. */
export async function failJob(
  db: Db,
  job: ClaimedJob,
  error: string,
  now: Date,
): Promise<"retry" | "failed"> {
  const outcome = job.attempts >= job.maxAttempts ? "failed" : "retry";
  await db
    .updateTable("job")
    .set({
      status: outcome === "failed" ? "failed" : "pending",
      run_at: new Date(now.getTime() + retryDelayMs(job.attempts)),
      finished_at: outcome === "failed" ? now : null,
      locked_at: null,
      locked_by: null,
      last_error: withoutContactDetails(error).slice(0, 2_000),
    })
    .where("id", "=", job.id)
    .execute();
  return outcome;
}

/**
 * Jobs left running by a process that stopped (crash, restart) go back to the
 * queue after `staleAfterMs`; their attempt still counts.
 */
export async function requeueStaleJobs(
  db: Db,
  now: Date,
  staleAfterMs = 5 * 60_000,
): Promise<number> {
  const result = await db
    .updateTable("job")
    .set({ status: "pending", locked_at: null, locked_by: null, run_at: now })
    .where("status", "=", "running")
    .where("locked_at", "<", new Date(now.getTime() - staleAfterMs))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
