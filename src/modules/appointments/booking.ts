// Booking an individual appointment: online by the person, or by an agent
// for someone. The checks of booking-checks.ts explain refusals in French;
// the exclusion constraint of the rdv table is the last word when two
// requests race for the same time (error 23P01 → "Ce créneau vient d'être
// pris"), on any number of app replicas; writers of one agent's agenda
// wait in line for it (lockAgentAgenda).

import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { z } from "zod";
import type { Db, Tx } from "../../db/database.ts";
import { isSignedIn } from "../../platform/access/actor.ts";
import { authorize } from "../../platform/access/policy.ts";
import { chainAuditEvents, readAuditChainEnd } from "../../platform/audit/audit.ts";
import { Invalid } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { fieldErrors } from "../../platform/http/forms.ts";
import { jobRow } from "../../platform/jobs/queue.ts";
import { outboxMailRows } from "../../platform/mail/outbox.ts";
import { outboxSmsRows } from "../../platform/mail/sms.ts";
import {
  findLieu,
  findMotif,
  type LieuView,
  loadSlotInputs,
  type MotifView,
} from "./agenda-store.ts";
import { type BookingChannel, findSlotRefusal } from "./booking-checks.ts";
import {
  AGENT_AGENDA_LOCK,
  type EarlierBooking,
  insertBookingInLine,
  loadBookingContext,
  writeBookingFollowUps,
} from "./booking-store.ts";
import { hashBookingToken, signBookingToken } from "./booking-tokens.ts";
import { noticeMessages, reminderJob } from "./notifications.ts";
import { parseFrenchPhone } from "./phone.ts";
import { appointmentRules } from "./policy.ts";
import { BookingInvalid, BookingRefused, type InvalidCode } from "./refusals.ts";
import type { LocationKind, RdvStatus } from "./tables.ts";

/** What appointment links are signed and built with (the server's secret, its public address). */
export type BookingLinks = { secret: string; publicUrl: string };

/** The service context (platform/http/context.ts), with what the links of a booking need. */
export type AppointmentContext = ServiceContext & { links: BookingLinks };

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
  // safeParse, not parseValue: a refusal here carries its API code
  // (invalid_name, invalid_phone…), chosen from the fields that failed.
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
  const atPlace = motif.locationKind === "sur_place" && lieuId;
  return describePlace(motif, atPlace ? await findLieu(db, lieuId) : undefined);
}

/** describeWhere, the place already loaded (undefined: none, or not found). */
export function describePlace(motif: MotifView, lieu: LieuView | undefined): string {
  if (motif.locationKind === "telephone") return "par téléphone : le service vous appellera";
  if (motif.locationKind === "visio") return "en visioconférence : le lien vous sera envoyé";
  if (motif.locationKind === "domicile") return "à votre domicile";
  if (!lieu) return motif.organisationName;
  const commune =
    lieu.communeName && !lieu.address.includes(lieu.communeName) ? `, ${lieu.communeName}` : "";
  // One name per place: when the place bears the service's name, it is said once.
  const name = lieu.name === motif.organisationName ? "" : `${lieu.name}, `;
  return `${name}${lieu.address}${commune}`;
}

