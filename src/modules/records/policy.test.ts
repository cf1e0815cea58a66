import { describe, expect, it } from "vitest";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize, can, type Rule } from "../../platform/access/policy.ts";
import { ROLES, type Role } from "../../platform/access/roles.ts";
import { Forbidden } from "../../platform/errors.ts";
import { userActor } from "../../test/fixtures.ts";
import {
  type ConsentChange,
  type ConsentWithdrawal,
  type OrientationTarget,
  type ParcoursAccess,
  recordsRules,
} from "./policy.ts";

const OWN = "org-own";
const OTHER = "org-other";

const actor = (role: Role, organisationId = OWN, userId = "user-1"): UserActor =>
  userActor(role, { userId, organisationId, organisationName: organisationId });

function parcours(overrides: Partial<ParcoursAccess> = {}): ParcoursAccess {
  return {
    parcoursId: "p-1",
    personId: "person-1",
    status: "ouvert",
    referentUserId: null,
    leadOrganisationId: OWN,
    memberOrganisationIds: [OWN],
    consents: [{ organisationId: OWN, scope: "suivi_sante" }],
    ...overrides,
  };
}

type ParcoursRule = Exclude<
  keyof typeof recordsRules,
  | "enterRecords"
  | "createPerson"
  | "decideOrientation"
  | "viewOrientation"
  | "viewCaseload"
  | "recordConsent"
  | "withdrawConsent"
>;

// Every role against every parcours rule, for a worker of a structure that is
// a member of an open parcours with the person's consent (health included).
const SHARED: Record<ParcoursRule, Record<Role, boolean>> = {
  readIdentity: y("agent_accueil", "travailleur_social", "responsable_structure"),
  readRecord: y("travailleur_social", "responsable_structure"),
  readSensitive: y("travailleur_social"),
  readAppointments: y("agent_accueil", "travailleur_social", "responsable_structure"),
  attachSimulation: y("travailleur_social"),
  writeRecord: y("travailleur_social", "responsable_structure"),
  writeSensitive: y("travailleur_social"),
  becomeReferent: y("travailleur_social"),
  assignReferent: y("responsable_structure"),
  closeParcours: y("responsable_structure"),
  exportPerson: y("travailleur_social", "responsable_structure"),
  reviewDuplicates: y("travailleur_social", "responsable_structure"),
};

function y(...roles: Role[]): Record<Role, boolean> {
  return Object.fromEntries(ROLES.map((role) => [role, roles.includes(role)])) as Record<
    Role,
    boolean
  >;
}

const RULE_NAMES = Object.keys(SHARED) as ParcoursRule[];

function check(rule: ParcoursRule, who: UserActor, target: ParcoursAccess, allowed: boolean) {
  if (allowed) expect(() => authorize(who, recordsRules[rule], target)).not.toThrow();
  else expect(() => authorize(who, recordsRules[rule], target)).toThrow(Forbidden);
}

describe("records policy: every role × every action", () => {
  for (const rule of RULE_NAMES) {
    for (const role of ROLES) {
      const allowed = SHARED[rule][role];
      it(`${allowed ? "allows" : "forbids"} ${rule} to a ${role} of a member structure with consent`, () => {
        check(rule, actor(role), parcours(), allowed);
      });
      it(`forbids ${rule} to a ${role} of another structure`, () => {
        check(rule, actor(role, OTHER), parcours(), false);
      });
      it(`forbids ${rule} to a ${role} of a member structure the person did not consent to`, () => {
        check(rule, actor(role), parcours({ consents: [] }), false);
      });
      it(`forbids ${rule} to a ${role} of a consented structure that is not a member`, () => {
        const target = parcours({
          memberOrganisationIds: [OTHER],
          consents: [
            { organisationId: OWN, scope: "suivi_sante" },
            { organisationId: OTHER, scope: "suivi" },
          ],
        });
        check(rule, actor(role), target, false);
      });
    }
  }
});

