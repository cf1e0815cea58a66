// The statements of a booking, as few as the rules allow: during 1,000
// simultaneous attempts each round trip to PostgreSQL costs the app a write
// on its socket, and on two cores the backend it wakes may take the CPU from
// the event loop (decision 0012, amendment). Written as `sql` templates: they
// run on every attempt, and a template costs little to compile where Kysely's
// builder rebuilt and compiled a tree each time.
//
// - loadBookingContext: ONE read for everything the checks need (motif,
//   earlier booking with the same idempotency key, place, openings, absences,
//   the agent's busy times). One statement is one snapshot: a twin request
//   that booked before it is seen as `earlier`, never as a "taken" slot.
// - insertBookingInLine: the agent's agenda lock (decision 0010), the row, and
//   then, only once the row is in, the audit chain's lock (decision 0004),
//   in that order, in one statement.
// - writeBookingFollowUps: the audit event, the messages and their jobs, the
//   reminder, in one statement.

import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { AUDIT_CHAIN_LOCK, type chainAuditEvents } from "../../platform/audit/audit.ts";
import type { jobRow } from "../../platform/jobs/queue.ts";
import type { outboxMailRows } from "../../platform/mail/outbox.ts";
import type { outboxSmsRows } from "../../platform/mail/sms.ts";
import { addDays, type LocalDate, parisDate } from "../../platform/time/paris.ts";
import type { Absence, Booking, PlageOuverture } from "./agenda.ts";
import {
  type AbsenceRow,
  isUuid,
  type LieuView,
  type MotifView,
  type PlageRow,
  toAbsence,
  toOpening,
} from "./agenda-store.ts";
import { publicHolidaysBetween } from "./holidays.ts";
import type { RdvStatus } from "./tables.ts";

/** The booking an earlier request with the same idempotency key made. */
export interface EarlierBooking {
  id: string;
  startsAt: Date;
  endsAt: Date;
  motifId: string;
  lieuId: string | null;
  agentId: string;
  personName: string;
  status: RdvStatus;
}

export interface BookingContext {
  /** Undefined when unknown or archived. */
  motif: MotifView | undefined;
  earlier: EarlierBooking | undefined;
  /** The place asked for (or the earlier booking's); undefined without one. */
  lieu: LieuView | undefined;
  openings: PlageOuverture[];
  absences: Absence[];
  /** The agent's appointments and collective sessions around the slot. */
  bookings: (Booking & { id: string })[];
  holidays: LocalDate[];
}

// No row has it: an id that is not a UUID finds nothing instead of failing the cast.
const NO_ID = "00000000-0000-0000-0000-000000000000";
const idOrNone = (id: string) => (isUuid(id) ? id : NO_ID);

type ContextRow = {
  motif: MotifView | null;
  earlier: {
    id: string;
    startsAt: string;
    endsAt: string;
    motifId: string;
    lieuId: string | null;
    agentId: string;
    personName: string;
    status: RdvStatus;
  } | null;
  lieu: LieuView | null;
  plages: PlageRow[];
  absences: AbsenceRow[];
  busy: { id: string; agentId: string; start: string; end: string }[];
};

/**
 * Everything bookAppointment checks, in one statement: the same data as
 * findMotif, findByIdempotencyKey, findLieu and loadSlotInputs narrowed to
 * one agent and place (openings of the motif; that agent's absences, and
 * bookings and sessions within a day of the slot).
 */