export async function requireBookableMotif(db: Db | Tx, motifId: string): Promise<MotifView> {
  return bookableMotif(await findMotif(db, motifId));
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
 * Books a slot. `ctx.actor` anonymous: the public channel; a signed-in agent:
 * on behalf of someone (authorized in the motif's organisation). Sends few
 * statements (booking-store.ts): one read for all the checks; then, for a
 * slot still free, a transaction of three (in line for the agenda and the
 * row, the audit chain's end, the audit event with the messages and jobs).
 */
export async function bookAppointment(
  ctx: AppointmentContext,
  request: BookingRequest,
  channel: BookingChannel = isSignedIn(ctx.actor) ? "agent" : "public",
): Promise<BookedAppointment> {
  const key = request.idempotencyKey?.trim() || null;
  // Attempts on one agent's agenda from this process read and write one
  // after the other: the second reads the first's booking and is refused
  // (or replayed) by its one read, instead of entering a transaction that
  // waits for the agenda's lock and then fails on the constraint. Other
  // processes (other pools) are put in line by the database (insertBookingInLine).
  return inAgendaLine(ctx.db, request.agentId, () => bookInLine(ctx, request, channel, key));
}

async function bookInLine(
  ctx: AppointmentContext,
  request: BookingRequest,
  channel: BookingChannel,
  key: string | null,
): Promise<BookedAppointment> {
  const context = await loadBookingContext(ctx.db, { ...request, idempotencyKey: key });
  const motif = bookableMotif(context.motif);
  const person = parsePerson(request.person, { channel, locationKind: motif.locationKind });
  if (channel === "agent") {
    authorize(ctx.actor, appointmentRules.bookForSomeone, { organisationId: motif.organisationId });
  }
  if (request.personId !== undefined && channel !== "agent") {
    throw new Invalid({}, "Seul un professionnel rattache un rendez-vous à un dossier.");
  }
  if (key && context.earlier) {
    return replayed(ctx, context.earlier, request, person.name, motif, context.lieu);
  }
  // Read in the same snapshot as `earlier`: a slot taken here is not taken by
  // a twin request with our key (that one would have been found above).
  const refusal = findSlotRefusal({
    request: { agentId: request.agentId, lieuId: request.lieuId, start: request.start },
    channel,
    motif,
    openings: context.openings,
    absences: context.absences,
    bookings: context.bookings,
    holidays: context.holidays,
    now: ctx.now,
  });
  if (refusal) throw refusal;
  try {
    return await insertBooking(ctx, request, {
      motif,
      person,
      channel,
      key,
      where: describePlace(motif, context.lieu),
    });
  } catch (error) {
    // A twin request with the same key (sent a few ms apart, or by two app
    // processes) may have booked the slot since our read: then "Ce créneau
    // vient d'être pris" would be about our own booking. Look the key up
    // again before answering.
    if (key && (isOverlapViolation(error) || isUniqueViolation(error))) {
      const earlier = await findByIdempotencyKey(ctx, key, request, person.name);
      if (earlier) return earlier;
    }
    throw isOverlapViolation(error) ? new BookingRefused("slot-taken", SLOT_TAKEN_MESSAGE) : error;
  }
}

/** For each database handle (pool), the last attempt waiting or running on each agent's agenda. */
const agendaLines = new WeakMap<Db, Map<string, Promise<unknown>>>();

/** Runs `work` after the attempts on the same agenda queued before it through the same pool. */
async function inAgendaLine<T>(db: Db, agentId: string, work: () => Promise<T>): Promise<T> {
  let lines = agendaLines.get(db);
  if (!lines) {
    lines = new Map();
    agendaLines.set(db, lines);
  }
  const previous = lines.get(agentId);
  const turn = previous ? previous.then(work, work) : work();
  const settled = turn.catch(() => undefined);
  lines.set(agentId, settled);
  try {
    return await turn;
  } finally {
    if (lines.get(agentId) === settled) lines.delete(agentId);
  }
}

function bookableMotif(motif: MotifView | undefined): MotifView {
  if (!motif || motif.isCollective) {
    throw new BookingInvalid("unknown_motif", {
      motif: "Ce motif de rendez-vous n'existe pas ou n'est plus proposé.",
    });
  }
  return motif;
}

async function insertBooking(
  ctx: AppointmentContext,
  request: BookingRequest,
  {
    motif,
    person,
    channel,
    key,
    where,
  }: {
    motif: MotifView;
    person: ReturnType<typeof parsePerson>;
    channel: BookingChannel;
    key: string | null;
    where: string;
  },
): Promise<BookedAppointment> {
  const startsAt = request.start;
  const endsAt = new Date(startsAt.getTime() + motif.durationMinutes * 60_000);
  const actor = ctx.actor;
  // The id is chosen here, so that the row is written with its token's hash at once.
  const id = randomUUID();
  const token = signBookingToken(ctx.links.secret, id, endsAt);
  const url = manageUrl(ctx.links.publicUrl, id, token);
  const notice = {
    id,
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
  const outbox = noticeMessages("confirmation", notice, ctx.now).map((message) =>
    message.channel === "email"
      ? outboxMailRows(message.mail, ctx.now)
      : outboxSmsRows(message.sms, ctx.now),
  );
  const reminder = person.notify ? reminderJob({ id, startsAt }, ctx.now) : undefined;
  await ctx.db.transaction().execute(async (tx) => {
    await insertBookingInLine(tx, {
      id,
      organisationId: motif.organisationId,
      motifId: motif.id,
      lieuId: request.lieuId,
      agentId: request.agentId,
      startsAt,
      endsAt,
      personName: person.name,
      phone: person.phone,
      email: person.email,
      notify: person.notify,
      channel,
      bookedByUserId: isSignedIn(actor) ? actor.userId : null,
      personId: request.personId ?? null,
      idempotencyKey: key,
      cancelTokenHash: hashBookingToken(token),
      now: ctx.now,
    });
    const audit = chainAuditEvents(await readAuditChainEnd(tx), [
      {
        actor: {
          userId: isSignedIn(actor) ? actor.userId : null,
          organisationId: isSignedIn(actor) ? motif.organisationId : null,
        },
        action: "rdv.booked",
        subjectType: "rdv",
        subjectId: id,
        details: { channel, motifId: motif.id, agentId: request.agentId },
        personId: request.personId ?? null,
        requestId: ctx.requestId,
        at: ctx.now,
      },
    ]);
    await writeBookingFollowUps(tx, {
      audit,
      messages: outbox.map((rows) => rows.message),
      jobs: [
        ...outbox.map((rows) => rows.job),
        ...(reminder ? [jobRow(reminder.name, reminder.payload, reminder.options)] : []),
      ],
    });
  });
  return {
    id,
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
}

/** The answer to a retried request: its earlier booking, after the same check as findByIdempotencyKey. */
function replayed(
  ctx: AppointmentContext,
  earlier: EarlierBooking,
  request: SlotChoice,
  personName: string,
  motif: MotifView,
  lieu: LieuView | undefined,
): BookedAppointment {
  assertSameRequest(earlier, request, personName);
  const token = signBookingToken(ctx.links.secret, earlier.id, earlier.endsAt);
  return {
    id: earlier.id,
    startsAt: earlier.startsAt,
    endsAt: earlier.endsAt,
    motifId: earlier.motifId,
    lieuId: earlier.lieuId,
    agentId: earlier.agentId,
    status: earlier.status,
    motifName: motif.name,
    organisationName: motif.organisationName,
    where: describePlace(motif, lieu),
    token,
    manageUrl: manageUrl(ctx.links.publicUrl, earlier.id, token),
    replayed: true,
  };
}

/**
 * A key reused for another request is refused: otherwise whoever guessed a
 * key would receive someone else's booking and its cancel link.
 */
function assertSameRequest(
  earlier: { motifId: string; agentId: string; startsAt: Date; personName: string },
  request: SlotChoice,
  personName: string,
): void {
  const same =
    earlier.motifId === request.motifId &&
    earlier.agentId === request.agentId &&
    earlier.startsAt.getTime() === request.start.getTime() &&
    earlier.personName === personName;
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
}

/**
 * The booking an earlier request with this key made, looked up again after
 * the insert met a twin's row (assertSameRequest refuses a reused key).
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
  assertSameRequest(
    {
      motifId: row.motif_id,
      agentId: row.agent_id,
      startsAt: row.starts_at,
      personName: row.person_name,
    },
    request,
    personName,
  );
  const motif = await findMotif(ctx.db, row.motif_id);
  const token = signBookingToken(ctx.links.secret, row.id, row.ends_at);
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
    manageUrl: manageUrl(ctx.links.publicUrl, row.id, token),
    replayed: true,
  };
}
