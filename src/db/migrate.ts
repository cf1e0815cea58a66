import { type Kysely, sql } from "kysely";
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration";
import { MIGRATIONS } from "./migrations/index.ts";

/** Migrations are the numbered files of src/db/migrations, listed in migrations/index.ts. */
class ListedMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}
/** Names of this version's migrations the database has not applied (cheap: one query). */
// biome-ignore lint/suspicious/noExplicitAny: the migrations table is not in the typed schema.
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
  const done = new Set(applied.rows.map((row) => row.name));
  return Object.keys(MIGRATIONS).filter((name) => !done.has(name));
}

export type MigrationReport = { applied: string[] };

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  // Numbers are per module (02xx appointments, 03xx records…): a module's new
  // migration may sort before another module's last one, so a database that
  // already ran 0400 must still accept a new 0202. Each migration touches its
  // own module's tables, which makes the order between modules free.
  const migrator = new Migrator({
    db,
    provider: new ListedMigrationProvider(),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : "";
    throw new Error(`La migration de la base a échoué${name} : ${String(error)}`, { cause: error });
  }
  return { applied: (results ?? []).map((result) => result.migrationName) };
}
