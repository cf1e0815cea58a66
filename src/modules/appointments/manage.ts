// What the person does from the link in their confirmation: see, cancel or
// move the appointment. The signed token is the only authority; a forged,
// expired or retired token changes nothing and says so in French.

import type { Tx } from "../../db/database.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { Forbidden, NotFound } from "../../platform/errors.ts";
import { findMotif, isUuid, type MotifView } from "./agenda-store.ts";
import {
  type AppointmentContext,
  checkSlot,
  describeWhere,
  isOverlapViolation,
  lockAgentAgenda,
  manageUrl,
  SLOT_TAKEN_MESSAGE,
  type SlotChoice,
} from "./booking.ts";
import { checkBookingToken, hashBookingToken, signBookingToken } from "./booking-tokens.ts";
import { buildIcs } from "./ics.ts";
import {
  documentLines,
  type NoticeBooking,
  queueNotice,
  scheduleReminder,
} from "./notifications.ts";
import { BookingInvalid, BookingRefused } from "./refusals.ts";
import type { RdvStatus } from "./tables.ts";

/** A person may move their appointment up to two days before (RDV Service Public). */
export const MOVE_NOTICE_MS = 48 * 3_600_000;

export interface ManagedBooking {
  id: string;
  status: RdvStatus;
  startsAt: Date;
  endsAt: Date;
  agentId: string;
  lieuId: string | null;
  personName: string;
  motif: MotifView;
  where: string;
  canCancel: boolean;
  canMove: boolean;
  /** How the person may be reached (their own details, shown only behind their token). */
  contact: { email: string | null; phone: string | null; notify: boolean };
}

const BAD_LINK =
  "Ce lien n'est pas valide : vérifiez qu'il est complet, ou utilisez le lien du dernier message reçu.";
const EXPIRED_LINK = "Ce lien a expiré : le rendez-vous est passé.";

/** The booking behind a link, or Forbidden/NotFound with a French message. */
export async function requireBookingByToken(
  ctx: AppointmentContext,
  id: string,
  token: string,
): Promise<ManagedBooking> {
  if (!isUuid(id)) throw new NotFound("Ce rendez-vous n'existe pas.");
  // An unknown id answers 404 whatever the token (as documented): ids are
  // random, so this tells nothing a guess could use.
  const row = await ctx.db.selectFrom("rdv").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFound("Ce rendez-vous n'existe pas.");
  const check = checkBookingToken(ctx.links.secret, id, token, ctx.now);
  if (check === "forged") throw new Forbidden(BAD_LINK);
  if (check === "expired") throw new Forbidden(EXPIRED_LINK);
  // A valid signature of an older version of the appointment (moved since).
  if (row.cancel_token_hash !== hashBookingToken(token)) throw new Forbidden(BAD_LINK);
  const motif = await findMotif(ctx.db, row.motif_id);
  if (!motif) throw new NotFound("Ce rendez-vous n'existe plus.");
  const upcoming = row.status === "unknown" && row.starts_at.getTime() > ctx.now.getTime();
  return {
    id: row.id,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    agentId: row.agent_id,
    lieuId: row.lieu_id,
    personName: row.person_name,
    motif,
    where: await describeWhere(ctx.db, motif, row.lieu_id),
    canCancel: upcoming,
    contact: { email: row.email, phone: row.phone, notify: row.notify },
    canMove:
      upcoming &&
      row.channel === "public" &&
      row.starts_at.getTime() - ctx.now.getTime() >= MOVE_NOTICE_MS,
  };
}

async function noticeFor(tx: Tx, id: string, url?: string): Promise<NoticeBooking> {
  const row = await tx.selectFrom("rdv").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const motif = await findMotif(tx, row.motif_id);
  return {
    id: row.id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    personName: row.person_name,
    phone: row.phone,
    email: row.email,
    notify: row.notify,
    motifName: motif?.name ?? "Rendez-vous",
    organisationName: motif?.organisationName ?? "",
    where: motif ? await describeWhere(tx, motif, row.lieu_id) : "",
    manageUrl: url,
    documentsToBring: motif?.documentsToBring ?? null,
    sequence: Math.floor(row.updated_at.getTime() / 1000),
  };
}

