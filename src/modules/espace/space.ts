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
import { verifiedContacts } from "./data-rights.ts";
import { listLinks } from "./links.ts";
import { espaceRules } from "./policy.ts";
import { appointmentContext, type ResidentContext, type SpaceContext } from "./session.ts";
import { listShares } from "./space-sharing.ts";
import { listDocuments, SPACE_QUOTA_BYTES, spaceUsage } from "./vault.ts";

function own(actor: ResidentActor) {
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
}

export async function myContacts(ctx: ResidentContext) {
  const { db, actor } = ctx;
  own(actor);
  return verifiedContacts(db, actor.espaceId);
}

export async function myAppointments(ctx: SpaceContext) {
  const { db, actor } = ctx;
  own(actor);
  const { contacts } = await verifiedContacts(db, actor.espaceId);
  return listAppointmentsForContacts({ db, now: ctx.now, links: { secret: ctx.secret } }, contacts);
}

const NO_LINK =
  "Ce rendez-vous ne peut pas être changé en ligne (il est passé, annulé, ou a été pris par un professionnel). Appelez le service.";

/** Cancels with the confirmation link's own rules (appointments' cancelByToken). */
export async function cancelMyAppointment(ctx: SpaceContext, appointmentId: string): Promise<void> {
  const { db, actor } = ctx;
  own(actor);
  const { contacts } = await verifiedContacts(db, actor.espaceId);
  const appointments = appointmentContext(ctx);
  const token = await manageTokenForContacts(appointments, appointmentId, contacts);
  if (!token) throw new Invalid({ rendezVous: NO_LINK });
  await cancelByToken(appointments, appointmentId, token);
}

/** The confirmation link's page, where moving happens under its rules. */
export async function moveLinkForMyAppointment(
  ctx: SpaceContext,
  appointmentId: string,
): Promise<string> {
  const { db, actor } = ctx;
  own(actor);
  const { contacts } = await verifiedContacts(db, actor.espaceId);
  const token = await manageTokenForContacts(appointmentContext(ctx), appointmentId, contacts);
  if (!token) throw new Invalid({ rendezVous: NO_LINK });
  const url = new URL(manageUrl(ctx.publicUrl, appointmentId, token));
  return `${url.pathname.replace(/\/?$/, "/deplacer")}${url.search}`;
}

export async function myAppointmentIcs(ctx: SpaceContext, appointmentId: string): Promise<string> {
  const { db, actor } = ctx;
  own(actor);
  const { contacts } = await verifiedContacts(db, actor.espaceId);
  return appointmentIcsForContacts(appointmentContext(ctx), appointmentId, contacts);
}

export async function myDocuments(ctx: ResidentContext) {
  const { db, actor } = ctx;
  own(actor);
  const [documents, used] = await Promise.all([
    listDocuments(db, actor.espaceId),
    spaceUsage(db, actor.espaceId),
  ]);
  return { documents, used, quota: SPACE_QUOTA_BYTES };
}

export async function mySharing(ctx: ResidentContext) {
  const { db, actor, now } = ctx;
  own(actor);
  const [links, shares] = await Promise.all([
    listLinks(db, actor.espaceId),
    listShares(db, actor.espaceId, now),
  ]);
  return { links, shares };
}
