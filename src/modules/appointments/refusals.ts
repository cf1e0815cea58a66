// Why a booking is refused: one typed error with a code the service and
// the HTTP layer can branch on, and a clear French message for the person.
// The API gives each refusal a stable machine-readable code (API_CODES)
// next to the message: a partner's program branches on the code, never on
// the French text, which may be reworded.

import { Invalid, Refused } from "../../platform/errors.ts";

export type RefusalCode =
  | "motif-not-bookable"
  | "slot-in-past"
  | "outside-openings"
  | "on-holiday"
  | "agent-absent"
  | "slot-taken"
  | "too-soon"
  | "too-far"
  | "slot-not-offered"
  | "session-revoked"
  | "session-past"
  | "session-full"
  | "invalid-phone"
  | "not-a-mobile";

/** The codes of the API's refusals (`error.code`): stable, documented in api-openapi.ts. */
export const API_CODES = {
  "motif-not-bookable": "not_bookable",
  "slot-in-past": "in_past",
  "outside-openings": "outside_openings",
  "on-holiday": "holiday",
  "agent-absent": "agent_absent",
  "slot-taken": "slot_taken",
  "too-soon": "too_soon",
  "too-far": "too_far",
  "slot-not-offered": "not_offered",
  "session-revoked": "session_cancelled",
  "session-past": "session_past",
  "session-full": "session_full",
  "invalid-phone": "invalid_phone",
  "not-a-mobile": "not_a_mobile",
} as const satisfies Record<RefusalCode, string>;

/** Bad details or a request that cannot apply, each with its API code. */
export type InvalidCode =
  | "invalid"
  | "invalid_name"
  | "invalid_phone"
  | "invalid_email"
  | "phone_required"
  | "contact_required"
  | "consent_required"
  | "unknown_motif"
  | "key_reused"
  | "invalid_key"
  | "already_cancelled"
  | "already_past"
  | "cannot_move";

export type ApiCode = (typeof API_CODES)[RefusalCode] | InvalidCode;

/** An Invalid (400, field messages in French) that also says why in one API code. */
export class BookingInvalid extends Invalid {
  override readonly code: InvalidCode;
  constructor(code: InvalidCode, fieldErrors: Record<string, string>, message?: string) {
    super(fieldErrors, message ?? Object.values(fieldErrors)[0], code);
    this.code = code;
  }
}

/**
 * A booking the service refuses: the platform's `Refused`, whose `code` is
 * the API's stable code (API_CODES) and whose status is 409 for a slot
 * already taken, 400 otherwise; `reason` is the internal refusal the pages
 * branch on, `field` the form field the message belongs to, when there is
 * one (the API then says `creneau`).
 */
export class BookingRefused extends Refused {
  override readonly name = "BookingRefused";
  readonly reason: RefusalCode;

  constructor(reason: RefusalCode, message: string, field?: string) {
    super(API_CODES[reason], message, { status: reason === "slot-taken" ? 409 : 400, field });
    this.reason = reason;
  }

  override get fields(): Record<string, string> {
    return { [this.field ?? "creneau"]: this.message };
  }
}

/** "30 minutes", "2 heures", "1 jour", "3 heures et 30 minutes". */
export function formatFrenchDuration(totalMinutes: number): string {
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} jour${days > 1 ? "s" : ""}`);
  if (hours > 0) parts.push(`${hours} heure${hours > 1 ? "s" : ""}`);
  if (minutes > 0 || parts.length === 0) parts.push(`${minutes} minute${minutes > 1 ? "s" : ""}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} et ${parts.at(-1)}` : parts[0]!;
}
