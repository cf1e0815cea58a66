import type { ActionStatus } from "./tables.ts";

/** The statuses as a resident reads them (the word, never a colour alone). */
export const STATUS_LABELS: Record<ActionStatus, string> = {
  a_venir: "À venir",
  en_cours: "En cours",
  realisee: "Réalisée",
  en_retard: "En retard",
  en_pause: "En pause",
  abandonnee: "Abandonnée",
};

export const STATUS_TAGS: Record<ActionStatus, "neutral" | "success" | "warning"> = {
  a_venir: "neutral",
  en_cours: "neutral",
  realisee: "success",
  en_retard: "warning",
  en_pause: "warning",
  abandonnee: "warning",
};
