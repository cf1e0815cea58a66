import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtServer } from "./app-processes.ts";

const ROOT = join(import.meta.dirname, "..");

/**
 * Time from spawning `relais start` (the production bundle, decision 0013)
 * to the first 200 on /healthz; then, after `idleMs`, the memory of Relais
 * and of its PostgreSQL server.
 */
async function timeStart(dataDir: string, port: number, idleMs = 0) {
  const started = performance.now();
  const child = spawn(process.execPath, [builtServer(), "start"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      RELAIS_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      NODE_ENV: "development",
    },
    stdio: "ignore",
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 60_000) throw new Error("Relais n'a pas démarré en 60 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const startMs = Math.round(performance.now() - started);
    if (idleMs === 0) return { startMs };
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    return { startMs, memory: memoryOf(child.pid ?? -1, dataDir) };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

/**
 * RSS of Relais; PSS (proportional set size: shared pages divided between the
 * processes that share them) of the PostgreSQL server and its processes, so
 * that its shared buffers are counted once, not once per process.
 */
function memoryOf(relaisPid: number, dataDir: string) {
  const kib = (pid: number, field: string, file: string) => {
    const text = readFileSync(`/proc/${pid}/${file}`, "utf8");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
    return match ? Number(match[1]) : 0;
  };
  const pidFile = join(dataDir, "postgresql", "postmaster.pid");
  const postmaster = existsSync(pidFile)
    ? Number(readFileSync(pidFile, "utf8").split("\n")[0])
    : undefined;
  const serverPids = postmaster ? [postmaster, ...childrenOf(postmaster)] : [];
  const relaisMiB = Math.round(kib(relaisPid, "VmRSS", "status") / 1024);
  const postgresMiB = Math.round(
    serverPids.reduce((sum, pid) => sum + kib(pid, "Pss", "smaps_rollup"), 0) / 1024,
  );
  return {
    relaisRssMiB: relaisMiB,
    postgresPssMiB: postgresMiB,
    postgresProcesses: serverPids.length,
    totalMiB: relaisMiB + postgresMiB,
  };
}

function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** First start (initdb, migrations, territory, demo data), later starts, idle memory. */
export async function benchStartup() {
  const dataDir = mkdtempSync(join(tmpdir(), "relais-bench-start-"));
  try {
    const first = await timeStart(dataDir, 3301);
    const later = [await timeStart(dataDir, 3302), await timeStart(dataDir, 3303, 5_000)];
    return {
      database: "postgresql embarqué",
      firstStartMs: first.startMs,
      laterStartsMs: later.map((start) => start.startMs),
      idleMemoryAfter5s: later[1]?.memory,
      target: "< 10 000 ms to the first answer",
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
