// Booking an individual appointment: online by the person, or by an agent
// for someone. The checks of booking-checks.ts explain refusals in French;
// the exclusion constraint of the rdv table is the last word when two
// requests race for the same time (error 23P01 → "Ce créneau vient d'être
// pris"), on any number of app replicas; writers of one agent's agenda
// wait in line for it (lockAgentAgenda).

import { sql } from "kysely";
import { z } from "zod";
import type { Db, Tx } from "../../db/database.ts";
import { type Actor, isSignedIn } from "../../platform/access/actor.ts";
import { authorize } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { Invalid } from "../../platform/errors.ts";
import { fieldErrors } from "../../platform/http/forms.ts";
import { findLieu, findMotif, loadSlotInputs, type MotifView } from "./agenda-store.ts";
import { type BookingChannel, findSlotRefusal } from "./booking-checks.ts";
import { queueNotice, scheduleReminder } from "./notifications.ts";
import { parseFrenchPhone } from "./phone.ts";
import { appointmentRules } from "./policy.ts";
import { BookingInvalid, BookingRefused, type InvalidCode } from "./refusals.ts";
import type { LocationKind, RdvStatus } from "./tables.ts";
import { hashBookingToken, signBookingToken } from "./tokens.ts";

/** What a service call needs besides its arguments: no global is read. */
export interface AppointmentContext {
  db: Db;
  now: Date;
  secret: string;
  publicUrl: string;
  requestId?: string | undefined;
}

export const SLOT_TAKEN_MESSAGE = "Ce créneau vient d'être pris. Choisissez-en un autre.";
const CONTACT_REQUIRED =
  "Indiquez un numéro de téléphone ou une adresse électronique pour être recontacté.";
const INVALID_PHONE =
  "Ce numéro de téléphone n'est pas valide. Indiquez 10 chiffres, par exemple 06 12 34 56 78.";
export const PHONE_REQUIRED =
  "Ce rendez-vous a lieu par téléphone : indiquez le numéro où le service vous appellera.";
export const CONSENT_REQUIRED =
  "Cochez la case pour accepter que le service utilise ces coordonnées pour ce rendez-vous.";

/** The person's details, as typed in a form or sent to the API. */
export const PersonSchema = z
  .object({
    nom: z
      .string()
      .trim()
      .min(2, "Indiquez votre nom et votre prénom.")
      .max(200, "Le nom fait au plus 200 caractères."),
    telephone: z.string().trim().max(30).optional().default(""),
    email: z
      .string()
      .trim()
      .max(200)
      .optional()
      .default("")
      .refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
        message: "Cette adresse électronique n'est pas valide (exemple : nom@exemple.fr).",
      }),
    /** Public channel: the person's own consent (a box left unticked until they tick it). */
    consentement: z
      .union([z.boolean(), z.literal("oui"), z.literal("on")])
      .optional()
      .transform((v) => v === true || v === "oui" || v === "on"),
    /** Agent channel: the person objects to receiving messages (RGPD art. 21). */
    opposition: z
      .union([z.boolean(), z.literal("oui"), z.literal("on")])
      .optional()
      .transform((v) => v === true || v === "oui" || v === "on"),
  })
  .refine((p) => p.telephone !== "" || p.email !== "", {
    message: CONTACT_REQUIRED,
    path: ["telephone"],
  })
  .refine((p) => p.telephone === "" || parseFrenchPhone(p.telephone) !== undefined, {
    message: INVALID_PHONE,
    path: ["telephone"],
  });
export type PersonInput = z.input<typeof PersonSchema>;

export interface SlotChoice {
  motifId: string;
  agentId: string;
  lieuId: string | null;
  start: Date;
}

export interface BookingRequest extends SlotChoice {
  /** As typed in a form (strings) or sent to the API; validated by PersonSchema. */
  person: PersonInput | Record<string, string>;
  idempotencyKey?: string | undefined;
  /**
   * The person's record it is booked from (agent channel only). The caller
   * has checked that the agent may see that record (records' service).
   */
  personId?: string | undefined;
}

