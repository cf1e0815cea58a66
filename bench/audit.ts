// The audit viewer on a large trail: 1,000,000 chained events (written by
// recordAuditBatch, so that the chain verifies), 2,000 accounts in 200
// organisations, 100,000 persons, a year of dates. Measures one page (50
// events, newest first) for each filter of /admin/journal, a deep page, a
// 10,000-row export, the checkpoint's head read and a full verification of
// the chain. Uses BENCH_DATABASE_URL when given, otherwise starts an embedded
// PostgreSQL server of its own in a temporary folder.

import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase } from "../src/db/database.ts";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import type { AuditAction } from "../src/platform/audit/actions.ts";
import {
  type AuditEventInput,
  recordAuditBatch,
  verifyAuditChain,
} from "../src/platform/audit/audit.ts";
import { readChainHead } from "../src/platform/audit/checkpoint.ts";
import {
  criteriaFrom,
  exportJournal,
  type JournalCriteria,
  searchJournal,
} from "../src/platform/audit/journal.ts";
import { percentile } from "./latency.ts";

export type AuditBenchOptions = { events?: number; runs?: number };

const ACTIONS = [
  "person.read_identity",
  "person.list",
  "parcours.read",
  "parcours.situation.update",
  "note.create",
  "document.read",
  "orientation.create",
  "rdv.booked",
  "rdv.agenda.read",
  "rdv.cancelled",
  "session.login",
  "consent.record",
];

const progress = (message: string) => process.stderr.write(`  audit: ${message}\n`);

async function timed(runs: number, work: () => Promise<unknown>) {
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    latencies.push(performance.now() - started);
  }
  const sorted = latencies.sort((a, b) => a - b);
  return { runs, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
}

export async function benchAudit(options: AuditBenchOptions = {}) {
  const total = options.events ?? 1_000_000;
  const runs = options.runs ?? 20;
  let serverUrl = process.env.BENCH_DATABASE_URL;
  let stopServer = async () => {};
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), "relais-bench-audit-"));
    const server = await startEmbeddedPostgres(dataDir, { durable: false });
    serverUrl = server.url("postgres");
    stopServer = async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const name = `relais_bench_audit_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 4 });
  const { db } = opened;
  try {
    await migrateToLatest(db);
    const organisations = Array.from({ length: 200 }, () => randomUUID());
    const users = Array.from({ length: 2_000 }, (_, index) => ({
      id: randomUUID(),
      organisationId: organisations[index % organisations.length] as string,
    }));
    const persons = Array.from({ length: 100_000 }, () => randomUUID());
    // A year of events, in order: the clock moves forward with the sequence.
    const start = Date.UTC(2026, 0, 1);
    const step = (365 * 86_400_000) / total;
    progress(`écriture de ${total} événements chaînés…`);
    const loadStarted = performance.now();
    const batch = 10_000;
    for (let offset = 0; offset < total; offset += batch) {
      const inputs: AuditEventInput[] = [];
      for (let index = offset; index < Math.min(total, offset + batch); index++) {
        const user = users[(index * 7919) % users.length];
        const person = persons[(index * 104_729) % persons.length];
        const action = ACTIONS[(index * 31) % ACTIONS.length] as AuditAction;
        inputs.push({
          actor: { userId: user?.id ?? null, organisationId: user?.organisationId ?? null },
          action,
          subjectType: "parcours",
          subjectId: person ?? null,
          personId: action.startsWith("session.") ? null : (person ?? null),
          details: { index },
          at: new Date(start + index * step),
        });
      }
      await db.transaction().execute((tx) => recordAuditBatch(tx, inputs));
      if ((offset / batch) % 20 === 0) progress(`${offset + inputs.length} événements`);
    }
    const loadSeconds = Math.round(performance.now() - loadStarted) / 1000;
    await sql`ANALYZE audit_event`.execute(db);

    const someUser = users[42] as (typeof users)[number];
    const somePerson = persons[4242] as string;
    const page = (criteria: JournalCriteria, cursor = {}) =>
      timed(runs, () => searchJournal(db, criteria, cursor));
    progress("mesures…");
    const measures = {
      firstPageNoFilter: await page({}),
      byPerson: await page({ personId: somePerson }),
      byRecord: await page({ subjectId: somePerson }),
      byUser: await page({ userId: someUser.id }),
      byOrganisation: await page({ organisationId: someUser.organisationId }),
      byActionPrefixCommon: await page({ actionPrefix: "person." }),
      byActionExactRare: await page({ actionPrefix: "rdv.cancelled" }),
      byOneDay: await page(await criteriaFrom(db, { du: "2026-06-15", au: "2026-06-15" })),
      byOrganisationAndMonth: await page({
        ...(await criteriaFrom(db, { du: "2026-03-01", au: "2026-03-31" })),
        organisationId: someUser.organisationId,
      }),
      byUserAndAction: await page({ userId: someUser.id, actionPrefix: "note." }),
      deepPageWithActionFilter: await page(
        { actionPrefix: "parcours." },
        { before: Math.floor(total / 2) },
      ),
      export10000Rows: await timed(3, async () => {
        let rows = 0;
        for await (const _ of exportJournal(db, { actionPrefix: "person." }, 10_000)) rows++;
        return rows;
      }),
      checkpointHead: await timed(runs, () => readChainHead(db)),
    };
    progress("vérification de toute la chaîne…");
    const verifyStarted = performance.now();
    const verification = await verifyAuditChain(db);
    const verifySeconds = Math.round(performance.now() - verifyStarted) / 1000;
    return {
      database: process.env.BENCH_DATABASE_URL ? "BENCH_DATABASE_URL" : "embarquée, temporaire",
      events: total,
      loadSeconds,
      pageSize: 50,
      measures,
      fullChainVerification: { ok: verification.ok, seconds: verifySeconds },
    };
  } finally {
    await opened.close();
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
    await stopServer();
  }
}
