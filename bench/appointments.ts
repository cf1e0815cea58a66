// 1,000 concurrent booking attempts on 100 free slots, over HTTP, against the
// real `relais start` entry run as separate OS processes: first the default of
// `npm start` (one Relais and its own PostgreSQL server, decision 0012), then,
// when BENCH_DATABASE_URL is set, several app servers sharing one external
// PostgreSQL database, as replicas behind a load balancer would.
// Exactly 100 must succeed, the 900 others must read "Ce créneau vient
// d'être pris", and the table must hold no overlap afterwards. With repeated
// keys (the default), attempts go in identical pairs (same Idempotency-Key,
// same person, same slot) sent 2 ms apart to two different processes, as a
// client retrying after a timeout would: the twin of a booked attempt must
// get that booking back (200), never "pris" (issue 20, item 9). During the
// burst a request that needs no database (/healthz) is sent every 20 ms: its
// longest wait shows whether the server's event loop froze. Prints JSON
// figures; never a timed assertion.
//   npm run bench -- appointments
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres npm run bench -- appointments

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase } from "../src/db/database.ts";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { createLieu, createMotif, createPlage } from "../src/modules/appointments/agenda-admin.ts";
import { isPublicHoliday } from "../src/modules/appointments/holidays.ts";
import { loadTerritory, readTerritory } from "../src/modules/territory/service.ts";
import { createOrganisation, createUser } from "../src/platform/auth/accounts.ts";
import { addDays, isoWeekday, parisDate, parisToDate } from "../src/platform/time/paris.ts";
import { type AppProcesses, startAppProcesses } from "./app-processes.ts";

export interface AppointmentsBenchOptions {
  databaseUrl?: string | undefined;
  instances?: number;
  attempts?: number;
  agents?: number;
  /** Identical pairs of attempts with one Idempotency-Key (default true). */
  repeatedKeys?: boolean;
}

