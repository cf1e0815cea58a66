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
// longest wait shows whether the server's event loop froze. The statements
// each kind of attempt sends (booked, refused, replayed) are counted on the
// real app in this process; the statements of the whole burst, job worker
// included, by pg_stat_statements on the embedded server. Prints JSON
// figures; never a timed assertion.
// RELAIS_POSTGRES_NICE sets the embedded server's priority as it does for
// `relais start` (decision 0012); RELAIS_DATABASE_POOL the servers' pools.
//   npm run bench -- appointments
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres npm run bench -- appointments

import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { createApp } from "../src/app.tsx";
import { loadConfig } from "../src/config.ts";
import { type Db, openDatabase } from "../src/db/database.ts";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { createLieu, createMotif, createPlage } from "../src/modules/appointments/agenda-admin.ts";
import { isPublicHoliday } from "../src/modules/appointments/holidays.ts";
import { loadTerritory, readTerritory } from "../src/modules/territory/service.ts";
import { verifyAuditChain } from "../src/platform/audit/audit.ts";
import { createOrganisation, createUser } from "../src/platform/auth/accounts.ts";
import { createLogger } from "../src/platform/log/logger.ts";
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
  const server = await startEmbeddedPostgres(dataDir, {
    // What `relais start` would give it (RELAIS_POSTGRES_NICE), and statement counts.
    nice: loadConfig({ ...process.env, RELAIS_SECRET: "x".repeat(32) }).postgresNice,
    settings: { shared_preload_libraries: "pg_stat_statements" },
  });
  let embedded: Record<string, unknown>;
  try {
    embedded = await race(
      server.url("postgres"),
      1,
      "postgresql embarqué (défaut)",
      attempts,
      agents,
      repeatedKeys,
      server.pid,
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
  serverPid?: number,
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
    // Absent on an external server without the library preloaded: then no burst count.
    const counting = await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`
      .execute(setup.db)
      .then(() => true)
      .catch(() => false);
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

    // One slot on the next working day, for counting the statements of each
    // kind of attempt (the burst lists and books only \`day\`).
    let calibrationDay = addDays(day, 1);
    while (isoWeekday(calibrationDay) > 5 || isPublicHoliday(calibrationDay)) {
      calibrationDay = addDays(calibrationDay, 1);
    }
    const calibrationAgent = await createUser(
      setup.db,
      {
        email: `agent-compte@banc.relais.test`,
        displayName: "Agent du compte",
        password: "mot-de-passe-du-banc-1",
        memberships: [{ organisationId, role: "travailleur_social" }],
      },
      now,
    );
    await createPlage(
      setup.db,
      {
        organisationId,
        agentId: calibrationAgent,
        lieuId,
        motifIds: [motifId],
        firstDay: calibrationDay,
        startTime: "09:00",
        endTime: "09:30",
      },
      now,
    );
    const statementsPerPath = await countStatementsPerPath(url.toString(), {
      motifId,
      lieuId,
      agentId: calibrationAgent,
      start: parisToDate(calibrationDay, "09:00"),
    });

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
        ...(process.env.RELAIS_DATABASE_POOL
          ? { RELAIS_DATABASE_POOL: process.env.RELAIS_DATABASE_POOL }
          : {}),
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
    if (counting) await sql`SELECT pg_stat_statements_reset()`.execute(setup.db);
    const loadBefore = loadavg();
    const cpuBefore = cpus();
    const serversCpuBefore = processes.cpuSeconds();
    const preemptionsBefore = processes.preemptions();
    const benchCpuBefore = process.cpuUsage();
    const started = performance.now();
    // A request that needs no database (/healthz), every 20 ms during the
    // burst: its longest wait is how long the server's event loop froze. It is
    // sent from a thread of its own, as a supervisor would probe from outside:
    // in this thread it would also wait for this process to create the 1,000
    // requests of the burst (a probe here, measured the same day: first wait
    // 296 ms, while the same probe from its own thread waited much less). A
    // probe that fails is counted apart, with its error: on a loaded machine
    // the client may reuse a keep-alive connection the server has just
    // closed (ECONNRESET), which says nothing of the event loop.
    const prober = new Worker(PROBE_THREAD, {
      eval: true,
      workerData: { url: `${origins[0]}/healthz`, everyMs: 20 },
    });
    const probed = new Promise<{ waits: [number, number][]; failures: string[] }>((resolve) =>
      prober.once("message", resolve),
    );
    await new Promise((resolve) => prober.once("online", resolve));
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
    prober.postMessage("stop");
    const { waits: probed_, failures: probeFailures } = await probed;
    await prober.terminate();
    const startedAt = performance.timeOrigin + started;
    const probeWaits = probed_.map(([, wait]) => wait);
    const longest = probed_.reduce<[number, number]>((a, b) => (b[1] > a[1] ? b : a), [0, 0]);
    const longestWaitAt = Math.max(0, longest[0] - startedAt);
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
    const preemptions = processes.preemptions().map((after, index) => {
      const before = preemptionsBefore[index];
      return after === undefined || before === undefined ? undefined : after - before;
    });
    // Every statement of the burst on this database: the app's and its job worker's.
    const burstStatements = counting ? await statementsSinceReset(setup.db) : undefined;
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
    const audit = await verifyAuditChain(setup.db);
    const bookedEvents = await setup.db
      .selectFrom("audit_event")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "rdv.booked")
      .executeTakeFirstOrThrow();
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
      noDatabaseRequestLongestWaitAtMs: Math.round(longestWaitAt),
      noDatabaseRequests: probeWaits.length + probeFailures.length,
      /** Every probe's wait (ms), in the order sent: the first one leaves with the burst. */
      noDatabaseRequestWaitsMs: probeWaits.map((wait) => Math.round(wait)),
      noDatabaseRequestFailures: probeFailures.length,
      noDatabaseRequestFailureSample: probeFailures[0],
      // The main thread only: times the kernel took the CPU from the event loop (other threads excluded).
      serverPreemptions: preemptions,
      serverCpuMsPerAttempt: Math.round((serverCpuSeconds * 1000 * 100) / attempts) / 100,
      statementsPerAttempt: burstStatements
        ? Math.round((burstStatements.total / attempts) * 100) / 100
        : undefined,
      statementsPerPath,
      burstStatementsTop: burstStatements?.top,
      auditChain: audit.ok
        ? { intact: true, events: audit.events, bookedEvents: Number(bookedEvents.n) }
        : { intact: false, brokenAt: audit.brokenAt, reason: audit.reason },
      postgresNice: serverPid === undefined ? undefined : processNice(serverPid),
      databasePool: process.env.RELAIS_DATABASE_POOL ?? "défaut",
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

/**
 * The statements (round trips, BEGIN and COMMIT included) that one booked,
 * one refused ("pris") and one replayed attempt send, through the real app
 * (createApp) in this process, counted by Kysely's query log: no job worker
 * runs here, so nothing else is counted.
 */
async function countStatementsPerPath(
  url: string,
  slot: { motifId: string; lieuId: string; agentId: string; start: Date },
) {
  let statements: string[] = [];
  const db: Db = new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
    log: (event) => {
      statements.push(event.query.sql.replace(/\s+/g, " ").slice(0, 60));
    },
  });
  const app = createApp({
    db,
    databaseKind: "postgres",
    config: loadConfig({
      NODE_ENV: "production",
      RELAIS_SECRET: randomBytes(32).toString("base64url"),
      RELAIS_DOCUMENTS_KEY: randomBytes(32).toString("base64"),
      RELAIS_DATA_DIR: "/tmp/relais-bench-unused",
    }),
    logger: createLogger("silent", {}),
    territoryName: "Hauts-de-Seine",
    now: () => new Date(),
  });
  const post = async (key: string, person: string) => {
    statements = [];
    const response = await app.request("/api/v1/bookings", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "idempotency-key": key,
        "x-forwarded-for": "198.19.0.1",
      },
      body: JSON.stringify({
        motif_id: slot.motifId,
        agent_id: slot.agentId,
        lieu_id: slot.lieuId,
        debut: slot.start.toISOString(),
        nom: person,
        telephone: "06 12 34 56 78",
        consentement: true,
      }),
    });
    await response.text();
    return { status: response.status, statements: statements.length, sent: statements };
  };
  try {
    const booked = await post("compte-reserve", "Personne comptée");
    const refused = await post("compte-refuse", "Autre personne");
    const replayed = await post("compte-reserve", "Personne comptée");
    return { booked, refused, replayed };
  } finally {
    await db.destroy();
  }
}

/** Calls of every statement on this database since pg_stat_statements_reset(), and the most frequent. */
async function statementsSinceReset(db: Db) {
  const rows = await sql<{ calls: number; query: string }>`
    SELECT calls::int AS calls, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 70) AS query
      FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND query NOT LIKE '%pg_stat_statements%'
     ORDER BY calls DESC`.execute(db);
  return {
    total: rows.rows.reduce((sum, row) => sum + row.calls, 0),
    top: rows.rows.slice(0, 15).map((row) => `${row.calls} × ${row.query}`),
  };
}

/** The nice value of a process (Linux /proc), and of its autogroup when there is one. */
function processNice(pid: number): { process?: number; autogroup?: string } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    let autogroup: string | undefined;
    try {
      autogroup = readFileSync(`/proc/${pid}/autogroup`, "utf8").trim();
    } catch {
      autogroup = undefined;
    }
    return { process: Number(fields[16]), ...(autogroup ? { autogroup } : {}) };
  } catch {
    return {};
  }
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

/**
 * The /healthz prober, in a thread of its own: [absolute send time, wait] in
 * ms for each probe, every `everyMs`, until the main thread says stop.
 */
const PROBE_THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
let probing = true;
parentPort.once("message", () => { probing = false; });
(async () => {
  const waits = [];
  const failures = [];
  while (probing) {
    const sent = performance.timeOrigin + performance.now();
    try {
      await (await fetch(workerData.url)).text();
      waits.push([sent, performance.timeOrigin + performance.now() - sent]);
    } catch (error) {
      failures.push(String(error.cause ?? error));
    }
    await new Promise((resolve) => setTimeout(resolve, workerData.everyMs));
  }
  parentPort.postMessage({ waits, failures });
})();
`;
