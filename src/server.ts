import cluster, { type Worker as ClusterWorker } from "node:cluster";
import { serve } from "@hono/node-server";
import { createApp } from "./app.tsx";
import { type Config, wantsDemoData } from "./config.ts";
import { type OpenDatabase, openDatabase } from "./db/database.ts";
import { startEmbeddedPostgres } from "./db/embedded-postgres.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { jobHandlers, SCHEDULES } from "./jobs.ts";
import { configureSearchCache } from "./modules/directory/service.ts";
import { loadIndicatorDefinitions } from "./modules/steering/service.ts";
import { loadTerritory, readTerritory } from "./modules/territory/service.ts";
import { type Clock, systemClock } from "./platform/clock/clock.ts";
import { admitInTurns } from "./platform/http/admission.ts";
import type { AppDeps } from "./platform/http/context.ts";
import { startWorker, type Worker } from "./platform/jobs/worker.ts";
import { createLogger, type Logger } from "./platform/log/logger.ts";
import { seedDemo } from "./seed/demo.ts";

// Opening hours, holidays and dates are those of the territory, whatever the host's zone.
process.env.TZ = "Europe/Paris";

/**
 * DATABASE_URL: that server. Otherwise the embedded PostgreSQL server of
 * RELAIS_DATA_DIR, started here and stopped by close().
 */
