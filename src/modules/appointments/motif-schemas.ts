// What the responsable types to add a motif, in French field names, with a
// French message per field. The booking window (minimum notice, maximum
// horizon) is what slot computation then applies to online bookings.

import { z } from "zod";

/**
 * A field left empty is an error (it would otherwise read as 0); a field
 * the form did not send at all (an older form) takes the model's default.
 */
function orDefault<Schema extends z.ZodType>(missing: number, schema: Schema) {
  return z.preprocess(
    (value) => (value === undefined ? String(missing) : value === "" ? undefined : value),
    schema,
  );
}

/** « Pièces à apporter »: free text, empty for none. */
export const DocumentsToBring = z
  .string()
  .trim()
  .max(1000, "La liste des pièces à apporter fait au plus 1 000 caractères.")
  .optional()
  .transform((text) => (text ? text : null));

export const MotifForm = z
  .object({
    nom: z.string().trim().min(2, "Indiquez le nom du motif.").max(200),
    modalite: z.enum(["sur_place", "telephone", "visio", "domicile"]),
    duree: z.coerce
      .number({ error: "Indiquez une durée en minutes." })
      .int()
      .min(5, "Un rendez-vous dure au moins 5 minutes.")
      .max(480, "Un rendez-vous dure au plus 8 heures.")
      .refine((m) => m % 5 === 0, "La durée est un multiple de 5 minutes."),
    reservable: z.enum(["everyone", "agents"]),
    delai: orDefault(
      30,
      z.coerce
        .number({ error: "Indiquez le délai minimum en minutes." })
        .int("Indiquez le délai minimum en minutes entières.")
        .min(0, "Le délai minimum ne peut pas être négatif.")
        .max(43_200, "Le délai minimum est d'au plus 30 jours (43 200 minutes)."),
    ),
    horizon: orDefault(
      60,
      z.coerce
        .number({ error: "Indiquez le délai maximum en jours." })
        .int("Indiquez le délai maximum en jours entiers.")
        .min(1, "Le délai maximum est d'au moins un jour.")
        .max(366, "Le délai maximum est d'au plus un an."),
    ),
    collectif: z.literal("oui").optional(),
    pieces: DocumentsToBring,
  })
  .refine((m) => m.collectif === undefined || m.modalite === "sur_place", {
    message: "Une séance collective a lieu sur place.",
    path: ["modalite"],
  });
