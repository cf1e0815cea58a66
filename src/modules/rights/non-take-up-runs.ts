import type { Db } from "../../db/database.ts";
import { authorize } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { NotFound } from "../../platform/errors.ts";
import type { ServiceContext, UserContext } from "../../platform/http/context.ts";
import { enqueueJob } from "../../platform/jobs/queue.ts";
import type { JobHandler } from "../../platform/jobs/worker.ts";
import { localAidLines } from "./batch-local-aids.ts";
import { summaryCsv as summaryCsvText } from "./batch-summary.ts";
import { publishedLocalAids } from "./local-aid-admin.ts";
import { rightsRules } from "./policy.ts";
import { FINDINGS_HEADER, findingLines, NonTakeUpScanner, NonTakeUpSummary } from "./service.ts";

/**
 * Non-take-up runs from the pilot's pages: the uploaded file is streamed into
 * chunks of lines stored with the run (non-take-up-upload.ts); a background job processes one chunk
 * and enqueues the next, so that any replica may take any chunk and the page
 * shows progress. Each chunk's input is deleted once processed; the results
 * expire after RESULTS_KEPT_DAYS.
 */

export const NON_TAKE_UP_JOB = "rights.nonTakeUp";
export const NON_TAKE_UP_PURGE_JOB = "rights.nonTakeUpPurge";
/** The file's size cap: about 1.5 million households of the synthetic shape (~130 bytes a row). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
export const CHUNK_LINES = 5_000;
export const RESULTS_KEPT_DAYS = 7;

export async function findRun(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.selectFrom("rights_batch_run").selectAll().where("id", "=", id).executeTakeFirst();
}
export type NonTakeUpRun = NonNullable<Awaited<ReturnType<typeof findRun>>>;

export async function requireRun(db: Db, id: string): Promise<NonTakeUpRun> {
  const run = await findRun(db, id);
  if (!run) throw new NotFound("Ce traitement n'existe pas ou ses résultats ont été supprimés.");
  return run;
}

/** A run, for the pilot who ran it (its personal data stay with them): NotFound, Forbidden. */
export async function readRun(ctx: ServiceContext, id: string): Promise<NonTakeUpRun> {
  const run = await requireRun(ctx.db, id);
  authorize(ctx.actor, rightsRules.readNonTakeUpRun, { ranBy: run.ran_by });
  return run;
}

/** The results a pilot downloads: the found households, or the summary by commune. */
export const RESULT_FILES = {
  trouves: findingsCsv,
  recapitulatif: summaryCsv,
} as const;
export type ResultFile = keyof typeof RESULT_FILES;

/** A run's result file, for the pilot who ran it; each download is audited. */
export async function downloadRunResults(
  ctx: UserContext,
  runId: string,
  file: ResultFile,
): Promise<{ run: NonTakeUpRun; csv: string }> {
  const { db, actor } = ctx;
  const run = await readRun(ctx, runId);
  await db.transaction().execute((tx) =>
    recordAudit(tx, {
      actor: {
        userId: actor.userId,
        organisationId: actor.memberships[0]?.organisationId ?? null,
      },
      action: "rights.nonTakeUp.downloaded",
      subjectType: "rights_batch_run",
      subjectId: run.id,
      details: { file },
      requestId: ctx.requestId,
      at: ctx.now,
    }),
  );
  return { run, csv: await RESULT_FILES[file](db, run.id) };
}

export async function listRuns(db: Db, userId: string) {
  return db
    .selectFrom("rights_batch_run")
    .selectAll()
    .where("ran_by", "=", userId)
    .orderBy("created_at", "desc")
    .limit(20)
    .execute();
}

/** Processes the next chunk of a run, then enqueues the following one. */
export function nonTakeUpHandler(): JobHandler {
  return async (payload, { db, now }) => {
    const runId = String(payload.runId ?? "");
    const run = await findRun(db, runId);
    if (!run) return;
    const chunk = await db
      .selectFrom("rights_batch_chunk")
      .selectAll()
      .where("run_id", "=", runId)
      .where("content", "is not", null)
      .orderBy("seq")
      .limit(1)
      .executeTakeFirst();
    if (!chunk) return finish(db, run, now);
    const scanner = new NonTakeUpScanner({ month: run.month, yieldAll: true });
    scanner.header(run.header);
    // The Département's own aids published for the month: their lines go to found.csv only
    // (whether the household already gets one is unknown); the summary, the counts and the
    // public indicator stay those of the national benefits.
    const localAids = await publishedLocalAids(db, run.month);
    const summary = new NonTakeUpSummary();
    const found: string[] = [];
    const errors: string[] = [];
    const lines = (chunk.content ?? "").split("\n");
    for (let i = 0; i < lines.length; i++) {
      const item = scanner.row(chunk.first_line + i, lines[i] ?? "");
      if (item === undefined) continue;
      summary.add(item);
      if (item.kind === "error") errors.push(item.message);
      else {
        summary.households++;
        found.push(...findingLines(item));
        if (localAids.length > 0)
          found.push(
            ...localAidLines(
              scanner.lastHousehold,
              scanner.lastOutcomes,
              item,
              localAids,
              run.month,
            ),
          );
      }
    }
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable("rights_batch_chunk")
        .set({
          content: null,
          found: found.join("\n"),
          summary: JSON.stringify(summary.toJSON()),
          errors: errors.join("\n"),
        })
        .where("run_id", "=", runId)
        .where("seq", "=", chunk.seq)
        .execute();
      await tx
        .updateTable("rights_batch_run")
        .set((eb) => ({
          status: "running",
          chunks_done: eb("chunks_done", "+", 1),
          households: eb("households", "+", summary.households),
          households_found: eb("households_found", "+", summary.householdsWithFindings),
          rows_skipped: eb("rows_skipped", "+", summary.errorCount),
        }))
        .where("id", "=", runId)
        .execute();
      await enqueueJob(tx, NON_TAKE_UP_JOB, { runId }, { runAt: now });
    });
  };
}