describe("records policy: consent scope, status and referent", () => {
  it("hides sensitive notes when the consent does not cover health", () => {
    const target = parcours({ consents: [{ organisationId: OWN, scope: "suivi" }] });
    check("readRecord", actor("travailleur_social"), target, true);
    check("readSensitive", actor("travailleur_social"), target, false);
    check("writeSensitive", actor("travailleur_social"), target, false);
  });

  it("removes access at once when the consent is withdrawn (no active consent left)", () => {
    const withdrawn = parcours({ consents: [] });
    for (const rule of RULE_NAMES) check(rule, actor("travailleur_social"), withdrawn, false);
  });

  it("keeps a closed parcours readable and refuses every write", () => {
    const closed = parcours({ status: "clos" });
    check("readRecord", actor("travailleur_social"), closed, true);
    for (const rule of ["writeRecord", "writeSensitive", "becomeReferent"] as const)
      check(rule, actor("travailleur_social"), closed, false);
  });

  it("lets the front desk see appointments but not the record's notes", () => {
    check("readAppointments", actor("agent_accueil"), parcours(), true);
    check("readRecord", actor("agent_accueil"), parcours(), false);
    check("readSensitive", actor("agent_accueil"), parcours(), false);
  });

  it("attaches a simulation with a consent of either scope, never to a closed or archived parcours", () => {
    const withoutHealth = parcours({ consents: [{ organisationId: OWN, scope: "suivi" }] });
    check("attachSimulation", actor("travailleur_social"), withoutHealth, true);
    check("attachSimulation", actor("travailleur_social"), parcours({ status: "clos" }), false);
    check("attachSimulation", actor("travailleur_social"), parcours({ status: "archive" }), false);
  });

  it("restricts an archived parcours to the responsable, without sensitive notes", () => {
    const archived = parcours({ status: "archive" });
    check("readIdentity", actor("agent_accueil"), archived, false);
    check("readRecord", actor("travailleur_social"), archived, false);
    check("readRecord", actor("responsable_structure"), archived, true);
    check("readAppointments", actor("agent_accueil"), archived, false);
    check("readAppointments", actor("responsable_structure"), archived, true);
    check("readSensitive", actor("responsable_structure"), archived, false);
    check("writeRecord", actor("responsable_structure"), archived, false);
  });

  it("lets the référent close their parcours", () => {
    const target = parcours({ referentUserId: "user-1" });
    check("closeParcours", actor("travailleur_social"), target, true);
    check("closeParcours", actor("travailleur_social", OWN, "user-2"), target, false);
  });
});

describe("records policy: structure-level rules", () => {
  const expectations: Record<
    "createPerson" | "viewCaseload" | "decideOrientation" | "viewOrientation",
    Role[]
  > = {
    createPerson: ["travailleur_social", "responsable_structure"],
    viewCaseload: ["responsable_structure"],
    decideOrientation: ["travailleur_social", "responsable_structure"],
    viewOrientation: ["travailleur_social", "responsable_structure"],
  };
  for (const role of ROLES) {
    it(`decides structure rules for a ${role} in their own structure and in another`, () => {
      const own = actor(role);
      const other = actor(role, OTHER);
      const orientation = {
        toOrganisationId: OWN,
        status: "proposee" as const,
        receivingConsent: true,
      };
      const cases = {
        createPerson: { organisationId: OWN },
        viewCaseload: { organisationId: OWN },
        decideOrientation: orientation,
        viewOrientation: orientation,
      };
      for (const [rule, roles] of Object.entries(expectations) as [
        keyof typeof expectations,
        Role[],
      ][]) {
        const ruleToCheck = recordsRules[rule] as Rule<unknown>;
        expect(can(own, ruleToCheck, cases[rule]), rule).toBe(roles.includes(role));
        expect(can(other, ruleToCheck, cases[rule]), rule).toBe(false);
      }
      expect(can(own, recordsRules.enterRecords, undefined)).toBe(
        ["agent_accueil", "travailleur_social", "responsable_structure"].includes(role),
      );
    });
  }

  it("refuses to decide an orientation twice", () => {
    const decided = { toOrganisationId: OWN, status: "acceptee" as const, receivingConsent: true };
    expect(can(actor("travailleur_social"), recordsRules.decideOrientation, decided)).toBe(false);
  });
});

