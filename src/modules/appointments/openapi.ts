// The appointments paths of the OpenAPI document (platform/http/openapi.ts).

import { registerPath, registerSchema } from "../../platform/http/openapi.ts";

const json = (schema: Record<string, unknown>) => ({ "application/json": { schema } });
const error = (description: string) => ({
  description,
  content: json({ $ref: "#/components/schemas/Error" }),
});
const uuid = { type: "string", format: "uuid" };
const dateTime = { type: "string", format: "date-time" };

let registered = false;

export function registerOpenApiPaths(): void {
  if (registered) return;
  registered = true;
  registerSchema("Motif", {
    type: "object",
    required: ["id", "nom", "organisation", "modalite", "duree_minutes", "lieux"],
    properties: {
      id: uuid,
      nom: { type: "string" },
      organisation: { type: "string" },
      service: { enum: ["social", "pmi", "insertion", "autre"] },
      modalite: { enum: ["sur_place", "telephone", "visio", "domicile"] },
      duree_minutes: { type: "integer" },
      delai_minimum_minutes: { type: "integer" },
      horizon_jours: { type: "integer" },
      lieux: {
        type: "array",
        items: {
          type: "object",
          properties: {
            id: uuid,
            nom: { type: "string" },
            adresse: { type: "string" },
            commune: { type: ["string", "null"] },
          },
        },
      },
    },
  });
  registerSchema("Creneau", {
    type: "object",
    required: ["debut", "fin", "agent_id", "lieu_id"],
    properties: {
      debut: dateTime,
      fin: dateTime,
      agent_id: uuid,
      lieu_id: { type: ["string", "null"] },
    },
  });
  registerSchema("Reservation", {
    type: "object",
    required: ["id", "debut", "fin", "jeton", "lien_gestion"],
    properties: {
      id: uuid,
      debut: dateTime,
      fin: dateTime,
      motif: { type: "string" },
      organisation: { type: "string" },
      lieu: { type: "string" },
      jeton: { type: "string", description: "À garder : il permet d'annuler (DELETE)." },
      lien_gestion: { type: "string", format: "uri" },
    },
  });
  registerPath("/api/v1/motifs", "get", {
    summary: "Motifs de rendez-vous réservables en ligne, avec leurs lieux",
    tags: ["Rendez-vous"],
    responses: {
      "200": {
        description: "Les motifs",
        content: json({
          type: "object",
          properties: { motifs: { type: "array", items: { $ref: "#/components/schemas/Motif" } } },
        }),
      },
    },
  });
  registerPath("/api/v1/slots", "get", {
    summary: "Créneaux libres d'un motif",
    tags: ["Rendez-vous"],
    parameters: [
      { name: "motif", in: "query", required: true, schema: uuid },
      {
        name: "lieu",
        in: "query",
        description: "Un lieu, ou « telephone » pour les rendez-vous sans lieu ; absent : tous.",
        schema: { type: "string" },
      },
      { name: "from", in: "query", description: "Début (défaut : maintenant)", schema: dateTime },
      {
        name: "to",
        in: "query",
        description: "Fin (défaut : 7 jours après, 31 au plus)",
        schema: dateTime,
      },
    ],
    responses: {
      "200": {
        description: "Les créneaux, triés par début",
        content: json({
          type: "object",
          properties: {
            creneaux: { type: "array", items: { $ref: "#/components/schemas/Creneau" } },
          },
        }),
      },
      "400": error("Paramètre invalide ou motif non réservable en ligne"),
    },
  });
  registerPath("/api/v1/bookings", "post", {
    summary: "Réserver un créneau",
    description:
      "Un même en-tête Idempotency-Key renvoie la première réservation (200) au lieu d'en créer une autre.",
    tags: ["Rendez-vous"],
    parameters: [{ name: "Idempotency-Key", in: "header", schema: { type: "string" } }],
    requestBody: {
      required: true,
      content: json({
        type: "object",
        required: ["motif_id", "agent_id", "debut", "nom"],
        properties: {
          motif_id: uuid,
          agent_id: uuid,
          lieu_id: { type: ["string", "null"], format: "uuid" },
          debut: dateTime,
          nom: { type: "string" },
          telephone: { type: "string" },
          email: { type: "string", format: "email" },
          consentement: { type: "boolean", description: "Accepte de recevoir SMS et courriels" },
        },
      }),
    },
    responses: {
      "201": {
        description: "Réservé",
        content: json({ $ref: "#/components/schemas/Reservation" }),
      },
      "200": {
        description: "Déjà réservé par une requête de même Idempotency-Key",
        content: json({ $ref: "#/components/schemas/Reservation" }),
      },
      "400": error("Demande invalide (créneau passé, hors horaires, jour férié, téléphone…)"),
      "409": error("Ce créneau vient d'être pris"),
      "429": error("Trop de demandes depuis cette adresse (en-tête Retry-After)"),
    },
  });
  registerPath("/api/v1/bookings/{id}", "delete", {
    summary: "Annuler une réservation avec son jeton",
    tags: ["Rendez-vous"],
    parameters: [
      { name: "id", in: "path", required: true, schema: uuid },
      { name: "token", in: "query", required: true, schema: { type: "string" } },
    ],
    responses: {
      "200": { description: "Annulé" },
      "400": error("Déjà annulé ou passé"),
      "403": error("Jeton invalide ou expiré"),
      "404": error("Réservation inconnue"),
    },
  });
}
