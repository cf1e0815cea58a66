// What the person sees of their space, each read behind the space's rule.
// Their own views are not written to their history (it would drown what
// others did); downloads, shares, exports and sign-ins are (decision 0016).
import type { Db } from "../../db/database.ts";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { authorizeResident } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import {
  appointmentIcsForContacts,
  cancelByToken,
  listAppointmentsForContacts,
  manageTokenForContacts,
  manageUrl,
} from "../appointments/service.ts";
import type { EspaceContext } from "./context.ts";
import { verifiedContacts } from "./data-rights.ts";
import { listLinks } from "./links.ts";
import { espaceRules } from "./policy.ts";
import { listShares } from "./sharing.ts";
import { listDocuments, SPACE_QUOTA_BYTES, spaceUsage } from "./vault.ts";

function own(actor: ResidentActor) {
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
}

export async function myContacts(db: Db, actor: ResidentActor) {
  own(actor);
  return verifiedContacts(db, actor.espaceId);
}

export async function myAppointments(db: Db, actor: ResidentActor, context: EspaceContext) {
  own(actor);
  const { contacts } = await verifiedContacts(db, actor.espaceId);
  return listAppointmentsForContacts(
    { db, now: context.now, links: { secret: context.secret } },
    contacts,
  );
}

function appointmentContext(db: Db, actor: ResidentActor, context: EspaceContext) {
  return {
    db,
    actor,
    now: context.now,
    requestId: context.requestId ?? null,
    links: { secret: context.secret, publicUrl: context.publicUrl },
  };
}

const NO_LINK =
  "Ce rendez-vous ne peut pas être changé en ligne (il est passé, annulé, ou a été pris par un professionnel). Appelez le service.";

/** Cancels with the confirmation link's own rules (appointments' cancelByToken). */
export async function cancelMyAppointment(
  db: Db,
  actor: ResidentActor,
  appointmentId: string,
  context: EspaceContext,
): Promise<void> {
  own(actor);
  const { contacts } = await verifiedContacts(db, actor.espaceId);
  const ctx = appointmentContext(db, actor, context);
  const token = await manageTokenForContacts(ctx, appointmentId, contacts);
  if (!token) throw new Invalid({ rendezVous: NO_LINK });
  await cancelByToken(ctx, appointmentId, token);
}

/** The confirmation link's page, where moving happens under its rules. */
export async function moveLinkForMyAppointment(
  db: Db,
  actor: ResidentActor,
  appointmentId: string,
  context: EspaceContext,
): Promise<string> {
  own(actor);
  const { contacts } = await verifiedContacts(db, actor.espaceId);
  const ctx = appointmentContext(db, actor, context);
  const token = await manageTokenForContacts(ctx, appointmentId, contacts);
  if (!token) throw new Invalid({ rendezVous: NO_LINK });
  const url = new URL(manageUrl(context.publicUrl, appointmentId, token));
  return `${url.pathname.replace(/\/?$/, "/deplacer")}${url.search}`;
}

export async function myAppointmentIcs(
  db: Db,
  actor: ResidentActor,
  appointmentId: string,
  context: EspaceContext,
): Promise<string> {
  own(actor);
  const { contacts } = await verifiedContacts(db, actor.espaceId);
  return appointmentIcsForContacts(appointmentContext(db, actor, context), appointmentId, contacts);
}

export async function myDocuments(db: Db, actor: ResidentActor) {
  own(actor);
  const [documents, used] = await Promise.all([
    listDocuments(db, actor.espaceId),
    spaceUsage(db, actor.espaceId),
  ]);
  return { documents, used, quota: SPACE_QUOTA_BYTES };
}

export async function mySharing(db: Db, actor: ResidentActor, now: Date) {
  own(actor);
  const [links, shares] = await Promise.all([
    listLinks(db, actor.espaceId),
    listShares(db, actor.espaceId, now),
  ]);
  return { links, shares };
}
