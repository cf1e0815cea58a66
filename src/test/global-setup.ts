import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db/database.ts";
import { startEmbeddedPostgres } from "../db/embedded-postgres.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { loadTerritory, readTerritory } from "../modules/territory/service.ts";
import { adminQuery, databaseUrl } from "./database.ts";

/**
 * Once per run: one PostgreSQL server (embedded, or TEST_DATABASE_URL's) and
 * one migrated template database with the 92's communes; each test file
 * clones it (src/test/database.ts). A clone takes tens of milliseconds where
 * migrating took seconds.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  let serverUrl: string;
  let stopServer = async () => {};
  if (external) {
    serverUrl = external;
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), "relais-test-pg-"));
    // A throw-away server: no fsync (the durable setting is the embedded default's, decision 0012).
    const server = await startEmbeddedPostgres(dataDir, { durable: false, maxConnections: 300 });
    serverUrl = server.url("postgres");
    stopServer = async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const template = `relais_template_${randomBytes(5).toString("hex")}`;
  try {
    await adminQuery(serverUrl, `CREATE DATABASE ${template} TEMPLATE template0 ENCODING 'UTF8'`);
    const opened = await openDatabase({
      kind: "postgres",
      url: databaseUrl(serverUrl, template),
      poolSize: 1,
    });
    try {
      await migrateToLatest(opened.db);
      await loadTerritory(opened.db, readTerritory("92"));
    } finally {
      await opened.close();
    }
  } catch (error) {
    await stopServer();
    throw error;
  }
  project.provide("testDatabase", {
    serverUrl,
    template,
    kind: external ? "postgres" : "embedded",
  });
  return async () => {
    try {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    } finally {
      await stopServer();
    }
  };
}
