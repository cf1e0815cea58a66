// Loads what slot computation and booking checks need: one query per kind
// of data (motif, openings, absences, bookings), never a query in a loop.
// Dates and times leave the database as text, so that neither driver turns
// a Paris local date into a UTC instant.

import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { addDays, type IsoWeekday, type LocalDate, parisDate } from "../../platform/time/paris.ts";
import type { Absence, Booking, Motif, PlageOuverture } from "./agenda.ts";
import { publicHolidaysBetween } from "./holidays.ts";
import type { LocationKind, MotifService } from "./tables.ts";

export interface MotifView extends Motif {
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  name: string;
  service: MotifService;
  locationKind: LocationKind;
  isCollective: boolean;
  instructions: string | null;
  /** « Pièces à apporter », written by the responsable; null when none is asked. */
  documentsToBring: string | null;
}

export interface LieuView {
  id: string;
  organisationId: string;
  name: string;
  address: string;
  communeCode: string | null;
  communeName: string | null;
  phone: string | null;
  /** "structure:<uuid>" or "service:<uuid>" in the directory, when linked. */
  directoryRef: string | null;
  /** Where the place is: its own coordinates, else its commune's centre; null when neither is known. */
  latitude: number | null;
  longitude: number | null;
}

export interface SlotInputs {
  motif: MotifView;
  openings: PlageOuverture[];
  absences: Absence[];
  bookings: (Booking & { id: string })[];
  holidays: LocalDate[];
}

