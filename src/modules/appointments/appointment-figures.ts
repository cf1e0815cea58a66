// Counts for the plan's indicators (steering): how long people wait for an
// appointment and how many do not come, per structure, per commune of the
// place, or for the whole territory. Counts only: no name leaves here.

import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

/** What the figures are grouped by: the organisation, the place's commune, or nothing. */
export type FigureGrouping = "organisation" | "commune" | "all";

export interface AppointmentFigures {
  /** The organisation's id, the commune's INSEE code, or "all". */
  key: string;
  /** Appointments starting in the window, cancelled ones left out. */
  appointments: number;
  /** Distinct persons behind them (by record, else e-mail, phone or name). */
  persons: number;
  /** Mean days from booking to the appointment; null without appointments. */
  meanWaitDays: number | null;
  seen: number;
  noShow: number;
  /** Distinct persons among those seen or absent (the no-show rate's base). */
  attendedPersons: number;
}

/** One person, as well as the table lets us tell: their record, else how they can be reached. */
const PERSON_KEY = sql`coalesce(rdv.person_id::text, lower(rdv.email), rdv.phone, lower(rdv.person_name))`;

/**
 * Individual appointments starting in [from, to), grouped. One grouped
 * query; the caller picks the window (a month, up to now).
 */
export async function appointmentFigures(
  db: Db,
  window: { from: Date; to: Date; by: FigureGrouping },
): Promise<AppointmentFigures[]> {
  const key =
    window.by === "organisation"
      ? sql<string>`rdv.organisation_id::text`
      : window.by === "commune"
        ? sql<string>`rdv_lieu.commune_code`
        : sql<string>`'all'`;
  let query = db
    .selectFrom("rdv")
    .leftJoin("rdv_lieu", "rdv_lieu.id", "rdv.lieu_id")
    .select([
      key.as("key"),
      sql<number>`count(*)::int`.as("appointments"),
      sql<number>`count(DISTINCT ${PERSON_KEY})::int`.as("persons"),
      sql<number | null>`avg(extract(epoch FROM rdv.starts_at - rdv.created_at)) / 86400`.as(
        "meanWaitDays",
      ),
      sql<number>`count(*) FILTER (WHERE rdv.status = 'seen')::int`.as("seen"),
      sql<number>`count(*) FILTER (WHERE rdv.status = 'noshow')::int`.as("noShow"),
      sql<number>`count(DISTINCT ${PERSON_KEY}) FILTER (WHERE rdv.status IN ('seen', 'noshow'))::int`.as(
        "attendedPersons",
      ),
    ])
    .where("rdv.starts_at", ">=", window.from)
    .where("rdv.starts_at", "<", window.to)
    .where("rdv.status", "not in", ["excused", "revoked"])
    .groupBy(sql`1`);
  if (window.by === "commune") query = query.where("rdv_lieu.commune_code", "is not", null);
  const rows = await query.execute();
  return rows.map((row) => ({
    ...row,
    meanWaitDays: row.meanWaitDays === null ? null : Number(row.meanWaitDays),
  }));
}
