import { createRequire } from "node:module";
import OpeningHours from "opening_hours";
import { frenchTextTime, frenchWeekday } from "../../platform/time/french-dates.ts";
import {
  addDays,
  type LocalDate,
  MS_PER_MINUTE,
  parisDate,
  parisOffsetMinutes,
  parisToDate,
  wallToUtc,
} from "../../platform/time/paris.ts";

/**
 * Opening hours in the OpenStreetMap `opening_hours` syntax (the one
 * data·inclusion uses), evaluated by the maintained `opening_hours` library.
 *
 * The library reads a Date's local fields, so it computes in the process's
 * time zone. We never rely on that: the instant is turned into a Date whose
 * local fields are the Europe/Paris wall clock, and results are turned back
 * into instants. The same answers come out under TZ=UTC or TZ=Europe/Paris.
 */

/**
 * Longest opening-hours value Relais parses. The parser's time grows with
 * the square of the length (16,000 characters held the process 8.7 s): a
 * longer value is refused before it reaches the parser. Real values are a
 * few dozen characters; 1,000 leaves room for long lists of exceptions.
 */
export const MAX_OPENING_HOURS_LENGTH = 1_000;

/**
 * The library computes public holidays (PH) from the country and school
 * holidays (SH) from the French region (`state`, académie calendars it
 * ships); without a region, any `SH` is an error. The region is the one of
 * the place (its département), Île-de-France when the place is unknown.
 */
type Nominatim = { lat: number; lon: number; address: { country_code: "fr"; state: string } };
const DEFAULT_REGION = "Île-de-France";

function nominatim(region: string): Nominatim {
  return { lat: 48.85, lon: 2.35, address: { country_code: "fr", state: region } };
}

/**
 * Region names (as the library spells them) by département code, from the
 * official geographic code (COG) in @etalab/decoupage-administratif.
 */
const regionByDepartement: Map<string, string> = (() => {
  const require = createRequire(import.meta.url);
  const regions = require("@etalab/decoupage-administratif/data/regions.json") as {
    code: string;
    nom: string;
  }[];
  const departements = require("@etalab/decoupage-administratif/data/departements.json") as {
    code: string;
    region: string;
  }[];
  const names = new Map(regions.map((region) => [region.code, region.nom]));
  return new Map(
    departements.flatMap((departement) => {
      const name = names.get(departement.region);
      return name ? [[departement.code, name] as const] : [];
    }),
  );
})();

/** The région of a place from its INSEE code or, failing that, its postcode. */
export function regionOfPlace(place: {
  code_insee?: string | null;
  code_postal?: string | null;
}): string {
  const code = place.code_insee ?? place.code_postal ?? "";
  const departement = code.startsWith("97")
    ? code.slice(0, 3)
    : code.startsWith("20")
      ? "2A"
      : code.slice(0, 2);
  return regionByDepartement.get(departement) ?? DEFAULT_REGION;
}

/** A Date whose *local* fields show the Paris wall clock of `instant` (to the second). */
function toLibraryDate(instant: Date): Date {
  const wall = new Date(instant.getTime() + parisOffsetMinutes(instant.getTime()) * MS_PER_MINUTE);
  return new Date(
    wall.getUTCFullYear(),
    wall.getUTCMonth(),
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
  );
}

/** The library's midnight of a Paris day. */
function libraryDay(date: LocalDate): Date {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  return new Date(year, month - 1, day);
}

/** The instant at which Paris shows the local fields of `libraryDate`. */
function fromLibraryDate(libraryDate: Date): Date {
  return new Date(
    wallToUtc(
      Date.UTC(
        libraryDate.getFullYear(),
        libraryDate.getMonth(),
        libraryDate.getDate(),
        libraryDate.getHours(),
        libraryDate.getMinutes(),
        libraryDate.getSeconds(),
      ),
    ),
  );
}

// Parsing costs about half a millisecond; a directory has few distinct hours
// strings, so parsed values are kept (the parsed object is only read after).
const parsed = new Map<string, OpeningHours>();
const PARSED_LIMIT = 2_000;

/** How many times the parser ran (tests check that an over-long value never reaches it). */
export const parserCalls = { count: 0 };

/**
 * The library writes English messages to the console (console.error,
 * console.warn) while it parses; Relais reports problems itself, in French.
 * Parsing is synchronous, so the console is quiet only for its duration.
 */
function quietly<T>(work: () => T): T {
  const { error, warn, log } = console;
  console.error = console.warn = console.log = () => {};
  try {
    return work();
  } finally {
    console.error = error;
    console.warn = warn;
    console.log = log;
  }
}

