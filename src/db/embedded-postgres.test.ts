import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  DataDirLockedError,
  type EmbeddedPostgres,
  startEmbeddedPostgres,
} from "./embedded-postgres.ts";

const folders: string[] = [];
function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "relais-embedded-"));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

async function query(server: EmbeddedPostgres | string, text: string) {
  const client = new pg.Client({
    connectionString: typeof server === "string" ? server : server.url(),
  });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** Field 19 of /proc/PID/stat: the nice value. */
function niceOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

/** Runs the fixture in its own process; resolves with that process and the server's pid. */
function holdInChild(dataDir: string, rows: number) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(import.meta.dirname, "fixtures", "hold-embedded.ts"),
      dataDir,
      String(rows),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise<{ child: typeof child; serverPid: number }>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const ready = /ready (\d+)/.exec(output);
      if (ready) resolve({ child, serverPid: Number(ready[1]) });
    });
    child.once("exit", (code) => reject(new Error(`fixture exited (${code})`)));
  });
}

function killed(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

describe("the embedded PostgreSQL server", () => {
  it("runs durable, on a unix socket only, and keeps its data from one start to the next", async () => {
    const dataDir = newDataDir();
    const first = await startEmbeddedPostgres(dataDir);
    expect(
      await query(
        first,
        "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync, current_setting('listen_addresses') AS tcp",
      ),
    ).toEqual([{ fsync: "on", sync: "on", tcp: "" }]);
    await query(first, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)");
    await first.stop();
    expect(isRunning(first.pid)).toBe(false);

    const second = await startEmbeddedPostgres(dataDir);
    try {
      expect(await query(second, "SELECT n FROM kept")).toEqual([{ n: 7 }]);
    } finally {
      await second.stop();
    }
  });

  it("runs its backends at the nice value asked (RELAIS_POSTGRES_NICE), their session group too", async () => {
    const server = await startEmbeddedPostgres(newDataDir(), { nice: 7 });
    // The connection stays open while its backend is read: a backend ends with its connection.
    const client = new pg.Client({ connectionString: server.url() });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT pg_backend_pid() AS pid");
      const backend = Number(rows[0]?.pid);
      expect(backend).not.toBe(server.pid);
      expect(niceOf(server.pid)).toBe(7);
      expect(niceOf(backend)).toBe(7);
      // Linux groups a session's processes for scheduling (autogroup): the
      // server's session, its own, weighs as nice 7 against Relais's.
      if (existsSync(`/proc/${server.pid}/autogroup`)) {
        expect(readFileSync(`/proc/${server.pid}/autogroup`, "utf8")).toMatch(/ nice 7$/m);
      }
    } finally {
      await client.end();
      await server.stop();
    }
  });

  it("refuses a second Relais on the same folder with a French message naming it, and the first keeps running", async () => {
    const dataDir = newDataDir();
    const first = await startEmbeddedPostgres(dataDir);
    try {
      const second = startEmbeddedPostgres(dataDir);
      await expect(second).rejects.toThrow(DataDirLockedError);
      await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(
        `Le dossier de données ${dataDir} est déjà utilisé par un autre processus Relais`,
      );
      expect(await query(first, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await first.stop();
    }
  });

  it("after a kill -9 of Relais, the next start stops the server it left and keeps every committed row", async () => {
    const dataDir = newDataDir();
    const { child, serverPid } = await holdInChild(dataDir, 50);
    await killed(child);
    // The server outlives the Relais that was killed…
    expect(isRunning(serverPid)).toBe(true);
    const next = await startEmbeddedPostgres(dataDir);
    try {
      // …and the next start replaces it: one server on the folder, never two.
      expect(isRunning(serverPid)).toBe(false);
      expect(next.pid).not.toBe(serverPid);
      expect(await query(next, "SELECT count(*)::int AS rows FROM probe")).toEqual([{ rows: 50 }]);
    } finally {
      await next.stop();
    }
  });

  it("loses no acknowledged commit when its server is killed (kill -9, as by the OOM killer), and recovers on the next start", async () => {
    const dataDir = newDataDir();
    const { child, serverPid } = await holdInChild(dataDir, 200);
    // The server dies at once, as on a crash; then Relais too.
    process.kill(serverPid, "SIGKILL");
    await killed(child);
    const next = await startEmbeddedPostgres(dataDir);
    try {
      expect(await query(next, "SELECT count(*)::int AS rows FROM probe")).toEqual([{ rows: 200 }]);
    } finally {
      await next.stop();
    }
  });

  it("starts over a postmaster.pid whose pid now belongs to another program", async () => {
    const dataDir = newDataDir();
    const first = await startEmbeddedPostgres(dataDir);
    await first.stop();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      writeFileSync(
        join(dataDir, "postgresql", "postmaster.pid"),
        `${other.pid}\n${dataDir}\n0\n5432\n\n\n\nready\n`,
      );
      const next = await startEmbeddedPostgres(dataDir);
      try {
        expect(isRunning(other.pid ?? -1)).toBe(true);
        expect(await query(next, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
      } finally {
        await next.stop();
      }
    } finally {
      other.kill();
    }
  });
});
