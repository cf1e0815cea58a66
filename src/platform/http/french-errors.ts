import type { z } from "zod";

/**
 * Sentences a person understands for the checks a schema writes no message
 * for; zod's French locale says « Entrée invalide : chaîne de caractères
 * attendu, indéfini reçu », which nobody at a counter should read. A schema's
 * own message always wins; what is not covered here falls back to the locale.
 */
export const frenchIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "")
        return "Ce champ est obligatoire.";
      if (issue.expected === "number" || issue.expected === "int") return "Indiquez un nombre.";
      if (issue.expected === "boolean") return "Répondez par oui ou par non.";
      if (issue.expected === "date") return "Indiquez une date.";
      return "Cette valeur n'a pas la forme attendue.";
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1
          ? "Ce champ est obligatoire."
          : `Écrivez au moins ${issue.minimum} caractères.`;
      if (issue.origin === "array" || issue.origin === "set")
        return Number(issue.minimum) <= 1
          ? "Choisissez au moins une réponse."
          : `Choisissez au moins ${issue.minimum} réponses.`;
      if (issue.origin === "number" || issue.origin === "int")
        return `Indiquez un nombre ${issue.inclusive ? "égal ou supérieur" : "supérieur"} à ${issue.minimum}.`;
      return undefined;
    case "too_big":
      if (issue.origin === "string")
        return `Ce texte est trop long : ${issue.maximum} caractères au plus.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `Choisissez ${issue.maximum} réponses au plus.`;
      if (issue.origin === "number" || issue.origin === "int")
        return `Indiquez un nombre ${issue.inclusive ? "égal ou inférieur" : "inférieur"} à ${issue.maximum}.`;
      return undefined;
    case "invalid_format":
      if (issue.format === "email")
        return "Adresse électronique invalide (exemple : nom@domaine.fr).";
      if (issue.format === "uuid" || issue.format === "guid") return "Identifiant invalide.";
      if (issue.format === "date") return "Indiquez une date (jour/mois/année).";
      if (issue.format === "datetime") return "Indiquez une date et une heure valables.";
      if (issue.format === "time") return "Indiquez une heure (exemple : 09:30).";
      return "Cette valeur n'a pas la forme attendue.";
    case "invalid_value":
      return "Choisissez une des réponses proposées.";
    case "unrecognized_keys":
      return `Champ inconnu : ${issue.keys.join(", ")}.`;
    default:
      return undefined;
  }
};
