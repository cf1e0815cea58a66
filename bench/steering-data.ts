// The steering bench's data set, built in SQL on PostgreSQL: 100 indicators
// with a value for each of the 36 communes of the 92 (and the département)
// every month for 10 years; and, for the job that computes Relais's own
// indicators, 36 structures (one per commune, each with a place, a motif and
// its travailleurs sociaux), 100,000 persons with their parcours, orientations
// and 1,000,000 appointments spread over the two years the retention keeps.
// Draws come from hashes of row numbers: the same data on every run.

import { sql } from "kysely";
import type { Db } from "../src/db/database.ts";

/** A reproducible draw in [0, 1) from a row number and a salt. */
const draw = (row: string, salt: string) =>
  sql.raw(`((hashtext((${row})::text || '${salt}')::bigint + 2147483648) / 4294967296.0)`);

export type SteeringDataSize = {
  indicators: number;
  months: number;
  persons: number;
  appointments: number;
  workersPerStructure: number;
};

/** Adds indicators up to `size.indicators` and a value per commune and month for each. */
export async function seedIndicatorValues(
  db: Db,
  size: Pick<SteeringDataSize, "indicators" | "months">,
  now: Date,
) {
  const at = sql`${now}::timestamptz`;
  const existing = Number(
    (
      await db
        .selectFrom("steering_indicator")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const missing = Math.max(0, size.indicators - existing);
  await sql`INSERT INTO steering_indicator (code, family, name, unit, geographic_level, created_at)
    SELECT 'BANC' || lpad(i::text, 3, '0'), 'Banc', 'Indicateur de banc ' || i, '%', 'commune', ${at}
    FROM generate_series(1, ${missing}) i`.execute(db);
  // Every indicator, every commune and the département, every month (first day), back from now.
  await sql`INSERT INTO steering_indicator_value
      (indicator_code, territory_kind, territory_code, period, value, target, persons, is_demo, comment, created_at)
    SELECT i.code,
           CASE WHEN t.code = '92' THEN 'departement' ELSE 'commune' END,
           t.code,
           to_char(date_trunc('month', ${at} AT TIME ZONE 'Europe/Paris') - make_interval(months => m), 'YYYY-MM-DD'),
           round((${draw("i.code || t.code || m", "v")} * 100)::numeric, 1),
           NULL,
           (${draw("i.code || t.code || m", "p")} * 5000)::int,
           true, '', ${at}
    FROM steering_indicator i
    CROSS JOIN (SELECT insee_code AS code FROM commune WHERE departement_code = '92' UNION ALL SELECT '92') t
    CROSS JOIN generate_series(0, ${size.months - 1}) m
    ON CONFLICT DO NOTHING`.execute(db);
  // The steady state autovacuum reaches: statistics and a visibility map (index-only counts).
  await sql`VACUUM ANALYZE steering_indicator_value`.execute(db);
}

/**
 * One structure per commune with a place, a motif, workers; persons and
 * their parcours; orientations; appointments. Returns the counts written.
 */
export async function seedActivity(
  db: Db,
  size: Pick<SteeringDataSize, "persons" | "appointments" | "workersPerStructure">,
  now: Date,
) {
  const at = sql`${now}::timestamptz`;
  await sql`INSERT INTO organisation (name, kind, commune_code, created_at)
    SELECT 'SST banc ' || insee_code, 'sst', insee_code, ${at} FROM commune WHERE departement_code = '92'`.execute(
    db,
  );
  await sql`INSERT INTO app_user (email, display_name, created_at)
    SELECT 'ts' || o.commune_code || '-' || w || '@banc.test', 'TS ' || w, ${at}
    FROM organisation o CROSS JOIN generate_series(1, ${size.workersPerStructure}) w
    WHERE o.name LIKE 'SST banc %'`.execute(db);
  await sql`INSERT INTO membership (user_id, organisation_id, role, created_at)
    SELECT u.id, o.id, 'travailleur_social', ${at}
    FROM app_user u JOIN organisation o ON u.email LIKE 'ts' || o.commune_code || '-%'
    WHERE o.name LIKE 'SST banc %'`.execute(db);
  await sql`INSERT INTO rdv_lieu (organisation_id, name, address, commune_code, created_at)
    SELECT id, 'Accueil ' || commune_code, '1 place de la Mairie', commune_code, ${at}
    FROM organisation WHERE name LIKE 'SST banc %'`.execute(db);
  await sql`INSERT INTO rdv_motif (organisation_id, name, location_kind, duration_minutes, created_at)
    SELECT id, 'Premier accueil', 'sur_place', 30, ${at} FROM organisation WHERE name LIKE 'SST banc %'`.execute(
    db,
  );
  // Each structure numbered, each worker numbered within it, for the draws below.
  await sql`CREATE TEMP TABLE banc_worker AS
    SELECT o.id AS organisation_id, dense_rank() OVER (ORDER BY o.commune_code) - 1 AS structure_no,
           row_number() OVER (PARTITION BY o.id ORDER BY u.email) - 1 AS worker_no,
           u.id AS user_id, l.id AS lieu_id, mo.id AS motif_id
    FROM organisation o
    JOIN membership m ON m.organisation_id = o.id
    JOIN app_user u ON u.id = m.user_id
    JOIN rdv_lieu l ON l.organisation_id = o.id
    JOIN rdv_motif mo ON mo.organisation_id = o.id
    WHERE o.name LIKE 'SST banc %'`.execute(db);
  const structures = 36;
  const workers = size.workersPerStructure;
  // Persons and one parcours each, opened over the last 5 years; a third closed.
  await sql`INSERT INTO person (last_name, first_name, birth_date, search_name, created_at)
    SELECT 'Nom' || i, 'Prénom' || i, '1980-01-01', 'nom' || i || ' prenom' || i, ${at}
    FROM generate_series(1, ${size.persons}) i`.execute(db);
  await sql`INSERT INTO parcours (person_id, referent_user_id, referent_organisation_id, status,
        opened_at, last_contact_at, closed_at)
    SELECT p.id, w.user_id, w.organisation_id,
           CASE WHEN ${draw("p.rn", "c")} < 0.33 THEN 'clos' ELSE 'ouvert' END,
           ${at} - make_interval(days => (${draw("p.rn", "o")} * 1825)::int),
           ${at} - make_interval(days => (${draw("p.rn", "o")} * 300)::int),
           CASE WHEN ${draw("p.rn", "c")} < 0.33
                THEN ${at} - make_interval(days => (${draw("p.rn", "o")} * 900)::int) END
    FROM (SELECT id, row_number() OVER (ORDER BY search_name) AS rn FROM person) p
    JOIN banc_worker w
      ON w.structure_no = (p.rn % ${structures}) AND w.worker_no = ((p.rn / ${structures}) % ${workers})`.execute(
    db,
  );
  // An orientation for one parcours in three, to the next structure; half accepted.
  await sql`INSERT INTO orientation (parcours_id, from_organisation_id, to_organisation_id, status,
        created_at, decided_at)
    SELECT pa.id, pa.referent_organisation_id, pa.referent_organisation_id,
           CASE WHEN ${draw("pa.id", "a")} < 0.5 THEN 'acceptee' ELSE 'proposee' END,
           pa.opened_at + interval '3 days',
           CASE WHEN ${draw("pa.id", "a")} < 0.5 THEN pa.opened_at + interval '10 days' END
    FROM parcours pa WHERE ${draw("pa.id", "r")} < 0.33`.execute(db);
  // Appointments over the last 24 months and the next one, booked 0-30 days ahead. An
  // agent's appointments follow each other at a fixed spacing: never two at once (rdv_no_overlap).
  const agents = structures * workers;
  const perAgent = Math.ceil(size.appointments / agents);
  const spacingMinutes = Math.floor((25 * 30 * 24 * 60) / perAgent);
  await sql`INSERT INTO rdv (organisation_id, motif_id, lieu_id, agent_id, starts_at, ends_at, status,
        person_name, phone, channel, created_at, updated_at)
    SELECT w.organisation_id, w.motif_id, w.lieu_id, w.user_id, s.starts_at, s.starts_at + interval '30 minutes',
           CASE WHEN s.starts_at > ${at} THEN 'unknown'
                WHEN ${draw("g", "s")} < 0.12 THEN 'noshow'
                WHEN ${draw("g", "s")} < 0.2 THEN 'excused'
                ELSE 'seen' END,
           'Personne ' || (g % ${size.persons}), '06' || lpad((g % ${size.persons})::text, 8, '0'), 'agent',
           s.starts_at - make_interval(days => (${draw("g", "w")} * 30)::int), ${at}
    FROM generate_series(0, ${size.appointments - 1}) g
    JOIN banc_worker w ON w.structure_no = (g % ${structures}) AND w.worker_no = ((g / ${structures}) % ${workers})
    CROSS JOIN LATERAL (
      SELECT ${at} - interval '24 months' + make_interval(mins => ((g / ${agents}) * ${spacingMinutes})::int) AS starts_at
    ) s`.execute(db);
  await sql`VACUUM ANALYZE`.execute(db);
  const count = async (table: "rdv" | "parcours" | "orientation") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    appointments: await count("rdv"),
    parcours: await count("parcours"),
    orientations: await count("orientation"),
  };
}
