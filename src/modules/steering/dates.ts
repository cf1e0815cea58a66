/** « 14 janvier 2016 » for a day written YYYY-MM-DD (read at noon UTC: the same day in Paris). */
export function formatDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString("fr-FR", {
    timeZone: "Europe/Paris",
    dateStyle: "long",
  });
}

/** « 6 décembre 2026 » for an instant, in Paris. */
export function formatInstant(at: Date): string {
  return at.toLocaleDateString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long" });
}

/** True when a YYYY-MM-DD text is a day of the calendar (2026-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}
