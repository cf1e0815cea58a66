import { randomUUID } from "node:crypto";
import type { Db } from "../../db/database.ts";
import type { Clock } from "../clock/clock.ts";
import type { Logger } from "../log/logger.ts";
import {
  claimNextJob,
  completeJob,
  enqueueJob,
  failJob,
  requeueStaleJobs,
  withoutContactDetails,
} from "./queue.ts";

export type JobHandler = (
  payload: Record<string, unknown>,
  context: { db: Db; now: Date },
) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

/** Runs every due job once, in this process; returns how many ran. Used by the worker and tests. */
export async function runDueJobs(
  db: Db,
  handlers: JobHandlers,
  logger: Logger,
  now: Clock,
  workerId = `worker-${randomUUID()}`,
): Promise<number> {
  let ran = 0;
  for (;;) {
    const job = await claimNextJob(db, workerId, now());
    if (!job) return ran;
    ran++;
    const handler = handlers[job.name];
    try {
      if (!handler) throw new Error(`Aucun traitement pour les tâches « ${job.name} »`);
      await handler(job.payload, { db, now: now() });
      await completeJob(db, job.id, now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const outcome = await failJob(db, job, message, now());
      logger.warn("job failed", {
        jobId: job.id,
        job: job.name,
        attempts: job.attempts,
        outcome,
        error: withoutContactDetails(message),
      });
    }
  }
}

export type Worker = { stop(): Promise<void> };

/** A recurring job: at most one waits at a time (its name is its singleton key). */
export type Schedule = { name: string; everyMs: number };

/**
 * Makes sure each schedule has its next run waiting. Idempotent across
 * replicas: the singleton key keeps one waiting or running job per schedule.
 */
export async function ensureScheduled(
  db: Db,
  schedules: readonly Schedule[],
  now: Date,
): Promise<void> {
  for (const schedule of schedules) {
    await enqueueJob(
      db,
      schedule.name,
      {},
      {
        runAt: new Date(now.getTime() + schedule.everyMs),
        singletonKey: `schedule:${schedule.name}`,
      },
    );
  }
}

/** Polls the job table until stopped. Several processes may run a worker at once. */
export function startWorker(
  db: Db,
  handlers: JobHandlers,
  logger: Logger,
  options: { now: Clock; pollMs?: number; schedules?: readonly Schedule[] },
): Worker {
  const pollMs = options.pollMs ?? 2_000;
  const schedules = options.schedules ?? [];
  const workerId = `worker-${randomUUID()}`;
  const now = options.now;
  let lastScheduling: number | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const tickedAt = now();
      await requeueStaleJobs(db, tickedAt);
      if (lastScheduling === undefined || tickedAt.getTime() - lastScheduling > 60_000) {
        await ensureScheduled(db, schedules, tickedAt);
        lastScheduling = tickedAt.getTime();
      }
      await runDueJobs(db, handlers, logger, now, workerId);
    } catch (error) {
      logger.error("job worker error", {
        error: withoutContactDetails(error instanceof Error ? error.message : String(error)),
      });
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), pollMs);
  };
  timer = setTimeout(() => (running = tick()), 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
