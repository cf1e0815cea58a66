import { randomBytes } from "node:crypto";
import pg from "pg";
import { type DatabaseKind, type Db, openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { loadTerritory, readTerritory } from "../modules/territory/service.ts";

export type TestDatabase = { db: Db; kind: DatabaseKind; close(): Promise<void> };

/**
 * A fresh, migrated database with the 92's communes, for one test file:
 * in-memory PGlite, or a new database on the server of TEST_DATABASE_URL.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const database = serverUrl ? await createServerDatabase(serverUrl) : await createEmbedded();
  await migrateToLatest(database.db);
  await loadTerritory(database.db, readTerritory("92"));
  return database;
}

async function createEmbedded(): Promise<TestDatabase> {
  const opened = await openDatabase({ kind: "pglite" });
  return { db: opened.db, kind: "pglite", close: opened.close };
}

async function createServerDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `relais_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 5 });
  return {
    db: opened.db,
    kind: "postgres",
    async close() {
      await opened.close();
      const cleaner = new pg.Client({ connectionString: serverUrl });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}
