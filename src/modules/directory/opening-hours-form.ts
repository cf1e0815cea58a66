/**
 * Opening hours as ordinary form fields (days, time ranges, public holidays,
 * exceptional closures) and back, in the OpenStreetMap `opening_hours`
 * syntax; and plain French (« du lundi au vendredi de 9h à 12h ») read into
 * that syntax. Pure. Only the simple shapes a form can show are read back;
 * anything else stays in the raw field for experts.
 */
import { checkOpeningHours } from "./opening-hours.ts";

export const DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] as const;
export type Day = (typeof DAYS)[number];
export const DAY_NAMES: Record<Day, string> = {
  Mo: "lundi",
  Tu: "mardi",
  We: "mercredi",
  Th: "jeudi",
  Fr: "vendredi",
  Sa: "samedi",
  Su: "dimanche",
};
/** Time ranges a day can have in the form. */
export const RANGES_PER_DAY = 2;
/** Exceptional closures the form offers. */
export const CLOSURE_ROWS = 3;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export type TimeRange = { from: string; to: string };
/** Dates as YYYY-MM-DD (the value of an <input type="date">). */
export type Closure = { from: string; to: string };
export type HoursForm = {
  days: Record<Day, TimeRange[]>;
  closedOnHolidays: boolean;
  closures: Closure[];
};

export function emptyHoursForm(): HoursForm {
  return {
    days: Object.fromEntries(DAYS.map((day) => [day, []])) as unknown as Record<Day, TimeRange[]>,
    closedOnHolidays: false,
    closures: [],
  };
}

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

function daySpan(text: string): Day[] | undefined {
  const days: Day[] = [];
  for (const part of text.split(",")) {
    const [from, to] = part.split("-");
    const start = DAYS.indexOf(from as Day);
    const end = to === undefined ? start : DAYS.indexOf(to as Day);
    if (start < 0 || end < start) return undefined;
    for (let index = start; index <= end; index++) days.push(DAYS[index] as Day);
  }
  return days;
}

function osmDate(text: string): string | undefined {
  const match = /^(\d{4}) ([A-Z][a-z]{2}) (\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2] ?? "");
  if (month < 0) return undefined;
  return `${match[1]}-${String(month + 1).padStart(2, "0")}-${(match[3] ?? "").padStart(2, "0")}`;
}

/**
 * The form's fields from an opening_hours value, or undefined when the value
 * uses more than the form can show (weeks, months, « off » for a weekday…).
 */
export function hoursToForm(value: string | null | undefined): HoursForm | undefined {
  const form = emptyHoursForm();
  if (!value?.trim()) return form;
  for (const rawRule of value.split(";")) {
    const rule = rawRule.trim();
    if (!rule) continue;
    if (/^PH off$/i.test(rule)) {
      form.closedOnHolidays = true;
      continue;
    }
    const closure = /^(\d{4} [A-Z][a-z]{2} \d{1,2})(?:-(\d{4} [A-Z][a-z]{2} \d{1,2}))? off$/.exec(
      rule,
    );
    if (closure) {
      const from = osmDate(closure[1] ?? "");
      const to = closure[2] ? osmDate(closure[2]) : from;
      if (!from || !to) return undefined;
      form.closures.push({ from, to });
      continue;
    }
    const dayRule =
      /^([A-Z][a-z](?:[-,][A-Z][a-z])*) (\d\d:\d\d-\d\d:\d\d(?:,\d\d:\d\d-\d\d:\d\d)*)$/.exec(rule);
    if (!dayRule) return undefined;
    const days = daySpan(dayRule[1] ?? "");
    if (!days) return undefined;
    const ranges = (dayRule[2] ?? "").split(",").map((range) => {
      const [from = "", to = ""] = range.split("-");
      return { from, to };
    });
    if (ranges.length > RANGES_PER_DAY) return undefined;
    // A later rule for the same day replaces the earlier one, as in OSM.
    for (const day of days) form.days[day] = ranges;
  }
  if (form.closures.length > CLOSURE_ROWS) return undefined;
  return form;
}

