import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `date` columns are always selected as text ("2026-11-23"): see `dateText`. */
type DateText = ColumnType<string, string, string>;

export type ConsentScope = "suivi" | "suivi_sante";
export type ParcoursStatus = "ouvert" | "clos" | "archive";
export type ObjectiveStatus = "en_cours" | "atteint" | "abandonne";
export type ActionStatus = "a_faire" | "en_cours" | "faite" | "abandonnee";
export type OrientationStatus = "proposee" | "acceptee" | "refusee" | "annulee";
export type ConsentHow = "ecrit" | "oral";
export type DocumentMediaType = "application/pdf" | "image/png" | "image/jpeg";

/** One benefit of an attached simulation, as the simulator estimated it that day. */
export type AttachedBenefit = {
  benefit: string;
  label: string;
  eligible: boolean;
  amountCents: number;
  periodicity: string;
  reason?: string | undefined;
};

/** The records module's tables (migration 0300-records). */
export interface RecordsTables {
  person: {
    id: Generated<string>;
    last_name: string;
    first_name: string;
    birth_date: DateText;
    search_name: string;
    in_care_ase: Generated<boolean>;
    created_by_organisation_id: string | null;
    created_at: ColumnType<Date, Date | string, never>;
  };
  person_consent: {
    id: Generated<string>;
    person_id: string;
    organisation_id: string;
    scope: ConsentScope;
    collected_by_user_id: string | null;
    collected_at: Timestamp;
    withdrawn_at: Timestamp | null;
    withdrawn_by_user_id: string | null;
    /** How and when the person gave it, through which structure (migration 0305). */
    given_how: ConsentHow | null;
    given_on: DateText | null;
    collected_by_organisation_id: string | null;
    /** The worker attests the person gave it to them in person (migration 0305). */
    attested_in_person: Generated<boolean>;
  };
  parcours: {
    id: Generated<string>;
    person_id: string;
    referent_user_id: string | null;
    referent_organisation_id: string | null;
    referent_override_reason: string | null;
    status: Generated<ParcoursStatus>;
    situation: ColumnType<Record<string, string>, string | undefined, string>;
    situation_version: Generated<number>;
    opened_at: Timestamp;
    last_contact_at: Timestamp;
    closed_at: Timestamp | null;
    archived_at: Timestamp | null;
  };
  parcours_member: {
    parcours_id: string;
    organisation_id: string;
    joined_at: Timestamp;
  };
  plan_objective: {
    id: Generated<string>;
    parcours_id: string;
    theme: string;
    title: string;
    status: Generated<ObjectiveStatus>;
    version: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  plan_action: {
    id: Generated<string>;
    objective_id: string;
    parcours_id: string;
    title: string;
    assignee: string;
    due_date: DateText | null;
    status: Generated<ActionStatus>;
    version: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  parcours_note: {
    id: Generated<string>;
    parcours_id: string;
    author_user_id: string | null;
    author_organisation_id: string | null;
    contact_date: DateText;
    body: string;
    is_sensitive: Generated<boolean>;
    /** Shown in the person's « Mon accompagnement »; never with is_sensitive (migration 0312). */
    shared_with_person: Generated<boolean>;
    created_at: Timestamp;
  };
  parcours_document: {
    id: Generated<string>;
    parcours_id: string;
    file_name: string;
    media_type: DocumentMediaType;
    size_bytes: number;
    content: Uint8Array;
    uploaded_by_user_id: string | null;
    uploaded_by_organisation_id: string | null;
    uploaded_at: Timestamp;
    /** Health data: follows the health scope of the consent, like notes (migration 0306). */
    is_sensitive: Generated<boolean>;
  };
  orientation: {
    id: Generated<string>;
    parcours_id: string;
    from_organisation_id: string;
    from_user_id: string | null;
    to_organisation_id: string;
    to_service_ref: string | null;
    /** The service's name when the orientation was made (migration 0301). */
    to_service_name: string | null;
    message: Generated<string>;
    status: Generated<OrientationStatus>;
    decision_reason: string | null;
    decided_by_user_id: string | null;
    created_at: Timestamp;
    decided_at: Timestamp | null;
  };
  /** Simulations of rights attached to a parcours (migration 0302). */
  parcours_simulation: {
    id: Generated<string>;
    parcours_id: string;
    person_id: string;
    month: string;
    inputs: ColumnType<Record<string, string>, string, string>;
    results: ColumnType<AttachedBenefit[], string, string>;
    attached_by_user_id: string | null;
    attached_by_organisation_id: string | null;
    attached_at: Timestamp;
    /** Shared by the person from « Mon espace » (migration 0311); null when a worker attached it. */
    shared_by_person_at: Timestamp | null;
  };
  /** A possible duplicate the creating worker could not see (migration 0307). */
  person_duplicate_flag: {
    id: Generated<string>;
    person_id: string;
    new_person_id: string;
    flagged_by_organisation_id: string | null;
    flagged_at: Timestamp;
  };
  structure_caseload: {
    organisation_id: string;
    max_parcours_per_worker: number;
    updated_at: Timestamp;
  };
}
