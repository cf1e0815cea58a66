// What the appointments API accepts: the schemas that validate its requests
// (api.ts) and that its OpenAPI document is generated from (api-openapi.ts).

import { z } from "zod";

const uuid = (label: string) => z.uuid({ error: `${label} : identifiant invalide.` });
const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} : date et heure ISO 8601 attendues.` });

export const SlotsQuery = z.object({
  motif: uuid("motif"),
  lieu: z
    .union([uuid("lieu"), z.literal("telephone")])
    .optional()
    .meta({
      description: "Un lieu, ou « telephone » pour les rendez-vous sans lieu ; absent : tous.",
    }),
  from: instant("from").optional().meta({ description: "Début (défaut : maintenant)" }),
  to: instant("to").optional().meta({ description: "Fin (défaut : 7 jours après, 31 au plus)" }),
});

export const BookingBody = z.object({
  motif_id: uuid("motif_id"),
  agent_id: uuid("agent_id"),
  lieu_id: uuid("lieu_id").nullable().optional().meta({ description: "null : sans lieu" }),
  debut: instant("debut"),
  nom: z.string({ error: "nom : obligatoire." }),
  telephone: z
    .string()
    .optional()
    .meta({ description: "Obligatoire pour un motif par téléphone ; sinon téléphone ou courriel" }),
  email: z.string().optional(),
  consentement: z.boolean().optional().meta({
    description:
      "Obligatoire (true) : la personne accepte que le service utilise ces coordonnées pour le rendez-vous (confirmation, rappel). Base légale : son consentement (RGPD art. 6-1-a).",
  }),
});
