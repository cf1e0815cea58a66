import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A nullable time the application sets later (absent at insert). */
type OptionalTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
/** `date` columns are selected as text ("2027-05-31"). */
type DateText = ColumnType<string, string, string>;
/** bigint comes back from pg as text; the quota sums stay below 2^53. */
type BigCount = ColumnType<string | number, number | undefined, number>;

export type IdentifierKind = "email" | "phone";
/** The parts of a space a mandate may cover (migration 0605). */
export type MandatePart = "rendez_vous" | "documents" | "partage" | "demarches";
/** `add_contact`: a second phone or e-mail proved for the space (migration 0606). */
export type CodePurpose = "sign_in" | "reverify" | "add_contact";
/** What a correction request is about (migration 0606). */
export type CorrectionPart = "identite" | "contact" | "suivi" | "autre";
export type EspaceMediaType = "application/pdf" | "image/png" | "image/jpeg";
export type DocumentCategory =
  | "identite"
  | "ressources"
  | "logement"
  | "famille"
  | "sante"
  | "autre";

/** A benefit as a kept simulation estimated it. */
export type KeptBenefit = {
  benefit: string;
  label: string;
  eligible: boolean;
  amountCents: number;
  periodicity: string;
  reason?: string | undefined;
};

/** The personal space's tables (migration 0600-espace, decision 0016). */
export interface EspaceTables {
  espace: {
    id: Generated<string>;
    created_at: Timestamp;
    last_active_at: Timestamp;
    inactivity_warned_at: Timestamp | null;
    /** The identity FranceConnect vouched for (migration 0601); null otherwise. */
    verified_given_name: string | null;
    verified_family_name: string | null;
    verified_birthdate: DateText | null;
    identity_verified_at: Timestamp | null;
  };
  espace_identifier: {
    id: Generated<string>;
    espace_id: string;
    kind: IdentifierKind | "franceconnect";
    /** E.164 for a phone, lower case for an e-mail, the subject for FranceConnect. */
    value: string;
    verified_at: Timestamp;
  };
  espace_code: {
    id: Generated<string>;
    token_hash: string;
    purpose: CodePurpose;
    kind: IdentifierKind;
    destination: string;
    espace_id: string | null;
    code_hash: string;
    attempts: Generated<number>;
    created_at: Timestamp;
    expires_at: Timestamp;
    used_at: Timestamp | null;
  };
  espace_session: {
    token_hash: string;
    espace_id: string;
    identifier_id: string | null;
    /** "code_email", "code_sms" or "franceconnect". */
    method: string;
    created_at: Timestamp;
    last_seen_at: Timestamp;
    expires_at: Timestamp;
    reverified_at: Timestamp;
    /** A FranceConnect session's ID token: its logout (id_token_hint) needs it. */
    id_token: string | null;
  };
  espace_document: {
    id: string;
    espace_id: string;
    title: string;
    file_name: string;
    media_type: EspaceMediaType;
    category: DocumentCategory;
    size_bytes: BigCount;
    chunk_count: Generated<number>;
    expires_on: DateText | null;
    status: "receiving" | "ready";
    deposited_by_user_id: string | null;
    deposited_by_organisation_id: string | null;
    created_at: Timestamp;
    last_used_at: Timestamp;
    /** Warned that it will be deleted for lack of use (migration 0606); cleared by a use. */
    unused_warned_at: OptionalTimestamp;
    /** Told once that its validity date has passed (migration 0606). */
    expiry_warned_at: OptionalTimestamp;
  };
  espace_document_chunk: {
    document_id: string;
    seq: number;
    content: Uint8Array;
  };
  espace_record_link: {
    id: Generated<string>;
    espace_id: string;
    person_id: string;
    parcours_id: string;
    organisation_id: string;
    confirmed_by_user_id: string | null;
    identifier_kind: IdentifierKind;
    confirmed_at: Timestamp;
    ended_at: Timestamp | null;
  };
  espace_share: {
    id: Generated<string>;
    espace_id: string;
    link_id: string;
    document_id: string | null;
    category: DocumentCategory | null;
    purpose: string;
    created_at: Timestamp;
    expires_at: Timestamp;
    revoked_at: Timestamp | null;
  };
  /** « Mes simulations » (migration 0602): kept with the person's consent. */
  espace_simulation: {
    id: Generated<string>;
    espace_id: string;
    month: string;
    answers: ColumnType<Record<string, Record<string, string>>, string, string>;
    results: ColumnType<KeptBenefit[], string, string>;
    consent_at: Timestamp;
    created_at: Timestamp;
  };
  /** A helper allowed to act for the person (migration 0605). */
  espace_mandate: {
    id: Generated<string>;
    espace_id: string;
    person_name: string;
    helper_name: string;
    helper_kind: IdentifierKind;
    helper_value: string;
    parts: ColumnType<MandatePart[], MandatePart[], MandatePart[]>;
    granted_at: Timestamp;
    expires_at: Timestamp;
    revoked_at: Timestamp | null;
  };
  /** A request for a correction (RGPD art. 16), migration 0606. */
  espace_correction: {
    id: Generated<string>;
    espace_id: string;
    /** The linked record whose structure receives it; null: the département. */
    link_id: string | null;
    organisation_id: string | null;
    part: CorrectionPart;
    message: string;
    created_at: Timestamp;
    handled_at: Timestamp | null;
    handled_by_user_id: string | null;
    reply: string | null;
  };
}