export interface BookedAppointment {
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
  token: string;
  manageUrl: string;
  /** True when an earlier request with the same idempotency key had booked it. */
  replayed: boolean;
}

/**
 * The person's details, checked for this motif and channel. A phone motif
 * needs a number to call; every booking needs a way to reach the person.
 * Messages: online (public), the legal basis is the person's consent
 * (RGPD art. 6-1-a), so the box is required and never ticked in advance;
 * booked by an agent, it is the service's public-interest mission
 * (art. 6-1-e), the person being told and free to object (art. 21).
 */
export function parsePerson(
  input: PersonInput | Record<string, string>,
  use: { channel: BookingChannel; locationKind: LocationKind },
) {
  const parsed = PersonSchema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    throw new BookingInvalid(personErrorCode(fields), fields);
  }
  const phone = parsed.data.telephone ? parseFrenchPhone(parsed.data.telephone) : undefined;
  if (use.locationKind === "telephone" && !phone) {
    throw new BookingInvalid("phone_required", { telephone: PHONE_REQUIRED });
  }
  const consentBased = use.channel !== "agent";
  if (consentBased && !parsed.data.consentement) {
    throw new BookingInvalid("consent_required", { consentement: CONSENT_REQUIRED });
  }
  return {
    name: parsed.data.nom,
    phone: phone?.e164 ?? null,
    email: parsed.data.email === "" ? null : parsed.data.email.toLowerCase(),
    notify: consentBased ? parsed.data.consentement : !parsed.data.opposition,
  };
}

function personErrorCode(fields: Record<string, string>): InvalidCode {
  if (fields.nom) return "invalid_name";
  if (fields.telephone === CONTACT_REQUIRED) return "contact_required";
  if (fields.telephone) return "invalid_phone";
  if (fields.email) return "invalid_email";
  return "invalid";
}

export function manageUrl(publicUrl: string, id: string, token: string): string {
  return `${publicUrl}/rendez-vous/gerer/${id}?jeton=${encodeURIComponent(token)}`;
}

/** "12 rue …, Nanterre", or how the appointment happens when not at a place. */
export async function describeWhere(
  db: Db | Tx,
  motif: MotifView,
  lieuId: string | null,
): Promise<string> {
  if (motif.locationKind === "telephone") return "par téléphone : le service vous appellera";
  if (motif.locationKind === "visio") return "en visioconférence : le lien vous sera envoyé";
  if (motif.locationKind === "domicile") return "à votre domicile";
  const lieu = lieuId ? await findLieu(db, lieuId) : undefined;
  if (!lieu) return motif.organisationName;
  const commune =
    lieu.communeName && !lieu.address.includes(lieu.communeName) ? `, ${lieu.communeName}` : "";
  // One name per place: when the place bears the service's name, it is said once.
  const name = lieu.name === motif.organisationName ? "" : `${lieu.name}, `;
  return `${name}${lieu.address}${commune}`;
}

export async function requireBookableMotif(db: Db | Tx, motifId: string): Promise<MotifView> {
  const motif = await findMotif(db, motifId);
  if (!motif || motif.isCollective) {
    throw new BookingInvalid("unknown_motif", {
      motif: "Ce motif de rendez-vous n'existe pas ou n'est plus proposé.",
    });
  }
  return motif;
}