async function finish(db: Db, run: NonTakeUpRun, now: Date) {
  if (run.status === "done") return;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("rights_batch_run")
      .set({ status: "done", finished_at: now })
      .where("id", "=", run.id)
      .execute();
    await recordAudit(tx, {
      actor: { userId: null, organisationId: run.organisation_id },
      action: "rights.nonTakeUp.processed",
      subjectType: "rights_batch_run",
      subjectId: run.id,
      details: { households: run.households, found: run.households_found, inputDeleted: true },
      at: now,
    });
  });
}

/** found.csv: the header, then each chunk's lines in order. */
export async function findingsCsv(db: Db, runId: string): Promise<string> {
  const chunks = await db
    .selectFrom("rights_batch_chunk")
    .select("found")
    .where("run_id", "=", runId)
    .orderBy("seq")
    .execute();
  const body = chunks.map((c) => c.found ?? "").filter(Boolean);
  return `${[FINDINGS_HEADER, ...body].join("\n")}\n`;
}

type Cells = Record<string, Record<string, { households: number; totalCents: number }>>;

/** The chunks' summaries merged by commune and benefit, and the rows set aside. */
async function mergedSummary(db: Db, runId: string): Promise<{ merged: Cells; skipped: string[] }> {
  const chunks = await db
    .selectFrom("rights_batch_chunk")
    .select(["summary", "errors"])
    .where("run_id", "=", runId)
    .orderBy("seq")
    .execute();
  const merged: Cells = {};
  const skipped: string[] = [];
  for (const chunk of chunks) {
    const byCommune = (chunk.summary as { byCommune?: Cells } | null)?.byCommune ?? {};
    for (const [depcom, cells] of Object.entries(byCommune)) {
      const commune = merged[depcom] ?? {};
      merged[depcom] = commune;
      for (const [benefit, cell] of Object.entries(cells)) {
        const target = commune[benefit] ?? { households: 0, totalCents: 0 };
        commune[benefit] = target;
        target.households += cell.households;
        target.totalCents += cell.totalCents;
      }
    }
    if (chunk.errors) skipped.push(...chunk.errors.split("\n"));
  }
  return { merged, skipped };
}

/**
 * Per commune, the benefits found probably not claimed (one per household
 * and benefit) and the fewest distinct households that can be behind them
 * (the most found benefit's count): what the steering module publishes.
 */
export async function nonTakeUpByCommune(
  db: Db,
  runId: string,
): Promise<{ communeCode: string; situations: number; minHouseholds: number }[]> {
  const { merged } = await mergedSummary(db, runId);
  return Object.keys(merged)
    .sort()
    .map((communeCode) => {
      const cells = Object.values(merged[communeCode] ?? {});
      return {
        communeCode,
        situations: cells.reduce((sum, cell) => sum + cell.households, 0),
        minHouseholds: Math.max(0, ...cells.map((cell) => cell.households)),
      };
    });
}

/** The summary by commune and benefit, merged from the chunks; and the rows set aside. */
export async function summaryCsv(db: Db, runId: string): Promise<string> {
  const { merged, skipped } = await mergedSummary(db, runId);
  return summaryCsvText(merged, skipped);
}

/** A run still receiving its file after this long was left by a stopped process. */
export const ABANDONED_UPLOAD_HOURS = 24;

/** Deletes runs whose results expired, and uploads left unfinished (scheduled daily). */
export function nonTakeUpPurgeHandler(): JobHandler {
  return async (_payload, { db, now }) => {
    const abandoned = new Date(now.getTime() - ABANDONED_UPLOAD_HOURS * 3_600_000);
    await db.transaction().execute(async (tx) => {
      const removed = await tx
        .deleteFrom("rights_batch_run")
        .where((eb) =>
          eb.or([
            eb("expires_at", "<", now),
            eb.and([eb("status", "=", "receiving"), eb("created_at", "<", abandoned)]),
          ]),
        )
        .returning("id")
        .execute();
      for (const run of removed)
        await recordAudit(tx, {
          actor: { userId: null, organisationId: null },
          action: "rights.nonTakeUp.purged",
          subjectType: "rights_batch_run",
          subjectId: run.id,
          at: now,
        });
    });
  };
}
