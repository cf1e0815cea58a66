import type { Db } from "../../db/database.ts";
import type { Membership, UserActor } from "../../platform/access/actor.ts";
import {
  defineResidentRule,
  defineRule,
  hasRole,
  organisationIds,
} from "../../platform/access/policy.ts";
import type { Role } from "../../platform/access/roles.ts";
import type { ConsentScope, OrientationStatus, ParcoursStatus } from "./tables.ts";

/**
 * Who may do what in a person's record. A structure shares a parcours when it
 * is a member of it AND the person's consent for that structure is active:
 * membership without consent (or a withdrawn consent) gives nothing.
 */
export type ParcoursAccess = {
  parcoursId: string;
  personId: string;
  status: ParcoursStatus;
  referentUserId: string | null;
  /**
   * The structure that holds the record (`parcours.referent_organisation_id`):
   * the one that opened it, then the référent's. Consent widening, the
   * référent and closing belong to it.
   */
  leadOrganisationId: string | null;
  memberOrganisationIds: readonly string[];
  /** Active consents only (withdrawn ones are history, not access). */
  consents: readonly { organisationId: string; scope: ConsentScope }[];
};

/**
 * An orientation as the receiving structure meets it. `receivingConsent`:
 * the person's consent for the receiving structure is active now (a
 * withdrawn one hides the orientation, like the record).
 */
export type OrientationTarget = {
  toOrganisationId: string;
  status: OrientationStatus;
  receivingConsent: boolean;
};

/**
 * Recording a consent of the person for `organisationId` with `scope`.
 * `attested`: the worker declares the person gave it to them in person
 * (written or oral, with when), recorded with who, when and how.
 */
export type ConsentChange = {
  parcours: ParcoursAccess;
  organisationId: string;
  scope: ConsentScope;
  attested: boolean;
};

/** Withdrawing the person's active consent for `organisationId`. */
export type ConsentWithdrawal = { parcours: ParcoursAccess; organisationId: string };

const SCOPE_WIDTH: Record<ConsentScope, number> = { suivi: 1, suivi_sante: 2 };

/** Identity (name, birth date) and appointments: the front desk needs them. */
export const IDENTITY_READERS: readonly Role[] = [
  "agent_accueil",
  "travailleur_social",
  "responsable_structure",
];
/** Situation, plan, notes, documents, orientations. */
export const RECORD_READERS: readonly Role[] = ["travailleur_social", "responsable_structure"];
export const RECORD_WRITERS: readonly Role[] = ["travailleur_social", "responsable_structure"];
/** Health and other sensitive notes: the social worker bound by professional secrecy. */
export const SENSITIVE_READERS: readonly Role[] = ["travailleur_social"];
/** Attach a rights simulation made during an interview: the social worker who ran it. */
export const SIMULATION_ATTACHERS: readonly Role[] = ["travailleur_social"];
/** Archived (intermediate archive) records: a restricted circle (CNIL: "accès restreint"). */
export const ARCHIVE_READERS: readonly Role[] = ["responsable_structure"];
/**
 * Who may be a parcours' référent and hold a caseload: the filter the lists
 * of colleagues use (referent choice, handover, caseload), and the question
 * the administration's pages ask (holdsCaseload).
 */
export const REFERENT_ROLES: readonly Role[] = ["travailleur_social"];

export function holdsCaseload(roles: readonly Role[]): boolean {
  return roles.some((role) => REFERENT_ROLES.includes(role));
}

/**
 * The actor's memberships in which they may open and write records: the
 * structures a new record can be opened in; none hides « Ouvrir un dossier ».
 */
export function recordWriterMemberships(actor: UserActor): Membership[] {
  return actor.memberships.filter((membership) => RECORD_WRITERS.includes(membership.role));
}

/** The structure whose caseload a responsable sees when the page names none. */
export function defaultCaseloadOrganisationId(actor: UserActor): string | undefined {
  return organisationIds(actor, ["responsable_structure"])[0];
}

export function consentFor(target: ParcoursAccess, organisationId: string) {
  return target.consents.find((consent) => consent.organisationId === organisationId);
}

/** The structure is a member and the person agreed to share with it. */
export function isSharedWith(target: ParcoursAccess, organisationId: string): boolean {
  return (
    target.memberOrganisationIds.includes(organisationId) &&
    consentFor(target, organisationId) !== undefined
  );
}

/** The actor holds one of `roles` in a structure that shares the parcours. */
function actsForSharingStructure(
  actor: UserActor,
  target: ParcoursAccess,
  roles: readonly Role[],
  needsHealthConsent = false,
): boolean {
  return actor.memberships.some(
    (membership) =>
      roles.includes(membership.role) &&
      isSharedWith(target, membership.organisationId) &&
      (!needsHealthConsent ||
        consentFor(target, membership.organisationId)?.scope === "suivi_sante"),
  );
}

/** The actor holds one of `roles` in the structure that holds the record, and it shares it. */
function actsForLeadStructure(
  actor: UserActor,
  target: ParcoursAccess,
  roles: readonly Role[],
): boolean {
  const lead = target.leadOrganisationId;
  return lead !== null && isSharedWith(target, lead) && hasRole(actor, roles, lead);
}

