import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { shortReads } from "./database.ts";
import { DataDirLockedError, lockDataDir } from "./embedded-postgres.ts";

describe("lockDataDir", () => {
  const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
  afterAll(() => {
    sleeper.kill();
  });

  it("refuses a folder held by another running process, with a clear message", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "relais-lock-"));
    writeFileSync(join(dataDir, "relais.lock"), String(sleeper.pid));
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dataDir)).toThrow(/déjà utilisé par un autre processus Relais/);
  });

  it("takes over a lock left by a process that no longer runs, and releases it", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "relais-lock-"));
    // PIDs are below 2^22 on Linux: this one cannot be running.
    writeFileSync(join(dataDir, "relais.lock"), "99999999");
    const release = lockDataDir(dataDir);
    expect(existsSync(join(dataDir, "relais.lock"))).toBe(true);
    release();
    expect(existsSync(join(dataDir, "relais.lock"))).toBe(false);
  });
});

describe("shortReads", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("answers while every pooled connection is busy, and sees what they committed", async () => {
    const { db } = database;
    await sql`CREATE TABLE short_read_probe (value int)`.execute(db);
    await sql`INSERT INTO short_read_probe VALUES (42)`.execute(db);
    const order: string[] = [];
    // The test pool holds 5 connections: 6 slow queries keep it busy.
    const slow = Array.from({ length: 6 }, () =>
      sql`SELECT pg_sleep(0.5)`.execute(db).then(() => order.push("lent")),
    );
    const read = await sql<{ value: number }>`SELECT value FROM short_read_probe`.execute(
      shortReads(db),
    );
    order.push("court");
    await Promise.all(slow);
    expect(read.rows).toEqual([{ value: 42 }]);
    expect(order[0]).toBe("court");
  });
});
