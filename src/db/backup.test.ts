import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { BackupError, backupEmbedded, restoreEmbedded } from "./backup.ts";
import { DataDirLockedError, startEmbeddedPostgres } from "./embedded-postgres.ts";

const folders: string[] = [];
function newFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "relais-backup-"));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** Starts the folder's server, runs `text`, stops it; returns the rows. */
async function withServer(dataDir: string, text: string) {
  const server = await startEmbeddedPostgres(dataDir);
  const client = new pg.Client({ connectionString: server.url() });
  try {
    await client.connect();
    return (await client.query(text)).rows;
  } finally {
    await client.end();
    await server.stop();
  }
}

describe("relais backup / relais restore (embedded server)", () => {
  it("restores the data and the documents' key as they were at the backup, keeping the replaced folder", async () => {
    const dataDir = newFolder();
    const archive = join(newFolder(), "relais.tar.gz");
    await withServer(dataDir, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)");
    writeFileSync(join(dataDir, "documents-key"), "clé-du-jour-de-la-sauvegarde");
    await backupEmbedded(dataDir, archive);
    expect(existsSync(archive)).toBe(true);

    await withServer(dataDir, "INSERT INTO kept VALUES (2)");
    writeFileSync(join(dataDir, "documents-key"), "clé-remplacée-depuis");
    writeFileSync(join(dataDir, "audit-checkpoints.jsonl"), "{}\n");
    const { previous } = await restoreEmbedded(dataDir, archive, "essai");
    // The replaced trail's checkpoints are kept aside; the restored trail starts a new series.
    expect(existsSync(join(dataDir, "audit-checkpoints.jsonl"))).toBe(false);
    expect(
      readFileSync(join(dataDir, "audit-checkpoints.jsonl.avant-restauration-essai"), "utf8"),
    ).toBe("{}\n");

    expect(await withServer(dataDir, "SELECT n FROM kept ORDER BY n")).toEqual([{ n: 1 }]);
    expect(readFileSync(join(dataDir, "documents-key"), "utf8")).toBe(
      "clé-du-jour-de-la-sauvegarde",
    );
    expect(previous).toBe(join(dataDir, "postgresql.avant-restauration-essai"));
    expect(existsSync(join(previous ?? "", "PG_VERSION"))).toBe(true);
  });

  it("refuses while Relais runs on the folder, and leaves it running", async () => {
    const dataDir = newFolder();
    const server = await startEmbeddedPostgres(dataDir);
    try {
      await expect(backupEmbedded(dataDir, join(newFolder(), "x.tar.gz"))).rejects.toThrow(
        DataDirLockedError,
      );
      await expect(restoreEmbedded(dataDir, "x.tar.gz", "essai")).rejects.toThrow(
        DataDirLockedError,
      );
      const client = new pg.Client({ connectionString: server.url() });
      await client.connect();
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await server.stop();
    }
  });

  it("refuses a file that is not a Relais backup, and changes nothing", async () => {
    const dataDir = newFolder();
    await withServer(dataDir, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)");
    const other = join(newFolder(), "autre.tar.gz");
    writeFileSync(join(dataDir, "notes.txt"), "rien");
    const { spawnSync } = await import("node:child_process");
    spawnSync("tar", ["-czf", other, "-C", dataDir, "notes.txt"]);
    await expect(restoreEmbedded(dataDir, other, "essai")).rejects.toThrow(BackupError);
    expect(await withServer(dataDir, "SELECT n FROM kept")).toEqual([{ n: 1 }]);
  });
});