/** Recording `scope` for `organisationId` keeps within its active consent (or narrows it). */
function narrowsOwnConsent(actor: UserActor, change: ConsentChange): boolean {
  const current = consentFor(change.parcours, change.organisationId);
  return (
    current !== undefined &&
    SCOPE_WIDTH[change.scope] <= SCOPE_WIDTH[current.scope] &&
    hasRole(actor, RECORD_WRITERS, change.organisationId)
  );
}

function readable(actor: UserActor, target: ParcoursAccess, roles: readonly Role[]): boolean {
  if (target.status === "archive") return actsForSharingStructure(actor, target, ARCHIVE_READERS);
  return actsForSharingStructure(actor, target, roles);
}

function writable(actor: UserActor, target: ParcoursAccess, roles: readonly Role[]): boolean {
  return target.status === "ouvert" && actsForSharingStructure(actor, target, roles);
}

export const recordsRules = {
  /** Enter the records pages at all (lists are filtered by `visibleParcours`). */
  enterRecords: defineRule("records.enterRecords", (actor) => hasRole(actor, IDENTITY_READERS)),
  /** Create a person and open their parcours for one's own structure. */
  createPerson: defineRule<{ organisationId: string }>("records.createPerson", (actor, target) =>
    hasRole(actor, RECORD_WRITERS, target.organisationId),
  ),
  readIdentity: defineRule<ParcoursAccess>("records.readIdentity", (actor, target) =>
    readable(actor, target, IDENTITY_READERS),
  ),
  readRecord: defineRule<ParcoursAccess>("records.readRecord", (actor, target) =>
    readable(actor, target, RECORD_READERS),
  ),
  /** The person's appointments, in the structures sharing the record: the front desk too. */
  readAppointments: defineRule<ParcoursAccess>("records.readAppointments", (actor, target) =>
    readable(actor, target, IDENTITY_READERS),
  ),
  attachSimulation: defineRule<ParcoursAccess>("records.attachSimulation", (actor, target) =>
    writable(actor, target, SIMULATION_ATTACHERS),
  ),
  readSensitive: defineRule<ParcoursAccess>(
    "records.readSensitive",
    (actor, target) =>
      target.status !== "archive" &&
      actsForSharingStructure(actor, target, SENSITIVE_READERS, true),
  ),
  writeRecord: defineRule<ParcoursAccess>("records.writeRecord", (actor, target) =>
    writable(actor, target, RECORD_WRITERS),
  ),
  writeSensitive: defineRule<ParcoursAccess>(
    "records.writeSensitive",
    (actor, target) =>
      target.status === "ouvert" && actsForSharingStructure(actor, target, SENSITIVE_READERS, true),
  ),
  /**
   * Record or change the person's consent for a structure. Consent is the
   * person's: the structure holding the record records or widens it; another
   * sharing structure only when the person gave it to its worker in person
   * (attested, with how and when); any structure may narrow its own.
   */
  recordConsent: defineRule<ConsentChange>(
    "records.recordConsent",
    (actor, change) =>
      writable(actor, change.parcours, RECORD_WRITERS) &&
      (actsForLeadStructure(actor, change.parcours, RECORD_WRITERS) ||
        change.attested ||
        narrowsOwnConsent(actor, change)),
  ),
  /**
   * Withdraw an active consent: the structure holding the record, or a
   * structure its own (RGPD art. 7(3): withdrawing is as easy as giving, so
   * a closed parcours still allows it).
   */
  withdrawConsent: defineRule<ConsentWithdrawal>(
    "records.withdrawConsent",
    (actor, target) =>
      target.parcours.status !== "archive" &&
      consentFor(target.parcours, target.organisationId) !== undefined &&
      (actsForLeadStructure(actor, target.parcours, RECORD_WRITERS) ||
        hasRole(actor, RECORD_WRITERS, target.organisationId)),
  ),
  /** A social worker of the structure holding the record becomes its référent. */
  becomeReferent: defineRule<ParcoursAccess>(
    "records.becomeReferent",
    (actor, target) =>
      target.status === "ouvert" && actsForLeadStructure(actor, target, ["travailleur_social"]),
  ),
  /** The responsable of the structure holding the record names its référent. */
  assignReferent: defineRule<ParcoursAccess>(
    "records.assignReferent",
    (actor, target) =>
      target.status === "ouvert" && actsForLeadStructure(actor, target, ["responsable_structure"]),
  ),
  /** The responsable of the structure holding the record, or the référent, closes it. */
  closeParcours: defineRule<ParcoursAccess>(
    "records.closeParcours",
    (actor, target) =>
      target.status === "ouvert" &&
      (actsForLeadStructure(actor, target, ["responsable_structure"]) ||
        (target.referentUserId === actor.userId &&
          actsForLeadStructure(actor, target, RECORD_WRITERS))),
  ),
  /** See the possible duplicates flagged on the record, to merge or link them: the holding structure. */
  reviewDuplicates: defineRule<ParcoursAccess>("records.reviewDuplicates", (actor, target) =>
    actsForLeadStructure(actor, target, RECORD_WRITERS),
  ),
  /** The person's data and who accessed it, handed over by a worker (RGPD art. 15). */
  exportPerson: defineRule<ParcoursAccess>("records.exportPerson", (actor, target) =>
    readable(actor, target, RECORD_READERS),
  ),
  /** Accept or refuse an orientation received: while it waits and the person still consents. */
  decideOrientation: defineRule<OrientationTarget>(
    "records.decideOrientation",
    (actor, target) =>
      target.status === "proposee" &&
      target.receivingConsent &&
      hasRole(actor, RECORD_WRITERS, target.toOrganisationId),
  ),
  /** See an orientation received (the person's name, birth date, message): only under consent. */
  viewOrientation: defineRule<OrientationTarget>(
    "records.viewOrientation",
    (actor, target) =>
      target.receivingConsent && hasRole(actor, RECORD_WRITERS, target.toOrganisationId),
  ),
  viewCaseload: defineRule<{ organisationId: string }>("records.viewCaseload", (actor, target) =>
    hasRole(actor, ["responsable_structure"], target.organisationId),
  ),
};

