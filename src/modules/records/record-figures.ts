// Counts for the plan's indicators (steering): records opened and closed,
// orientations made and accepted, parcours followed per worker — per
// structure, per commune of the structure, or for the whole territory.
// Counts only: no name nor identifier of a person leaves here.

import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

/** What the figures are grouped by: the structure, its commune, or nothing. */
export type RecordFigureGrouping = "organisation" | "commune" | "all";

type Window = { from: Date; to: Date; by: RecordFigureGrouping };

export interface RecordFigures {
  /** The organisation's id, the commune's INSEE code, or "all". */
  key: string;
  opened: number;
  closed: number;
  /** Distinct persons behind the opened, the closed records. */
  openedPersons: number;
  closedPersons: number;
}

export interface OrientationFigures {
  key: string;
  made: number;
  accepted: number;
  /** Distinct persons oriented. */
  persons: number;
}

export interface CaseloadFigures {
  key: string;
  /** Open parcours with a référent at the instant. */
  parcours: number;
  /** Distinct référents following them. */
  workers: number;
}

/** The grouping key of a row, from the structure it belongs to (`org` joined as organisation). */
function groupKey(by: RecordFigureGrouping, organisationColumn: string) {
  if (by === "organisation") return sql<string>`${sql.ref(organisationColumn)}::text`;
  if (by === "commune") return sql<string>`org.commune_code`;
  return sql<string>`'all'`;
}

/** Records (parcours) opened and closed in [from, to), by the référent's structure. */
export async function recordFigures(db: Db, window: Window): Promise<RecordFigures[]> {
  const inWindow = (column: "p.opened_at" | "p.closed_at") =>
    sql`${sql.ref(column)} >= ${window.from} AND ${sql.ref(column)} < ${window.to}`;
  const query = db
    .selectFrom("parcours as p")
    .innerJoin("organisation as org", "org.id", "p.referent_organisation_id")
    .select([
      groupKey(window.by, "p.referent_organisation_id").as("key"),
      sql<number>`count(*) FILTER (WHERE ${inWindow("p.opened_at")})::int`.as("opened"),
      sql<number>`count(*) FILTER (WHERE ${inWindow("p.closed_at")})::int`.as("closed"),
      sql<number>`count(DISTINCT p.person_id) FILTER (WHERE ${inWindow("p.opened_at")})::int`.as(
        "openedPersons",
      ),
      sql<number>`count(DISTINCT p.person_id) FILTER (WHERE ${inWindow("p.closed_at")})::int`.as(
        "closedPersons",
      ),
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb("p.opened_at", ">=", window.from), eb("p.opened_at", "<", window.to)]),
        eb.and([eb("p.closed_at", ">=", window.from), eb("p.closed_at", "<", window.to)]),
      ]),
    )
    .groupBy(sql`1`);
  return (
    window.by === "commune" ? query.where("org.commune_code", "is not", null) : query
  ).execute();
}

/** Orientations made in [from, to) by the orienting structure, and how many were accepted. */
export async function orientationFigures(db: Db, window: Window): Promise<OrientationFigures[]> {
  const query = db
    .selectFrom("orientation as o")
    .innerJoin("parcours as p", "p.id", "o.parcours_id")
    .innerJoin("organisation as org", "org.id", "o.from_organisation_id")
    .select([
      groupKey(window.by, "o.from_organisation_id").as("key"),
      sql<number>`count(*)::int`.as("made"),
      sql<number>`count(*) FILTER (WHERE o.status = 'acceptee')::int`.as("accepted"),
      sql<number>`count(DISTINCT p.person_id)::int`.as("persons"),
    ])
    .where("o.created_at", ">=", window.from)
    .where("o.created_at", "<", window.to)
    .groupBy(sql`1`);
  return (
    window.by === "commune" ? query.where("org.commune_code", "is not", null) : query
  ).execute();
}

/** Open parcours with a référent at an instant, and how many référents follow them. */
export async function caseloadFigures(
  db: Db,
  at: { at: Date; by: RecordFigureGrouping },
): Promise<CaseloadFigures[]> {
  const query = db
    .selectFrom("parcours as p")
    .innerJoin("organisation as org", "org.id", "p.referent_organisation_id")
    .select([
      groupKey(at.by, "p.referent_organisation_id").as("key"),
      sql<number>`count(*)::int`.as("parcours"),
      sql<number>`count(DISTINCT p.referent_user_id)::int`.as("workers"),
    ])
    .where("p.referent_user_id", "is not", null)
    .where("p.opened_at", "<=", at.at)
    .where((eb) => eb.or([eb("p.closed_at", "is", null), eb("p.closed_at", ">", at.at)]))
    .where((eb) => eb.or([eb("p.archived_at", "is", null), eb("p.archived_at", ">", at.at)]))
    .groupBy(sql`1`);
  return (at.by === "commune" ? query.where("org.commune_code", "is not", null) : query).execute();
}

export interface CareLeaverFigures {
  key: string;
  /** Young people in care (ASE) whose 18th birthday fell in the window. */
  turned18: number;
  /** Of them, those who had a project for afterwards before that day. */
  withProject: number;
}

/**
 * « Sorties sèches » (seed 000 Q3, 001 Q5): the young people in care (ASE)
 * who turned 18 in [from, to) — Paris dates — by the structure of their
 * référent, and how many had an objective « après 18 ans » (not abandoned)
 * set before their birthday. Distinct persons: one young person followed by
 * two structures counts once for each, once for the territory.
 */
export async function careLeaverFigures(db: Db, window: Window): Promise<CareLeaverFigures[]> {
  const birthday = sql`(person.birth_date + interval '18 years')::date`;
  const parisDay = (instant: Date) =>
    sql`(${instant}::timestamptz AT TIME ZONE 'Europe/Paris')::date`;
  const hadProject = sql<boolean>`EXISTS (
    SELECT 1 FROM parcours mine JOIN plan_objective o ON o.parcours_id = mine.id
    WHERE mine.person_id = person.id AND o.theme = 'apres_18_ans' AND o.status <> 'abandonne'
      AND (o.created_at AT TIME ZONE 'Europe/Paris')::date < ${birthday})`;
  const query = db
    .selectFrom("parcours as p")
    .innerJoin("person", "person.id", "p.person_id")
    .innerJoin("organisation as org", "org.id", "p.referent_organisation_id")
    .select([
      groupKey(window.by, "p.referent_organisation_id").as("key"),
      sql<number>`count(DISTINCT person.id)::int`.as("turned18"),
      sql<number>`count(DISTINCT person.id) FILTER (WHERE ${hadProject})::int`.as("withProject"),
    ])
    .where("person.in_care_ase", "=", true)
    .where(sql<boolean>`${birthday} >= ${parisDay(window.from)}`)
    .where(sql<boolean>`${birthday} < ${parisDay(window.to)}`)
    .groupBy(sql`1`);
  return (
    window.by === "commune" ? query.where("org.commune_code", "is not", null) : query
  ).execute();
}