export async function benchAppointments(options: AppointmentsBenchOptions = {}) {
  const attempts = options.attempts ?? 1_000;
  const agents = options.agents ?? 10;
  // The default of `npm start`: one Relais and its own PostgreSQL server
  // (started here, in a folder of its own, with the settings Relais gives it:
  // unix socket, fsync on; decision 0012).
  const repeatedKeys = options.repeatedKeys ?? true;
  const dataDir = mkdtempSync(join(tmpdir(), "relais-bench-race-"));
  const server = await startEmbeddedPostgres(dataDir);
  let embedded: Record<string, unknown>;
  try {
    embedded = await race(
      server.url("postgres"),
      1,
      "postgresql embarqué (défaut)",
      attempts,
      agents,
      repeatedKeys,
    );
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const serverUrl = options.databaseUrl ?? process.env.BENCH_DATABASE_URL;
  const postgres = serverUrl
    ? await race(
        serverUrl,
        options.instances ?? 3,
        "postgresql (DATABASE_URL)",
        attempts,
        agents,
        repeatedKeys,
      )
    : { skipped: "BENCH_DATABASE_URL absent : mesure sur un serveur externe non faite." };
  return { embedded, postgres };
}

async function race(
  serverUrl: string,
  instances: number,
  database: string,
  attempts: number,
  agents: number,
  repeatedKeys: boolean,
) {
  const name = `relais_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const setup = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
  // Ctrl-C or SIGTERM aborts the run instead of killing it, so that the
  // servers are stopped and the database dropped below; then the signal ends the bench.
  const interrupted = new AbortController();
  const interrupt = (signal: NodeJS.Signals) => interrupted.abort(signal);
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  let processes: AppProcesses | undefined;
  let stillRunning = 0;
  let result: Record<string, unknown>;
  try {
    await migrateToLatest(setup.db);
    await loadTerritory(setup.db, readTerritory("92"));
    const now = new Date();
    // A working day at least three days ahead, not a public holiday.
    let day = addDays(parisDate(now), 3);
    while (isoWeekday(day) > 5 || isPublicHoliday(day)) day = addDays(day, 1);
    const organisationId = await createOrganisation(
      setup.db,
      { name: "SST du banc", kind: "sst" },
      now,
    );
    const lieuId = await createLieu(
      setup.db,
      {
        organisationId,
        name: "Accueil du banc",
        address: "1 place du Banc, 92000 Nanterre",
      },
      now,
    );
    const motifId = await createMotif(
      setup.db,
      {
        organisationId,
        name: "Premier accueil social",
        locationKind: "sur_place",
        durationMinutes: 30,
      },
      now,
    );
    // 10 agents × 09:00–14:00 in 30-minute slots = 100 free slots.
    for (let index = 0; index < agents; index++) {
      const agentId = await createUser(
        setup.db,
        {
          email: `agent${index}@banc.relais.test`,
          displayName: `Agent ${index}`,
          password: "mot-de-passe-du-banc-1",
          memberships: [{ organisationId, role: "travailleur_social" }],
        },
        now,
      );
      await createPlage(
        setup.db,
        {
          organisationId,
          agentId,
          lieuId,
          motifIds: [motifId],
          firstDay: day,
          startTime: "09:00",
          endTime: "14:00",
        },
        now,
      );
    }

    interrupted.signal.throwIfAborted();
    processes = await startAppProcesses(
      instances,
      {
        NODE_ENV: "production",
        DATABASE_URL: url.toString(),
        RELAIS_DEMO: "off",
        RELAIS_SECRET: randomBytes(32).toString("base64url"),
        RELAIS_DOCUMENTS_KEY: randomBytes(32).toString("base64"),
        RELAIS_DATA_DIR: "/tmp/relais-bench-unused",
        LOG_LEVEL: "warn",
      },
      interrupted.signal,
    );
    const origins = processes.origins;

    const from = parisToDate(day, "00:00").toISOString();
    const to = parisToDate(addDays(day, 1), "00:00").toISOString();
    const listed = (await (
      await fetch(
        `${origins[0]}/api/v1/slots?motif=${motifId}&lieu=${lieuId}&from=${from}&to=${to}`,
      )
    ).json()) as { creneaux: { debut: string; agent_id: string; lieu_id: string }[] };
    const slots = listed.creneaux;

    const latencies: number[] = [];
    const outcomes = { booked: 0, replayed: 0, slotTaken: 0, other: 0 };
    /** The statuses answered to each key: a 201 next to a 409 is a twin refused its own booking. */
    const statusesByKey = new Map<string, number[]>();
    const otherSamples: string[] = [];
    const loadBefore = loadavg();
    const cpuBefore = cpus();
    const serversCpuBefore = processes.cpuSeconds();
    const benchCpuBefore = process.cpuUsage();
    const started = performance.now();
    // A request that needs no database (/healthz), every 20 ms during the
    // burst: its longest wait is how long the server's event loop froze.
    const probeWaits: number[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const sent = performance.now();
        try {
          await (await fetch(`${origins[0]}/healthz`)).text();
          probeWaits.push(performance.now() - sent);
        } catch {
          probeWaits.push(Number.POSITIVE_INFINITY);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    let networkErrors = 0;
    let serverErrors5xx = 0;
    await Promise.all(
      Array.from({ length: attempts }, async (_, index) => {
        try {
          await attempt(index);
        } catch (error) {
          if (interrupted.signal.aborted) throw error;
          networkErrors++;
          if (otherSamples.length < 5) otherSamples.push(String(error));
        }
      }),
    );
    probing = false;
    await probe;
    async function attempt(index: number) {
      {
        // With repeated keys, attempts 2k and 2k+1 are twins: one request, sent twice.
        const request = repeatedKeys ? Math.floor(index / 2) : index;
        const slot = slots[request % slots.length];
        if (!slot) return;
        const origin = origins[index % origins.length];
        if (repeatedKeys && index % 2 === 1) await new Promise((r) => setTimeout(r, 2));
        const key = `banc-${request}-${name}`;
        const sent = performance.now();
        const response = await fetch(`${origin}/api/v1/bookings`, {
          method: "POST",
          signal: interrupted.signal,
          headers: {
            "content-type": "application/json",
            "idempotency-key": key,
            // One resident per request: the API limits booking attempts per address.
            "x-forwarded-for": `198.18.${Math.floor(request / 250)}.${(request % 250) + 1}`,
          },
          body: JSON.stringify({
            motif_id: motifId,
            agent_id: slot.agent_id,
            lieu_id: slot.lieu_id,
            debut: slot.debut,
            nom: `Personne ${request}`,
            telephone: "06 12 34 56 78",
            consentement: true,
          }),
        });
        const body = (await response.json()) as { error?: { message: string } };
        latencies.push(performance.now() - sent);
        statusesByKey.set(key, [...(statusesByKey.get(key) ?? []), response.status]);
        if (response.status >= 500) serverErrors5xx++;
        if (response.status === 201) outcomes.booked++;
        else if (response.status === 200) outcomes.replayed++;
        else if (response.status === 409 && /vient d'être pris/i.test(body.error?.message ?? "")) {
          outcomes.slotTaken++;
        } else {
          outcomes.other++;
          if (otherSamples.length < 5)
            otherSamples.push(`${response.status} ${body.error?.message}`);
        }
      }
    }
    const elapsedMs = performance.now() - started;
    // What the servers logged about unexpected answers (LOG_LEVEL=warn keeps only those).
    const serverErrors = processes
      .output()
      .flatMap((text) => text.split("\n"))
      .filter((line) => line.startsWith("{"))
      .slice(0, 5);
    const serversCpuSeconds = processes.cpuSeconds().map((after, index) => {
      const before = serversCpuBefore[index];
      return after === undefined || before === undefined ? undefined : after - before;
    });
    const machine = machineLoad(cpuBefore, loadBefore, elapsedMs, {
      servers: serversCpuSeconds,
      bench: process.cpuUsage(benchCpuBefore),
    });
    // CPU time the Relais processes spent per attempt (and per /healthz probe,
    // a negligible share): unlike the waits, it barely depends on what else
    // the machine runs, so it compares runs made on a busy machine.
    const serverCpuSeconds = serversCpuSeconds.reduce<number>((sum, s) => sum + (s ?? 0), 0);

    const rows = await setup.db
      .selectFrom("rdv")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const overlaps = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM rdv a JOIN rdv b
        ON a.agent_id = b.agent_id AND a.id < b.id
       AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
       AND a.status NOT IN ('excused', 'revoked') AND b.status NOT IN ('excused', 'revoked')`.execute(
      setup.db,
    );
    latencies.sort((a, b) => a - b);
    const percentile = (p: number) =>
      Math.round(
        (latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0) * 10,
      ) / 10;
    result = {
      name: "rendez-vous : 1 000 tentatives concurrentes sur 100 créneaux, en HTTP",
      database,
      appProcesses: instances,
      appProcessIds: processes.pids,
      freeSlots: slots.length,
      attempts,
      repeatedKeys,
      booked: outcomes.booked,
      replayedForTwin: outcomes.replayed,
      slotTaken: outcomes.slotTaken,
      twinsRefusedTheirOwnBooking: [...statusesByKey.values()].filter(
        (statuses) => statuses.includes(201) && statuses.includes(409),
      ).length,
      otherAnswers: outcomes.other,
      otherSamples,
      serverErrors,
      rowsInTable: Number(rows.n),
      overlapsInTable: overlaps.rows[0]?.n ?? -1,
      exactlyOnePerSlot: outcomes.booked === slots.length && Number(rows.n) === slots.length,
      elapsedMs: Math.round(elapsedMs),
      requestsPerSecond: Math.round((attempts / elapsedMs) * 1000),
      p50Ms: percentile(0.5),
      p95Ms: percentile(0.95),
      p99Ms: percentile(0.99),
      maxMs: percentile(1),
      networkErrors,
      serverErrors5xx,
      noDatabaseRequestLongestWaitMs: Math.round(Math.max(0, ...probeWaits)),
      noDatabaseRequests: probeWaits.length,
      serverCpuMsPerAttempt: Math.round((serverCpuSeconds * 1000 * 100) / attempts) / 100,
      machine,
    };
  } finally {
    if (processes) stillRunning = (await processes.stop()).stillRunning;
    await setup.close();
    const cleaner = new pg.Client({ connectionString: serverUrl });
    await cleaner.connect();
    await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleaner.end();
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    if (interrupted.signal.aborted) process.kill(process.pid, interrupted.signal.reason);
  }
  // Stopped servers are checked, not assumed: the figure belongs to the result.
  return { ...result, serverProcessesLeftRunning: stillRunning };
}