export type RecordsRuleName = keyof typeof recordsRules;

/**
 * The list twin of `readIdentity`: the parcours this actor may open, as a
 * query filter. Same predicate, stated in SQL; policy.test.ts checks that
 * both agree on a table of cases.
 */
export function visibleParcours(db: Db, actor: UserActor) {
  const readerOrgs = organisationIds(actor, IDENTITY_READERS);
  const archiveOrgs = organisationIds(actor, ARCHIVE_READERS);
  return db.selectFrom("parcours").where((eb) =>
    eb.exists(
      eb
        .selectFrom("parcours_member as m")
        .innerJoin("person_consent as c", (join) =>
          join
            .onRef("c.person_id", "=", "parcours.person_id")
            .onRef("c.organisation_id", "=", "m.organisation_id")
            .on("c.withdrawn_at", "is", null),
        )
        .select("m.organisation_id")
        .whereRef("m.parcours_id", "=", "parcours.id")
        .where((inner) =>
          inner.or([
            inner.and([
              inner("parcours.status", "<>", "archive"),
              inner("m.organisation_id", "in", readerOrgs.length > 0 ? readerOrgs : [NO_ID]),
            ]),
            inner.and([
              inner("parcours.status", "=", "archive"),
              inner("m.organisation_id", "in", archiveOrgs.length > 0 ? archiveOrgs : [NO_ID]),
            ]),
          ]),
        ),
    ),
  );
}

/**
 * The list twin of `attachSimulation`: open parcours shared with a structure
 * where the actor is a social worker. policy-list.test.ts checks the twins.
 */
export function attachableParcours(db: Db, actor: UserActor) {
  const orgs = organisationIds(actor, SIMULATION_ATTACHERS);
  return db
    .selectFrom("parcours")
    .where("parcours.status", "=", "ouvert")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("parcours_member as m")
          .innerJoin("person_consent as c", (join) =>
            join
              .onRef("c.person_id", "=", "parcours.person_id")
              .onRef("c.organisation_id", "=", "m.organisation_id")
              .on("c.withdrawn_at", "is", null),
          )
          .select("m.organisation_id")
          .whereRef("m.parcours_id", "=", "parcours.id")
          .where("m.organisation_id", "in", orgs.length > 0 ? orgs : [NO_ID]),
      ),
    );
}

/**
 * The list twin of `viewOrientation`: orientations addressed to a structure
 * where the actor may decide, while the person's consent for that structure
 * is active. policy-list.test.ts checks the twins.
 */
export function receivedOrientations(db: Db, actor: UserActor) {
  const orgs = organisationIds(actor, RECORD_WRITERS);
  return db
    .selectFrom("orientation as r")
    .innerJoin("parcours as p", "p.id", "r.parcours_id")
    .where("r.to_organisation_id", "in", orgs.length > 0 ? orgs : [NO_ID])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("person_consent as c")
          .select("c.id")
          .whereRef("c.person_id", "=", "p.person_id")
          .whereRef("c.organisation_id", "=", "r.to_organisation_id")
          .where("c.withdrawn_at", "is", null),
      ),
    );
}

// An id no row has: `IN ()` is not valid SQL.
const NO_ID = "00000000-0000-0000-0000-000000000000";

/**
 * The person reading their own record in « Mon espace » (issue 15): only a
 * record linked to their space by a professional and not ended since. What
 * they see of it is fixed in `recordForPerson` (no health data, only the
 * notes marked shareable with them).
 */
export type OwnRecordLink = { espaceId: string; linkStands: boolean };

export const personRecordRules = {
  readOwnRecord: defineResidentRule<OwnRecordLink>(
    "records.readOwnRecord",
    (actor, link) => actor.espaceId === link.espaceId && link.linkStands,
  ),
};
