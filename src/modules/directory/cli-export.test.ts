import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database.ts";
import { startEmbeddedPostgres } from "../../db/embedded-postgres.ts";
import { exportDirectory } from "./import-export.ts";
import { generateDataInclusionFile } from "./interop-fixtures.ts";

/**
 * `relais export directory` through a pipe whose reader is slow: every byte
 * comes out before the process exits (it used to exit after the first
 * 64 KiB, with code 0).
 */
const CLI = join(import.meta.dirname, "../../cli.ts");
const dataDir = mkdtempSync(join(tmpdir(), "relais-cli-export-"));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  RELAIS_DATA_DIR: dataDir,
  NODE_ENV: "development",
};
delete env.DATABASE_URL;

/** Runs the CLI; its stdout is read in small pauses (a slow reader such as gzip on a busy machine). */
function runSlowlyRead(args: string[]): Promise<{ code: number | null; stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 15);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(chunks) }));
  });
}

beforeAll(async () => {
  const file = join(dataDir, "annuaire.json");
  writeFileSync(
    file,
    JSON.stringify(generateDataInclusionFile({ structures: 300, services: 600 }, "2026-01-01")),
  );
  const imported = await runSlowlyRead(["import", "directory", file]);
  expect(imported.code).toBe(0);
}, 120_000);

describe("relais export directory | slow reader", () => {
  it("gives every byte of the JSON and the CSV export, then exits 0", async () => {
    const json = await runSlowlyRead(["export", "directory"]);
    const csv = await runSlowlyRead(["export", "directory", "--format", "csv"]);
    // The CLI has stopped its embedded server; the test starts it again to read the same data.
    const server = await startEmbeddedPostgres(dataDir);
    const database = await openDatabase({
      kind: "embedded",
      url: server.url(),
      onClose: server.stop,
    });
    try {
      const expected = {
        json: await exportDirectory(database.db, "json"),
        csv: await exportDirectory(database.db, "csv"),
      };
      expect(Buffer.byteLength(expected.json)).toBeGreaterThan(10 * 65_536);
      expect(json.code).toBe(0);
      expect(json.stdout.byteLength).toBe(Buffer.byteLength(expected.json));
      expect(json.stdout.toString("utf8")).toBe(expected.json);
      expect(csv.code).toBe(0);
      expect(csv.stdout.toString("utf8")).toBe(expected.csv);
    } finally {
      await database.close();
    }
  }, 120_000);
});