const localDate = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const localTime = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'HH24:MI')`;

function motifQuery(db: Db | Tx) {
  return db
    .selectFrom("rdv_motif as m")
    .innerJoin("organisation as o", "o.id", "m.organisation_id")
    .select([
      "m.id",
      "m.organisation_id as organisationId",
      "o.name as organisationName",
      "o.kind as organisationKind",
      "m.name",
      "m.service",
      "m.location_kind as locationKind",
      "m.duration_minutes as durationMinutes",
      "m.min_notice_minutes as minNoticeMinutes",
      "m.max_horizon_days as maxHorizonDays",
      "m.bookable_by as bookableBy",
      "m.is_collective as isCollective",
      "m.instructions",
      "m.documents_to_bring as documentsToBring",
    ])
    .where("m.archived_at", "is", null);
}

export async function findMotif(db: Db | Tx, id: string): Promise<MotifView | undefined> {
  if (!isUuid(id)) return undefined;
  return motifQuery(db).where("m.id", "=", id).executeTakeFirst();
}

export async function listMotifs(
  db: Db | Tx,
  filter: { organisationId?: string; onlineOnly?: boolean } = {},
): Promise<MotifView[]> {
  let query = motifQuery(db);
  if (filter.organisationId) query = query.where("m.organisation_id", "=", filter.organisationId);
  if (filter.onlineOnly) query = query.where("m.bookable_by", "=", "everyone");
  // The Département's SSTs first (the "guichet unique"), then the CCAS and others.
  return query.orderBy(sql`o.kind = 'sst'`, "desc").orderBy("o.name").orderBy("m.name").execute();
}

/** The places where some opening offers the motif. */
export async function listLieuxForMotif(db: Db | Tx, motifId: string): Promise<LieuView[]> {
  return lieuQuery(db)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("rdv_plage as p")
          .innerJoin("rdv_plage_motif as pm", "pm.plage_id", "p.id")
          .select("p.id")
          .whereRef("p.lieu_id", "=", "l.id")
          .where("pm.motif_id", "=", motifId),
      ),
    )
    .orderBy(sql`l.name COLLATE "und-x-icu"`)
    .execute();
}

export async function findLieu(db: Db | Tx, id: string): Promise<LieuView | undefined> {
  if (!isUuid(id)) return undefined;
  return lieuQuery(db).where("l.id", "=", id).executeTakeFirst();
}

function lieuQuery(db: Db | Tx) {
  return db
    .selectFrom("rdv_lieu as l")
    .leftJoin("commune as c", "c.insee_code", "l.commune_code")
    .select([
      "l.id",
      "l.organisation_id as organisationId",
      "l.name",
      "l.address",
      "l.commune_code as communeCode",
      "c.name as communeName",
      "l.phone",
      "l.directory_ref as directoryRef",
      sql<number | null>`coalesce(l.latitude, c.latitude)`.as("latitude"),
      sql<number | null>`coalesce(l.longitude, c.longitude)`.as("longitude"),
    ])
    .where("l.status", "!=", "disabled");
}

/**
 * Everything computeSlots or findSlotRefusal needs for one motif between two
 * instants, optionally narrowed to one place (null: the openings without a
 * place, for phone, video and home visits) or one agent.
 */
export async function loadSlotInputs(
  db: Db | Tx,
  motif: MotifView,
  window: { from: Date; to: Date },
  narrow: { lieuId?: string | null; agentId?: string } = {},
): Promise<SlotInputs> {
  let plageQuery = db
    .selectFrom("rdv_plage as p")
    .innerJoin("rdv_plage_motif as pm", "pm.plage_id", "p.id")
    .select([
      "p.id",
      "p.agent_id as agentId",
      "p.lieu_id as lieuId",
      localDate("p.first_day").as("firstDay"),
      localTime("p.start_time").as("startTime"),
      localTime("p.end_time").as("endTime"),
      "p.every_weeks as everyWeeks",
      "p.weekdays",
      localDate("p.until").as("until"),
      "p.open_on_holidays as openOnHolidays",
    ])
    .where("pm.motif_id", "=", motif.id)
    .where((eb) =>
      eb.or([
        eb("p.until", "is", null),
        eb("p.until", ">=", sql<string>`${parisDate(window.from)}::date - 1`),
      ]),
    );
  if (narrow.lieuId !== undefined) {
    plageQuery =
      narrow.lieuId === null
        ? plageQuery.where("p.lieu_id", "is", null)
        : plageQuery.where("p.lieu_id", "=", narrow.lieuId);
  }
  if (narrow.agentId) plageQuery = plageQuery.where("p.agent_id", "=", narrow.agentId);
  const plages = await plageQuery.execute();
  const openings = plages.map((p) => toOpening(p, motif.id));
  const agentIds = [...new Set(openings.map((o) => o.agentId))];
  const firstDay = parisDate(window.from);
  const lastDay = parisDate(window.to);
  const holidays = publicHolidaysBetween(addDays(firstDay, -1), addDays(lastDay, 1));
  if (agentIds.length === 0) return { motif, openings, absences: [], bookings: [], holidays };
  const absenceRows = await db
    .selectFrom("rdv_absence as a")
    .select([
      "a.id",
      "a.agent_id as agentId",
      localDate("a.first_day").as("firstDay"),
      localTime("a.start_time").as("startTime"),
      localTime("a.end_time").as("endTime"),
      localDate("a.end_day").as("endDay"),
      "a.every_weeks as everyWeeks",
      "a.weekdays",
      localDate("a.until").as("until"),
    ])
    .where("a.agent_id", "in", agentIds)
    .where("a.first_day", "<=", sql<string>`${lastDay}::date + 1`)
    .execute();
  const absences = absenceRows.map(toAbsence);
  // Individual appointments and collective sessions both take the agent's time.
  const margin = 24 * 3_600_000;
  const from = new Date(window.from.getTime() - margin);
  const to = new Date(window.to.getTime() + margin);
  const busy = await db
    .selectFrom("rdv")
    .select(["id", "agent_id as agentId", "starts_at as start", "ends_at as end"])
    .where("agent_id", "in", agentIds)
    .where("status", "not in", ["excused", "revoked"])
    .where("starts_at", "<", to)
    .where("ends_at", ">", from)
    .unionAll((eb) =>
      eb
        .selectFrom("rdv_session")
        .select(["id", "agent_id as agentId", "starts_at as start", "ends_at as end"])
        .where("agent_id", "in", agentIds)
        .where("revoked_at", "is", null)
        .where("starts_at", "<", to)
        .where("ends_at", ">", from),
    )
    .execute();
  return { motif, openings, absences, bookings: busy, holidays };
}

/** An opening row (dates and times as text, see localDate) offering `motifId`. */
export interface PlageRow {
  id: string;
  agentId: string;
  lieuId: string | null;
  firstDay: string;
  startTime: string;
  endTime: string;
  everyWeeks: number | null;
  weekdays: number[] | null;
  until: string | null;
  openOnHolidays: boolean;
}

export function toOpening(p: PlageRow, motifId: string): PlageOuverture {
  return {
    id: p.id,
    agentId: p.agentId,
    lieuId: p.lieuId,
    motifIds: [motifId],
    firstDay: p.firstDay,
    startTime: p.startTime,
    endTime: p.endTime,
    openOnHolidays: p.openOnHolidays,
    recurrence:
      p.everyWeeks === null
        ? null
        : { everyWeeks: p.everyWeeks, weekdays: p.weekdays as IsoWeekday[], until: p.until },
  };
}

/** An absence row (dates and times as text, see localDate). */
export interface AbsenceRow {
  id: string;
  agentId: string;
  firstDay: string;
  startTime: string;
  endTime: string;
  endDay: string | null;
  everyWeeks: number | null;
  weekdays: number[] | null;
  until: string | null;
}

export function toAbsence(a: AbsenceRow): Absence {
  return {
    id: a.id,
    agentId: a.agentId,
    firstDay: a.firstDay,
    startTime: a.startTime,
    endTime: a.endTime,
    endDay: a.endDay,
    recurrence:
      a.everyWeeks === null
        ? null
        : { everyWeeks: a.everyWeeks, weekdays: a.weekdays as IsoWeekday[], until: a.until },
  };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
