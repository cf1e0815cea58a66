// The JSON API of appointments, for partners (a CCAS's website, a call
// centre tool): motifs, free slots, booking with an Idempotency-Key, reading
// and cancelling a booking with the token given at booking. No cookie, no
// CSRF: the public endpoints need no account, and the token is the authority.
// It travels in the X-Booking-Token header (the query string stays accepted
// for links, but ends up in logs and histories). Every refusal carries a
// stable `code` (refusals.ts) next to its French message.

import { Hono } from "hono";
import { ANONYMOUS } from "../../platform/access/actor.ts";
import { TooManyRequests } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  clientAddress,
  requestContext,
} from "../../platform/http/context.ts";
import { parseJson, parseQuery } from "../../platform/http/forms.ts";
import { hitRateLimit } from "../../platform/http/rate-limit.ts";
import { registerOpenApiPaths } from "./api-openapi.ts";
import { BookingBody, SlotsQuery } from "./api-schemas.ts";
import { BookingInvalid } from "./refusals.ts";
import {
  type AppointmentContext,
  bookAppointment,
  cancelByToken,
  findSlots,
  publicCatalogue,
  requireBookingByToken,
} from "./service.ts";
import type { RdvStatus } from "./tables.ts";

export const appointmentApi = new Hono<AppEnv>();
registerOpenApiPaths();

/** The request context, with what appointment links are signed and built with. */
export function appointmentContext(c: AppContext): AppointmentContext {
  const { secret, publicUrl } = c.var.deps.config;
  return { ...requestContext(c), links: { secret, publicUrl } };
}

/**
 * The context of a public booking (the API, the public form): the person
 * books for themselves, even from a browser where a professional is signed in.
 */
export function publicBookingContext(c: AppContext): AppointmentContext {
  return { ...appointmentContext(c), actor: ANONYMOUS };
}

/** The booking's token: the X-Booking-Token header, else the `token` query (links). */
function bookingToken(c: AppContext): string {
  return c.req.header(BOOKING_TOKEN_HEADER) ?? c.req.query("token") ?? "";
}

export const BOOKING_TOKEN_HEADER = "x-booking-token";

/** What the API tells about a booking: ids, times, status and where. */
function bookingAnswer(booking: {
  id: string;
  startsAt: Date;
  endsAt: Date;
  motifId: string;
  lieuId: string | null;
  agentId: string;
  status: RdvStatus;
  motifName: string;
  organisationName: string;
  where: string;
}) {
  return {
    id: booking.id,
    statut: API_STATUS[booking.status],
    debut: booking.startsAt.toISOString(),
    fin: booking.endsAt.toISOString(),
    motif_id: booking.motifId,
    lieu_id: booking.lieuId,
    agent_id: booking.agentId,
    motif: booking.motifName,
    organisation: booking.organisationName,
    lieu: booking.where,
  };
}

/** The booking statuses of the API (documented in api-openapi.ts). */
export const API_STATUS: Record<RdvStatus, string> = {
  unknown: "prevu",
  seen: "honore",
  excused: "annule",
  revoked: "annule_par_le_service",
  noshow: "absent",
};

appointmentApi.get("/api/v1/motifs", async (c) => {
  const catalogue = await publicCatalogue(c.var.db);
  return c.json({
    motifs: catalogue.map(({ motif, lieux }) => ({
      id: motif.id,
      nom: motif.name,
      organisation: motif.organisationName,
      service: motif.service,
      modalite: motif.locationKind,
      duree_minutes: motif.durationMinutes,
      delai_minimum_minutes: motif.minNoticeMinutes,
      horizon_jours: motif.maxHorizonDays,
      lieux: lieux.map((l) => ({
        id: l.id,
        nom: l.name,
        adresse: l.address,
        commune: l.communeName,
      })),
    })),
  });
});

appointmentApi.get("/api/v1/slots", async (c) => {
  const query = parseQuery(c, SlotsQuery);
  const now = c.var.now;
  const from = query.from ? new Date(query.from) : now;
  const to = query.to ? new Date(query.to) : new Date(from.getTime() + 7 * 86_400_000);
  const lieuId = query.lieu === "telephone" ? null : query.lieu;
  const slots = await findSlots(requestContext(c), { motifId: query.motif, lieuId, from, to });
  return c.json({
    creneaux: slots.map((s) => ({
      debut: s.start.toISOString(),
      fin: s.end.toISOString(),
      agent_id: s.agentId,
      lieu_id: s.lieuId,
    })),
  });
});

/**
 * Booking attempts per address through the API. A partner's server books
 * for many people from one address, so the limit is higher than the public
 * form's; it still stops a script from emptying an agenda. Counted before
 * the body is read: malformed attempts count too.
 */
export const API_BOOKING_LIMIT = { limit: 60, windowSeconds: 600 };

appointmentApi.post("/api/v1/bookings", async (c) => {
  const { limited, retryAfterSeconds } = await hitRateLimit(
    c.var.db,
    `rdv-api-booking:${clientAddress(c)}`,
    API_BOOKING_LIMIT,
    c.var.now,
  );
  if (limited) {
    throw new TooManyRequests(
      "Trop de demandes de réservation depuis cette adresse. Réessayez dans quelques minutes.",
      retryAfterSeconds,
    );
  }
  const body = await parseJson(c, BookingBody);
  const key = c.req.header("idempotency-key");
  if (key !== undefined && !/^[\w.:-]{8,200}$/.test(key)) {
    throw new BookingInvalid(
      "invalid_key",
      { "Idempotency-Key": "8 à 200 caractères : lettres, chiffres, « - », « _ », « . », « : »." },
      "En-tête Idempotency-Key invalide.",
    );
  }
  // Refusals (BookingRefused, BookingInvalid) carry their API code: the error handler answers them.
  const booked = await bookAppointment(publicBookingContext(c), {
    motifId: body.motif_id,
    agentId: body.agent_id,
    lieuId: body.lieu_id ?? null,
    start: new Date(body.debut),
    person: {
      nom: body.nom,
      telephone: body.telephone,
      email: body.email,
      consentement: body.consentement,
    },
    idempotencyKey: key,
  });
  return c.json(
    {
      ...bookingAnswer(booked),
      jeton: booked.token,
      lien_gestion: booked.manageUrl,
    },
    booked.replayed ? 200 : 201,
  );
});

/** After a timeout, a client learns with its token whether (and what) it booked. */
appointmentApi.get("/api/v1/bookings/:id", async (c) => {
  const booking = await requireBookingByToken(
    appointmentContext(c),
    c.req.param("id"),
    bookingToken(c),
  );
  return c.json(
    bookingAnswer({
      ...booking,
      motifId: booking.motif.id,
      motifName: booking.motif.name,
      organisationName: booking.motif.organisationName,
    }),
  );
});

appointmentApi.delete("/api/v1/bookings/:id", async (c) => {
  const cancelled = await cancelByToken(appointmentContext(c), c.req.param("id"), bookingToken(c));
  return c.json(
    bookingAnswer({
      ...cancelled,
      motifId: cancelled.motif.id,
      motifName: cancelled.motif.name,
      organisationName: cancelled.motif.organisationName,
    }),
  );
});