/** The machine during the burst: load average, busy share of all cores, CPU of each process. */
function machineLoad(
  cpuBefore: ReturnType<typeof cpus>,
  loadBefore: number[],
  elapsedMs: number,
  used: { servers: (number | undefined)[]; bench: NodeJS.CpuUsage },
) {
  const ticks = (list: ReturnType<typeof cpus>) =>
    list.reduce(
      (sum, cpu) => {
        const { idle, ...busy } = cpu.times;
        return {
          idle: sum.idle + idle,
          busy: sum.busy + Object.values(busy).reduce((a, b) => a + b, 0),
        };
      },
      { idle: 0, busy: 0 },
    );
  const before = ticks(cpuBefore);
  const after = ticks(cpus());
  const busy = after.busy - before.busy;
  const total = busy + after.idle - before.idle;
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    cores: cpuBefore.length,
    loadAverageBefore: loadBefore.map(round),
    loadAverageAfter: loadavg().map(round),
    coresBusyDuringBurstPercent: total > 0 ? Math.round((busy / total) * 100) : undefined,
    // CPU seconds over the burst's wall-clock seconds: 1.0 is one core kept busy.
    serverProcessesCores: used.servers.map((seconds) =>
      seconds === undefined ? undefined : round(seconds / (elapsedMs / 1000)),
    ),
    benchClientCores: round((used.bench.user + used.bench.system) / 1000 / elapsedMs),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchAppointments(), null, 2));
}
