import { z } from "zod";
import { isLocalDate } from "../../platform/time/paris.ts";

/** A day typed YYYY-MM-DD (what a date field sends), with French messages. */
export const IsoDay = z
  .string("Indiquez la date.")
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez la date au format AAAA-MM-JJ (par exemple 2026-03-14).")
  .refine(isLocalDate, { error: "Cette date n'existe pas." });

/** An optional day: empty is null. */
export const OptionalIsoDay = z.union([z.literal("").transform(() => null), IsoDay]).default(null);

export const Publication = z
  .enum(["publiee", "brouillon"], { error: "Choisissez publiée ou brouillon." })
  .transform((value) => value === "publiee");

export const PUBLICATION_OPTIONS = [
  { value: "brouillon", label: "Brouillon : visible des pilotes seulement" },
  { value: "publiee", label: "Publiée : tout le monde la voit" },
];

/**
 * An amount in euros as people type it (« 12 000,50 », « 12000.5 »), in
 * cents; empty is null (not known).
 */
export const Euros = z
  .string()
  .default("")
  .transform((value) => value.replace(/[\s\u00a0\u202f€]/g, "").replace(",", "."))
  .refine((value) => value === "" || /^\d{1,12}(\.\d{1,2})?$/.test(value), {
    error: "Indiquez un montant en euros, par exemple 12 000 ou 12 000,50.",
  })
  .transform((value) => (value === "" ? null : Math.round(Number(value) * 100)));
