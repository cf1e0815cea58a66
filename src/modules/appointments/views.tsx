// Pieces shared by the public and professional pages: week navigation and
// free slots grouped by day, each slot a plain link (works without JS,
// with the keyboard, and reads well on a 360 px screen).

import { frenchDate, frenchLocalDate, frenchTextTime } from "../../platform/time/french-dates.ts";
import {
  addDays,
  isLocalDate,
  isoWeekday,
  type LocalDate,
  parisDate,
  parisToDate,
} from "../../platform/time/paris.ts";
import { capitalise } from "../../platform/ui/french.ts";
import type { Slot } from "./slots.ts";

export interface Week {
  monday: LocalDate;
  from: Date;
  to: Date;
  previous: LocalDate | null;
  next: LocalDate;
}

/** The week (Monday to Sunday, Paris) holding `requested`, never before the current one. */
export function weekOf(requested: string | undefined, now: Date): Week {
  const today = parisDate(now);
  const thisMonday = mondayOf(today);
  const wanted = requested && isLocalDate(requested) ? mondayOf(requested) : thisMonday;
  const monday = wanted < thisMonday ? thisMonday : wanted;
  const start = parisToDate(monday, "00:00");
  return {
    monday,
    from: start < now ? now : start,
    to: parisToDate(addDays(monday, 7), "00:00"),
    previous: monday > thisMonday ? addDays(monday, -7) : null,
    next: addDays(monday, 7),
  };
}

/** Weeks looked ahead for a free slot when none is asked for (RDV Service Public looks 4 weeks on). */
export const WEEKS_AHEAD = 4;

/**
 * The week a slot page opens on, and its slots: the one asked for, else the
 * current week if it has a free slot, else the first of the next weeks that
 * has one. Opening on the current week without looking (as the move and the
 * pro booking pages did) showed « Aucun créneau libre » on a Sunday evening
 * while the next week was open.
 */
export async function openingWeek(
  requested: string | undefined,
  now: Date,
  find: (window: { from: Date; to: Date }) => Promise<Slot[]>,
): Promise<{ week: Week; slots: Slot[] }> {
  const week = weekOf(requested, now);
  const slots = await find(week);
  if (slots.length > 0 || (requested && isLocalDate(requested))) return { week, slots };
  const ahead = await find({
    from: week.to,
    to: parisToDate(addDays(week.monday, 7 * (WEEKS_AHEAD + 1)), "00:00"),
  });
  const first = ahead[0];
  if (!first) return { week, slots };
  const found = weekOf(mondayOf(parisDate(first.start)), now);
  return {
    week: found,
    slots: ahead.filter((slot) => slot.start >= found.from && slot.start < found.to),
  };
}

export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** "Lundi 7 décembre 2026": a day at the start of a heading or a line. */
export function frenchDay(instant: Date | LocalDate): string {
  return capitalise(
    typeof instant === "string" ? frenchLocalDate(instant, { weekday: true }) : frenchDate(instant),
  );
}

/** "Semaine du lundi 23 novembre 2026". */
export function weekTitle(week: Week): string {
  return `Semaine du ${frenchLocalDate(week.monday, { weekday: true })}`;
}

/** Slots grouped by Paris day; one slot per start time when `oneAgentPerTime`. */
export function slotsByDay(
  slots: readonly Slot[],
  oneAgentPerTime: boolean,
): { date: LocalDate; slots: Slot[] }[] {
  const days = new Map<LocalDate, Slot[]>();
  const seen = new Set<number>();
  for (const slot of slots) {
    if (oneAgentPerTime) {
      if (seen.has(slot.start.getTime())) continue;
      seen.add(slot.start.getTime());
    }
    const date = parisDate(slot.start);
    days.set(date, [...(days.get(date) ?? []), slot]);
  }
  return [...days].map(([date, list]) => ({ date, slots: list }));
}

export function WeekNavigation({ week, href }: { week: Week; href: (monday: string) => string }) {
  return (
    <nav class="rdv-week-nav" aria-label="Changer de semaine">
      <ul>
        {week.previous && (
          <li>
            <a href={href(week.previous)} rel="prev">
              Semaine précédente
            </a>
          </li>
        )}
        <li>
          <a href={href(week.next)} rel="next">
            Semaine suivante
          </a>
        </li>
      </ul>
    </nav>
  );
}

export function SlotList({
  slots,
  href,
  label,
  oneAgentPerTime = true,
}: {
  slots: readonly Slot[];
  href: (slot: Slot) => string;
  label?: (slot: Slot) => string;
  oneAgentPerTime?: boolean;
}) {
  const days = slotsByDay(slots, oneAgentPerTime);
  if (days.length === 0) {
    return <p class="rdv-empty">Aucun créneau libre cette semaine. Essayez la semaine suivante.</p>;
  }
  return (
    <div class="rdv-days">
      {days.map((day) => (
        <section class="rdv-day" aria-labelledby={`jour-${day.date}`}>
          <h3 id={`jour-${day.date}`} class="rdv-day__title">
            {frenchDay(day.date)}
          </h3>
          <ul class="rdv-slots">
            {day.slots.map((slot) => (
              <li>
                <a
                  class="rdv-slot"
                  href={href(slot)}
                  aria-label={`${frenchDay(day.date)} à ${frenchTextTime(slot.start)}${label ? `, ${label(slot)}` : ""}`}
                >
                  {frenchTextTime(slot.start)}
                  {label && <span class="rdv-slot__who">{label(slot)}</span>}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** "?a=1&b=2" from the defined entries only. */
export function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