export async function connect(
  config: Config,
  options: { logger?: Logger; poolSize?: number; processes?: number } = {},
): Promise<OpenDatabase> {
  const poolSize = options.poolSize ?? config.databasePool;
  if (config.databaseUrl) {
    return openDatabase({ kind: "postgres", url: config.databaseUrl, poolSize });
  }
  const server = await startEmbeddedPostgres(config.dataDir, {
    // At most pool + 1 connections per Relais process (README), a margin for psql and backups.
    maxConnections: Math.max(100, (poolSize + 1) * (options.processes ?? 1) + 20),
    nice: config.postgresNice,
    onInfo: (message, details) => options.logger?.info(message, details),
  });
  try {
    return await openDatabase({
      kind: "embedded",
      url: server.url(),
      poolSize,
      onClose: server.stop,
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Opens the database and brings it up to date: migrations, territory, demo data. */
export async function prepare(
  config: Config,
  logger: Logger,
  now: Clock = systemClock,
  processes = 1,
): Promise<{ database: OpenDatabase; deps: AppDeps }> {
  const territory = readTerritory(config.departementCode);
  const database = await connect(config, { logger, processes });
  try {
    const { applied } = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info("migrations applied", { migrations: applied });
    await loadTerritory(database.db, territory);
    // The indicator definitions of the plan's reference list: reference data, in production too.
    await database.db.transaction().execute((tx) => loadIndicatorDefinitions(tx, now()));
    if (wantsDemoData(config)) {
      const { created } = await seedDemo(database.db, config.departementCode, now());
      if (created) logger.info("demo data loaded");
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    database,
    deps: {
      db: database.db,
      databaseKind: database.kind,
      config,
      logger,
      territoryName: territory.departement.name,
      now,
    },
  };
}

export type RunningServer = { url: string; stop(): Promise<void> };

/** Set by the primary for its cluster workers (relais start --workers N). */
const WORKER_DATABASE_URL = "RELAIS_WORKER_DATABASE_URL";
const WORKER_DATABASE_KIND = "RELAIS_WORKER_DATABASE_KIND";

/**
 * One HTTP process with its job worker. `workers` > 1: this process prepares
 * the database (starting the embedded server if there is no DATABASE_URL) and
 * forks that many HTTP processes (node:cluster) sharing the port and the
 * database; any of them takes the jobs (SKIP LOCKED).
 */
export async function startServer(
  config: Config,
  /** `now`: the clock of a single process (browser tests pin it); cluster workers keep the system's. */
  options: { workers?: number; now?: Clock } = {},
): Promise<RunningServer> {
  const workers = options.workers ?? 1;
  if (cluster.isWorker) return startClusterWorker(config);
  if (workers > 1) return startClusterPrimary(config, workers);
  const started = performance.now();
  const logger = createLogger(config.logLevel, { service: "relais" });
  const { database, deps } = await prepare(config, logger, options.now ?? systemClock);
  return serveHttp(config, logger, database, deps, started);
}

async function serveHttp(
  config: Config,
  logger: Logger,
  database: OpenDatabase,
  deps: AppDeps,
  started: number,
): Promise<RunningServer> {
  configureSearchCache(database.db, config.directoryCacheEntries);
  const app = createApp(deps);
  const worker: Worker = startWorker(database.db, jobHandlers(config, logger), logger, {
    schedules: SCHEDULES,
    now: deps.now,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve(
      { fetch: admitInTurns(app.fetch), port: config.port, hostname: config.host },
      () => resolve(instance),
    );
  });
  const url = `http://localhost:${config.port}`;
  logger.info("Relais est prêt", {
    url,
    database: database.kind,
    departement: config.departementCode,
    startupMs: Math.round(performance.now() - started),
    ...(cluster.isWorker ? { worker: cluster.worker?.id } : {}),
  });
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () => {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await worker.stop();
        await database.close();
      })();
      return stopping;
    },
  };
}

async function startClusterWorker(config: Config): Promise<RunningServer> {
  const started = performance.now();
  const logger = createLogger(config.logLevel, { service: "relais", worker: cluster.worker?.id });
  const url = process.env[WORKER_DATABASE_URL];
  const kind = process.env[WORKER_DATABASE_KIND] === "embedded" ? "embedded" : "postgres";
  if (!url) throw new Error(`${WORKER_DATABASE_URL} absent : un processus de travail sans base.`);
  // The primary has migrated the database and loaded the territory.
  const database = await openDatabase({ kind, url, poolSize: config.databasePool });
  const territory = readTerritory(config.departementCode);
  const deps: AppDeps = {
    db: database.db,
    databaseKind: kind,
    config,
    logger,
    territoryName: territory.departement.name,
    now: systemClock,
  };
  return serveHttp(config, logger, database, deps, started);
}

async function startClusterPrimary(config: Config, count: number): Promise<RunningServer> {
  const started = performance.now();
  const logger = createLogger(config.logLevel, { service: "relais" });
  const { database } = await prepare(config, logger, systemClock, count + 1);
  let stopping = false;
  const live = new Set<ClusterWorker>();
  const fork = () => {
    const worker = cluster.fork({
      [WORKER_DATABASE_URL]: database.url,
      [WORKER_DATABASE_KIND]: database.kind,
    });
    live.add(worker);
    worker.once("exit", (code, signal) => {
      live.delete(worker);
      if (stopping) return;
      // A worker that dies is replaced; the others keep serving meanwhile.
      logger.error("processus de travail arrêté, remplacé", { code, signal });
      setTimeout(() => {
        if (!stopping) fork();
      }, 1000).unref();
    });
    return worker;
  };
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const worker = fork();
        return new Promise<void>((resolve, reject) => {
          worker.once("listening", () => resolve());
          worker.once("exit", (code) =>
            reject(new Error(`Un processus de travail s'est arrêté au démarrage (code ${code}).`)),
          );
        });
      }),
    );
  } catch (error) {
    stopping = true;
    await stopWorkers(live);
    await database.close();
    throw error;
  }
  const url = `http://localhost:${config.port}`;
  logger.info("Relais est prêt", {
    url,
    database: database.kind,
    departement: config.departementCode,
    workers: count,
    startupMs: Math.round(performance.now() - started),
  });
  let stopped: Promise<void> | undefined;
  return {
    url,
    stop: () => {
      stopped ??= (async () => {
        stopping = true;
        await stopWorkers(live);
        await database.close();
      })();
      return stopped;
    },
  };
}

/** SIGTERM to each worker (it ends its requests and jobs), SIGKILL after 30 s. */
async function stopWorkers(live: Set<ClusterWorker>): Promise<void> {
  await Promise.all(
    [...live].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          const timer = setTimeout(() => worker.process.kill("SIGKILL"), 30_000);
          worker.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          worker.process.kill("SIGTERM");
        }),
    ),
  );
}
