import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");

/** Time from spawning `relais start` to the first 200 on /healthz. */
async function timeStart(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "start"], {
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
        if (response.ok) return Math.round(performance.now() - started);
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 60_000) throw new Error("Relais n'a pas démarré en 60 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

/** First start (migrations, territory, demo data) and a later start, on the embedded database. */
export async function benchStartup() {
  const dataDir = mkdtempSync(join(tmpdir(), "relais-bench-start-"));
  try {
    const firstStartMs = await timeStart(dataDir, 3301);
    const laterStartsMs = [await timeStart(dataDir, 3302), await timeStart(dataDir, 3303)];
    return {
      database: "pglite",
      firstStartMs,
      laterStartsMs,
      target: "< 10 000 ms to the first answer",
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