/** Throws the refusal for a slot that cannot be booked through this channel now. */
export async function checkSlot(
  db: Db | Tx,
  motif: MotifView,
  choice: SlotChoice,
  channel: BookingChannel,
  now: Date,
  ignoreBookingId?: string,
): Promise<void> {
  const end = new Date(choice.start.getTime() + motif.durationMinutes * 60_000);
  const inputs = await loadSlotInputs(
    db,
    motif,
    { from: choice.start, to: end },
    { agentId: choice.agentId, lieuId: choice.lieuId },
  );
  const bookings = ignoreBookingId
    ? inputs.bookings.filter((b) => b.id !== ignoreBookingId)
    : inputs.bookings;
  const refusal = findSlotRefusal({
    request: { agentId: choice.agentId, lieuId: choice.lieuId, start: choice.start },
    channel,
    motif,
    openings: inputs.openings,
    absences: inputs.absences,
    bookings,
    holidays: inputs.holidays,
    now,
  });
  if (refusal) throw refusal;
}

/** PostgreSQL's exclusion_violation: another booking took the time first. */
export function isOverlapViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "23P01";
}

// Any constant works; it names the agendas' locks for pg_advisory_xact_lock.
const AGENT_AGENDA_LOCK = 7_270_002;

/**
 * Puts the writers of one agent's agenda in line until commit. Without it,
 * two requests for the same time each insert their row, then each wait for
 * the other's uncommitted row under the exclusion constraint (a GiST index
 * does not order them as a unique btree does): PostgreSQL ends that as a
 * deadlock, a 500 (1 to 9 answers in 1,000 with bench/appointments.ts's three
 * app processes). In line, the second sees the first's row and gets 23P01.
 * The constraint stays the last word; the lock only orders the writers, and
 * costs no throughput the audit chain's lock does not already take.
 */