function osmDateOf(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${year} ${MONTHS[Number(month) - 1]} ${String(Number(day)).padStart(2, "0")}`;
}

/** The opening_hours value of the form: days with the same ranges grouped (« Mo-Fr »). */
export function formToHours(form: HoursForm): string {
  const rules: string[] = [];
  let index = 0;
  while (index < DAYS.length) {
    const day = DAYS[index] as Day;
    const ranges = form.days[day];
    const key = ranges.map((range) => `${range.from}-${range.to}`).join(",");
    let end = index;
    while (
      end + 1 < DAYS.length &&
      form.days[DAYS[end + 1] as Day].map((range) => `${range.from}-${range.to}`).join(",") === key
    )
      end++;
    if (key) {
      const span = end === index ? day : `${day}-${DAYS[end]}`;
      rules.push(`${span} ${key}`);
    }
    index = end + 1;
  }
  if (form.closedOnHolidays) rules.push("PH off");
  for (const closure of form.closures) {
    rules.push(
      closure.to && closure.to !== closure.from
        ? `${osmDateOf(closure.from)}-${osmDateOf(closure.to)} off`
        : `${osmDateOf(closure.from)} off`,
    );
  }
  return rules.join("; ");
}

/** Problems of the form's own fields, by field name, in French. */
export function checkHoursForm(fields: Record<string, string>): {
  form: HoursForm;
  errors: Record<string, string>;
} {
  const form = emptyHoursForm();
  const errors: Record<string, string> = {};
  for (const day of DAYS) {
    for (let n = 1; n <= RANGES_PER_DAY; n++) {
      const fromName = `horaires_${day}_${n}_debut`;
      const toName = `horaires_${day}_${n}_fin`;
      const from = (fields[fromName] ?? "").trim();
      const to = (fields[toName] ?? "").trim();
      if (!from && !to) continue;
      if (!TIME.test(from)) {
        errors[fromName] = `Indiquez l'heure d'ouverture du ${DAY_NAMES[day]} (par exemple 09:00).`;
        continue;
      }
      if (!TIME.test(to)) {
        errors[toName] = `Indiquez l'heure de fermeture du ${DAY_NAMES[day]} (par exemple 12:00).`;
        continue;
      }
      if (to <= from) {
        errors[toName] = `Le ${DAY_NAMES[day]}, la fermeture doit suivre l'ouverture.`;
        continue;
      }
      form.days[day].push({ from, to });
    }
  }
  form.closedOnHolidays = fields.horaires_feries === "ferme";
  for (let n = 1; n <= CLOSURE_ROWS; n++) {
    const fromName = `fermeture_${n}_debut`;
    const toName = `fermeture_${n}_fin`;
    const from = (fields[fromName] ?? "").trim();
    const to = (fields[toName] ?? "").trim() || from;
    if (!from && !(fields[toName] ?? "").trim()) continue;
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!date.test(from)) {
      errors[fromName] = "Indiquez le premier jour de fermeture (jj/mm/aaaa).";
      continue;
    }
    if (!date.test(to) || to < from) {
      errors[toName] = "Le dernier jour de fermeture doit être le premier jour ou après.";
      continue;
    }
    form.closures.push({ from, to });
  }
  return { form, errors };
}

// ── Plain French ───────────────────────────────────────────────────────

const FRENCH_DAYS: Record<string, Day> = {
  lundi: "Mo",
  lundis: "Mo",
  mardi: "Tu",
  mardis: "Tu",
  mercredi: "We",
  mercredis: "We",
  jeudi: "Th",
  jeudis: "Th",
  vendredi: "Fr",
  vendredis: "Fr",
  samedi: "Sa",
  samedis: "Sa",
  dimanche: "Su",
  dimanches: "Su",
};