// A partner: the actor's structure (OWN) shares the parcours with the
// person's consent, health included, but another structure (OTHER) holds it.
function partnered(overrides: Partial<ParcoursAccess> = {}): ParcoursAccess {
  return parcours({
    leadOrganisationId: OTHER,
    memberOrganisationIds: [OTHER, OWN],
    consents: [
      { organisationId: OTHER, scope: "suivi_sante" },
      { organisationId: OWN, scope: "suivi_sante" },
    ],
    ...overrides,
  });
}

const PARTNER: Record<ParcoursRule, Record<Role, boolean>> = {
  ...SHARED,
  // The référent and the end of the parcours belong to the structure holding it.
  becomeReferent: y(),
  assignReferent: y(),
  closeParcours: y(),
  reviewDuplicates: y(),
};

describe("records policy: a partner structure, every role × every action", () => {
  for (const rule of RULE_NAMES) {
    for (const role of ROLES) {
      const allowed = PARTNER[rule][role];
      it(`${allowed ? "allows" : "forbids"} ${rule} to a ${role} of a partner structure`, () => {
        check(rule, actor(role), partnered(), allowed);
      });
    }
  }

  it("forbids a partner's social worker to close the parcours even when named its référent by mistake", () => {
    check(
      "closeParcours",
      actor("travailleur_social"),
      partnered({ referentUserId: "user-1" }),
      false,
    );
  });

  it("gives the référent's rules to the structure holding the record, to nobody when none does", () => {
    const byMembership = parcours({ leadOrganisationId: OWN, referentUserId: null });
    check("assignReferent", actor("responsable_structure"), byMembership, true);
    check(
      "assignReferent",
      actor("responsable_structure"),
      parcours({ leadOrganisationId: null }),
      false,
    );
  });
});

type ConsentCase = {
  name: string;
  change: (target: ParcoursAccess) => Omit<ConsentChange, "parcours">;
  target: () => ParcoursAccess;
  roles: Role[];
};

const WRITERS: Role[] = ["travailleur_social", "responsable_structure"];

// Consent is the person's: who may record or widen it, who may narrow it.
const CONSENT_CASES: ConsentCase[] = [
  {
    name: "the structure holding the record records a consent for a third structure, with health",
    target: () => parcours(),
    change: () => ({ organisationId: "org-third", scope: "suivi_sante", attested: false }),
    roles: WRITERS,
  },
  {
    name: "the structure holding the record widens its own consent",
    target: () => parcours({ consents: [{ organisationId: OWN, scope: "suivi" }] }),
    change: () => ({ organisationId: OWN, scope: "suivi_sante", attested: false }),
    roles: WRITERS,
  },
  {
    name: "a partner widens its own consent to health without the person's own word",
    target: () =>
      partnered({
        consents: [
          { organisationId: OTHER, scope: "suivi_sante" },
          { organisationId: OWN, scope: "suivi" },
        ],
      }),
    change: () => ({ organisationId: OWN, scope: "suivi_sante", attested: false }),
    roles: [],
  },
  {
    name: "a partner records the consent the person gave its worker in person",
    target: () =>
      partnered({
        consents: [
          { organisationId: OTHER, scope: "suivi_sante" },
          { organisationId: OWN, scope: "suivi" },
        ],
      }),
    change: () => ({ organisationId: OWN, scope: "suivi_sante", attested: true }),
    roles: WRITERS,
  },
  {
    name: "a partner narrows its own consent",
    target: () => partnered(),
    change: () => ({ organisationId: OWN, scope: "suivi", attested: false }),
    roles: WRITERS,
  },
  {
    name: "a partner narrows the consent of the structure holding the record",
    target: () => partnered(),
    change: () => ({ organisationId: OTHER, scope: "suivi", attested: false }),
    roles: [],
  },
  {
    name: "a partner records a consent for a third structure without the person's own word",
    target: () => partnered(),
    change: () => ({ organisationId: "org-third", scope: "suivi", attested: false }),
    roles: [],
  },
  {
    name: "anyone records a consent on a closed parcours",
    target: () => parcours({ status: "clos" }),
    change: () => ({ organisationId: "org-third", scope: "suivi", attested: true }),
    roles: [],
  },
  {
    name: "a structure without the person's consent records one for itself, attested",
    target: () =>
      parcours({
        leadOrganisationId: OTHER,
        memberOrganisationIds: [OTHER, OWN],
        consents: [{ organisationId: OTHER, scope: "suivi" }],
      }),
    change: () => ({ organisationId: OWN, scope: "suivi_sante", attested: true }),
    roles: [],
  },
];

