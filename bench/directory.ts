// Directory search: text + commune + theme over HTTP, with 1, 10 and 50
// concurrent clients (closed loops in a worker thread, not on the server's
// event loop), and the same searches through the service function alone, so
// that the HTTP/SQL ratio shows what HTTP, JSON and the framework add.
// PostgreSQL with 100,000 synthetic services when BENCH_DATABASE_URL is set
// (a fresh database, dropped afterwards); the embedded PostgreSQL server (the
// default of `npm start`, decision 0012) with 10,000, as PGlite had before.
// Target (issue 3): p95 < 50 ms.
// The searches are a mix: 11 needs in the 36 communes, communes drawn in
// proportion to their population (a fixed draw, the same on every run), one
// search in twelve "open now". HTTP runs three ways: in the steady state of
// a running service (the search cache of decision 0009 holding what earlier
// searches left, a new draw of the same mix: the headline figure); starting
// cold (the cache empty, as after a start or a change to the directory);
// and with the cache off, the price of every search never seen before.
// Prints figures; never asserts on time.
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres npm run bench -- directory

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { type DatabaseKind, type Db, openDatabase } from "../src/db/database.ts";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { DEFAULT_CACHE_ENTRIES } from "../src/modules/directory/search-cache.ts";
import {
  clearSearchCache,
  configureSearchCache,
  searchCacheStats,
  searchDirectory,
  seedSyntheticDirectory,
} from "../src/modules/directory/service.ts";
import { listCommunes, loadTerritory, readTerritory } from "../src/modules/territory/service.ts";
import { runHttpLoad } from "./http-load.ts";
import { serveInProcess } from "./in-process-app.ts";
import { closedLoop, emptyRun, round, summarise } from "./latency.ts";

export interface DirectoryBenchOptions {
  databaseUrl?: string | undefined;
  postgresSize?: number;
  embeddedSize?: number;
  clients?: number;
  /** HTTP requests per run (after the warm-up). */
  requests?: number;
  /** HTTP requests per steady-state run. */
  steadyRequests?: number;
}

/** Needs as people type them, each with the theme category a helper would pick. */
const NEEDS: { q: string; thematique: string }[] = [
  { q: "manger", thematique: "equipement-et-alimentation" },
  { q: "colis alimentaire", thematique: "equipement-et-alimentation" },
  { q: "domiciliation", thematique: "difficultes-administratives-ou-juridiques" },
  { q: "aide facture électricité", thematique: "difficultes-financieres" },
  { q: "avocat gratuit", thematique: "difficultes-administratives-ou-juridiques" },
  { q: "emploi", thematique: "trouver-un-emploi" },
  { q: "internet ordinateur", thematique: "numerique" },
  { q: "logement", thematique: "logement-hebergement" },
  { q: "médecin", thematique: "sante" },
  // A typo the thesaurus corrects.
  { q: "domicilation", thematique: "difficultes-administratives-ou-juridiques" },
  { q: "vestiaire", thematique: "equipement-et-alimentation" },
];

type Search = { q: string; commune: string; thematique: string; ouvert: boolean };

