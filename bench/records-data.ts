// The records bench's data set, built in SQL on PostgreSQL: one SST with its
// travailleurs sociaux and a responsable, persons with their consent and
// parcours, notes, plans. Contact dates, plans and ages are spread the way a
// département's caseload looks, so that the responsable's attention list has
// real work to do: most people seen within 3 months, a tail up to 2 years;
// some plan actions overdue; young people in care, some turning 18 soon.
// Every draw comes from a hash of a row number taken in the order of the
// persons' names: the same data on every run (only the uuids change).

import { sql } from "kysely";
import type { Db } from "../src/db/database.ts";
import { hashPassword } from "../src/platform/auth/passwords.ts";

export type RecordsDataSize = { persons: number; notesPerPerson: number; workers: number };

export const RESPONSABLE_EMAIL = "resp@banc.test";
export const RESPONSABLE_PASSWORD = "banc-relais-responsable-2026";

/** A reproducible draw in [0, 1) from a row number and a salt. */
const draw = (row: string, salt: string) =>
  sql.raw(`((hashtext((${row})::text || '${salt}')::bigint + 2147483648) / 4294967296.0)`);

export async function seedRecords(db: Db, size: RecordsDataSize, now: Date) {
  // One clock: every instant below comes from `now`, never from the database's ${at}.
  const at = sql`${now}::timestamptz`;
  const today = sql`(${now}::timestamptz AT TIME ZONE 'Europe/Paris')::date`;
  const { persons, notesPerPerson, workers } = size;
  const org = await db
    .insertInto("organisation")
    .values({ name: "SST banc", kind: "sst", created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await sql`INSERT INTO app_user (email, display_name, created_at)
    SELECT 'ts' || i || '@banc.test', 'Travailleur ' || i, ${at} FROM generate_series(1, ${workers}) i`.execute(
    db,
  );
  await sql`INSERT INTO membership (user_id, organisation_id, role, created_at)
    SELECT id, ${org.id}::uuid, 'travailleur_social', ${at} FROM app_user WHERE email LIKE 'ts%@banc.test'`.execute(
    db,
  );
  const responsable = await db
    .insertInto("app_user")
    .values({
      email: RESPONSABLE_EMAIL,
      display_name: "Responsable",
      password_hash: await hashPassword(RESPONSABLE_PASSWORD),
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("membership")
    .values({
      user_id: responsable.id,
      organisation_id: org.id,
      role: "responsable_structure",
      created_at: now,
    })
    .execute();

  // Ages: 1 % are young people in care (ASE) aged 15 to 18, so about one in
  // six of them turns 18 within six months; the others are adults of 18 to 75.
  await sql`INSERT INTO person (last_name, first_name, birth_date, search_name, in_care_ase, created_at)
    SELECT 'Nom' || i, 'Prenom' || i,
      CASE WHEN ${draw("i", "ase")} < 0.01
        THEN ${today} - (15 * 365 + floor(${draw("i", "age")} * 3 * 365))::int
        ELSE ${today} - (18 * 365 + floor(${draw("i", "age")} * 57 * 365))::int END,
      'nom' || i || ' prenom' || i,
      ${draw("i", "ase")} < 0.01, ${at}
    FROM generate_series(1, ${persons}) i`.execute(db);
  await sql`INSERT INTO person_consent (person_id, organisation_id, scope, collected_at)
    SELECT id, ${org.id}::uuid, 'suivi_sante', ${at} - interval '2 years' FROM person`.execute(db);

  // Last contact: 85 % within the last 3 months, the rest spread up to 2 years back.
  await sql`WITH w AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS k FROM app_user WHERE email LIKE 'ts%@banc.test'),
                 p AS (SELECT id, row_number() OVER (ORDER BY search_name) AS i FROM person)
    INSERT INTO parcours (person_id, referent_user_id, referent_organisation_id, opened_at, last_contact_at)
    SELECT p.id, w.id, ${org.id}::uuid, ${at} - interval '2 years 1 month',
      ${at} - make_interval(secs => 86400 * CASE WHEN ${draw("p.i", "contact")} < 0.85
        THEN ${draw("p.i", "days")} * 90
        ELSE 90 + ${draw("p.i", "days")} * 640 END)
    FROM p JOIN w ON w.k = (p.i - 1) % ${workers}`.execute(db);
  await sql`INSERT INTO parcours_member (parcours_id, organisation_id, joined_at)
    SELECT id, ${org.id}::uuid, opened_at FROM parcours`.execute(db);
  // Notes a month apart, the latest on the last contact.
  await sql`INSERT INTO parcours_note (parcours_id, contact_date, body, is_sensitive, created_at)
    SELECT p.id, (p.last_contact_at)::date - (n - 1) * 30,
      'Entretien de suivi n° ' || n || ' : démarches logement et budget.', n % 5 = 0,
      p.last_contact_at - make_interval(days => (n - 1) * 30)
    FROM parcours p CROSS JOIN generate_series(1, ${notesPerPerson}) n`.execute(db);

  // Plans: 60 % of parcours have one objective (emploi or logement) with two
  // actions due between 4 months ago and 4 months ahead; an action whose due
  // date passed is done 85 % of the time, so about 8 % of parcours have one late.
  // Three in four young people in care already have an « après 18 ans » objective.
  await sql`WITH p AS (SELECT p.id, row_number() OVER (ORDER BY person.search_name) AS i, person.in_care_ase
                       FROM parcours p JOIN person ON person.id = p.person_id)
    INSERT INTO plan_objective (parcours_id, theme, title, created_at, updated_at)
    SELECT id, CASE WHEN ${draw("i", "theme")} < 0.5 THEN 'emploi' ELSE 'logement' END,
      'Objectif du parcours', ${at} - interval '6 months', ${at} - interval '6 months'
    FROM p WHERE ${draw("i", "plan")} < 0.6
    UNION ALL
    SELECT id, 'apres_18_ans', 'Préparer la sortie de l''ASE', ${at} - interval '3 months', ${at} - interval '3 months'
    FROM p WHERE in_care_ase AND ${draw("i", "after18")} < 0.75`.execute(db);
  await sql`WITH o AS (SELECT id, parcours_id, row_number() OVER (ORDER BY parcours_id) AS i FROM plan_objective WHERE theme <> 'apres_18_ans')
    INSERT INTO plan_action (objective_id, parcours_id, title, assignee, due_date, status, created_at, updated_at)
    SELECT o.id, o.parcours_id, 'Action ' || n, 'referent',
      ${today} + (floor(${draw("o.i * 2 + n", "due")} * 240) - 120)::int,
      CASE WHEN ${draw("o.i * 2 + n", "due")} < 0.5 AND ${draw("o.i * 2 + n", "done")} < 0.85 THEN 'faite'
           WHEN ${draw("o.i * 2 + n", "due")} < 0.5 THEN 'a_faire'
           WHEN ${draw("o.i * 2 + n", "done")} < 0.3 THEN 'en_cours' ELSE 'a_faire' END,
      ${at} - interval '6 months', ${at} - interval '6 months'
    FROM o CROSS JOIN generate_series(1, 2) n`.execute(db);
  // What autovacuum does after a bulk load: statistics and the visibility map.
  await sql`VACUUM ANALYZE`.execute(db);
  return { organisationId: org.id, responsableId: responsable.id };
}

/** The share of the structure's open parcours needing attention, per reason (for the report). */
export async function attentionShares(db: Db, now: Date) {
  const at = sql`${now}::timestamptz`;
  const today = sql`(${now}::timestamptz AT TIME ZONE 'Europe/Paris')::date`;
  const row = await sql<Record<string, string>>`
    SELECT count(*) AS parcours,
      count(*) FILTER (WHERE p.last_contact_at < ${at} - interval '3 months') AS no_contact,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM plan_action a WHERE a.parcours_id = p.id
        AND a.status IN ('a_faire', 'en_cours') AND a.due_date < ${today})) AS overdue_actions,
      count(*) FILTER (WHERE person.in_care_ase) AS in_care_ase,
      count(*) FILTER (WHERE person.in_care_ase
        AND person.birth_date + interval '18 years' BETWEEN ${today} AND ${today} + interval '6 months'
        AND NOT EXISTS (SELECT 1 FROM plan_objective o WHERE o.parcours_id = p.id AND o.theme = 'apres_18_ans'))
        AS ase_turning_18
    FROM parcours p JOIN person ON person.id = p.person_id WHERE p.status = 'ouvert'`.execute(db);
  return Object.fromEntries(Object.entries(row.rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
}
