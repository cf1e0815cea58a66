import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Pids of the processes whose parent is `pid`, with their command lines. */
function children(pid: number): { pid: number; command: string }[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (parent !== pid) return [];
        const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
        return [{ pid: Number(entry), command }];
      } catch {
        return [];
      }
    });
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`attendu : ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), "relais-cluster-"));
let relais: ChildProcess | undefined;
afterAll(() => {
  if (relais && relais.exitCode === null) relais.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("relais start --workers 2", () => {
  it("serves from two HTTP processes on one port and one embedded server, and stops them all on SIGTERM", async () => {
    const port = await freePort();
    relais = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "src", "cli.ts"), "start", "--workers", "2"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: "127.0.0.1",
          RELAIS_DATA_DIR: dataDir,
          RELAIS_DEMO: "off",
          LOG_LEVEL: "warn",
          NODE_ENV: "development",
        },
        stdio: "ignore",
      },
    );
    const primary = relais.pid ?? -1;
    const origin = `http://127.0.0.1:${port}`;
    await waitFor(async () => {
      try {
        return (await fetch(`${origin}/readyz`)).ok;
      } catch {
        return false;
      }
    }, "/readyz");
    const forked = children(primary);
    const workers = forked.filter(({ command }) => command.includes("cli.ts"));
    const servers = forked.filter(({ command }) => command.includes("bin/postgres"));
    expect(workers).toHaveLength(2);
    expect(servers).toHaveLength(1);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${origin}/healthz`).then((r) => r.status)),
    );
    expect(answers.every((status) => status === 200)).toBe(true);

    const exited = new Promise<number | null>((resolve) => relais?.once("exit", resolve));
    relais.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const { pid } of [...workers, ...servers]) {
      expect(existsSync(`/proc/${pid}`)).toBe(false);
    }
    expect(existsSync(join(dataDir, "postgresql", "postmaster.pid"))).toBe(false);
  }, 120_000);
});
