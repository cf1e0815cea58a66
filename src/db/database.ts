import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { Kysely, PGliteDialect, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DatabaseKind = "pglite" | "postgres";

export type OpenDatabase = {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
};

export type DatabaseOptions =
  | { kind: "postgres"; url: string; poolSize?: number }
  /** `dataDir` undefined: in memory (tests). `loadDataDir`: start from a dump. */
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob };

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

// bigint (int8) and numeric arrive as strings from pg; counts and sums fit in a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

const shortReadLanes = new WeakMap<Db, Db>();

/**
 * Where to send a read of a few microseconds that must not queue behind long
 * queries: on PostgreSQL, a connection of its own; on PGlite (one connection,
 * in this process), the database itself.
 */
export function shortReads(db: Db): Db {
  return shortReadLanes.get(db) ?? db;
}

function newPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection closed by the server (restart, failover, a dropped test
  // database) emits 'error' on the pool; unhandled, it would stop the process.
  // The pool discards that connection and opens another when needed.
  pool.on("error", (error) => {
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: "warn", message: "idle database connection lost", error: error.message })}\n`,
    );
  });
  return pool;
}

export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  if (options.kind === "postgres") {
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: newPool(options.url, options.poolSize ?? 10) }),
    });
    // One more connection for the short reads every request makes (the
    // directory's generation): behind a pool busy with long searches, they
    // would wait for one of those to end.
    const lane = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: newPool(options.url, 1) }),
    });
    shortReadLanes.set(db, lane);
    return {
      db,
      kind: "postgres",
      close: async () => {
        await db.destroy();
        await lane.destroy();
      },
    };
  }
  const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  try {
    const pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: join(options.dataDir, "pgdata") } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { unaccent, pg_trgm, btree_gist },
      parsers: { 20: (value: string) => Number.parseInt(value, 10) },
    });
    // The whole database sits in memory or in the page cache: a random read
    // costs about what a sequential one does. With the default (4), the
    // planner scanned every service rather than use the search keys' index
    // (decision 0009: 94 ms against 13 ms for a search of 10,000 services).
    await pglite.exec("SET random_page_cost = 1.1");
    // Kysely's PGlite dialect serialises every query and transaction behind one
    // mutex, so a request never runs inside another request's transaction.
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: "pglite",
      close: async () => {
        await db.destroy();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite has no lock of its own: two processes on one folder silently lose
 * writes. A lock file with our pid refuses a second process; a lock left by
 * a process that no longer runs is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, "relais.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new DataDirLockedError(
          `Le dossier de données ${dataDir} est déjà utilisé par un autre processus Relais (pid ${owner}). ` +
            "Arrêtez-le, ou choisissez un autre dossier avec RELAIS_DATA_DIR.",
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirLockedError(`Impossible de verrouiller le dossier de données ${dataDir}.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