/** A small seeded generator: the same draw on every run and machine. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` searches: a need, a commune drawn by population, one in twelve "open now". */
function drawSearches(
  count: number,
  communes: { name: string; population: number | null }[],
  seed = 92,
): Search[] {
  const random = mulberry32(seed);
  const weights = communes.map((commune) => commune.population ?? 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return Array.from({ length: count }, (_, index) => {
    let pick = random() * total;
    let chosen = communes.length - 1;
    for (let at = 0; at < communes.length; at++) {
      pick -= weights[at] ?? 0;
      if (pick < 0) {
        chosen = at;
        break;
      }
    }
    const need = NEEDS[Math.floor(random() * NEEDS.length)] ?? NEEDS[0];
    return {
      q: need?.q ?? "",
      thematique: need?.thematique ?? "",
      commune: communes[chosen]?.name ?? "",
      ouvert: index % 12 === 11,
    };
  });
}

function pathOf(search: Search): string {
  const params = new URLSearchParams({
    q: search.q,
    commune: search.commune,
    thematique: search.thematique,
    ...(search.ouvert ? { ouvert: "1" } : {}),
  });
  return `/api/v1/services?${params}`;
}

/** The same search on the public results page, as the form sends it. */
function pageOf(search: Search): string {
  const params = new URLSearchParams({
    besoin: search.q,
    lieu: search.commune,
    theme: search.thematique,
    ...(search.ouvert ? { ouvert: "1" } : {}),
  });
  return `/trouver-de-l-aide?${params}`;
}

const DEPARTEMENT = "92";

async function runScenario(
  db: Db,
  kind: DatabaseKind,
  size: number,
  options: { clients: number; requests: number; steadyRequests: number },
) {
  const now = new Date();
  const buildStarted = performance.now();
  await migrateToLatest(db);
  await loadTerritory(db, readTerritory(DEPARTEMENT));
  const communes = await listCommunes(db, DEPARTEMENT);
  await seedSyntheticDirectory({ db, now }, size, communes);
  // What autovacuum does after a bulk load: statistics and the visibility map.
  await sql`VACUUM ANALYZE`.execute(db);
  const datasetBuildSeconds = round((performance.now() - buildStarted) / 1000);

  const served = await serveInProcess(db, kind);
  const origin = served.origin;
  const searches = drawSearches(options.requests, communes);
  const distinct = new Set(searches.map(pathOf)).size;
  try {
    // A warm-up without cache, so that plans and the buffer cache are hot.
    configureSearchCache(db, 0);
    const warmUp = await runHttpLoad({
      origin,
      paths: searches.slice(0, 100).map(pathOf),
      clients: 10,
    });
    if (warmUp.failures > 0) throw new Error(`échauffement : ${warmUp.firstFailure}`);
    const sample: Record<string, number> = {};
    for (const search of searches.slice(0, 12)) {
      const body = (await (await fetch(origin + pathOf(search))).json()) as { total: number };
      sample[pathOf(search).replace("/api/v1/services?", "")] = body.total;
    }

    const levels = [...new Set([1, 10, options.clients])].sort((a, b) => a - b);
    const requestsAt = (clients: number) =>
      clients === 1 ? Math.min(options.requests, 300) : options.requests;
    const httpRun = async (clients: number) =>
      summarise(
        await runHttpLoad({
          origin,
          paths: searches.slice(0, requestsAt(clients)).map(pathOf),
          clients,
        }),
      );
    // Starting cold: the cache on, empty at the start of each run.
    configureSearchCache(db, DEFAULT_CACHE_ENTRIES);
    type CachedRun = ReturnType<typeof summarise> & { cacheHitRatio: number };
    /** A run's figures, and how many of its searches were answered without computing. */
    const measured = async (paths: string[], clients: number): Promise<CachedRun> => {
      const before = searchCacheStats(db);
      const run = summarise(await runHttpLoad({ origin, paths, clients }));
      const after = searchCacheStats(db);
      // From memory, or by joining the same search in flight.
      const answered = after.hits + after.joined - before.hits - before.joined;
      const computed = after.misses - before.misses;
      return { ...run, cacheHitRatio: round(answered / Math.max(1, answered + computed)) };
    };
    const cold: Record<string, CachedRun> = {};
    for (const clients of levels) {
      clearSearchCache(db);
      const run = await measured(searches.slice(0, requestsAt(clients)).map(pathOf), clients);
      cold[`clients${clients}`] = run;
      progress(`${kind} HTTP à froid, ${clients} clients : p95 ${run.p95Ms} ms`);
    }
    // The steady state: what the last cold run left in the cache, and a new
    // draw of the same mix, longer (searches never drawn before are computed).
    const steadySearches = drawSearches(options.steadyRequests, communes, 93);
    const steady: Record<string, CachedRun> = {};
    for (const clients of levels) {
      const count = clients === 1 ? Math.min(options.steadyRequests, 3_000) : undefined;
      const run = await measured(steadySearches.slice(0, count).map(pathOf), clients);
      steady[`clients${clients}`] = run;
      progress(`${kind} HTTP en régime établi, ${clients} clients : p95 ${run.p95Ms} ms`);
    }
    // The public results page (HTML, list and map) for the same searches.
    // It shows 10 results, not 20: its searches are its own in the cache,
    // so it runs twice, from the cache as the API runs left it, then steady.
    const pagePaths = steadySearches.slice(0, 5_000).map(pageOf);
    const pagesCold = await measured(pagePaths, options.clients);
    const pages = await measured(pagePaths, options.clients);
    progress(`${kind} page de résultats, ${options.clients} clients : p95 ${pages.p95Ms} ms`);
    // Every search computed: the cost of a search never seen before.
    configureSearchCache(db, 0);
    const uncached: Record<string, ReturnType<typeof summarise>> = {};
    const sqlAlone: Record<string, ReturnType<typeof summarise>> = {};
    for (const clients of [1, options.clients]) {
      uncached[`clients${clients}`] = await httpRun(clients);
      progress(
        `${kind} HTTP sans cache, ${clients} clients : p95 ${uncached[`clients${clients}`]?.p95Ms} ms`,
      );
      sqlAlone[`clients${clients}`] = summarise(
        await closedLoop(clients, requestsAt(clients), async (index) => {
          const search = searches[index] ?? searches[0];
          await searchDirectory({ db, now: new Date() }, DEPARTEMENT, {
            text: search?.q,
            place: search?.commune,
            theme: search?.thematique,
            openNow: search?.ouvert ?? false,
            pageSize: 20,
          });
        }),
      );
    }
    configureSearchCache(db, DEFAULT_CACHE_ENTRIES);

    const target = steady[`clients${options.clients}`] ?? {
      ...summarise(emptyRun),
      cacheHitRatio: 0,
    };
    const uncachedOne = uncached.clients1 ?? summarise(emptyRun);
    const uncachedTarget = uncached[`clients${options.clients}`] ?? summarise(emptyRun);
    const sqlOne = sqlAlone.clients1 ?? summarise(emptyRun);
    const sqlTarget = sqlAlone[`clients${options.clients}`] ?? summarise(emptyRun);
    const targetMs = kind === "postgres" ? 50 : 150;
    const neededPerSecond = Math.round(options.clients / (targetMs / 1000));
    const saturation = uncachedTarget.throughputPerSecond;
    return {
      database: kind,
      services: size,
      datasetBuildSeconds,
      searches: {
        requests: options.requests,
        distinct,
        steadyRequests: options.steadyRequests,
        steadyDistinct: new Set(steadySearches.map(pathOf)).size,
        sampleTotals: sample,
      },
      http: {
        note: "régime établi : le cache tel que l'a laissé la mesure à froid, un nouveau tirage du même mélange",
        clients: options.clients,
        ...target,
      },
      httpSteadyByClients: steady,
      resultsPage: {
        note: "page HTML /trouver-de-l-aide (liste et carte), 5 000 des mêmes recherches, deux fois de suite",
        clients: options.clients,
        firstRun: pagesCold,
        steady: pages,
      },
      httpColdByClients: cold,
      httpWithoutCache: uncached,
      sqlAlone: {
        note: "searchDirectory() appelée directement, sans cache (résolution de la commune + requêtes de recherche), sans HTTP",
        byClients: sqlAlone,
      },
      httpOverSql: {
        p50OneClientWithoutCache: round(uncachedOne.p50Ms / Math.max(0.01, sqlOne.p50Ms)),
        p50AtSameConcurrencyWithoutCache: round(
          uncachedTarget.p50Ms / Math.max(0.01, sqlTarget.p50Ms),
        ),
      },
      withoutCache: {
        throughputPerSecond: saturation,
        cpuMsPerSearch: round((1000 * cpus().length) / Math.max(1, saturation)),
        littlesLaw: `Loi de Little : ${options.clients} clients en boucle fermée avec un p95 sous ${targetMs} ms demandent au moins ${neededPerSecond} req/s ; sans cache, ${saturation} req/s sur ${cpus().length} cœurs partagés avec la base, soit une latence moyenne d'au moins ${round((options.clients / Math.max(1, saturation)) * 1000)} ms à ${options.clients} clients.`,
      },
    };
  } finally {
    await served.close();
  }
}

/** One line on stderr as each run ends: a long bench shows where it is. */
function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

async function benchPostgres(
  serverUrl: string,
  size: number,
  options: Required<Pick<DirectoryBenchOptions, "clients" | "requests" | "steadyRequests">>,
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

async function benchEmbedded(
  size: number,
  options: Required<Pick<DirectoryBenchOptions, "clients" | "requests" | "steadyRequests">>,
) {
  const dataDir = mkdtempSync(join(tmpdir(), "relais-bench-directory-"));
  const server = await startEmbeddedPostgres(dataDir);
  const opened = await openDatabase({ kind: "embedded", url: server.url(), onClose: server.stop });
  try {
    return await runScenario(opened.db, "embedded", size, options);
  } finally {
    await opened.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchDirectory(options: DirectoryBenchOptions = {}) {
  const serverUrl = options.databaseUrl ?? process.env.BENCH_DATABASE_URL;
  const load = {
    clients: options.clients ?? 50,
    requests: options.requests ?? 3_000,
    steadyRequests: options.steadyRequests ?? 20_000,
  };
  const targets = { p95Ms: 50 };
  const postgres = serverUrl
    ? await benchPostgres(serverUrl, options.postgresSize ?? 100_000, load)
    : { skipped: "BENCH_DATABASE_URL absent : mesure PostgreSQL non faite." };
  const embedded = await benchEmbedded(options.embeddedSize ?? 10_000, load);
  return {
    targets,
    postgres,
    embedded,
    targetsMet: {
      postgres: "http" in postgres ? postgres.http.p95Ms < targets.p95Ms : null,
      embedded: embedded.http.p95Ms < targets.p95Ms,
    },
  };
}
