// Directory search: text + commune + theme, over HTTP with 1, 10 and 50
// concurrent clients against the real app, and the same searches through the service
// function alone, so that the HTTP/SQL ratio shows what HTTP, JSON and the
// framework add. PostgreSQL with 100,000 synthetic services when
// BENCH_DATABASE_URL is set (a fresh database is created, then dropped);
// PGlite in memory with 10,000. Targets (issue 3): p95 < 50 ms on
// PostgreSQL, < 150 ms on PGlite. Prints figures; never asserts on time.
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres npm run bench -- directory

import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { serve } from "@hono/node-server";
import { sql } from "kysely";
import pg from "pg";
import { createApp } from "../src/app.tsx";
import { loadConfig } from "../src/config.ts";
import { type Db, openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { searchDirectory, seedSyntheticDirectory } from "../src/modules/directory/service.ts";
import { listCommunes, loadTerritory, readTerritory } from "../src/modules/territory/service.ts";
import { silentLogger } from "../src/platform/log/logger.ts";

export interface DirectoryBenchOptions {
  databaseUrl?: string | undefined;
  postgresSize?: number;
  pgliteSize?: number;
  clients?: number;
  /** HTTP requests per run (after the warm-up). */
  requests?: number;
}

/** Realistic needs: words people type, a commune (name or postcode), a theme category. */
const QUERIES: { q: string; commune: string; thematique: string; ouvert?: true }[] = [
  { q: "manger", commune: "Nanterre", thematique: "equipement-et-alimentation" },
  { q: "colis alimentaire", commune: "92230", thematique: "equipement-et-alimentation" },
  {
    q: "domiciliation",
    commune: "Colombes",
    thematique: "difficultes-administratives-ou-juridiques",
  },
  { q: "aide facture électricité", commune: "Montrouge", thematique: "difficultes-financieres" },
  {
    q: "avocat gratuit",
    commune: "Boulogne-Billancourt",
    thematique: "difficultes-administratives-ou-juridiques",
  },
  { q: "emploi", commune: "Antony", thematique: "trouver-un-emploi" },
  { q: "internet ordinateur", commune: "92110", thematique: "numerique" },
  { q: "logement", commune: "Bagneux", thematique: "logement-hebergement" },
  { q: "médecin", commune: "Clamart", thematique: "sante" },
  { q: "domicilation", commune: "Clichy", thematique: "difficultes-administratives-ou-juridiques" },
  { q: "vestiaire", commune: "Rueil-Malmaison", thematique: "equipement-et-alimentation" },
  { q: "manger", commune: "Nanterre", thematique: "equipement-et-alimentation", ouvert: true },
];

const DEPARTEMENT = "92";

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return round(sorted[Math.max(0, index)] ?? 0);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

const emptyRun = { latencies: [], elapsedMs: 1, failures: 0 };

function summarise({
  latencies,
  elapsedMs,
  failures,
  firstFailure,
}: Awaited<ReturnType<typeof closedLoop>>) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    failures,
    ...(firstFailure ? { firstFailure } : {}),
    requests: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: round(sorted.at(-1) ?? 0),
    throughputPerSecond: Math.round((sorted.length / elapsedMs) * 1000),
  };
}

/**
 * `total` calls shared by `clients` loops, each waiting for its answer before
 * the next call. A failed call is counted (and its first message kept), never
 * thrown: the loops always finish, so nothing is left running at teardown.
 */