type WithdrawalCase = {
  name: string;
  target: () => ConsentWithdrawal;
  roles: Role[];
};

const WITHDRAWAL_CASES: WithdrawalCase[] = [
  {
    name: "a partner withdraws its own consent",
    target: () => ({ parcours: partnered(), organisationId: OWN }),
    roles: WRITERS,
  },
  {
    name: "a partner withdraws the consent of the structure holding the record",
    target: () => ({ parcours: partnered(), organisationId: OTHER }),
    roles: [],
  },
  {
    name: "the structure holding the record withdraws a partner's consent",
    target: () => ({
      parcours: parcours({
        memberOrganisationIds: [OWN, OTHER],
        consents: [
          { organisationId: OWN, scope: "suivi_sante" },
          { organisationId: OTHER, scope: "suivi" },
        ],
      }),
      organisationId: OTHER,
    }),
    roles: WRITERS,
  },
  {
    name: "a structure withdraws its own consent on a closed parcours",
    target: () => ({ parcours: partnered({ status: "clos" }), organisationId: OWN }),
    roles: WRITERS,
  },
  {
    name: "anyone withdraws a consent on an archived parcours",
    target: () => ({ parcours: parcours({ status: "archive" }), organisationId: OWN }),
    roles: [],
  },
  {
    name: "a structure withdraws a consent that is no longer active",
    target: () => ({ parcours: parcours(), organisationId: "org-third" }),
    roles: [],
  },
];

describe("records policy: consents, every role", () => {
  for (const testCase of CONSENT_CASES) {
    for (const role of ROLES) {
      const allowed = testCase.roles.includes(role);
      it(`${allowed ? "allows" : "forbids"} a ${role} when ${testCase.name}`, () => {
        const target = testCase.target();
        const change: ConsentChange = { parcours: target, ...testCase.change(target) };
        expect(can(actor(role), recordsRules.recordConsent, change)).toBe(allowed);
      });
    }
  }
  for (const testCase of WITHDRAWAL_CASES) {
    for (const role of ROLES) {
      const allowed = testCase.roles.includes(role);
      it(`${allowed ? "allows" : "forbids"} a ${role} when ${testCase.name}`, () => {
        expect(can(actor(role), recordsRules.withdrawConsent, testCase.target())).toBe(allowed);
      });
    }
  }
});

describe("records policy: orientations received follow the consent", () => {
  for (const role of ROLES) {
    const allowed = WRITERS.includes(role);
    it(`${allowed ? "lets" : "forbids"} a ${role} see and decide an orientation while the person consents, never after withdrawal`, () => {
      const consenting: OrientationTarget = {
        toOrganisationId: OWN,
        status: "proposee",
        receivingConsent: true,
      };
      const withdrawn: OrientationTarget = { ...consenting, receivingConsent: false };
      expect(can(actor(role), recordsRules.viewOrientation, consenting)).toBe(allowed);
      expect(can(actor(role), recordsRules.decideOrientation, consenting)).toBe(allowed);
      expect(can(actor(role), recordsRules.viewOrientation, withdrawn)).toBe(false);
      expect(can(actor(role), recordsRules.decideOrientation, withdrawn)).toBe(false);
      const cancelled: OrientationTarget = { ...consenting, status: "annulee" };
      expect(can(actor(role), recordsRules.decideOrientation, cancelled)).toBe(false);
    });
  }
});
