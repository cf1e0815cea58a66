// The appointments paths of the OpenAPI document (platform/http/openapi.ts).

import {
  inputSchema,
  queryParameters,
  registerPath,
  registerSchema,
} from "../../platform/http/openapi.ts";
import { BookingBody, SlotsQuery } from "./api-schemas.ts";
import { API_CODES, type ApiCode } from "./refusals.ts";

const json = (schema: Record<string, unknown>) => ({ "application/json": { schema } });
const error = (description: string) => ({
  description,
  content: json({ $ref: "#/components/schemas/Error" }),
});
const uuid = { type: "string", format: "uuid" };
const dateTime = { type: "string", format: "date-time" };

/** Every `error.code` a booking request may answer, with what it means. */
const CODES: Record<ApiCode | "invalid" | "not_found" | "forbidden" | "too_many_requests", string> =
  {
    [API_CODES["slot-taken"]]: "409 : le créneau vient d'être pris par quelqu'un d'autre",
    [API_CODES["too-soon"]]: "le créneau est plus proche que le délai minimum du motif",
    [API_CODES["too-far"]]: "le créneau dépasse l'horizon de réservation du motif",
    [API_CODES["slot-not-offered"]]: "cet horaire n'est pas un des créneaux proposés",
    [API_CODES["on-holiday"]]: "jour férié : le service est fermé",
    [API_CODES["outside-openings"]]: "en dehors des heures d'ouverture pour ce motif",
    [API_CODES["agent-absent"]]: "la personne qui reçoit est absente",
    [API_CODES["slot-in-past"]]: "le créneau est passé",
    [API_CODES["motif-not-bookable"]]: "ce motif ne se réserve pas par ce moyen",
    [API_CODES["invalid-phone"]]: "le numéro de téléphone n'en est pas un",
    [API_CODES["not-a-mobile"]]: "ce numéro n'est pas un portable",
    [API_CODES["session-revoked"]]: "la séance collective est annulée",
    [API_CODES["session-past"]]: "la séance collective est passée",
    [API_CODES["session-full"]]: "la séance collective est complète",
    invalid_name: "nom absent ou trop long",
    invalid_email: "adresse électronique invalide",
    phone_required: "motif par téléphone : un numéro est obligatoire",
    contact_required: "ni téléphone ni adresse électronique : impossible de joindre la personne",
    consent_required: "consentement (consentement: true) obligatoire pour une réservation en ligne",
    unknown_motif: "motif inconnu ou archivé",
    key_reused: "cet Idempotency-Key a déjà servi pour une autre demande",
    invalid_key: "en-tête Idempotency-Key mal formé",
    already_cancelled: "la réservation est déjà annulée",
    already_past: "le rendez-vous est passé",
    cannot_move: "le rendez-vous ne peut plus être déplacé en ligne",
    invalid: "demande invalide (voir error.fields)",
    not_found: "404 : réservation inconnue",
    forbidden: "403 : jeton absent, invalide ou expiré",
    too_many_requests: "429 : trop de demandes depuis cette adresse (en-tête Retry-After)",
  };

const tokenHeader = {
  name: "X-Booking-Token",
  in: "header" as const,
  description: "Le jeton reçu à la réservation (champ « jeton »).",
  schema: { type: "string" },
};

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
  registerSchema("CodeRefus", {
    description: `Valeurs de error.code, stables (le message en français peut changer) :\n${Object.entries(
      CODES,
    )
      .map(([code, meaning]) => `- ${code} : ${meaning}`)
      .join("\n")}`,
    enum: Object.keys(CODES),
  });
  registerSchema("Reservation", {
    type: "object",
    required: ["id", "statut", "debut", "fin", "motif_id", "lieu_id", "agent_id"],
    properties: {
      id: uuid,
      statut: {
        enum: ["prevu", "honore", "annule", "annule_par_le_service", "absent"],
        description:
          "prevu : à venir ; annule : annulé par la personne ; annule_par_le_service ; honore : la personne est venue ; absent : elle n'est pas venue",
      },
      debut: dateTime,
      fin: dateTime,
      motif_id: uuid,
      lieu_id: { type: ["string", "null"], format: "uuid", description: "null : sans lieu" },
      agent_id: uuid,
      motif: { type: "string" },
      organisation: { type: "string" },
      lieu: { type: "string" },
      jeton: {
        type: "string",
        description:
          "Réponse à la réservation seulement. À garder : il permet de relire (GET) et d'annuler (DELETE), dans l'en-tête X-Booking-Token.",
      },
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
    parameters: queryParameters(SlotsQuery),
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
      content: json(inputSchema(BookingBody)),
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
      "400": error(
        "Demande refusée ; error.code (voir CodeRefus) dit pourquoi : too_soon, not_offered, holiday, invalid_phone, consent_required, key_reused…",
      ),
      "409": error("Ce créneau vient d'être pris (error.code : slot_taken)"),
      "429": error("Trop de demandes depuis cette adresse (en-tête Retry-After)"),
    },
  });
  registerPath("/api/v1/bookings/{id}", "get", {
    summary: "Relire une réservation avec son jeton (par exemple après un délai dépassé)",
    tags: ["Rendez-vous"],
    parameters: [
      { name: "id", in: "path", required: true, schema: uuid },
      tokenHeader,
      {
        name: "token",
        in: "query",
        description: "Le jeton, pour les liens ; préférez l'en-tête X-Booking-Token",
        schema: { type: "string" },
      },
    ],
    responses: {
      "200": {
        description: "La réservation (sans le jeton)",
        content: json({ $ref: "#/components/schemas/Reservation" }),
      },
      "403": error("Jeton absent, invalide ou expiré (error.code : forbidden)"),
      "404": error("Réservation inconnue (error.code : not_found)"),
    },
  });
  registerPath("/api/v1/bookings/{id}", "delete", {
    summary: "Annuler une réservation avec son jeton",
    tags: ["Rendez-vous"],
    parameters: [
      { name: "id", in: "path", required: true, schema: uuid },
      tokenHeader,
      {
        name: "token",
        in: "query",
        description: "Le jeton, pour les liens ; préférez l'en-tête X-Booking-Token",
        schema: { type: "string" },
      },
    ],
    responses: {
      "200": {
        description: "Annulé (statut : annule)",
        content: json({ $ref: "#/components/schemas/Reservation" }),
      },
      "400": error("Déjà annulé (already_cancelled) ou passé (already_past)"),
      "403": error("Jeton absent, invalide ou expiré (error.code : forbidden)"),
      "404": error("Réservation inconnue (error.code : not_found)"),
    },
  });
}
