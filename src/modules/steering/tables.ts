import type { ColumnType, Generated } from "kysely";

/** Written by the application from its clock (one clock: no database default). */
type CreatedAt = ColumnType<Date, Date | string, never>;
type UpdatedAt = ColumnType<Date, Date | string, Date | string>;
/** numeric comes back from PostgreSQL as a string (exact decimals). */
type Numeric = ColumnType<string | null, number | string | null, number | string | null>;

export const ACTION_STATUSES = [
  "a_venir",
  "en_cours",
  "realisee",
  "en_retard",
  "en_pause",
  "abandonnee",
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const COMMITMENT_STATUSES = [
  "a_suivre",
  "tenu",
  "en_cours",
  "pas_tenu",
  "sans_suite",
] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export type TerritoryKind = "departement" | "commune" | "structure";

export const BODY_KINDS = ["copil", "groupe_travail"] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const STEP_STATUSES = ["prevue", "en_cours", "faite", "en_retard", "abandonnee"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const BUDGET_SECTIONS = ["fonctionnement", "investissement"] as const;
export type BudgetSection = (typeof BUDGET_SECTIONS)[number];

/** A date without time (YYYY-MM-DD), as text both ways. */
type DateText = ColumnType<string, string, string>;
export type BetterWhen = "up" | "down" | "neutral";

export interface SteeringTables {
  steering_plan: {
    id: Generated<string>;
    slug: string;
    title: string;
    period: string;
    summary: Generated<string>;
    source: Generated<string>;
    published: Generated<boolean>;
    is_demo: Generated<boolean>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  steering_axis: {
    id: Generated<string>;
    plan_id: string;
    number: number;
    title: string;
  };
  steering_theme: {
    id: Generated<string>;
    axis_id: string;
    /** The number the document gives the theme (the addendum reuses some). */
    number: number;
    title: string;
    position: number;
  };
  steering_action: {
    id: Generated<string>;
    plan_id: string;
    theme_id: string;
    number: number;
    title: string;
    status: Generated<ActionStatus>;
    /** A national or regional action that the département only follows. */
    followed_only: Generated<boolean>;
    findings: Generated<string>;
    objectives: Generated<string>;
    measures: Generated<string>;
    pilots: Generated<string>;
    partners: Generated<string>;
    follow_up_indicators: Generated<string>;
    calendar: Generated<string>;
    copil_observations: Generated<string>;
    published: Generated<boolean>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  steering_action_link: {
    action_id: string;
    path: string;
    label: string;
  };
  steering_indicator: {
    code: string;
    family: string;
    name: string;
    definition: Generated<string>;
    unit: Generated<string>;
    source: Generated<string>;
    producer: Generated<string>;
    method: Generated<string>;
    geographic_level: Generated<TerritoryKind>;
    better_when: Generated<BetterWhen>;
    computed_by_relais: Generated<boolean>;
    created_at: CreatedAt;
  };
  steering_indicator_value: {
    id: Generated<string>;
    indicator_code: string;
    territory_kind: TerritoryKind;
    territory_code: string;
    /** The date the value describes (YYYY-MM-DD). */
    period: ColumnType<string, string, string>;
    value: Numeric;
    target: Numeric;
    /** How many persons the value is computed from, when known (statistical secrecy). */
    persons: number | null;
    is_demo: Generated<boolean>;
    comment: Generated<string>;
    created_at: CreatedAt;
  };
  steering_budget_line: {
    id: Generated<string>;
    year: number;
    label: string;
    public: Generated<string>;
    section: "fonctionnement" | "investissement" | "total";
    /** Integer cents; bigint comes back as a number (the pool's parser). */
    planned_cents: number | null;
    executed_cents: number | null;
    /** The total of the year: drawn in the chart, never summed with the lines. */
    is_total: Generated<boolean>;
    source: string;
    is_demo: Generated<boolean>;
    created_at: CreatedAt;
  };
  steering_action_change: {
    id: Generated<string>;
    action_id: string;
    changed_at: CreatedAt;
    /** Kept for the audit; never shown on the public page. */
    changed_by: string | null;
    status: ActionStatus;
    published: boolean;
    copil_observations: string;
  };
  steering_commitment: {
    id: Generated<string>;
    respondent: string;
    question: number;
    quote: string;
    action_number: number | null;
    status: Generated<CommitmentStatus>;
    status_date: string | null;
    status_source: Generated<string>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  /** Migration 0504: the COPIL and the working groups. */
  steering_body: {
    id: Generated<string>;
    plan_id: string;
    kind: BodyKind;
    slug: string;
    name: string;
    mission: string;
    source: string;
    position: number;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  steering_body_member: {
    id: Generated<string>;
    body_id: string;
    /** An organisation of Relais; null for a member without an account here (named only). */
    organisation_id: string | null;
    name: string;
    role: string;
    position: number;
    created_at: CreatedAt;
  };
  steering_body_action: { body_id: string; action_id: string };
  steering_meeting: {
    id: Generated<string>;
    body_id: string;
    held_on: DateText;
    title: string;
    summary: string;
    published: boolean;
    is_demo: boolean;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  steering_meeting_action: { meeting_id: string; action_id: string };
  steering_decision: {
    id: Generated<string>;
    meeting_id: string;
    position: number;
    text: string;
  };
  /** Migration 0505: the rest of an action sheet. */
  steering_action_step: {
    id: Generated<string>;
    action_id: string;
    label: string;
    planned_on: DateText;
    done_on: DateText | null;
    status: StepStatus;
    published: boolean;
    is_demo: boolean;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  steering_action_note: {
    id: Generated<string>;
    action_id: string;
    noted_on: DateText;
    text: string;
    published: boolean;
    is_demo: boolean;
    created_by: string | null;
    created_at: CreatedAt;
  };
  steering_action_budget: {
    id: Generated<string>;
    action_id: string;
    year: number;
    section: BudgetSection;
    planned_cents: number | null;
    executed_cents: number | null;
    source: string;
    published: boolean;
    is_demo: boolean;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  steering_action_text: {
    id: Generated<string>;
    action_id: string;
    findings: string;
    objectives: string;
    measures: string;
    calendar: string;
    saved_at: UpdatedAt;
    saved_by: string | null;
    /** null: the action's one private draft. */
    published_at: Date | null;
  };
}
