import { z } from "zod";
import { parisToDate } from "../time/paris.ts";

/**
 * The audit viewer's filters, as read from the address (GET form, so that a
 * search can be bookmarked and works without JavaScript). Every field is
 * optional; an empty field is no filter.
 */

const UUID_MESSAGE = "Un identifiant a la forme 0b5e…-…-… (36 caractères) ; copiez-le tel quel.";
const DATE_MESSAGE = "Une date au format jj/mm/aaaa, entre l'an 2000 et l'an 2199.";

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalUuid = (message: string) =>
  z.preprocess(blankToUndefined, z.string(message).trim().pipe(z.uuid(message)).optional());

/** A real calendar date (rejects 2026-02-30), in years a journal may hold. */
const localDate = z.preprocess(
  blankToUndefined,
  z
    .string(DATE_MESSAGE)
    .regex(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE)
    .refine((value) => {
      const [year = 0, month = 0, day = 0] = value.split("-").map(Number);
      const date = new Date(Date.UTC(year, month - 1, day));
      return (
        year >= 2000 &&
        year <= 2199 &&
        date.getUTCFullYear() === year &&
        date.getUTCMonth() === month - 1 &&
        date.getUTCDate() === day
      );
    }, DATE_MESSAGE)
    .optional(),
);

const cursor = z.preprocess(
  blankToUndefined,
  z.coerce
    .number("Le numéro de page n'est pas valide ; revenez à la première page.")
    .int("Le numéro de page n'est pas valide ; revenez à la première page.")
    .min(1, "Le numéro de page n'est pas valide ; revenez à la première page.")
    .max(
      Number.MAX_SAFE_INTEGER,
      "Le numéro de page n'est pas valide ; revenez à la première page.",
    )
    .optional(),
);

export const JournalFilters = z
  .object({
    personne: optionalUuid(`L'identifiant de la personne n'est pas valide. ${UUID_MESSAGE}`),
    objet: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(100, "L'identifiant du dossier ou de l'objet fait 100 caractères au plus.")
        .regex(
          /^[A-Za-z0-9._:-]+$/,
          "L'identifiant du dossier ou de l'objet ne contient que des lettres, des chiffres et . _ : -",
        )
        .optional(),
    ),
    utilisateur: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(254, "L'adresse ou l'identifiant du compte fait 254 caractères au plus.")
        .refine(
          (value) => z.uuid().safeParse(value).success || z.email().safeParse(value).success,
          "Donnez l'adresse électronique du compte (nom@exemple.fr) ou son identifiant.",
        )
        .optional(),
    ),
    organisation: optionalUuid("Choisissez une organisation dans la liste."),
    action: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(100, "L'action fait 100 caractères au plus.")
        .regex(
          /^[a-z0-9_.]+$/,
          "L'action s'écrit en minuscules, avec des points (ex. person.read ou person.).",
        )
        .optional(),
    ),
    du: localDate,
    au: localDate,
    avant: cursor,
    apres: cursor,
  })
  .refine((filters) => !(filters.du && filters.au && filters.du > filters.au), {
    message: "La date de fin doit être le même jour que la date de début, ou après.",
    path: ["au"],
  })
  .refine((filters) => !(filters.avant && filters.apres), {
    message: "Le numéro de page n'est pas valide ; revenez à la première page.",
    path: ["avant"],
  });

export type JournalFilters = z.infer<typeof JournalFilters>;

/** The filters that narrow the events (not the page cursors), for links and the audit event. */
export function searchFields(filters: JournalFilters): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const key of ["personne", "objet", "utilisateur", "organisation", "action", "du", "au"]) {
    const value = filters[key as keyof JournalFilters];
    if (value !== undefined) fields[key] = String(value);
  }
  return fields;
}

/** The instant a day starts in Europe/Paris, whatever the process's time zone. */
export function startOfParisDay(date: string): Date {
  // Midnight is never inside a daylight-saving jump (02:00–03:00).
  return parisToDate(date, "00:00");
}

/** The start of the next day in Europe/Paris: the exclusive end of a period ending on `date`. */
export function endOfParisDay(date: string): Date {
  const [year = 0, month = 0, day = 0] = date.split("-").map(Number);
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return startOfParisDay(next.toISOString().slice(0, 10));
}