/** The person cancels: status "excused", the time is free again, a notice goes out. */
export async function cancelByToken(
  ctx: AppointmentContext,
  id: string,
  token: string,
): Promise<ManagedBooking> {
  const booking = await requireBookingByToken(ctx, id, token);
  if (!booking.canCancel) {
    throw booking.status === "excused" || booking.status === "revoked"
      ? new BookingInvalid("already_cancelled", { rendezVous: "Ce rendez-vous est déjà annulé." })
      : new BookingInvalid("already_past", { rendezVous: "Ce rendez-vous est déjà passé." });
  }
  await ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable("rdv")
      .set({ status: "excused", updated_at: ctx.now })
      .where("id", "=", id)
      .where("status", "=", "unknown")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await recordAudit(tx, {
      actor: { userId: null, organisationId: null },
      action: "rdv.cancelled",
      subjectType: "rdv",
      subjectId: id,
      details: { by: "person" },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    await queueNotice(tx, "cancellation", await noticeFor(tx, id), ctx.now);
  });
  return { ...booking, status: "excused", canCancel: false, canMove: false };
}

/** The person moves the appointment to another free slot of the same motif. */
export async function moveByToken(
  ctx: AppointmentContext,
  id: string,
  token: string,
  choice: Omit<SlotChoice, "motifId">,
): Promise<{ token: string; manageUrl: string; startsAt: Date }> {
  const booking = await requireBookingByToken(ctx, id, token);
  if (!booking.canMove) {
    throw new BookingInvalid("cannot_move", {
      creneau:
        "Ce rendez-vous ne peut plus être déplacé en ligne (moins de 48 heures avant, ou déjà annulé). Appelez le service.",
    });
  }
  const motif = booking.motif;
  await checkSlot(ctx.db, motif, { ...choice, motifId: motif.id }, "public", ctx.now, id);
  const endsAt = new Date(choice.start.getTime() + motif.durationMinutes * 60_000);
  const newToken = signBookingToken(ctx.links.secret, id, endsAt);
  const url = manageUrl(ctx.links.publicUrl, id, newToken);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await lockAgentAgenda(tx, choice.agentId);
      await tx
        .updateTable("rdv")
        .set({
          agent_id: choice.agentId,
          lieu_id: choice.lieuId,
          starts_at: choice.start,
          ends_at: endsAt,
          cancel_token_hash: hashBookingToken(newToken),
          updated_at: ctx.now,
        })
        .where("id", "=", id)
        .execute();
      await recordAudit(tx, {
        actor: { userId: null, organisationId: null },
        action: "rdv.moved",
        subjectType: "rdv",
        subjectId: id,
        details: { from: booking.startsAt.toISOString(), to: choice.start.toISOString() },
        requestId: ctx.requestId,
        at: ctx.now,
      });
      const notice = await noticeFor(tx, id, url);
      await queueNotice(tx, "change", notice, ctx.now);
      if (notice.notify) await scheduleReminder(tx, { id, startsAt: choice.start }, ctx.now);
    });
  } catch (error) {
    if (isOverlapViolation(error)) throw new BookingRefused("slot-taken", SLOT_TAKEN_MESSAGE);
    throw error;
  }
  return { token: newToken, manageUrl: url, startsAt: choice.start };
}

export { noticeFor };

/**
 * The appointment as an iCalendar file (the confirmation page's « Ajouter à
 * mon agenda »): the same event as the e-mail's invitation, so that a
 * calendar that has both keeps one.
 */
export async function bookingCalendar(
  ctx: AppointmentContext,
  id: string,
  token: string,
): Promise<string> {
  const booking = await requireBookingByToken(ctx, id, token);
  const row = await ctx.db
    .selectFrom("rdv")
    .select("updated_at")
    .where("id", "=", booking.id)
    .executeTakeFirstOrThrow();
  const url = manageUrl(ctx.links.publicUrl, booking.id, token);
  const documents = documentLines(booking.motif.documentsToBring);
  return buildIcs({
    uid: `${booking.id}@relais`,
    start: booking.startsAt,
    end: booking.endsAt,
    stamp: ctx.now,
    summary: `Rendez-vous : ${booking.motif.name}`,
    description: [
      booking.motif.organisationName,
      ...(documents.length > 0 ? ["À apporter :", ...documents.map((d) => `- ${d}`)] : []),
      `Annuler ou déplacer : ${url}`,
    ].join("\n"),
    location: booking.where,
    sequence: Math.floor(row.updated_at.getTime() / 1000),
    cancelled: booking.status === "excused" || booking.status === "revoked",
  });
}
