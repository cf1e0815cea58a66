import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { runNonTakeUp } from "../src/modules/rights/batch.ts";
import { simulate } from "../src/modules/rights/engine.ts";
import type { Household } from "../src/modules/rights/household.ts";
import { syntheticChunks } from "../src/modules/rights/synthetic.ts";

/**
 * Rights engine benchmark: households per second on one core for the eight
 * benefits, over N synthetic households streamed as CSV bytes (decode + parse + simulate +
 * non-take-up + summary by commune), and the peak resident memory sampled
 * while it runs. A second figure times the engine alone on one household.
 * The machine may be shared: the rate per CPU-second of this process
 * (`process.cpuUsage()`, user + system, every thread of the process) is the
 * per-core figure; the wall-clock rate and the load average before and after
 * say how busy the machine was.
 * Returns a JSON-serialisable object; `npm run bench` prints it.
 */

export interface BenchRightsOptions {
  /** Number of households (default 1,000,000). */
  readonly households?: number;
  /** Month simulated (default "2025-06"). */
  readonly month?: string;
  readonly seed?: number;
  /** Households in the engine-only loop (default 200,000). */
  readonly engineOnlyIterations?: number;
}

export interface BenchRightsResult {
  readonly name: "rights";
  readonly month: string;
  readonly households: number;
  readonly seconds: number;
  /** Households per CPU-second of this process (user + system): per core, whatever else the machine runs. */
  readonly householdsPerSecondPerCore: number;
  /** Households per wall-clock second (lower when the machine is shared). */
  readonly householdsPerSecondWallClock: number;
  readonly cpuSeconds: number;
  /** CPU microseconds per household (user + system). */
  readonly cpuMicrosecondsPerHousehold: number;
  readonly target: number;
  readonly engineOnlyHouseholdsPerSecond: number;
  readonly householdsWithFindings: number;
  readonly rowErrors: number;
  readonly communes: number;
  readonly rssStartMb: number;
  readonly rssPeakMb: number;
  readonly rssEndMb: number;
  readonly heapUsedEndMb: number;
  readonly node: string;
  readonly cpus: number;
  /** os.loadavg() (1, 5, 15 minutes) before and after the timed run. */
  readonly loadAverageStart: readonly number[];
  readonly loadAverageEnd: readonly number[];
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

export async function benchRights(options: BenchRightsOptions = {}): Promise<BenchRightsResult> {
  const households = options.households ?? 1_000_000;
  const month = options.month ?? "2025-06";
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > rssPeak) rssPeak = rss;
  };
  const timer = setInterval(sample, 50);
  timer.unref();

  // Warm-up (JIT) on a small file, not counted.
  await runNonTakeUp(asBytes(syntheticChunks(20_000, { month, seed: 1 })), { month });

  // The batch runs on one thread: households per second is per core.
  let seen = 0;
  const loadStart = loadavg().map(round2);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const summary = await runNonTakeUp(
    asBytes(syntheticChunks(households, { month, seed: options.seed ?? 42 })),
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

  // Engine alone, one typical household, no parsing.
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
  const iterations = options.engineOnlyIterations ?? 200_000;
  let sink = 0;
  const engineCpu = process.cpuUsage();
  for (let i = 0; i < iterations; i++)
    sink += simulate(household, month, { explain: false }).results.rsa.amountCents;
  const engineUsage = process.cpuUsage(engineCpu);
  const engineSeconds = (engineUsage.user + engineUsage.system) / 1e6;
  if (sink < 0) throw new Error("unreachable");

  const end = process.memoryUsage();
  return {
    name: "rights",
    month,
    households: summary.households,
    seconds: Math.round(seconds * 1000) / 1000,
    householdsPerSecondPerCore: Math.round(summary.households / cpuSeconds),
    householdsPerSecondWallClock: Math.round(summary.households / seconds),
    cpuSeconds: Math.round(cpuSeconds * 1000) / 1000,
    cpuMicrosecondsPerHousehold: round2((cpuSeconds * 1e6) / summary.households),
    target: 200_000,
    engineOnlyHouseholdsPerSecond: Math.round(iterations / engineSeconds),
    householdsWithFindings: summary.householdsWithFindings,
    rowErrors: summary.errorCount,
    communes: summary.byCommune.size,
    rssStartMb: mb(rssStart),
    rssPeakMb: mb(rssPeak),
    rssEndMb: mb(end.rss),
    heapUsedEndMb: mb(end.heapUsed),
    node: process.version,
    cpus: availableParallelism(),
    loadAverageStart: loadStart,
    loadAverageEnd: loadEnd,
  };
}

// `node --import tsx bench/rights.ts [households]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  benchRights(n ? { households: n } : {}).then((r) => console.log(JSON.stringify(r, null, 2)));
}
