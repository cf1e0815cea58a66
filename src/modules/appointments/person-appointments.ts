// A person's appointments, for their record. This module does not decide who
// may see them, nor audit the read: the records module does both (its policy
// says the front desk sees identity and appointments; opening a record writes
// one audit event for everything shown). Hence a transaction, not a Db: the
// list is read inside the records module's audited transaction, and no route
// of this module lists appointments by person.

import type { Tx } from "../../db/database.ts";
import { LOCATION_LABELS } from "./booking-views.tsx";
import type { LocationKind, RdvStatus } from "./tables.ts";

export type PersonAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: RdvStatus;
  motifName: string;
  organisationName: string;
  /** The place's name, or how it happens (par téléphone…). */
  where: string;
  agentName: string;
};

/** Enough for years of follow-up; the page splits them into upcoming and past. */
const MAX_LISTED = 100;

/**
 * The appointments booked from this person's record, past and upcoming, in
 * the structures given (those the person agreed to share the record with:
 * an appointment elsewhere is not theirs to see).
 */
export async function listPersonAppointments(
  tx: Tx,
  personId: string,
  scope: { organisationIds: readonly string[] },
): Promise<PersonAppointment[]> {
  if (scope.organisationIds.length === 0) return [];
  const rows = await tx
    .selectFrom("rdv as r")
    .innerJoin("rdv_motif as m", "m.id", "r.motif_id")
    .innerJoin("organisation as o", "o.id", "r.organisation_id")
    .innerJoin("app_user as u", "u.id", "r.agent_id")
    .leftJoin("rdv_lieu as l", "l.id", "r.lieu_id")
    .select([
      "r.id",
      "r.starts_at as startsAt",
      "r.ends_at as endsAt",
      "r.status",
      "m.name as motifName",
      "m.location_kind as locationKind",
      "o.name as organisationName",
      "l.name as lieuName",
      "u.display_name as agentName",
    ])
    .where("r.person_id", "=", personId)
    .where("r.organisation_id", "in", [...scope.organisationIds])
    .orderBy("r.starts_at", "desc")
    .limit(MAX_LISTED)
    .execute();
  return rows.map(({ locationKind, lieuName, ...row }) => ({
    ...row,
    where: lieuName ?? LOCATION_LABELS[locationKind as LocationKind],
  }));
}
