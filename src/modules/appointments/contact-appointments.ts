// A resident's appointments as their personal space shows them: those booked
// with a phone number or an e-mail address the person has proved they hold
// (the personal space verified it with a one-time code). The space decides
// who is signed in and audits the read; this module says which appointments
// carry those contacts, and hands the space the same token the
// confirmation's link holds, so that cancelling or moving follows exactly
// the rules of that link (manage.ts).

import type { Db, Tx } from "../../db/database.ts";
import { NotFound } from "../../platform/errors.ts";
import { isUuid } from "./agenda-store.ts";
import type { AppointmentContext } from "./booking.ts";
import { hashBookingToken, signBookingToken } from "./booking-tokens.ts";
import { LOCATION_LABELS } from "./booking-views.tsx";
import { buildIcs } from "./ics.ts";
import { MOVE_NOTICE_MS } from "./manage.ts";
import type { LocationKind, RdvStatus } from "./tables.ts";

/** Verified contacts, in the stored forms: E.164 phones, lower-case e-mails. */
export type VerifiedContacts = { phones: readonly string[]; emails: readonly string[] };

/** What a resident's list needs: the database, the instant, and the secret the links are signed with. */
type ContactContext = Pick<AppointmentContext, "db" | "now"> & {
  links: Pick<AppointmentContext["links"], "secret">;
};

export type ContactAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: RdvStatus;
  motifName: string;
  organisationName: string;
  where: string;
  canCancel: boolean;
  canMove: boolean;
};

const MAX_LISTED = 200;
const NOT_YOURS = "Ce rendez-vous n'existe pas, ou il n'a pas été pris avec vos coordonnées.";

function appointmentsOf(db: Db | Tx, contacts: VerifiedContacts) {
  return db
    .selectFrom("rdv as r")
    .innerJoin("rdv_motif as m", "m.id", "r.motif_id")
    .innerJoin("organisation as o", "o.id", "r.organisation_id")
    .leftJoin("rdv_lieu as l", "l.id", "r.lieu_id")
    .select([
      "r.id",
      "r.starts_at",
      "r.ends_at",
      "r.status",
      "r.channel",
      "r.cancel_token_hash",
      "m.name as motif_name",
      "m.location_kind",
      "o.name as organisation_name",
      "l.name as lieu_name",
      "l.address as lieu_address",
    ])
    .where((eb) => {
      const matches = [];
      if (contacts.phones.length > 0) matches.push(eb("r.phone", "in", [...contacts.phones]));
      if (contacts.emails.length > 0) matches.push(eb("r.email", "in", [...contacts.emails]));
      return eb.or(matches);
    });
}

type Row = Awaited<ReturnType<ReturnType<typeof appointmentsOf>["executeTakeFirstOrThrow"]>>;

/** The link's token, while it is the current one (a moved appointment has a new one). */
function currentToken(ctx: ContactContext, row: Row): string | undefined {
  const token = signBookingToken(ctx.links.secret, row.id, row.ends_at);
  return row.cancel_token_hash === hashBookingToken(token) ? token : undefined;
}

function toView(ctx: ContactContext, row: Row): ContactAppointment {
  const upcoming = row.status === "unknown" && row.starts_at.getTime() > ctx.now.getTime();
  const linkWorks = currentToken(ctx, row) !== undefined;
  return {
    id: row.id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status,
    motifName: row.motif_name,
    organisationName: row.organisation_name,
    where: row.lieu_name
      ? `${row.lieu_name}, ${row.lieu_address}`
      : LOCATION_LABELS[row.location_kind as LocationKind],
    canCancel: upcoming && linkWorks,
    canMove:
      upcoming &&
      linkWorks &&
      row.channel === "public" &&
      row.starts_at.getTime() - ctx.now.getTime() >= MOVE_NOTICE_MS,
  };
}

/**
 * The appointments booked with one of these contacts, latest first, with
 * whether each may still be cancelled or moved (the manage link's rules).
 */
export async function listAppointmentsForContacts(
  ctx: ContactContext,
  contacts: VerifiedContacts,
): Promise<ContactAppointment[]> {
  if (contacts.phones.length === 0 && contacts.emails.length === 0) return [];
  const rows = await appointmentsOf(ctx.db, contacts)
    .orderBy("r.starts_at", "desc")
    .limit(MAX_LISTED)
    .execute();
  return rows.map((row) => toView(ctx, row));
}

async function requireForContacts(ctx: ContactContext, id: string, contacts: VerifiedContacts) {
  if (!isUuid(id)) throw new NotFound(NOT_YOURS);
  const row = await appointmentsOf(ctx.db, contacts).where("r.id", "=", id).executeTakeFirst();
  if (!row) throw new NotFound(NOT_YOURS);
  return row;
}

/**
 * The token of the confirmation's link for an appointment booked with one of
 * these contacts; the caller cancels or moves with it (cancelByToken,
 * moveByToken), under the link's rules. Undefined when the appointment has
 * no working link (booked by an agent without one, or past).
 */
export async function manageTokenForContacts(
  ctx: ContactContext,
  id: string,
  contacts: VerifiedContacts,
): Promise<string | undefined> {
  return currentToken(ctx, await requireForContacts(ctx, id, contacts));
}

/** The appointment as an iCalendar file (RFC 5545), for the person's own calendar. */
export async function appointmentIcsForContacts(
  ctx: ContactContext,
  id: string,
  contacts: VerifiedContacts,
): Promise<string> {
  const row = await requireForContacts(ctx, id, contacts);
  const view = toView(ctx, row);
  return buildIcs({
    uid: `${row.id}@relais`,
    start: row.starts_at,
    end: row.ends_at,
    stamp: ctx.now,
    summary: `Rendez-vous : ${view.motifName}`,
    description: view.organisationName,
    location: view.where,
    sequence: 0,
    cancelled: row.status === "excused" || row.status === "revoked",
  });
}
