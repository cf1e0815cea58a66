import type { ColumnType, Generated, JSONColumnType } from "kysely";

/** Set by the application from its clock (one clock: no database default). */
type CreatedAt = ColumnType<Date, Date | string, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type OrganisationKind =
  | "departement"
  | "sst"
  | "ccas"
  | "association"
  | "caf"
  | "cpam"
  | "france_travail"
  | "mairie"
  | "etat"
  | "autre";

export type Role =
  | "agent_accueil"
  | "travailleur_social"
  | "responsable_structure"
  | "pilote"
  | "admin"
  /** Délégué à la protection des données: reads the audit trail, no record. */
  | "dpo";

export interface FoundationTables {
  app_setting: {
    key: string;
    value: ColumnType<unknown, string, string>;
    updated_at: Timestamp;
  };
  departement: { code: string; name: string; chef_lieu: string };
  commune: {
    insee_code: string;
    name: string;
    departement_code: string;
    postcodes: string[];
    population: number | null;
    latitude: number | null;
    longitude: number | null;
  };
  organisation: {
    id: Generated<string>;
    name: string;
    kind: OrganisationKind;
    commune_code: string | null;
    is_demo: Generated<boolean>;
    created_at: CreatedAt;
  };
  app_user: {
    id: Generated<string>;
    email: string;
    display_name: string;
    password_hash: string | null;
    is_active: Generated<boolean>;
    is_demo: Generated<boolean>;
    created_at: CreatedAt;
    last_login_at: Date | null;
  };
  membership: {
    user_id: string;
    organisation_id: string;
    role: Role;
    created_at: CreatedAt;
  };
  user_session: {
    token_hash: string;
    user_id: string;
    created_at: CreatedAt;
    last_seen_at: Timestamp;
    expires_at: Timestamp;
  };
  rate_limit: { key: string; window_start: Timestamp; hits: number };
  audit_event: {
    seq: number;
    occurred_at: Timestamp;
    actor_user_id: string | null;
    actor_organisation_id: string | null;
    action: string;
    subject_type: string;
    subject_id: string | null;
    person_id: string | null;
    details: JSONColumnType<Record<string, unknown>>;
    request_id: string | null;
    prev_hash: string;
    hash: string;
  };
  job: {
    id: Generated<number>;
    name: string;
    payload: JSONColumnType<Record<string, unknown>>;
    status: Generated<"pending" | "running" | "done" | "failed">;
    run_at: Timestamp;
    attempts: Generated<number>;
    max_attempts: Generated<number>;
    locked_at: Date | null;
    locked_by: string | null;
    last_error: string | null;
    singleton_key: string | null;
    created_at: CreatedAt;
    finished_at: Date | null;
  };
  outbox_message: {
    id: Generated<string>;
    channel: Generated<"email" | "sms">;
    recipient: string;
    subject: Generated<string>;
    text_body: string;
    html_body: string | null;
    attachments: ColumnType<MailAttachment[], string | undefined, string>;
    status: Generated<"pending" | "sent" | "failed" | "held">;
    attempts: Generated<number>;
    last_error: string | null;
    created_at: CreatedAt;
    sent_at: Date | null;
  };
}

export type MailAttachment = { filename: string; contentType: string; content: string };
