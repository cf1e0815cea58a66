import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Kysely } from "kysely";
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration";

const MIGRATIONS_DIR = join(import.meta.dirname, "migrations");

/** Migrations are the numbered files of src/db/migrations, applied in name order. */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR))
      .filter((file) => /^\d{4}-[a-z0-9-]+\.ts$/.test(file))
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.ts$/, "")] = await import(
        pathToFileURL(join(MIGRATIONS_DIR, file)).href
      );
    }
    return migrations;
  }
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
    provider: new FolderMigrationProvider(),
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