async function closedLoop(
  clients: number,
  total: number,
  call: (index: number) => Promise<void>,
): Promise<{ latencies: number[]; elapsedMs: number; failures: number; firstFailure?: string }> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let index = next++; index < total; index = next++) {
        const sent = performance.now();
        try {
          await call(index);
          latencies.push(performance.now() - sent);
        } catch (error) {
          failures++;
          firstFailure ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  return {
    latencies,
    elapsedMs: performance.now() - started,
    failures,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

function queryString(index: number): string {
  const query = QUERIES[index % QUERIES.length] ?? QUERIES[0];
  const params = new URLSearchParams({
    q: query?.q ?? "",
    commune: query?.commune ?? "",
    thematique: query?.thematique ?? "",
    ...(query?.ouvert ? { ouvert: "1" } : {}),
  });
  return `/api/v1/services?${params}`;
}

async function runScenario(
  db: Db,
  kind: "pglite" | "postgres",
  size: number,
  options: { clients: number; requests: number },
) {
  const now = new Date();
  const buildStarted = performance.now();
  await migrateToLatest(db);
  await loadTerritory(db, readTerritory(DEPARTEMENT));
  await seedSyntheticDirectory(db, size, await listCommunes(db, DEPARTEMENT), now);
  await sql`ANALYZE`.execute(db);
  const datasetBuildSeconds = round((performance.now() - buildStarted) / 1000);

  const config = loadConfig({
    NODE_ENV: "test",
    RELAIS_SECRET: "bench-secret-for-relais-directory-0123456789",
    RELAIS_DATA_DIR: "/tmp/relais-bench-unused",
  });
  const app = createApp({
    db,
    databaseKind: kind,
    config,
    logger: silentLogger,
    territoryName: "Hauts-de-Seine",
    now: () => new Date(),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(instance),
    );
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // Results per query, and a warm-up so that plans and caches are hot.
    const hitsPerQuery: Record<string, number> = {};
    for (let index = 0; index < QUERIES.length; index++) {
      const response = await fetch(origin + queryString(index));
      if (!response.ok) throw new Error(`${queryString(index)} : HTTP ${response.status}`);
      const body = (await response.json()) as { total: number };
      hitsPerQuery[queryString(index).replace("/api/v1/services?", "")] = body.total;
    }
    await closedLoop(options.clients, QUERIES.length * 5, async (index) => {
      await (await fetch(origin + queryString(index))).arrayBuffer();
    });

    const httpCall = async (index: number) => {
      const response = await fetch(origin + queryString(index));
      const body = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status} : ${body.slice(0, 200)}`);
    };
    const serviceCall = async (index: number) => {
      const query = QUERIES[index % QUERIES.length] ?? QUERIES[0];
      await searchDirectory(
        db,
        DEPARTEMENT,
        {
          text: query?.q,
          place: query?.commune,
          theme: query?.thematique,
          openNow: query?.ouvert ?? false,
          pageSize: 20,
        },
        new Date(),
      );
    };
    // 1, 10 and 50 clients (closed loops): latency when nothing queues, then
    // under load; the highest throughput seen is the saturation throughput.
    const levels = [...new Set([1, 10, options.clients])].sort((a, b) => a - b);
    const requestsAt = (clients: number) =>
      clients === 1 ? Math.min(options.requests, QUERIES.length * 20) : options.requests;
    const http: Record<string, ReturnType<typeof summarise>> = {};
    const sqlAlone: Record<string, ReturnType<typeof summarise>> = {};
    for (const clients of levels) {
      http[`clients${clients}`] = summarise(
        await closedLoop(clients, requestsAt(clients), httpCall),
      );
      sqlAlone[`clients${clients}`] = summarise(
        await closedLoop(clients, requestsAt(clients), serviceCall),
      );
    }
    const httpTarget = http[`clients${options.clients}`] ?? summarise(emptyRun);
    const httpOne = http.clients1 ?? summarise(emptyRun);
    const sqlOne = sqlAlone.clients1 ?? summarise(emptyRun);
    const sqlTarget = sqlAlone[`clients${options.clients}`] ?? summarise(emptyRun);
    const saturation = Math.max(...Object.values(http).map((run) => run.throughputPerSecond));
    const targetMs = kind === "postgres" ? 50 : 150;
    const neededPerSecond = Math.round(options.clients / (targetMs / 1000));
    return {
      database: kind,
      services: size,
      datasetBuildSeconds,
      queries: QUERIES.length,
      hitsPerQuery,
      http: { clients: options.clients, ...httpTarget },
      httpByClients: http,
      sqlAlone: {
        note: "searchDirectory() appelée directement (résolution de la commune + requête de recherche), sans HTTP",
        byClients: sqlAlone,
      },
      httpOverSql: {
        p50AtSameConcurrency: round(httpTarget.p50Ms / Math.max(0.01, sqlTarget.p50Ms)),
        p50OneClient: round(httpOne.p50Ms / Math.max(0.01, sqlOne.p50Ms)),
      },
      saturation: {
        httpThroughputPerSecond: saturation,
        cpuMsPerRequest: round((1000 * cpus().length) / Math.max(1, saturation)),
        littlesLaw: `Loi de Little : ${options.clients} clients en boucle fermée avec un p95 sous ${targetMs} ms demandent au moins ${options.clients} / ${targetMs / 1000} s = ${neededPerSecond} req/s ; saturation mesurée ${saturation} req/s sur ${cpus().length} cœurs partagés avec la base, soit une latence moyenne d'au moins ${options.clients} / ${saturation} = ${round((options.clients / Math.max(1, saturation)) * 1000)} ms à ${options.clients} clients.`,
        targetReachableOnThisMachine: saturation >= neededPerSecond,
      },
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

async function benchPostgres(
  serverUrl: string,
  size: number,
  options: Required<Pick<DirectoryBenchOptions, "clients" | "requests">>,
) {
  const name = `relais_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // The server's default pool (src/server.ts): what a production replica uses.
  const opened = await openDatabase({ kind: "postgres", url: url.toString() });
  try {
    const version = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(
      opened.db,
    );
    return {
      serverVersion: version.rows[0]?.v,
      ...(await runScenario(opened.db, "postgres", size, options)),
    };
  } finally {
    await opened.close();
    const cleaner = new pg.Client({ connectionString: serverUrl });
    await cleaner.connect();
    await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleaner.end();
  }
}

async function benchPglite(
  size: number,
  options: Required<Pick<DirectoryBenchOptions, "clients" | "requests">>,
) {
  const opened = await openDatabase({ kind: "pglite" });
  try {
    return await runScenario(opened.db, "pglite", size, options);
  } finally {
    await opened.close();
  }
}

export async function benchDirectory(options: DirectoryBenchOptions = {}) {
  const serverUrl = options.databaseUrl ?? process.env.BENCH_DATABASE_URL;
  const load = { clients: options.clients ?? 50, requests: options.requests ?? 3_000 };
  const targets = { postgresP95Ms: 50, pgliteP95Ms: 150 };
  const postgres = serverUrl
    ? await benchPostgres(serverUrl, options.postgresSize ?? 100_000, load)
    : { skipped: "BENCH_DATABASE_URL absent : mesure PostgreSQL non faite." };
  const pglite = await benchPglite(options.pgliteSize ?? 10_000, load);
  return {
    targets,
    postgres,
    pglite,
    targetsMet: {
      postgres: "http" in postgres ? postgres.http.p95Ms < targets.postgresP95Ms : null,
      pglite: pglite.http.p95Ms < targets.pgliteP95Ms,
    },
  };
}
