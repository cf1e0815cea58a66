import { existsSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * `npm run bench [-- name…]`: runs the benchmarks and prints one JSON document
 * with the machine's conditions. Performance is measured here, never in tests.
 */
const BENCHES: Record<string, { file: string; run: string }> = {
  startup: { file: "startup.ts", run: "benchStartup" },
  slots: { file: "slots.ts", run: "benchSlots" },
  rights: { file: "rights.ts", run: "benchRights" },
  directory: { file: "directory.ts", run: "benchDirectory" },
  appointments: { file: "appointments.ts", run: "benchAppointments" },
  records: { file: "records.ts", run: "benchRecords" },
  audit: { file: "audit.ts", run: "benchAudit" },
  steering: { file: "steering.ts", run: "benchSteering" },
  espace: { file: "espace.ts", run: "benchEspace" },
};

const selected = process.argv.slice(2).filter((name) => !name.startsWith("-"));
const names = selected.length > 0 ? selected : Object.keys(BENCHES);
const results: Record<string, unknown> = {};

for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    results[name] = { error: `banc inconnu ; connus : ${Object.keys(BENCHES).join(", ")}` };
    continue;
  }
  const file = join(import.meta.dirname, bench.file);
  if (!existsSync(file)) {
    results[name] = { skipped: "pas encore écrit" };
    continue;
  }
  const module = (await import(pathToFileURL(file).href)) as Record<
    string,
    (options?: unknown) => unknown
  >;
  const run = module[bench.run];
  if (typeof run !== "function") {
    results[name] = { error: `${bench.file} n'exporte pas ${bench.run}` };
    continue;
  }
  process.stderr.write(`banc ${name}…\n`);
  const started = performance.now();
  try {
    results[name] = {
      ...((await run({})) as object),
      benchSeconds: Math.round(performance.now() - started) / 1000,
    };
  } catch (error) {
    results[name] = { error: error instanceof Error ? error.message : String(error) };
  }
}

const cpu = cpus();
process.stdout.write(
  `${JSON.stringify(
    {
      machine: {
        date: new Date().toISOString(),
        node: process.version,
        cpu: cpu[0]?.model,
        cores: cpu.length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        freeMemoryGiB: Math.round(freemem() / 2 ** 30),
        loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
        databaseUrl: process.env.BENCH_DATABASE_URL ? "set" : "unset (PostgreSQL benches skipped)",
      },
      results,
    },
    null,
    2,
  )}\n`,
);
