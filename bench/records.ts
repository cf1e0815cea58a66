// Shared record at département scale on PostgreSQL: 100,000 persons, their
// parcours, 1,000,000 notes, one structure with 500 travailleurs sociaux, and
// realistic contact dates, plans and ages (bench/records-data.ts), so that the
// attention list has records to find. Measures, at service level, opening a
// record (with its audit write, in one transaction), the caseload dashboard
// and the attention list; then the responsable's page /pro/suivi-structure
// over HTTP on the real app, logged in with a real session cookie,
// sequentially and with 10 concurrent clients (closed loops in a worker
// thread). Needs BENCH_DATABASE_URL; a fresh database is created on that
// server and dropped afterwards.

import { randomBytes } from "node:crypto";
import { performance as nodePerformance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { type Db, openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import {
  caseloadDashboard,
  openRecord,
  recordsNeedingAttention,
} from "../src/modules/records/service.ts";
import type { UserActor } from "../src/platform/access/actor.ts";
import { SESSION_COOKIE } from "../src/platform/auth/routes.tsx";
import { CSRF_COOKIE } from "../src/platform/http/csrf.ts";
import { TestClient } from "../src/test/app.ts";
import { runHttpLoad } from "./http-load.ts";
import { serveInProcess } from "./in-process-app.ts";
import { percentile } from "./latency.ts";
import {
  attentionShares,
  RESPONSABLE_EMAIL,
  RESPONSABLE_PASSWORD,
  seedRecords,
} from "./records-data.ts";

export type RecordsBenchOptions = {
  persons?: number;
  notesPerPerson?: number;
  workers?: number;
  runs?: number;
};

/** Issue 6: "report p95. Target: under 100 ms." */
const TARGET_P95_MS = 100;

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    runs: values.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    latencies.push(performance.now() - started);
  }
  return latencies;
}

const progress = (message: string) => process.stderr.write(`  records: ${message}\n`);

