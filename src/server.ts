import { serve } from "@hono/node-server";
import { createApp } from "./app.tsx";
import { type Config, wantsDemoData } from "./config.ts";
import { type OpenDatabase, openDatabase } from "./db/database.ts";
import { startEmbeddedPostgres } from "./db/embedded-postgres.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { jobHandlers, SCHEDULES } from "./jobs.ts";
import { configureSearchCache } from "./modules/directory/service.ts";
import { loadTerritory, readTerritory } from "./modules/territory/service.ts";
import { type Clock, systemClock } from "./platform/clock/clock.ts";
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
  options: { logger?: Logger; poolSize?: number } = {},
): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    return openDatabase({ kind: "postgres", url: config.databaseUrl, poolSize: options.poolSize });
  }
  const server = await startEmbeddedPostgres(config.dataDir, {
    onInfo: (message, details) => options.logger?.info(message, details),
  });
  try {
    return await openDatabase({
      kind: "embedded",
      url: server.url(),
      poolSize: options.poolSize,
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
): Promise<{ database: OpenDatabase; deps: AppDeps }> {
  const territory = readTerritory(config.departementCode);
  const database = await connect(config, { logger });
  try {
    const { applied } = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info("migrations applied", { migrations: applied });
    await loadTerritory(database.db, territory);
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

export async function startServer(config: Config): Promise<RunningServer> {
  const started = performance.now();
  const logger = createLogger(config.logLevel, { service: "relais" });
  const { database, deps } = await prepare(config, logger);
  configureSearchCache(database.db, config.directoryCacheEntries);
  const app = createApp(deps);
  const worker: Worker = startWorker(database.db, jobHandlers(config, logger), logger, {
    schedules: SCHEDULES,
    now: deps.now,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(instance),
    );
  });
  const url = `http://localhost:${config.port}`;
  logger.info("Relais est prêt", {
    url,
    database: database.kind,
    departement: config.departementCode,
    startupMs: Math.round(performance.now() - started),
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
