// A follow-up booked from the agenda: the same person, motif and place as an
// earlier appointment. The link carries only the earlier appointment's id
// (no name or phone number in a URL, where logs would keep it); the booking
// pages read the person back from it, after the same check as any booking.

import { isSignedIn } from "../../platform/access/actor.ts";
import { authorize } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { isUuid } from "./agenda-store.ts";
import { parseFrenchPhone } from "./phone.ts";
import { appointmentRules } from "./policy.ts";

export interface FollowUpSource {
  id: string;
  organisationId: string;
  motifId: string;
  /** null: a motif without a place (phone, video, home). */
  lieuId: string | null;
  personId: string | null;
  /** What the person form starts with, as an agent would type it. */
  values: { nom: string; telephone: string; email: string; opposition: string };
}

export async function requireFollowUpSource(
  ctx: Pick<ServiceContext, "db" | "actor">,
  id: string,
): Promise<FollowUpSource> {
  const { actor } = ctx;
  if (!isUuid(id)) throw new NotFound("Ce rendez-vous n'existe pas.");
  const row = await ctx.db
    .selectFrom("rdv")
    .select([
      "id",
      "organisation_id",
      "motif_id",
      "lieu_id",
      "person_id",
      "person_name",
      "phone",
      "email",
      "notify",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFound("Ce rendez-vous n'existe pas.");
  authorize(actor, appointmentRules.bookForSomeone, { organisationId: row.organisation_id });
  return {
    id: row.id,
    organisationId: row.organisation_id,
    motifId: row.motif_id,
    lieuId: row.lieu_id,
    personId: row.person_id,
    values: {
      nom: row.person_name,
      telephone: row.phone ? (parseFrenchPhone(row.phone)?.national ?? row.phone) : "",
      email: row.email ?? "",
      opposition: row.notify ? "" : "oui",
    },
  };
}

/**
 * The earlier appointment's contact details, to show in the booking form:
 * a read of personal data, audited like the agenda's.
 */
export async function readFollowUpContact(
  ctx: ServiceContext,
  id: string,
): Promise<FollowUpSource> {
  const { actor } = ctx;
  const source = await requireFollowUpSource(ctx, id);
  await ctx.db.transaction().execute((tx) =>
    recordAudit(tx, {
      actor: {
        userId: isSignedIn(actor) ? actor.userId : null,
        organisationId: source.organisationId,
      },
      action: "rdv.person.read",
      subjectType: "rdv",
      subjectId: source.id,
      details: { purpose: "suivi" },
      requestId: ctx.requestId,
      at: ctx.now,
    }),
  );
  return source;
}
