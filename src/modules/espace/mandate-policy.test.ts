// espaceRules.actForPerson as a table: who (the person, the helper named by
// the mandate, another helper) × what (a part granted or not) × the
// mandate's state (valid, revoked, expired).
import { describe, expect, it } from "vitest";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { residentCan } from "../../platform/access/policy.ts";
import { residentActor } from "../../test/fixtures.ts";
import { espaceRules, type MandateUse } from "./policy.ts";

const NOW = new Date("2026-11-23T09:00:00Z");
const DAY = 86_400_000;

function resident(espaceId: string, email: string): ResidentActor {
  return residentActor({
    espaceId,
    verifiedAt: NOW,
    contact: { kind: "email", value: email },
  });
}

const ACTORS = {
  person: resident("00000000-0000-4000-8000-00000000000a", "camille@exemple.fr"),
  helper: resident("00000000-0000-4000-8000-00000000000b", "karim@exemple.fr"),
  otherHelper: resident("00000000-0000-4000-8000-00000000000c", "autre@exemple.fr"),
};

const STATES = {
  valid: { revokedAt: null, expiresAt: new Date(NOW.getTime() + 30 * DAY) },
  revoked: { revokedAt: new Date(NOW.getTime() - DAY), expiresAt: new Date(NOW.getTime() + DAY) },
  expired: { revokedAt: null, expiresAt: NOW },
};

function use(state: keyof typeof STATES, part: MandateUse["part"]): MandateUse {
  return {
    helper: { kind: "email", value: "karim@exemple.fr" },
    parts: ["rendez_vous"],
    ...STATES[state],
    part,
    now: NOW,
  };
}

describe("espaceRules.actForPerson (a mandate for the appointments)", () => {
  it.each([
    // [actor, state, part, allowed]
    ["helper", "valid", "rendez_vous", true],
    ["helper", "valid", "documents", false],
    ["helper", "valid", "demarches", false],
    ["helper", "revoked", "rendez_vous", false],
    ["helper", "expired", "rendez_vous", false],
    ["otherHelper", "valid", "rendez_vous", false],
    ["person", "valid", "rendez_vous", false],
    ["person", "valid", "documents", false],
  ] as const)("%s, mandate %s, part %s → %s", (actor, state, part, allowed) => {
    expect(residentCan(ACTORS[actor], espaceRules.actForPerson, use(state, part))).toBe(allowed);
  });

  it("refuses a helper signed in without a contact (no way to match the mandate)", () => {
    const noContact: ResidentActor = { ...ACTORS.helper, contact: undefined };
    expect(residentCan(noContact, espaceRules.actForPerson, use("valid", "rendez_vous"))).toBe(
      false,
    );
  });
});

describe("espaceRules.shareForPerson (a mandate that grants sharing)", () => {
  const sharing = (state: keyof typeof STATES, parts: MandateUse["parts"]) => ({
    ...use(state, "partage"),
    parts,
    part: "partage" as const,
  });
  const minutesAgo = (actor: ResidentActor, minutes: number): ResidentActor => ({
    ...actor,
    verifiedAt: new Date(NOW.getTime() - minutes * 60_000),
  });
  it.each([
    // [actor, code entered minutes ago, state, parts, allowed]
    ["helper", 0, "valid", ["documents", "partage"], true],
    ["helper", 11, "valid", ["documents", "partage"], false],
    ["helper", 0, "valid", ["documents"], false],
    ["helper", 0, "revoked", ["documents", "partage"], false],
    ["helper", 0, "expired", ["documents", "partage"], false],
    ["otherHelper", 0, "valid", ["documents", "partage"], false],
    ["person", 0, "valid", ["documents", "partage"], false],
  ] as const)(
    "%s, code %s min, mandate %s, parts %j → %s",
    (actor, minutes, state, parts, allowed) => {
      expect(
        residentCan(
          minutesAgo(ACTORS[actor], minutes),
          espaceRules.shareForPerson,
          sharing(state, [...parts]),
        ),
      ).toBe(allowed);
    },
  );
});
