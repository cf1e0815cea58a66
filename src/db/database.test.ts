import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./database.ts";

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
