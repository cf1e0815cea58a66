// What a responsable de structure sets up: places, motifs, openings,
// absences, collective sessions. Used by the demo seed, the tests and the
// responsable's pages. Validation of times and recurrences is the zod
// schemas' of agenda-schemas.ts; the database checks the rest.

import type { Db, Tx } from "../../db/database.ts";
import type { BookableBy } from "./agenda.ts";
import { isUuid } from "./agenda-store.ts";
import type { WeeklyRecurrence } from "./recurrence.ts";
import type { LocationKind, MotifService } from "./tables.ts";

export async function createLieu(
  db: Db | Tx,
  input: {
    organisationId: string;
    name: string;
    address: string;
    communeCode?: string | null;
    phone?: string | null;
    /** A place of the directory ("structure:<uuid>"), with its coordinates. */
    directoryRef?: string | null;
    latitude?: number | null;
    longitude?: number | null;
  },
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto("rdv_lieu")
    .values({
      organisation_id: input.organisationId,
      name: input.name,
      address: input.address,
      commune_code: input.communeCode ?? null,
      phone: input.phone ?? null,
      directory_ref: input.directoryRef ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createMotif(
  db: Db | Tx,
  input: {
    organisationId: string;
    name: string;
    locationKind: LocationKind;
    durationMinutes: number;
    service?: MotifService;
    minNoticeMinutes?: number;
    maxHorizonDays?: number;
    bookableBy?: BookableBy;
    isCollective?: boolean;
    defaultCapacity?: number | null;
    instructions?: string | null;
    documentsToBring?: string | null;
  },
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto("rdv_motif")
    .values({
      organisation_id: input.organisationId,
      name: input.name,
      location_kind: input.locationKind,
      duration_minutes: input.durationMinutes,
      service: input.service ?? "social",
      min_notice_minutes: input.minNoticeMinutes ?? 30,
      max_horizon_days: input.maxHorizonDays ?? 60,
      bookable_by: input.bookableBy ?? "everyone",
      is_collective: input.isCollective ?? false,
      default_capacity: input.defaultCapacity ?? null,
      instructions: input.instructions ?? null,
      documents_to_bring: input.documentsToBring ?? null,
      archived_at: null,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface NewPlage {
  organisationId: string;
  agentId: string;
  lieuId: string | null;
  motifIds: string[];
  firstDay: string;
  startTime: string;
  endTime: string;
  recurrence?: WeeklyRecurrence | null;
  openOnHolidays?: boolean;
}

export async function createPlage(db: Db | Tx, input: NewPlage, now: Date): Promise<string> {
  const row = await db
    .insertInto("rdv_plage")
    .values({
      organisation_id: input.organisationId,
      agent_id: input.agentId,
      lieu_id: input.lieuId,
      first_day: input.firstDay,
      start_time: input.startTime,
      end_time: input.endTime,
      every_weeks: input.recurrence?.everyWeeks ?? null,
      weekdays: [...(input.recurrence?.weekdays ?? [])],
      until: input.recurrence?.until ?? null,
      open_on_holidays: input.openOnHolidays ?? false,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("rdv_plage_motif")
    .values(input.motifIds.map((motifId) => ({ plage_id: row.id, motif_id: motifId })))
    .execute();
  return row.id;
}

export async function createAbsence(
  db: Db | Tx,
  input: {
    agentId: string;
    title?: string;
    firstDay: string;
    startTime: string;
    endTime: string;
    endDay?: string | null;
    recurrence?: WeeklyRecurrence | null;
  },
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto("rdv_absence")
    .values({
      agent_id: input.agentId,
      title: input.title ?? "",
      first_day: input.firstDay,
      start_time: input.startTime,
      end_time: input.endTime,
      end_day: input.endDay ?? null,
      every_weeks: input.recurrence?.everyWeeks ?? null,
      weekdays: [...(input.recurrence?.weekdays ?? [])],
      until: input.recurrence?.until ?? null,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createSession(
  db: Db | Tx,
  input: {
    organisationId: string;
    motifId: string;
    lieuId: string;
    agentId: string;
    startsAt: Date;
    endsAt: Date;
    capacity: number | null;
  },
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto("rdv_session")
    .values({
      organisation_id: input.organisationId,
      motif_id: input.motifId,
      lieu_id: input.lieuId,
      agent_id: input.agentId,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      capacity: input.capacity,
      revoked_at: null,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Motifs and openings of an organisation, for the responsable's overview. */
export async function organisationSetup(db: Db, organisationId: string) {
  const [motifs, plages] = await Promise.all([
    db
      .selectFrom("rdv_motif")
      .selectAll()
      .where("organisation_id", "=", organisationId)
      .where("archived_at", "is", null)
      .orderBy("name")
      .execute(),
    db
      .selectFrom("rdv_plage as p")
      .innerJoin("app_user as u", "u.id", "p.agent_id")
      .leftJoin("rdv_lieu as l", "l.id", "p.lieu_id")
      .select([
        "p.id",
        "u.display_name as agentName",
        "l.name as lieuName",
        "p.weekdays",
        "p.every_weeks as everyWeeks",
      ])
      .select((eb) => [
        eb.fn<string>("to_char", ["p.start_time", eb.val("HH24:MI")]).as("startTime"),
        eb.fn<string>("to_char", ["p.end_time", eb.val("HH24:MI")]).as("endTime"),
      ])
      .where("p.organisation_id", "=", organisationId)
      .orderBy("u.display_name")
      .execute(),
  ]);
  return { motifs, plages };
}

/**
 * Sets what a person brings to an appointment of this motif (null: nothing
 * asked). Only a motif of `organisationId`: false when it is not one of its
 * motifs, and nothing is written.
 */
export async function setMotifDocumentsToBring(
  db: Db | Tx,
  organisationId: string,
  motifId: string,
  documentsToBring: string | null,
): Promise<boolean> {
  if (!isUuid(motifId)) return false;
  const updated = await db
    .updateTable("rdv_motif")
    .set({ documents_to_bring: documentsToBring })
    .where("id", "=", motifId)
    .where("organisation_id", "=", organisationId)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