export async function loadBookingContext(
  db: Db | Tx,
  request: {
    motifId: string;
    agentId: string;
    lieuId: string | null;
    start: Date;
    idempotencyKey: string | null;
  },
): Promise<BookingContext> {
  const empty = { earlier: undefined, lieu: undefined, openings: [], absences: [], bookings: [] };
  if (!isUuid(request.motifId)) return { motif: undefined, ...empty, holidays: [] };
  const agentId = idOrNone(request.agentId);
  const lieuId = request.lieuId === null ? null : idOrNone(request.lieuId);
  const firstDay = parisDate(request.start);
  // The slot's end needs the motif's duration: computed in the statement (m.duration_minutes).
  const { rows } = await sql<ContextRow>`
    WITH m AS (
      SELECT m.id, m.organisation_id AS "organisationId", o.name AS "organisationName",
             o.kind AS "organisationKind", m.name, m.service, m.location_kind AS "locationKind",
             m.duration_minutes AS "durationMinutes", m.min_notice_minutes AS "minNoticeMinutes",
             m.max_horizon_days AS "maxHorizonDays", m.bookable_by AS "bookableBy",
             m.is_collective AS "isCollective", m.instructions,
             m.documents_to_bring AS "documentsToBring",
             ${request.start}::timestamptz + make_interval(mins => m.duration_minutes) AS ends_at
        FROM rdv_motif m JOIN organisation o ON o.id = m.organisation_id
       WHERE m.id = ${request.motifId}::uuid AND m.archived_at IS NULL
    ), earlier AS (
      SELECT id, starts_at AS "startsAt", ends_at AS "endsAt", motif_id AS "motifId",
             lieu_id AS "lieuId", agent_id AS "agentId", person_name AS "personName", status
        FROM rdv WHERE idempotency_key = ${request.idempotencyKey}
    )
    SELECT
      (SELECT to_jsonb(m) - 'ends_at' FROM m) AS motif,
      (SELECT to_jsonb(e) FROM earlier e) AS earlier,
      (SELECT to_jsonb(l) FROM (
         SELECT l.id, l.organisation_id AS "organisationId", l.name, l.address,
                l.commune_code AS "communeCode", c.name AS "communeName", l.phone,
                l.directory_ref AS "directoryRef",
                coalesce(l.latitude, c.latitude) AS latitude,
                coalesce(l.longitude, c.longitude) AS longitude
           FROM rdv_lieu l LEFT JOIN commune c ON c.insee_code = l.commune_code
          WHERE l.status != 'disabled'
            AND l.id = CASE WHEN EXISTS (SELECT FROM earlier) THEN (SELECT "lieuId" FROM earlier)
                            ELSE ${lieuId}::uuid END
      ) l) AS lieu,
      coalesce((SELECT jsonb_agg(p) FROM (
         SELECT p.id, p.agent_id AS "agentId", p.lieu_id AS "lieuId",
                to_char(p.first_day, 'YYYY-MM-DD') AS "firstDay",
                to_char(p.start_time, 'HH24:MI') AS "startTime",
                to_char(p.end_time, 'HH24:MI') AS "endTime",
                p.every_weeks AS "everyWeeks", p.weekdays,
                to_char(p.until, 'YYYY-MM-DD') AS until, p.open_on_holidays AS "openOnHolidays"
           FROM rdv_plage p JOIN rdv_plage_motif pm ON pm.plage_id = p.id
          WHERE pm.motif_id = ${request.motifId}::uuid
            AND p.agent_id = ${agentId}::uuid
            AND p.lieu_id IS NOT DISTINCT FROM ${lieuId}::uuid
            AND (p.until IS NULL OR p.until >= ${firstDay}::date - 1)
      ) p), '[]') AS plages,
      coalesce((SELECT jsonb_agg(a) FROM (
         SELECT a.id, a.agent_id AS "agentId",
                to_char(a.first_day, 'YYYY-MM-DD') AS "firstDay",
                to_char(a.start_time, 'HH24:MI') AS "startTime",
                to_char(a.end_time, 'HH24:MI') AS "endTime",
                to_char(a.end_day, 'YYYY-MM-DD') AS "endDay",
                a.every_weeks AS "everyWeeks", a.weekdays,
                to_char(a.until, 'YYYY-MM-DD') AS until
           FROM rdv_absence a
          WHERE a.agent_id = ${agentId}::uuid
            AND a.first_day <= ((SELECT ends_at FROM m) AT TIME ZONE 'Europe/Paris')::date + 1
      ) a), '[]') AS absences,
      coalesce((SELECT jsonb_agg(b) FROM (
         SELECT id, agent_id AS "agentId", starts_at AS start, ends_at AS "end"
           FROM rdv
          WHERE agent_id = ${agentId}::uuid AND status NOT IN ('excused', 'revoked')
            AND starts_at < (SELECT ends_at FROM m) + interval '24 hours'
            AND ends_at > ${request.start}::timestamptz - interval '24 hours'
         UNION ALL
         SELECT id, agent_id, starts_at, ends_at
           FROM rdv_session
          WHERE agent_id = ${agentId}::uuid AND revoked_at IS NULL
            AND starts_at < (SELECT ends_at FROM m) + interval '24 hours'
            AND ends_at > ${request.start}::timestamptz - interval '24 hours'
      ) b), '[]') AS busy`.execute(db);
  const row = rows[0];
  const motif = row?.motif ?? undefined;
  if (!row || !motif) return { motif: undefined, ...empty, holidays: [] };
  const end = new Date(request.start.getTime() + motif.durationMinutes * 60_000);
  return {
    motif,
    earlier: row.earlier
      ? {
          ...row.earlier,
          startsAt: new Date(row.earlier.startsAt),
          endsAt: new Date(row.earlier.endsAt),
        }
      : undefined,
    lieu: row.lieu ?? undefined,
    openings: row.plages.map((p) => toOpening(p, motif.id)),
    absences: row.absences.map(toAbsence),
    bookings: row.busy.map((b) => ({
      id: b.id,
      agentId: b.agentId,
      start: new Date(b.start),
      end: new Date(b.end),
    })),
    // As loadSlotInputs: a day on each side, for openings that cross midnight.
    holidays: publicHolidaysBetween(addDays(firstDay, -1), addDays(parisDate(end), 1)),
  };
}