export async function benchRecords(options: RecordsBenchOptions = {}) {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl)
    return { skipped: "BENCH_DATABASE_URL absent : ce banc demande un serveur PostgreSQL" };
  const size = {
    persons: options.persons ?? 100_000,
    notesPerPerson: options.notesPerPerson ?? 10,
    workers: options.workers ?? 500,
  };
  const runs = options.runs ?? 200;
  const name = `relais_bench_records_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // The server's default pool size (src/server.ts), shared by the app and the service runs.
  const opened = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 10 });
  const { db } = opened;
  try {
    // The bench's one clock: the data is laid out relative to this instant.
    const now = new Date();
    const loadStarted = performance.now();
    await migrateToLatest(db);
    progress("données…");
    const { organisationId, responsableId } = await seedRecords(db, size, now);
    const loadSeconds = Math.round(performance.now() - loadStarted) / 1000;
    const attentionData = await attentionShares(db, now);
    progress(`données en ${loadSeconds} s ; mesures…`);

    const membership = { organisationId, organisationName: "SST banc", organisationKind: "sst" };
    const workerRow = await db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", "ts1@banc.test")
      .executeTakeFirstOrThrow();
    const worker: UserActor = {
      kind: "user",
      userId: workerRow.id,
      email: "ts1@banc.test",
      displayName: "TS",
      memberships: [{ ...membership, organisationKind: "sst", role: "travailleur_social" }],
    };
    const responsable: UserActor = {
      kind: "user",
      userId: responsableId,
      email: RESPONSABLE_EMAIL,
      displayName: "Responsable",
      memberships: [{ ...membership, organisationKind: "sst", role: "responsable_structure" }],
    };
    const parcoursIds = (await db.selectFrom("parcours").select("id").orderBy("id").execute()).map(
      (row) => row.id,
    );
    const sampled = Array.from(
      { length: runs },
      (_, i) => parcoursIds[Math.floor(((i * 7919) % runs) * (parcoursIds.length / runs))]!,
    );
    let opening = 0;
    const open = await timed(runs, () =>
      openRecord({ db, actor: worker, now, requestId: null }, sampled[opening++]!),
    );
    const dashboardRuns = Math.max(20, runs / 4);
    const dashboard = await timed(dashboardRuns, async () => {
      const result = await caseloadDashboard({ db: db, actor: responsable }, organisationId);
      if (result.workers.length !== size.workers) throw new Error("tableau de charge incomplet");
    });
    let listed: Awaited<ReturnType<typeof recordsNeedingAttention>> = [];
    const attention = await timed(dashboardRuns, async () => {
      listed = await recordsNeedingAttention(
        { db, actor: responsable, now, requestId: null },
        organisationId,
      );
    });
    const reasons: Record<string, number> = {};
    for (const entry of listed) for (const r of entry.reasons) reasons[r] = (reasons[r] ?? 0) + 1;

    const http = await measurePage(db, organisationId, dashboardRuns);
    const openRecordMs = summary(open);
    const caseloadDashboardMs = summary(dashboard);
    const pageMs = { sequential: http.sequential, concurrent10: http.concurrent };
    return {
      ...size,
      notes: size.persons * size.notesPerPerson,
      loadSeconds,
      attentionData,
      attentionList: { shown: listed.length, reasons },
      openRecordMs,
      caseloadDashboardMs,
      recordsNeedingAttentionMs: summary(attention),
      suiviStructurePageHttpMs: pageMs,
      target: {
        p95UnderMs: TARGET_P95_MS,
        openRecord: openRecordMs.p95 < TARGET_P95_MS,
        caseloadDashboard: caseloadDashboardMs.p95 < TARGET_P95_MS,
        pageSequential: pageMs.sequential.p95 < TARGET_P95_MS,
        pageConcurrent10: pageMs.concurrent10.p95 < TARGET_P95_MS,
      },
    };
  } finally {
    await opened.close();
    const cleaner = new pg.Client({ connectionString: serverUrl });
    await cleaner.connect();
    await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleaner.end();
  }
}

/** The responsable's page over HTTP: log in through /connexion, then load it. */
async function measurePage(db: Db, organisationId: string, runs: number) {
  const served = await serveInProcess(db, "postgres");
  const origin = served.origin;
  try {
    const browser = new TestClient({
      request: (path, init) => fetch(origin + path, { ...init, redirect: "manual" }),
    });
    const loggedIn = await browser.login(RESPONSABLE_EMAIL, RESPONSABLE_PASSWORD);
    if (loggedIn.status !== 303 && loggedIn.status !== 302) {
      throw new Error(`connexion refusée : HTTP ${loggedIn.status}`);
    }
    const path = `/pro/suivi-structure?structure=${organisationId}`;
    const page = await browser.get(path);
    if (page.status !== 200 || !browser.lastHtml.includes("Aucun contact depuis plus de 3 mois")) {
      throw new Error(`page du responsable sans dossier à surveiller : HTTP ${page.status}`);
    }
    const session = browser.cookie(SESSION_COOKIE);
    if (!session) throw new Error("connexion sans cookie de session");
    const cookie = `${SESSION_COOKIE}=${session}; ${CSRF_COOKIE}=${browser.cookie(CSRF_COOKIE) ?? ""}`;
    const load = async (clients: number, count: number) => {
      const loopBefore = nodePerformance.eventLoopUtilization();
      const result = await runHttpLoad({
        origin,
        paths: Array.from({ length: count }, () => path),
        clients,
        headers: { cookie },
      });
      // How busy the server's event loop (this thread) was: near 1, Node is the bottleneck.
      const serverEventLoopUtilization =
        Math.round(nodePerformance.eventLoopUtilization(loopBefore).utilization * 100) / 100;
      if (result.failures > 0) throw new Error(`page du responsable : ${result.firstFailure}`);
      return {
        ...summary(result.latencies),
        serverEventLoopUtilization,
        clients,
        requestsPerSecond: Math.round((result.latencies.length / result.elapsedMs) * 10_000) / 10,
      };
    };
    await load(2, 10); // warm-up: plans and the buffer cache
    const sequential = await load(1, runs);
    const concurrent = await load(10, runs * 5);
    return { sequential, concurrent };
  } finally {
    await served.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.stdout.write(`${JSON.stringify(await benchRecords(), null, 2)}\n`);
}
