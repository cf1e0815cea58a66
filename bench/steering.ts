// The plan's public pages and the job that computes Relais's own indicators,
// at département scale on PostgreSQL (issue 16): 100 indicators × 36
// communes (and the département) × 10 years of monthly values; /plan,
// /indicateurs/{code} and /territoire/{code} over HTTP on the real app,
// sequentially (p50, p95, p99). Then 100,000 persons with their parcours,
// their orientations and 1,000,000 appointments (bench/steering-data.ts),
// and the daily job's run (two months, three groupings, seven indicators).
// Needs BENCH_DATABASE_URL; a fresh database is created on that server and
// dropped afterwards. Options (npm run bench -- steering takes the defaults):
//   STEERING_BENCH_APPOINTMENTS, STEERING_BENCH_PERSONS to change the size.

import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { computeRelaisIndicators, seedSteeringDemo } from "../src/modules/steering/service.ts";
import { loadTerritory, readTerritory } from "../src/modules/territory/service.ts";
import { jobContext } from "../src/platform/http/context.ts";
import { serveInProcess } from "./in-process-app.ts";
import { percentile } from "./latency.ts";
import { seedActivity, seedIndicatorValues } from "./steering-data.ts";

export type SteeringBenchOptions = {
  indicators?: number;
  months?: number;
  persons?: number;
  appointments?: number;
  runs?: number;
  jobRuns?: number;
};

/** The public pages' target, as the records pages': p95 under 100 ms. */
const TARGET_P95_MS = 100;

const progress = (message: string) => process.stderr.write(`  steering: ${message}\n`);

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    runs: values.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: percentile(sorted, 100),
  };
}

async function timedGets(origin: string, paths: string[]) {
  const latencies: number[] = [];
  let failures = 0;
  let bytes = 0;
  for (const path of paths) {
    const started = performance.now();
    const response = await fetch(origin + path);
    const body = await response.text();
    latencies.push(performance.now() - started);
    bytes = Math.max(bytes, body.length);
    if (response.status !== 200) failures++;
  }
  return { ...summary(latencies), failures, largestPageKiB: Math.round(bytes / 1024) };
}

export async function benchSteering(options: SteeringBenchOptions = {}) {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl)
    return { skipped: "BENCH_DATABASE_URL absent : ce banc demande un serveur PostgreSQL" };
  const size = {
    indicators: options.indicators ?? 100,
    months: options.months ?? 120,
    persons: options.persons ?? Number(process.env.STEERING_BENCH_PERSONS ?? 100_000),
    appointments:
      options.appointments ?? Number(process.env.STEERING_BENCH_APPOINTMENTS ?? 1_000_000),
    workersPerStructure: 14,
  };
  const runs = options.runs ?? 200;
  const jobRuns = options.jobRuns ?? 5;
  const name = `relais_bench_steering_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 10 });
  const { db } = opened;
  try {
    // The bench's one clock.
    const now = new Date();
    let started = performance.now();
    await migrateToLatest(db);
    await loadTerritory(db, readTerritory("92"));
    await db.transaction().execute((tx) => seedSteeringDemo(tx, "92", now));
    progress("valeurs des indicateurs…");
    await seedIndicatorValues(db, size, now);
    const values = Number(
      (
        await db
          .selectFrom("steering_indicator_value")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const valuesSeconds = Math.round(performance.now() - started) / 1000;
    progress(`${values} valeurs en ${valuesSeconds} s ; pages…`);

    const communes = (
      await db
        .selectFrom("commune")
        .select("insee_code")
        .where("departement_code", "=", "92")
        .orderBy("insee_code")
        .execute()
    ).map((row) => row.insee_code);
    const codes = (
      await db.selectFrom("steering_indicator").select("code").orderBy("code").execute()
    ).map((row) => row.code);
    const served = await serveInProcess(db, "postgres");
    let pages: Record<string, unknown>;
    try {
      // A first request warms the app (templates, pool) outside the figures.
      await fetch(`${served.origin}/plan`);
      pages = {
        plan: await timedGets(
          served.origin,
          Array.from({ length: runs }, () => "/plan"),
        ),
        indicator: await timedGets(
          served.origin,
          Array.from({ length: runs }, (_, i) => `/indicateurs/${codes[(i * 7) % codes.length]}`),
        ),
        territory: await timedGets(
          served.origin,
          Array.from(
            { length: runs },
            (_, i) => `/territoire/${communes[(i * 5) % communes.length]}`,
          ),
        ),
      };
    } finally {
      await served.close();
    }

    progress("dossiers et rendez-vous…");
    started = performance.now();
    const activity = await seedActivity(db, size, now);
    const activitySeconds = Math.round(performance.now() - started) / 1000;
    progress(`${JSON.stringify(activity)} en ${activitySeconds} s ; tâche…`);
    const jobLatencies: number[] = [];
    let written = 0;
    for (let run = 0; run < jobRuns; run++) {
      const jobStarted = performance.now();
      written = (await computeRelaisIndicators(jobContext(db, now), "92")).values;
      jobLatencies.push(performance.now() - jobStarted);
    }
    return {
      data: {
        indicatorValues: values,
        indicators: codes.length,
        communes: communes.length,
        months: size.months,
        loadSeconds: valuesSeconds,
        ...activity,
        activityLoadSeconds: activitySeconds,
      },
      targetP95Ms: TARGET_P95_MS,
      pages,
      job: { ...summary(jobLatencies), valuesWritten: written },
    };
  } finally {
    await opened.close();
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}
