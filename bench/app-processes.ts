// Starts Relais as separate OS processes — the real `relais start` entry, as
// replicas behind a load balancer would run it — and always stops them: on
// `stop()`, when a start fails or is aborted, and when the bench process
// itself exits. Bench-only; the servers' own pools, rate limiters and job
// workers are theirs, nothing is shared but the database.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export type AppProcesses = {
  origins: string[];
  pids: number[];
  /** The last lines each process wrote (LOG_LEVEL decides how many there are). */
  output(): string[];
  /** CPU seconds (user + system) used so far by each process; undefined where /proc is absent. */
  cpuSeconds(): (number | undefined)[];
  /** Times the main thread of each process was preempted so far (Linux /proc). */
  preemptions(): (number | undefined)[];
  /** Stops every process (SIGTERM, then SIGKILL after 10 s); resolves once all have exited. */
  stop(): Promise<{ stillRunning: number }>;
};

/** Spawns `count` servers with `env` (PORT and HOST are set here) and waits for each /healthz. */
export async function startAppProcesses(
  count: number,
  env: Record<string, string>,
  signal?: AbortSignal,
): Promise<AppProcesses> {
  const children: { child: ChildProcess; origin: string; output: () => string }[] = [];
  // Synchronous: the only thing an 'exit' listener may do. A child never outlives the bench.
  const killAll = () => {
    for (const { child } of children) if (isRunning(child)) child.kill("SIGKILL");
  };
  process.once("exit", killAll);

  let stopping: Promise<{ stillRunning: number }> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await Promise.all(children.map(({ child }) => stopChild(child)));
      process.off("exit", killAll);
      return { stillRunning: children.filter(({ child }) => isRunning(child)).length };
    })();
    return stopping;
  };

  try {
    for (let index = 0; index < count; index++) {
      const port = await freePort();
      // BENCH_CPU_PROFILE_DIR: each server writes a V8 CPU profile there when it stops.
      const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
      const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
      const child = spawn(process.execPath, [...profile, builtServer(), "start"], {
        cwd: ROOT,
        env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push({ child, origin: `http://127.0.0.1:${port}`, output: keepTail(child) });
    }
    // Started together, like replicas of one deployment; each must answer on its own.
    await Promise.all(
      children.map(({ child, origin, output }) => waitHealthy(child, origin, output, signal)),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    origins: children.map(({ origin }) => origin),
    pids: children.map(({ child }) => child.pid ?? -1),
    output: () => children.map(({ output }) => output()),
    cpuSeconds: () => children.map(({ child }) => processCpuSeconds(child.pid)),
    preemptions: () => children.map(({ child }) => involuntarySwitches(child.pid)),
    stop,
  };
}

let built: string | undefined;

/** dist/relais.js, built once per bench run: what production runs (decision 0013). */
export function builtServer(): string {
  if (!built) {
    execFileSync(process.execPath, [join(ROOT, "scripts", "build.mjs"), "--quiet"], {
      stdio: "inherit",
    });
    built = join(ROOT, "dist", "relais.js");
  }
  return built;
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

async function waitHealthy(
  child: ChildProcess,
  origin: string,
  output: () => string,
  signal: AbortSignal | undefined,
) {
  const started = performance.now();
  for (;;) {
    signal?.throwIfAborted();
    if (!isRunning(child)) {
      throw new Error(
        `le serveur ${origin} s'est arrêté au démarrage (code ${child.exitCode ?? child.signalCode}) :\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > START_TIMEOUT_MS) {
      throw new Error(`le serveur ${origin} n'a pas répondu sur /healthz en 60 s :\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Keeps the last 20,000 characters a child wrote, for the error message if it fails. */
function keepTail(child: ChildProcess): () => string {
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => tail;
}

/** A port free right now on loopback (the server binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** utime + stime from /proc/<pid>/stat (Linux; clock ticks are 100 a second there). */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** nonvoluntary_ctxt_switches of the main thread (the event loop), from /proc/<pid>/status (Linux). */
function involuntarySwitches(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /nonvoluntary_ctxt_switches:\s+(\d+)/.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
