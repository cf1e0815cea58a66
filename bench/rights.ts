import { spawn } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runNonTakeUp } from "../src/modules/rights/batch.ts";
import { simulate } from "../src/modules/rights/engine.ts";
import type { Household } from "../src/modules/rights/household.ts";
import { syntheticChunks } from "../src/modules/rights/synthetic-households.ts";

/**
 * Rights engine benchmark: households per second on one core for the eight
 * benefits, over N synthetic households streamed as CSV bytes (decode + parse + simulate +
 * non-take-up + summary by commune), at two file sizes (1,000,000 and
 * 2,000,000 by default). Each size runs in its own child process, so that its
 * peak memory (RSS and V8 heap, sampled every 50 ms and every 4,096 households)
 * is its own and not the previous run's high-water mark; the verdict compares
 * the two peaks: memory is flat when the larger file costs no more than 10 %
 * (or 16 MB) above the smaller one. A second figure times the engine alone on
 * one household.
 * The machine may be shared: the rate per CPU-second of the child
 * (`process.cpuUsage()`, user + system, every thread of the process) is the
 * per-core figure; the wall-clock rate and the load average before and after
 * say how busy the machine was.
 * Returns a JSON-serialisable object; `npm run bench` prints it.
 */

export interface BenchRightsOptions {
  /** File sizes, in households, each run in its own process (default 1,000,000 and 2,000,000). */
  readonly sizes?: readonly number[];
  /** Month simulated (default "2025-06"). */
  readonly month?: string;
  readonly seed?: number;
  /** Households in the engine-only loop, run with the first size (default 200,000). */
  readonly engineOnlyIterations?: number;
}

/** One size, measured in a process of its own. */
export interface BenchRightsRun {
  readonly households: number;
  readonly seconds: number;
  /** Households per CPU-second of this process (user + system): per core, whatever else the machine runs. */
  readonly householdsPerSecondPerCore: number;
  /** Households per wall-clock second (lower when the machine is shared). */
  readonly householdsPerSecondWallClock: number;
  readonly cpuSeconds: number;
  /** CPU microseconds per household (user + system). */
  readonly cpuMicrosecondsPerHousehold: number;
  readonly engineOnlyHouseholdsPerSecond?: number;
  readonly householdsWithFindings: number;
  readonly rowErrors: number;
  readonly communes: number;
  /** Before the timed run (after the warm-up), at its highest during it, and after. */
  readonly rssStartMb: number;
  readonly rssPeakMb: number;
  readonly rssEndMb: number;
  readonly heapUsedStartMb: number;
  readonly heapUsedPeakMb: number;
  readonly heapUsedEndMb: number;
  /** os.loadavg() (1, 5, 15 minutes) before and after the timed run. */
  readonly loadAverageStart: readonly number[];
  readonly loadAverageEnd: readonly number[];
}

export interface BenchRightsResult {
  readonly name: "rights";
  readonly month: string;
  readonly target: number;
  /** Per core, at the first size (1,000,000 by default). */
  readonly householdsPerSecondPerCore: number;
  readonly runs: readonly BenchRightsRun[];
  /** Whether the peaks stayed flat from the smallest size to the largest, in one line. */
  readonly memoryVerdict: string;
  readonly memoryFlat: boolean;
  readonly node: string;
  readonly cpus: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The synthetic chunks as UTF-8 bytes, as a file read from disk gives them: the
 * batch's decoding is measured too. The pool's chunks come again and again;
 * each is encoded once.
 */
function* asBytes(chunks: Iterable<string>): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  const encoded = new Map<string, Uint8Array>();
  for (const chunk of chunks) {
    let bytes = encoded.get(chunk);
    if (bytes === undefined) {
      bytes = encoder.encode(chunk);
      if (encoded.size < 256) encoded.set(chunk, bytes);
    }
    yield bytes;
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The timed run of one size, in this process: what the child process does. */
export async function measureOneSize(
  households: number,
  month: string,
  seed: number,
  engineOnlyIterations: number,
): Promise<BenchRightsRun> {
  // Warm-up (JIT) on a small file, not counted in time nor in the peaks.
  await runNonTakeUp(asBytes(syntheticChunks(20_000, { month, seed: 1 })), { month });

  const start = process.memoryUsage();
  let rssPeak = start.rss;
  let heapPeak = start.heapUsed;
  const sample = () => {
    const usage = process.memoryUsage();
    if (usage.rss > rssPeak) rssPeak = usage.rss;
    if (usage.heapUsed > heapPeak) heapPeak = usage.heapUsed;
  };
  const timer = setInterval(sample, 50);
  timer.unref();

  // The batch runs on one thread: households per second is per core.
  let seen = 0;
  const loadStart = loadavg().map(round2);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const summary = await runNonTakeUp(
    asBytes(syntheticChunks(households, { month, seed })),
    { month },
    () => {
      if (++seen % 4096 === 0) sample();
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const loadEnd = loadavg().map(round2);
  clearInterval(timer);
  sample();
  const end = process.memoryUsage();

  return {
    households: summary.households,
    seconds: Math.round(seconds * 1000) / 1000,
    householdsPerSecondPerCore: Math.round(summary.households / cpuSeconds),
    householdsPerSecondWallClock: Math.round(summary.households / seconds),
    cpuSeconds: Math.round(cpuSeconds * 1000) / 1000,
    cpuMicrosecondsPerHousehold: round2((cpuSeconds * 1e6) / summary.households),
    ...(engineOnlyIterations > 0
      ? { engineOnlyHouseholdsPerSecond: engineOnly(month, engineOnlyIterations) }
      : {}),
    householdsWithFindings: summary.householdsWithFindings,
    rowErrors: summary.errorCount,
    communes: summary.byCommune.size,
    rssStartMb: mb(start.rss),
    rssPeakMb: mb(rssPeak),
    rssEndMb: mb(end.rss),
    heapUsedStartMb: mb(start.heapUsed),
    heapUsedPeakMb: mb(heapPeak),
    heapUsedEndMb: mb(end.heapUsed),
    loadAverageStart: loadStart,
    loadAverageEnd: loadEnd,
  };
}

/** Engine alone, one typical household, no parsing: households per CPU-second. */
function engineOnly(month: string, iterations: number): number {
  const household: Household = {
    depcom: "92050",
    housing: { status: "locataire", rent: 65000, housingBenefit: 30000 },
    members: [
      {
        id: "a",
        role: "demandeur",
        birthDate: "1990-04-12",
        resources: {
          "2025-03": { salaireNet: 50000 },
          "2025-04": { salaireNet: 50000 },
          "2025-05": { salaireNet: 50000 },
          "2025-06": { salaireNet: 50000 },
        },
      },
      { id: "c1", role: "enfant", birthDate: "2016-09-01" },
      { id: "c2", role: "enfant", birthDate: "2019-02-15" },
    ],
  };
  let sink = 0;
  const engineCpu = process.cpuUsage();
  for (let i = 0; i < iterations; i++)
    sink += simulate(household, month, { explain: false }).results.rsa.amountCents;
  const usage = process.cpuUsage(engineCpu);
  if (sink < 0) throw new Error("unreachable");
  return Math.round(iterations / ((usage.user + usage.system) / 1e6));
}

/** Runs one size in a fresh Node process (same loader flags) and reads its JSON. */
function inChildProcess(args: readonly string[]): Promise<BenchRightsRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), CHILD_FLAG, ...args],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      out += text;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0)
        reject(new Error(`banc rights : le processus enfant a échoué (code ${code})`));
      else resolve(JSON.parse(out) as BenchRightsRun);
    });
  });
}

