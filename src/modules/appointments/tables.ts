import type { ColumnType, Generated } from "kysely";
import type { BookableBy } from "./agenda.ts";
import type { ParticipationStatus } from "./collective.ts";

/** Set by the application from its clock (one clock: no database default). */
type CreatedAt = ColumnType<Date, Date | string, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `date` and `time` columns travel as text ("2026-11-23", "09:00:00"). */
type DateText = ColumnType<string, string, string>;

export type LocationKind = "sur_place" | "telephone" | "visio" | "domicile";
export type MotifService = "social" | "pmi" | "insertion" | "autre";
export type RdvStatus = ParticipationStatus;
export type RdvChannel = "public" | "agent" | "prescripteur" | "invited";

/** The appointments module's tables (migration 0200-appointments). */
export interface AppointmentTables {
  rdv_lieu: {
    id: Generated<string>;
    organisation_id: string;
    name: string;
    address: string;
    commune_code: string | null;
    phone: string | null;
    status: Generated<"enabled" | "disabled" | "single_use">;
    /** "structure:<uuid>" or "service:<uuid>" in the directory (migration 0203). */
    directory_ref: string | null;
    latitude: number | null;
    longitude: number | null;
    created_at: CreatedAt;
  };
  rdv_motif: {
    id: Generated<string>;
    organisation_id: string;
    name: string;
    service: Generated<MotifService>;
    location_kind: LocationKind;
    duration_minutes: number;
    min_notice_minutes: Generated<number>;
    max_horizon_days: Generated<number>;
    bookable_by: Generated<BookableBy>;
    is_collective: Generated<boolean>;
    default_capacity: number | null;
    instructions: string | null;
    /** « Pièces à apporter », shown on the confirmation (migration 0205). */
    documents_to_bring: string | null;
    archived_at: Date | null;
    created_at: CreatedAt;
  };
  rdv_plage: {
    id: Generated<string>;
    organisation_id: string;
    agent_id: string;
    lieu_id: string | null;
    first_day: DateText;
    start_time: DateText;
    end_time: DateText;
    every_weeks: number | null;
    weekdays: Generated<number[]>;
    until: DateText | null;
    open_on_holidays: Generated<boolean>;
    created_at: CreatedAt;
  };
  rdv_plage_motif: { plage_id: string; motif_id: string };
  rdv_absence: {
    id: Generated<string>;
    agent_id: string;
    title: Generated<string>;
    first_day: DateText;
    start_time: DateText;
    end_time: DateText;
    end_day: DateText | null;
    every_weeks: number | null;
    weekdays: Generated<number[]>;
    until: DateText | null;
    created_at: CreatedAt;
  };
  rdv_session: {
    id: Generated<string>;
    organisation_id: string;
    motif_id: string;
    lieu_id: string;
    agent_id: string;
    starts_at: Timestamp;
    ends_at: Timestamp;
    capacity: number | null;
    seats_taken: Generated<number>;
    revoked_at: Date | null;
    created_at: CreatedAt;
  };
  rdv: {
    id: Generated<string>;
    organisation_id: string;
    motif_id: string;
    lieu_id: string | null;
    agent_id: string;
    starts_at: Timestamp;
    ends_at: Timestamp;
    status: Generated<RdvStatus>;
    person_name: string;
    phone: string | null;
    email: string | null;
    notify: Generated<boolean>;
    channel: RdvChannel;
    booked_by_user_id: string | null;
    /** The person's record it was booked from (migration 0202); no foreign key across modules. */
    person_id: string | null;
    idempotency_key: string | null;
    cancel_token_hash: string | null;
    created_at: CreatedAt;
    updated_at: Timestamp;
  };
  rdv_participation: {
    id: Generated<string>;
    session_id: string;
    status: Generated<RdvStatus>;
    person_name: string;
    phone: string | null;
    email: string | null;
    notify: Generated<boolean>;
    idempotency_key: string | null;
    created_at: CreatedAt;
  };
}
