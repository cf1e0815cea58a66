// The space's rules as tables: resident × action, role × action.
import { describe, expect, it } from "vitest";
import type { ResidentActor, UserActor } from "../../platform/access/actor.ts";
import { authorize, authorizeResident, can, residentCan } from "../../platform/access/policy.ts";
import { ROLES, type Role } from "../../platform/access/roles.ts";
import { Forbidden, Unauthenticated } from "../../platform/errors.ts";
import { residentActor, userActor } from "../../test/fixtures.ts";
import { espaceRules, FRESH_CODE_MINUTES } from "./policy.ts";

const NOW = new Date("2026-11-23T09:00:00Z");
const SPACE = "00000000-0000-4000-8000-00000000000a";
const OTHER_SPACE = "00000000-0000-4000-8000-00000000000b";
const STRUCTURE = "00000000-0000-4000-8000-0000000000c1";
const OTHER_STRUCTURE = "00000000-0000-4000-8000-0000000000c2";

const resident = (verifiedMinutesAgo: number): ResidentActor =>
  residentActor({
    espaceId: SPACE,
    verifiedAt: new Date(NOW.getTime() - verifiedMinutesAgo * 60_000),
    contact: { kind: "email", value: "a@exemple.fr" },
  });

const professional = (role: Role, organisationId = STRUCTURE): UserActor =>
  userActor(role, {
    userId: "00000000-0000-4000-8000-0000000000d1",
    organisationId,
    organisationName: "SST",
    email: "pro@exemple.fr",
    displayName: "Pro",
  });

describe("a resident in their space", () => {
  it.each([
    // [case, verified minutes ago, space, useSpace, sensitiveAction]
    ["just signed in, own space", 0, SPACE, true, true],
    [`code ${FRESH_CODE_MINUTES} minutes old`, FRESH_CODE_MINUTES, SPACE, true, true],
    [`code ${FRESH_CODE_MINUTES + 1} minutes old`, FRESH_CODE_MINUTES + 1, SPACE, true, false],
    ["another person's space", 0, OTHER_SPACE, false, false],
  ] as const)("%s: use %s, sensitive %s", (_case, minutesAgo, espaceId, use, sensitive) => {
    const actor = resident(minutesAgo);
    expect(residentCan(actor, espaceRules.useSpace, { espaceId })).toBe(use);
    expect(residentCan(actor, espaceRules.sensitiveAction, { espaceId, now: NOW })).toBe(sensitive);
  });

  it.each([
    // [case, verified minutes ago, space, link stands, shareSimulation]
    ["fresh proof, own space, linked record", 0, SPACE, true, true],
    ["fresh proof, link ended", 0, SPACE, false, false],
    [`proof ${FRESH_CODE_MINUTES + 1} minutes old`, FRESH_CODE_MINUTES + 1, SPACE, true, false],
    ["another person's space", 0, OTHER_SPACE, true, false],
  ] as const)("%s: share a simulation %s", (_case, minutesAgo, espaceId, linkStands, allowed) => {
    expect(
      residentCan(resident(minutesAgo), espaceRules.shareSimulation, {
        espaceId,
        now: NOW,
        linkStands,
      }),
    ).toBe(allowed);
  });

  it("is never a professional, and a professional never passes a resident's rule", () => {
    const actor = resident(0);
    expect(() =>
      authorize(actor, espaceRules.readSharedDocument, {
        organisationId: STRUCTURE,
        isValid: true,
      }),
    ).toThrow(Unauthenticated);
    expect(() =>
      authorizeResident(professional("travailleur_social"), espaceRules.useSpace, {
        espaceId: SPACE,
      }),
    ).toThrow(Unauthenticated);
    expect(() => authorizeResident(actor, espaceRules.useSpace, { espaceId: OTHER_SPACE })).toThrow(
      Forbidden,
    );
  });
});

describe("a professional and what a person shares", () => {
  const readers = new Set<Role>(["travailleur_social", "responsable_structure"]);
  it.each(ROLES.map((role) => [role] as const))("%s", (role) => {
    const actor = professional(role);
    const valid = { organisationId: STRUCTURE, isValid: true };
    expect(can(actor, espaceRules.readSharedDocument, valid)).toBe(readers.has(role));
    // Expired or revoked: nobody.
    expect(can(actor, espaceRules.readSharedDocument, { ...valid, isValid: false })).toBe(false);
    // Shared with another structure: nobody here.
    expect(
      can(actor, espaceRules.readSharedDocument, { ...valid, organisationId: OTHER_STRUCTURE }),
    ).toBe(false);
    // Linking or depositing: a record writer of the structure, when records let them write.
    expect(
      can(actor, espaceRules.writeLinkedSpace, { canWriteRecord: true, organisationId: STRUCTURE }),
    ).toBe(readers.has(role));
    expect(
      can(actor, espaceRules.writeLinkedSpace, {
        canWriteRecord: false,
        organisationId: STRUCTURE,
      }),
    ).toBe(false);
  });
});

describe("correction requests (RGPD art. 16)", () => {
  // [role, sees the requests sent to the structure, answers them, answers those without a record]
  const TABLE: Record<Role, [boolean, boolean, boolean]> = {
    agent_accueil: [false, false, false],
    travailleur_social: [true, true, false],
    responsable_structure: [true, true, false],
    pilote: [false, false, false],
    admin: [false, false, false],
    dpo: [false, false, true],
  };
  it.each(ROLES.map((role) => [role, ...TABLE[role]] as const))(
    "%s: read %s, handle %s, handle unlinked %s",
    (role, read, handle, unlinked) => {
      const actor = professional(role);
      const target = { canReadRecord: true, canWriteRecord: true, organisationId: STRUCTURE };
      expect(can(actor, espaceRules.readCorrections, target)).toBe(read);
      expect(can(actor, espaceRules.handleCorrection, target)).toBe(handle);
      expect(can(actor, espaceRules.handleUnlinkedCorrections, undefined)).toBe(unlinked);
      // The records' own rule refuses (no consent, not a member): nobody.
      const refused = { canReadRecord: false, canWriteRecord: false, organisationId: STRUCTURE };
      expect(can(actor, espaceRules.readCorrections, refused)).toBe(false);
      expect(can(actor, espaceRules.handleCorrection, refused)).toBe(false);
      // Sent to another structure: nobody here.
      const elsewhere = { ...target, organisationId: OTHER_STRUCTURE };
      expect(can(actor, espaceRules.readCorrections, elsewhere)).toBe(false);
      expect(can(actor, espaceRules.handleCorrection, elsewhere)).toBe(false);
    },
  );

  it("lets a resident ask only in their own space", () => {
    expect(residentCan(resident(60), espaceRules.requestCorrection, { espaceId: SPACE })).toBe(
      true,
    );
    expect(
      residentCan(resident(60), espaceRules.requestCorrection, { espaceId: OTHER_SPACE }),
    ).toBe(false);
  });
});
