// Why a booking is refused: one typed error with a code the service and
// the HTTP layer can branch on, and a clear French message for the person.

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

export class BookingRefused extends Error {
  override readonly name = "BookingRefused";
  readonly code: RefusalCode;
  /** The form field the message belongs to, when there is one. */
  readonly field: string | undefined;

  constructor(code: RefusalCode, message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

const longDate = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "jeudi 14 mai 2026", in Paris whatever the process time zone. */
export function formatFrenchDate(instant: Date): string {
  return longDate.format(instant);
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