function parse(value: string, region: string = DEFAULT_REGION): OpeningHours {
  if (value.length > MAX_OPENING_HOURS_LENGTH) throw new Error("opening hours too long");
  const key = `${region}\u0000${value}`;
  let hours = parsed.get(key);
  if (!hours) {
    parserCalls.count++;
    hours = quietly(
      () => new OpeningHours(value, nominatim(region), { mode: 0, warnings_severity: 4 } as never),
    );
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(key, hours);
  }
  return hours;
}

/** A French message when the value cannot be read, undefined when it can. */
export function checkOpeningHours(value: string): string | undefined {
  if (value.length > MAX_OPENING_HOURS_LENGTH)
    return `horaires_accueil : ${MAX_OPENING_HOURS_LENGTH.toLocaleString("fr-FR")} caractères au plus`;
  try {
    parse(value);
    return undefined;
  } catch {
    return `horaires_accueil : « ${value.slice(0, 80)} » n'est pas au format OpenStreetMap opening_hours (exemple : « Mo-Fr 09:00-12:00,14:00-17:00; PH off »)`;
  }
}

export type OpeningStatus =
  | { kind: "unknown" }
  | { kind: "open"; closesAt: Date | undefined }
  | { kind: "closed"; opensAt: Date | undefined };

/** Open now? And until when, or from when. `undefined` hours: we do not know. */
export function openingStatus(
  value: string | null,
  now: Date,
  region: string = DEFAULT_REGION,
): OpeningStatus {
  if (!value) return { kind: "unknown" };
  let hours: OpeningHours;
  try {
    hours = parse(value, region);
  } catch {
    return { kind: "unknown" };
  }
  const local = toLibraryDate(now);
  const horizon = new Date(local.getTime() + 31 * 24 * 3600 * 1000);
  const next = hours.getNextChange(local, horizon);
  const change = next ? fromLibraryDate(next) : undefined;
  if (hours.getUnknown(local)) return { kind: "unknown" };
  return hours.getState(local)
    ? { kind: "open", closesAt: change }
    : { kind: "closed", opensAt: change };
}

export function isOpenAt(
  value: string | null,
  now: Date,
  region: string = DEFAULT_REGION,
): boolean {
  if (!value) return false;
  try {
    const hours = parse(value, region);
    const local = toLibraryDate(now);
    return !hours.getUnknown(local) && hours.getState(local);
  } catch {
    return false;
  }
}

/** "Ouvert jusqu'à 17 h 00", "Fermé · ouvre lundi à 09 h 00"… */
export function describeStatus(status: OpeningStatus, now: Date): string {
  // A status is shared by every hit with the same hours, on every page that
  // shows it during its minute: its text is worked out once per minute.
  const minute = Math.floor(now.getTime() / 60_000);
  const known = described.get(status);
  if (known?.minute === minute) return known.text;
  const text = statusText(status, now);
  described.set(status, { minute, text });
  return text;
}

const described = new WeakMap<OpeningStatus, { minute: number; text: string }>();

function statusText(status: OpeningStatus, now: Date): string {
  const at = frenchTextTime;
  const when = (date: Date) => {
    const today = parisDate(now);
    const day = parisDate(date);
    const name =
      day === today ? "aujourd'hui" : day === addDays(today, 1) ? "demain" : frenchWeekday(date);
    return `${name} à ${at(date)}`;
  };
  if (status.kind === "unknown") return "Horaires non renseignés";
  if (status.kind === "open") {
    return status.closesAt ? `Ouvert jusqu'à ${at(status.closesAt)}` : "Ouvert";
  }
  return status.opensAt ? `Fermé · ouvre ${when(status.opensAt)}` : "Fermé";
}

/** The opening intervals of the next 7 days, one line per day, in French. */
export function weekSchedule(
  value: string | null,
  now: Date,
  region: string = DEFAULT_REGION,
): { day: string; hours: string }[] {
  if (!value) return [];
  let hours: OpeningHours;
  try {
    hours = parse(value, region);
  } catch {
    return [];
  }
  const today = parisDate(now);
  const lines: { day: string; hours: string }[] = [];
  for (let offset = 0; offset < 7; offset++) {
    const day = addDays(today, offset);
    const intervals = hours
      .getOpenIntervals(libraryDay(day), libraryDay(addDays(day, 1)))
      .filter(([, , unknown]) => !unknown);
    const at = (date: Date) => frenchTextTime(fromLibraryDate(date));
    lines.push({
      // « lundi 7 »: the day of the month as a number, its month implied by the week.
      day: `${frenchWeekday(parisToDate(day, "12:00"))} ${Number(day.slice(8, 10))}`,
      hours:
        intervals.length === 0
          ? "fermé"
          : intervals.map(([open, close]) => `${at(open)} – ${at(close)}`).join(", "),
    });
  }
  return lines;
}
