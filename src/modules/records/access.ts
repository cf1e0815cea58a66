import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import type { Actor } from "../../platform/access/actor.ts";
import { authorize, type Rule } from "../../platform/access/policy.ts";
import { Forbidden, NotFound } from "../../platform/errors.ts";
import { type ParcoursAccess, recordsRules } from "./policy.ts";

export const RECORD_NOT_FOUND = "Ce dossier n'existe pas, ou vous n'y avez pas accès.";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** What the policy needs to decide on one parcours, in one query. */
export async function findParcoursAccess(
  db: Db | Tx,
  parcoursId: string,
): Promise<ParcoursAccess | undefined> {
  if (!isUuid(parcoursId)) return undefined;
  const row = await db
    .selectFrom("parcours as p")
    .select([
      "p.id",
      "p.person_id",
      "p.status",
      "p.referent_user_id",
      "p.referent_organisation_id",
      sql<
        string[]
      >`coalesce((SELECT array_agg(m.organisation_id::text) FROM parcours_member m WHERE m.parcours_id = p.id), '{}')`.as(
        "members",
      ),
      sql<{ organisationId: string; scope: "suivi" | "suivi_sante" }[]>`coalesce((
        SELECT json_agg(json_build_object('organisationId', c.organisation_id, 'scope', c.scope))
          FROM person_consent c
         WHERE c.person_id = p.person_id AND c.withdrawn_at IS NULL), '[]')`.as("consents"),
    ])
    .where("p.id", "=", parcoursId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    parcoursId: row.id,
    personId: row.person_id,
    status: row.status,
    referentUserId: row.referent_user_id,
    leadOrganisationId: row.referent_organisation_id,
    memberOrganisationIds: row.members,
    consents: row.consents,
  };
}

/**
 * Loads a parcours and asserts the actor may at least see it. Someone who may
 * not enter the records at all (pilote, admin) is refused (403) before the id
 * is even looked up; for the others, a parcours they may not see answers
 * exactly like one that does not exist (404). Either way a real id and a
 * forged one answer the same (decision 0006). Then `rule` is asserted (403
 * when refused).
 */
export async function requireParcoursFor(
  db: Db | Tx,
  actor: Actor,
  parcoursId: string,
  rule: Rule<ParcoursAccess>,
): Promise<ParcoursAccess> {
  authorize(actor, recordsRules.enterRecords, undefined);
  const access = await findParcoursAccess(db, parcoursId);
  if (!access) throw new NotFound(RECORD_NOT_FOUND);
  try {
    authorize(actor, recordsRules.readIdentity, access);
  } catch (error) {
    if (error instanceof Forbidden) throw new NotFound(RECORD_NOT_FOUND);
    throw error;
  }
  if (rule !== recordsRules.readIdentity) authorize(actor, rule, access);
  return access;
}

/** The acting structure recorded in the audit trail: the one through which access is granted. */
export function actingOrganisationId(
  actor: { memberships: { organisationId: string }[] },
  access?: ParcoursAccess,
): string | null {
  if (access) {
    const shared = actor.memberships.find(
      (membership) =>
        access.memberOrganisationIds.includes(membership.organisationId) &&
        access.consents.some((consent) => consent.organisationId === membership.organisationId),
    );
    if (shared) return shared.organisationId;
  }
  return actor.memberships[0]?.organisationId ?? null;
}
