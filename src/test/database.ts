import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { type DatabaseKind, type Db, openDatabase } from "../db/database.ts";

export type TestDatabase = {
  db: Db;
  kind: DatabaseKind;
  /** The database's URL, for a command that opens it itself (relais simulate --batch). */
  url: string;
  close(): Promise<void>;
};

/**
 * A fresh, migrated database with the 92's communes, for one test file: a
 * copy of the template the global setup (src/test/global-setup.ts) migrated,
 * on the suite's embedded PostgreSQL server or on TEST_DATABASE_URL's.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { serverUrl, template, kind } = inject("testDatabase");
  const name = `relais_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = databaseUrl(serverUrl, name);
  const opened = await openDatabase({ kind, url, poolSize: 5 });
  return {
    db: opened.db,
    kind,
    url,
    async close() {
      await opened.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The same server as `serverUrl`, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { serverUrl: string; template: string; kind: DatabaseKind };
  }
}