function frenchTime(text: string): string | undefined {
  const match = /^(\d{1,2})\s*(?:h|:|heures?)\s*(\d{2})?$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? "0");
  if (hours > 24 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/**
 * Plain French opening hours into the OSM syntax, or undefined when not
 * understood: « du lundi au vendredi de 9h à 12h et de 14h à 17h »,
 * « le samedi de 10h à 12h », « lundi, mercredi de 9h30 à 12h », clauses
 * separated by « ; » or « , » and « fermé les jours fériés ».
 */
export function frenchToHours(text: string): string | undefined {
  const cleaned = text
    .toLowerCase()
    .normalize("NFC")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/[’']/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  if (!/[a-z]/.test(cleaned)) return undefined;
  const form = emptyHoursForm();
  // Clauses: each starts with days and goes on with « de … à … » ranges; a
  // part without hours (« lundi, » in « lundi, mercredi de 9h à 12h ») joins
  // the next one.
  const clauses: string[] = [];
  let pending = "";
  for (const part of cleaned.split(/;|\.|,/)) {
    const joined = pending ? `${pending}, ${part.trim()}` : part.trim();
    if (/\b(?:de|entre)\s+\d/.test(joined) || /f[ée]ri[ée]s/.test(joined)) {
      clauses.push(joined);
      pending = "";
    } else pending = joined;
  }
  if (pending) return undefined;
  let understood = 0;
  for (const clause of clauses) {
    if (/^ferm[ée]e?s? (?:les )?(?:jours )?f[ée]ri[ée]s$/.test(clause)) {
      form.closedOnHolidays = true;
      understood++;
      continue;
    }
    const rangeStart = clause.search(/\b(?:de|entre)\s+\d/);
    if (rangeStart < 0) return undefined;
    const daysText = clause.slice(0, rangeStart).trim();
    const timesText = clause.slice(rangeStart);
    const days = frenchDays(daysText);
    if (!days) return undefined;
    const ranges: TimeRange[] = [];
    for (const match of timesText.matchAll(
      /(?:de|entre)\s+(\d{1,2}\s*(?:h|:|heures?)\s*(?:\d{2})?)\s*(?:à|a|-|et)\s*(\d{1,2}\s*(?:h|:|heures?)\s*(?:\d{2})?)/g,
    )) {
      const from = frenchTime(match[1] ?? "");
      const to = frenchTime(match[2] ?? "");
      if (!from || !to || to <= from) return undefined;
      ranges.push({ from, to });
    }
    if (ranges.length === 0) return undefined;
    for (const day of days) form.days[day] = ranges;
    understood++;
  }
  return understood > 0 ? formToHours(form) : undefined;
}

function frenchDays(text: string): Day[] | undefined {
  const words = text
    .replace(/^(?:ouvert|accueil)\s+/, "")
    .replace(/\b(?:le|les|tous les|chaque)\b/g, " ")
    .trim();
  const span = /^du\s+(\S+)\s+au\s+(\S+)$/.exec(words);
  if (span) {
    const from = FRENCH_DAYS[span[1] ?? ""];
    const to = FRENCH_DAYS[span[2] ?? ""];
    if (!from || !to) return undefined;
    const start = DAYS.indexOf(from);
    const end = DAYS.indexOf(to);
    if (end < start) return undefined;
    return DAYS.slice(start, end + 1);
  }
  const days: Day[] = [];
  for (const word of words.split(/\s*(?:,|\bet\b)\s*|\s+/).filter(Boolean)) {
    const day = FRENCH_DAYS[word];
    if (!day) return undefined;
    days.push(day);
  }
  return days.length > 0 ? days : undefined;
}

// ── The editor's fields ────────────────────────────────────────────────

/** Every structured field's name, for the form schema. */
export function hoursFieldNames(): string[] {
  return [
    ...DAYS.flatMap((day) =>
      Array.from({ length: RANGES_PER_DAY }, (_, i) => [
        `horaires_${day}_${i + 1}_debut`,
        `horaires_${day}_${i + 1}_fin`,
      ]).flat(),
    ),
    "horaires_feries",
    ...Array.from({ length: CLOSURE_ROWS }, (_, i) => [
      `fermeture_${i + 1}_debut`,
      `fermeture_${i + 1}_fin`,
    ]).flat(),
  ];
}

/**
 * The editor's field values for an opening_hours value: the structured
 * fields when the form can show it (`advanced` false), and always the raw
 * value with its copy (`horaires_origine`) that tells, on saving, whether an
 * expert changed the raw field.
 */
export function hoursFieldValues(value: string | null | undefined): {
  values: Record<string, string>;
  advanced: boolean;
} {
  const raw = value ?? "";
  const form = hoursToForm(raw);
  const values: Record<string, string> = {
    horaires_accueil: raw,
    horaires_origine: raw,
    horaires_avance: form ? "" : "1",
  };
  if (!form) return { values, advanced: true };
  for (const day of DAYS) {
    form.days[day].forEach((range, i) => {
      values[`horaires_${day}_${i + 1}_debut`] = range.from;
      values[`horaires_${day}_${i + 1}_fin`] = range.to;
    });
  }
  if (form.closedOnHolidays) values.horaires_feries = "ferme";
  form.closures.forEach((closure, i) => {
    values[`fermeture_${i + 1}_debut`] = closure.from;
    values[`fermeture_${i + 1}_fin`] = closure.to;
  });
  return { values, advanced: false };
}

const FRENCH_EXAMPLE = "« du lundi au vendredi de 9h à 12h et de 14h à 17h »";

/**
 * The hours to save from the submitted editor: the raw field when an expert
 * changed it (OSM syntax, or plain French turned into it) or when the form
 * could not show the hours; otherwise the structured fields.
 */
export function resolveHours(
  fields: Record<string, string | undefined>,
): { hours: string } | { errors: Record<string, string> } {
  const raw = (fields.horaires_accueil ?? "").trim();
  const origin = (fields.horaires_origine ?? "").trim();
  if (fields.horaires_avance === "1" || raw !== origin) {
    if (!raw) return { hours: "" };
    const problem = checkOpeningHours(raw);
    if (!problem) return { hours: raw };
    const french = frenchToHours(raw);
    if (french) return { hours: french };
    return {
      errors: {
        horaires_accueil: `${problem.replace(/^horaires_accueil : /, "")}. Vous pouvez aussi écrire en français, par exemple ${FRENCH_EXAMPLE}.`,
      },
    };
  }
  const { form, errors } = checkHoursForm(
    Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value ?? ""])),
  );
  if (Object.keys(errors).length > 0) return { errors };
  return { hours: formToHours(form) };
}
