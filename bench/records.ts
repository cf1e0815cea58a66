// Shared record at département scale on PostgreSQL: 100,000 persons, their
// parcours, 1,000,000 notes, one structure with 500 travailleurs sociaux.
// Measures p95 of opening a record (with its audit write, in one transaction)
// and of the responsable's caseload dashboard. Needs BENCH_DATABASE_URL; a
// fresh database is created on that server and dropped afterwards.

import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { caseloadDashboard, openRecord } from "../src/modules/records/service.ts";
import type { UserActor } from "../src/platform/access/actor.ts";

export type RecordsBenchOptions = {
  persons?: number;
  notesPerPerson?: number;
  workers?: number;
  runs?: number;
};

function p(values: number[], quantile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
  return Math.round((sorted[index] ?? 0) * 100) / 100;
}

export async function benchRecords(options: RecordsBenchOptions = {}) {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl)
    return { skipped: "BENCH_DATABASE_URL absent : ce banc demande un serveur PostgreSQL" };
  const persons = options.persons ?? 100_000;
  const notesPerPerson = options.notesPerPerson ?? 10;
  const workers = options.workers ?? 500;
  const runs = options.runs ?? 200;
  const name = `relais_bench_records_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 4 });
  const { db } = opened;
  try {
    const loadStarted = performance.now();
    await migrateToLatest(db);
    const org = await db
      .insertInto("organisation")
      .values({ name: "SST banc", kind: "sst" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql`INSERT INTO app_user (email, display_name)
      SELECT 'ts' || i || '@banc.test', 'Travailleur ' || i FROM generate_series(1, ${workers}) i`.execute(
      db,
    );
    await sql`INSERT INTO membership (user_id, organisation_id, role)
      SELECT id, ${org.id}::uuid, 'travailleur_social' FROM app_user WHERE email LIKE 'ts%@banc.test'`.execute(
      db,
    );
    const responsable = await db
      .insertInto("app_user")
      .values({ email: "resp@banc.test", display_name: "Responsable" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("membership")
      .values({ user_id: responsable.id, organisation_id: org.id, role: "responsable_structure" })
      .execute();
    await sql`INSERT INTO person (last_name, first_name, birth_date, search_name)
      SELECT 'Nom' || i, 'Prenom' || i, date '1950-01-01' + (i % 20000), 'nom' || i || ' prenom' || i
      FROM generate_series(1, ${persons}) i`.execute(db);
    await sql`INSERT INTO person_consent (person_id, organisation_id, scope, collected_at)
      SELECT id, ${org.id}::uuid, 'suivi_sante', now() FROM person`.execute(db);
    await sql`WITH w AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS k FROM app_user WHERE email LIKE 'ts%@banc.test'),
                   p AS (SELECT id, (row_number() OVER (ORDER BY id) - 1) % ${workers} AS k FROM person)
      INSERT INTO parcours (person_id, referent_user_id, referent_organisation_id, opened_at, last_contact_at)
      SELECT p.id, w.id, ${org.id}::uuid, now() - interval '1 year', now() FROM p JOIN w USING (k)`.execute(
      db,
    );
    await sql`INSERT INTO parcours_member (parcours_id, organisation_id, joined_at) SELECT id, ${org.id}::uuid, now() FROM parcours`.execute(
      db,
    );
    await sql`INSERT INTO parcours_note (parcours_id, contact_date, body, is_sensitive, created_at)
      SELECT p.id, current_date - n * 7, 'Entretien de suivi n° ' || n || ' : démarches logement et budget.', n % 5 = 0, now()
      FROM parcours p CROSS JOIN generate_series(1, ${notesPerPerson}) n`.execute(db);
    await sql`ANALYZE`.execute(db);
    const loadSeconds = Math.round(performance.now() - loadStarted) / 1000;

    const memberships = [
      { organisationId: org.id, organisationName: "SST banc", organisationKind: "sst" as const },
    ];
    const workerRow = await db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", "ts1@banc.test")
      .executeTakeFirstOrThrow();
    const parcoursIds = (
      await sql<{ id: string }>`SELECT id FROM parcours ORDER BY random() LIMIT ${runs}`.execute(db)
    ).rows.map((r) => r.id);
    const open: number[] = [];
    for (const id of parcoursIds) {
      const actor: UserActor = {
        kind: "user",
        userId: workerRow.id,
        email: "ts1@banc.test",
        displayName: "TS",
        memberships: [{ ...memberships[0]!, role: "travailleur_social" }],
      };
      const started = performance.now();
      await openRecord(db, actor, id, { now: new Date() });
      open.push(performance.now() - started);
    }
    const dashboard: number[] = [];
    for (let i = 0; i < Math.max(20, runs / 4); i++) {
      const actor: UserActor = {
        kind: "user",
        userId: responsable.id,
        email: "resp@banc.test",
        displayName: "R",
        memberships: [{ ...memberships[0]!, role: "responsable_structure" }],
      };
      const started = performance.now();
      const result = await caseloadDashboard(db, actor, org.id);
      dashboard.push(performance.now() - started);
      if (result.workers.length !== workers) throw new Error("tableau de charge incomplet");
    }
    return {
      persons,
      notes: persons * notesPerPerson,
      workers,
      loadSeconds,
      openRecordMs: { runs: open.length, p50: p(open, 0.5), p95: p(open, 0.95) },
      caseloadDashboardMs: {
        runs: dashboard.length,
        p50: p(dashboard, 0.5),
        p95: p(dashboard, 0.95),
      },
    };
  } finally {
    await opened.close();
    const cleaner = new pg.Client({ connectionString: serverUrl });
    await cleaner.connect();
    await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleaner.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.stdout.write(`${JSON.stringify(await benchRecords(), null, 2)}\n`);
}