// Any constant works; it names the agendas' locks for pg_advisory_xact_lock.
export const AGENT_AGENDA_LOCK = 7_270_002;

export interface RdvRow {
  id: string;
  organisationId: string;
  motifId: string;
  lieuId: string | null;
  agentId: string;
  startsAt: Date;
  endsAt: Date;
  personName: string;
  phone: string | null;
  email: string | null;
  notify: boolean;
  channel: string;
  bookedByUserId: string | null;
  personId: string | null;
  idempotencyKey: string | null;
  cancelTokenHash: string;
  now: Date;
}

/**
 * Inserts the appointment once its agent's agenda lock is granted (the lock
 * is taken by the statement's CTE before the row is built), then takes the
 * audit chain's lock (RETURNING runs only for an inserted row: a request
 * refused by the exclusion constraint, 23P01, never holds it). Locks in the
 * order of decision 0010: agent first, audit chain second. The caller reads
 * the chain's end in its NEXT statement, whose snapshot follows the grant.
 */
export async function insertBookingInLine(tx: Tx, row: RdvRow): Promise<void> {
  await sql`
    WITH agenda AS (SELECT pg_advisory_xact_lock(${AGENT_AGENDA_LOCK}, hashtext(${row.agentId})))
    INSERT INTO rdv (id, organisation_id, motif_id, lieu_id, agent_id, starts_at, ends_at,
                     person_name, phone, email, notify, channel, booked_by_user_id, person_id,
                     idempotency_key, cancel_token_hash, created_at, updated_at)
    SELECT ${row.id}::uuid, ${row.organisationId}::uuid, ${row.motifId}::uuid,
           ${row.lieuId}::uuid, ${row.agentId}::uuid, ${row.startsAt}::timestamptz,
           ${row.endsAt}::timestamptz, ${row.personName}, ${row.phone}, ${row.email},
           ${row.notify}::boolean, ${row.channel}, ${row.bookedByUserId}::uuid,
           ${row.personId}::uuid, ${row.idempotencyKey}, ${row.cancelTokenHash},
           ${row.now}::timestamptz, ${row.now}::timestamptz
      FROM agenda
    RETURNING pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})::text AS audit_chain`.execute(tx);
}

export interface FollowUps {
  audit: ReturnType<typeof chainAuditEvents>;
  messages: (
    | ReturnType<typeof outboxMailRows>["message"]
    | ReturnType<typeof outboxSmsRows>["message"]
  )[];
  /** Delivery jobs and the reminder; max_attempts is the table's default. */
  jobs: ReturnType<typeof jobRow>[];
}

/**
 * The audit events, outbox messages and jobs of a booking in one statement,
 * inside its transaction (the caller holds the audit chain's lock). Jobs with
 * a singleton key keep enqueueJob's rule: at most one waiting or running.
 */
export async function writeBookingFollowUps(tx: Tx, rows: FollowUps): Promise<void> {
  await sql`
    WITH audit AS (
      INSERT INTO audit_event (seq, occurred_at, actor_user_id, actor_organisation_id, action,
                               subject_type, subject_id, person_id, details, request_id,
                               prev_hash, hash)
      SELECT seq, occurred_at, actor_user_id, actor_organisation_id, action, subject_type,
             subject_id, person_id, details::jsonb, request_id, prev_hash, hash
        FROM jsonb_to_recordset(${JSON.stringify(rows.audit)}::jsonb) AS r(
             seq bigint, occurred_at timestamptz, actor_user_id uuid, actor_organisation_id uuid,
             action text, subject_type text, subject_id text, person_id uuid, details text,
             request_id text, prev_hash text, hash text)
    ), outbox AS (
      INSERT INTO outbox_message (id, channel, recipient, subject, text_body, html_body,
                                  attachments, created_at)
      SELECT id, channel, recipient, subject, text_body, html_body, attachments::jsonb, created_at
        FROM jsonb_to_recordset(${JSON.stringify(rows.messages)}::jsonb) AS r(
             id uuid, channel text, recipient text, subject text, text_body text,
             html_body text, attachments text, created_at timestamptz)
    )
    INSERT INTO job (name, payload, run_at, singleton_key, created_at)
    SELECT name, payload::jsonb, run_at, singleton_key, created_at
      FROM jsonb_to_recordset(${JSON.stringify(rows.jobs)}::jsonb) AS r(
           name text, payload text, run_at timestamptz, singleton_key text,
           created_at timestamptz)
    ON CONFLICT (singleton_key) WHERE singleton_key IS NOT NULL
       AND status IN ('pending', 'running') DO NOTHING`.execute(tx);
}
