import type { ResidentActor, UserActor } from "../../platform/access/actor.ts";
import {
  defineResidentRule,
  defineRule,
  hasRole,
  organisationIds,
} from "../../platform/access/policy.ts";
import {
  isSharedWith,
  type ParcoursAccess,
  RECORD_READERS,
  RECORD_WRITERS,
} from "../records/policy.ts";

/**
 * Who may do what in a personal space (« Mon espace », decision 0016).
 * A resident acts on their own space only; sensitive actions (sharing,
 * exporting, deleting the space) also need a fresh code. A professional sees
 * a document only through a share that is valid now, and only in the
 * structure it was shared with.
 */

/** Who answers the correction requests that no linked record carries. */
const CORRECTION_OFFICERS = ["dpo"] as const;

/** A sensitive action needs a code entered within these minutes. */
export const FRESH_CODE_MINUTES = 10;

export type OwnSpace = { espaceId: string };
export type SensitiveAction = { espaceId: string; now: Date };

function ownsSpace(actor: ResidentActor, target: OwnSpace): boolean {
  return actor.espaceId === target.espaceId;
}

export function hasFreshCode(actor: ResidentActor, now: Date): boolean {
  const age = now.getTime() - actor.verifiedAt.getTime();
  return age >= 0 && age <= FRESH_CODE_MINUTES * 60_000;
}

/** A share as a professional meets it: the structure it names, and whether it holds now. */
export type ShareGrant = {
  organisationId: string;
  /** Not revoked, not expired, and the record link it goes through still stands. */
  isValid: boolean;
};

/**
 * The follow-up record a space is linked to, as the professional acts on it:
 * whether the records' own rule lets them write the record (records decide
 * consent and membership), and the structure they act for.
 */
export type RecordTarget = { canWriteRecord: boolean; organisationId: string };

function actsIn(actor: UserActor, organisationId: string, roles: typeof RECORD_READERS): boolean {
  return hasRole(actor, roles, organisationId);
}

/** A mandate as a helper meets it (migration 0605). */
export type MandateUse = {
  helper: { kind: "email" | "phone"; value: string };
  parts: readonly string[];
  expiresAt: Date;
  revokedAt: Date | null;
  /** The part the helper wants to act on now, and when. */
  part: "rendez_vous" | "documents" | "partage" | "demarches";
  now: Date;
};

/** The longest mandate a person may give: one year. */
export const MAX_MANDATE_DAYS = 365;

function holdsMandate(actor: ResidentActor, mandate: MandateUse): boolean {
  return (
    actor.contact !== undefined &&
    actor.contact.kind === mandate.helper.kind &&
    actor.contact.value === mandate.helper.value &&
    mandate.revokedAt === null &&
    mandate.now.getTime() < mandate.expiresAt.getTime() &&
    mandate.parts.includes(mandate.part)
  );
}

/**
 * A correction request as a professional meets it from a record: the
 * records' own rules on that record (consent, membership), and the structure
 * the request was sent to (the structure of the linked record).
 */
export type CorrectionTarget = {
  canReadRecord: boolean;
  canWriteRecord: boolean;
  organisationId: string;
};

export const espaceRules = {
  /** See and use one's own space: appointments, documents, history. */
  useSpace: defineResidentRule<OwnSpace>("espace.useSpace", ownsSpace),
  /** Share a document, export one's data, delete the space: a code entered just now. */
  sensitiveAction: defineResidentRule<SensitiveAction>(
    "espace.sensitiveAction",
    (actor, target) => ownsSpace(actor, target) && hasFreshCode(actor, target.now),
  ),
  /**
   * Show a kept simulation to the structure of a linked record: one's own
   * space, a fresh proof (like any share), and a link that still stands.
   */
  shareSimulation: defineResidentRule<SensitiveAction & { linkStands: boolean }>(
    "espace.shareSimulation",
    (actor, target) =>
      ownsSpace(actor, target) && hasFreshCode(actor, target.now) && target.linkStands,
  ),
  /**
   * A helper acts for the person: signed in with the very contact the mandate
   * names, the mandate neither revoked nor expired, the part granted. The
   * person's own session never passes it (their space is theirs by useSpace).
   */
  actForPerson: defineResidentRule<MandateUse>("espace.actForPerson", holdsMandate),
  /**
   * A helper shares one of the person's documents for them: a mandate that
   * grants sharing, and a code the helper entered just now (like the person
   * themselves would need).
   */
  shareForPerson: defineResidentRule<MandateUse & { part: "partage" }>(
    "espace.shareForPerson",
    (actor, use) => holdsMandate(actor, use) && hasFreshCode(actor, use.now),
  ),
  /** Ask for a correction of one's data (RGPD art. 16), and see one's requests: one's own space. */
  requestCorrection: defineResidentRule<OwnSpace>("espace.requestCorrection", ownsSpace),
  /**
   * See the correction requests a person sent to a structure: someone who
   * reads the linked record, in that structure.
   */
  readCorrections: defineRule<CorrectionTarget>(
    "espace.readCorrections",
    (actor, target) => target.canReadRecord && actsIn(actor, target.organisationId, RECORD_READERS),
  ),
  /**
   * The requests sent without a linked record go to the département: its
   * data protection officer (DPO) sees and answers them.
   */
  handleUnlinkedCorrections: defineRule<void>("espace.handleUnlinkedCorrections", (actor) =>
    hasRole(actor, CORRECTION_OFFICERS),
  ),
  /** Mark a correction request handled, with a reply: someone who writes the record, there. */
  handleCorrection: defineRule<CorrectionTarget>(
    "espace.handleCorrection",
    (actor, target) =>
      target.canWriteRecord && actsIn(actor, target.organisationId, RECORD_WRITERS),
  ),
  /** A professional opens a shared document: a valid share, to a structure they read records in. */
  readSharedDocument: defineRule<ShareGrant>(
    "espace.readSharedDocument",
    (actor, grant) => grant.isValid && actsIn(actor, grant.organisationId, RECORD_READERS),
  ),
  /**
   * Link a record to a space, or deposit a document into a linked space: the
   * records' write rule on that record, in the structure acting.
   */
  writeLinkedSpace: defineRule<RecordTarget>(
    "espace.writeLinkedSpace",
    (actor, target) =>
      target.canWriteRecord && actsIn(actor, target.organisationId, RECORD_WRITERS),
  ),
};

/** The structure a professional links a record or deposits for: one that writes and shares it. */
export function actingStructure(actor: UserActor, access: ParcoursAccess): string | undefined {
  return organisationIds(actor, RECORD_WRITERS).find((id) => isSharedWith(access, id));
}

/** The structures in which the professional may open shared documents (list twin of the rule). */
export function sharedDocumentReaderStructures(actor: UserActor): string[] {
  return organisationIds(actor, RECORD_READERS);
}

/** The structure a DPO answers correction requests for (the first where they hold the role). */
export function correctionOfficerStructure(actor: UserActor): string | undefined {
  return organisationIds(actor, CORRECTION_OFFICERS)[0];
}