export async function lockAgentAgenda(tx: Tx, agentId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AGENT_AGENDA_LOCK}, hashtext(${agentId}))`.execute(tx);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "23505";
}

/**
 * Books a slot. `actor` anonymous: the public channel; a signed-in agent:
 * on behalf of someone (authorized in the motif's organisation).
 */
export async function bookAppointment(
  ctx: AppointmentContext,
  actor: Actor,
  request: BookingRequest,
  channel: BookingChannel = isSignedIn(actor) ? "agent" : "public",
): Promise<BookedAppointment> {
  const motif = await requireBookableMotif(ctx.db, request.motifId);
  const person = parsePerson(request.person, { channel, locationKind: motif.locationKind });
  if (channel === "agent") {
    authorize(actor, appointmentRules.bookForSomeone, { organisationId: motif.organisationId });
  }
  if (request.personId !== undefined && channel !== "agent") {
    throw new Invalid({}, "Seul un professionnel rattache un rendez-vous à un dossier.");
  }
  const key = request.idempotencyKey?.trim() || null;
  if (key) {
    const earlier = await findByIdempotencyKey(ctx, key, request, person.name);
    if (earlier) return earlier;
  }
  try {
    await checkSlot(ctx.db, motif, request, channel, ctx.now);
    return await insertBooking(ctx, actor, request, { motif, person, channel, key });
  } catch (error) {
    const refusal = isOverlapViolation(error)
      ? new BookingRefused("slot-taken", SLOT_TAKEN_MESSAGE)
      : error;
    // A twin request with the same key (sent a few ms apart, or by two app
    // processes) may have booked the slot between our look-up and our check
    // or insert: then "Ce créneau vient d'être pris" would be about our own
    // booking. Look the key up again before answering.
    if (key && (refusal instanceof BookingRefused || isUniqueViolation(error))) {
      const earlier = await findByIdempotencyKey(ctx, key, request, person.name);
      if (earlier) return earlier;
    }
    throw refusal;
  }
}

async function insertBooking(
  ctx: AppointmentContext,
  actor: Actor,
  request: BookingRequest,
  {
    motif,
    person,
    channel,
    key,
  }: {
    motif: MotifView;
    person: ReturnType<typeof parsePerson>;
    channel: BookingChannel;
    key: string | null;
  },
): Promise<BookedAppointment> {
  const startsAt = request.start;
  const endsAt = new Date(startsAt.getTime() + motif.durationMinutes * 60_000);
  const where = await describeWhere(ctx.db, motif, request.lieuId);
  return ctx.db.transaction().execute(async (tx) => {
    await lockAgentAgenda(tx, request.agentId);
    const row = await tx
      .insertInto("rdv")
      .values({
        organisation_id: motif.organisationId,
        motif_id: motif.id,
        lieu_id: request.lieuId,
        agent_id: request.agentId,
        starts_at: startsAt,
        ends_at: endsAt,
        person_name: person.name,
        phone: person.phone,
        email: person.email,
        notify: person.notify,
        channel,
        booked_by_user_id: isSignedIn(actor) ? actor.userId : null,
        person_id: request.personId ?? null,
        idempotency_key: key,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const token = signBookingToken(ctx.secret, row.id, endsAt);
    await tx
      .updateTable("rdv")
      .set({ cancel_token_hash: hashBookingToken(token) })
      .where("id", "=", row.id)
      .execute();
    const url = manageUrl(ctx.publicUrl, row.id, token);
    await recordAudit(tx, {
      actor: {
        userId: isSignedIn(actor) ? actor.userId : null,
        organisationId: isSignedIn(actor) ? motif.organisationId : null,
      },
      action: "rdv.booked",
      subjectType: "rdv",
      subjectId: row.id,
      details: { channel, motifId: motif.id, agentId: request.agentId },
      personId: request.personId ?? null,
      requestId: ctx.requestId ?? null,
      at: ctx.now,
    });
    const notice = {
      id: row.id,
      startsAt,
      endsAt,
      personName: person.name,
      phone: person.phone,
      email: person.email,
      notify: person.notify,
      motifName: motif.name,
      organisationName: motif.organisationName,
      where,
      manageUrl: url,
      documentsToBring: motif.documentsToBring,
      sequence: 0,
    };
    await queueNotice(tx, "confirmation", notice, ctx.now);
    if (person.notify) await scheduleReminder(tx, { id: row.id, startsAt }, ctx.now);
    return {
      id: row.id,
      startsAt,
      endsAt,
      motifId: motif.id,
      lieuId: request.lieuId,
      agentId: request.agentId,
      status: "unknown" as const,
      motifName: motif.name,
      organisationName: motif.organisationName,
      where,
      token,
      manageUrl: url,
      replayed: false,
    };
  });
}

/**
 * The booking an earlier request with this key made. A key reused for
 * another request is refused: otherwise whoever guessed a key would receive
 * someone else's booking and its cancel link.
 */
async function findByIdempotencyKey(
  ctx: AppointmentContext,
  key: string,
  request: SlotChoice,
  personName: string,
): Promise<BookedAppointment | undefined> {
  const row = await ctx.db
    .selectFrom("rdv")
    .select([
      "id",
      "starts_at",
      "ends_at",
      "motif_id",
      "lieu_id",
      "agent_id",
      "person_name",
      "status",
    ])
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  if (!row) return undefined;
  const same =
    row.motif_id === request.motifId &&
    row.agent_id === request.agentId &&
    row.starts_at.getTime() === request.start.getTime() &&
    row.person_name === personName;
  if (!same) {
    throw new BookingInvalid(
      "key_reused",
      {
        "Idempotency-Key":
          "Cette clé a déjà servi pour une autre demande : utilisez-en une nouvelle.",
      },
      "Cette clé d'idempotence a déjà servi pour une autre demande.",
    );
  }
  const motif = await findMotif(ctx.db, row.motif_id);
  const token = signBookingToken(ctx.secret, row.id, row.ends_at);
  return {
    id: row.id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    motifId: row.motif_id,
    lieuId: row.lieu_id,
    agentId: row.agent_id,
    status: row.status,
    motifName: motif?.name ?? "",
    organisationName: motif?.organisationName ?? "",
    where: motif ? await describeWhere(ctx.db, motif, row.lieu_id) : "",
    token,
    manageUrl: manageUrl(ctx.publicUrl, row.id, token),
    replayed: true,
  };
}
