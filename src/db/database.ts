import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

export { DataDirLockedError, lockDataDir } from "./embedded-postgres.ts";

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Both are PostgreSQL: the server Relais runs itself, or one of DATABASE_URL. */
export type DatabaseKind = "embedded" | "postgres";

export type OpenDatabase = {
  db: Db;
  kind: DatabaseKind;
  /** Where it is: what another process (a cluster worker) connects to. */
  url: string;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  kind: DatabaseKind;
  url: string;
  poolSize?: number | undefined;
  /** Run after the pools are closed (the embedded server's stop). */
  onClose?: () => Promise<void>;
};

// bigint (int8) and numeric arrive as strings from pg; counts and sums fit in a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

const shortReadLanes = new WeakMap<Db, Db>();

/**
 * Where to send a read of a few microseconds that must not queue behind long
 * queries: a connection of its own.
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
  let closing: Promise<void> | undefined;
  return {
    db,
    kind: options.kind,
    url: options.url,
    close: () => {
      closing ??= (async () => {
        try {
          await db.destroy();
          await lane.destroy();
        } finally {
          await options.onClose?.();
        }
      })();
      return closing;
    },
  };
}