const CHILD_FLAG = "--one-size";

/** Flat: the larger file's peak is at most 10 % (or 16 MB, for noise) above the smaller one's. */
function verdict(runs: readonly BenchRightsRun[]): { flat: boolean; line: string } {
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (!first || !last || runs.length < 2)
    return { flat: false, line: "une seule taille : pas de comparaison" };
  const within = (a: number, b: number) => b <= Math.max(a * 1.1, a + 16);
  const flat =
    within(first.rssPeakMb, last.rssPeakMb) && within(first.heapUsedPeakMb, last.heapUsedPeakMb);
  const pct = (a: number, b: number) => `${b >= a ? "+" : ""}${Math.round(((b - a) / a) * 100)} %`;
  const n = (h: number) => h.toLocaleString("fr-FR");
  return {
    flat,
    line:
      `${flat ? "mémoire plate" : "mémoire NON plate"} : de ${n(first.households)} à ${n(last.households)} foyers, ` +
      `pic RSS ${first.rssPeakMb} → ${last.rssPeakMb} Mo (${pct(first.rssPeakMb, last.rssPeakMb)}), ` +
      `pic du tas ${first.heapUsedPeakMb} → ${last.heapUsedPeakMb} Mo (${pct(first.heapUsedPeakMb, last.heapUsedPeakMb)})`,
  };
}

export async function benchRights(options: BenchRightsOptions = {}): Promise<BenchRightsResult> {
  const sizes = options.sizes ?? [1_000_000, 2_000_000];
  const month = options.month ?? "2025-06";
  const seed = options.seed ?? 42;
  const runs: BenchRightsRun[] = [];
  for (const [index, size] of sizes.entries()) {
    process.stderr.write(`  rights : ${size.toLocaleString("fr-FR")} foyers…\n`);
    const iterations = index === 0 ? (options.engineOnlyIterations ?? 200_000) : 0;
    runs.push(await inChildProcess([String(size), month, String(seed), String(iterations)]));
  }
  const { flat, line } = verdict(runs);
  return {
    name: "rights",
    month,
    target: 200_000,
    householdsPerSecondPerCore: runs[0]?.householdsPerSecondPerCore ?? 0,
    runs,
    memoryVerdict: line,
    memoryFlat: flat,
    node: process.version,
    cpus: availableParallelism(),
  };
}

// `node --import tsx bench/rights.ts [households…]` runs it alone; the child
// process of one size is started with CHILD_FLAG and prints its run as JSON.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  if (args[0] === CHILD_FLAG) {
    const [size, month, seed, iterations] = args.slice(1);
    measureOneSize(Number(size), month ?? "2025-06", Number(seed), Number(iterations)).then((r) =>
      process.stdout.write(JSON.stringify(r)),
    );
  } else {
    const sizes = args.map(Number).filter((n) => n > 0);
    benchRights(sizes.length > 0 ? { sizes } : {}).then((r) =>
      console.log(JSON.stringify(r, null, 2)),
    );
  }
}
