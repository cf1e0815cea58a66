// The person reading their own record in « Mon espace »: a table of actor ×
// link (whose space, whether the link still stands).
import { describe, expect, it } from "vitest";
import type { ResidentActor, UserActor } from "../../platform/access/actor.ts";
import { authorizeResident, residentCan } from "../../platform/access/policy.ts";
import { Unauthenticated } from "../../platform/errors.ts";
import { residentActor, userActor } from "../../test/fixtures.ts";
import { personRecordRules } from "./policy.ts";

const SPACE = "00000000-0000-4000-8000-00000000000a";
const OTHER_SPACE = "00000000-0000-4000-8000-00000000000b";

const resident: ResidentActor = residentActor({
  espaceId: SPACE,
  verifiedAt: new Date("2026-11-23T09:00:00Z"),
  method: "code_sms",
  contact: { kind: "phone", value: "+33612345678" },
});

describe("personRecordRules.readOwnRecord", () => {
  it.each([
    // [case, link's space, link stands, allowed]
    ["own space, link standing", SPACE, true, true],
    ["own space, link ended", SPACE, false, false],
    ["another person's space, link standing", OTHER_SPACE, true, false],
    ["another person's space, link ended", OTHER_SPACE, false, false],
  ] as const)("%s → %s", (_case, espaceId, linkStands, allowed) => {
    expect(residentCan(resident, personRecordRules.readOwnRecord, { espaceId, linkStands })).toBe(
      allowed,
    );
  });

  it("never lets a professional through the person's rule", () => {
    const professional: UserActor = userActor("travailleur_social", {
      userId: "00000000-0000-4000-8000-0000000000d1",
      organisationId: "00000000-0000-4000-8000-0000000000c1",
      organisationName: "SST",
      email: "pro@exemple.fr",
      displayName: "Pro",
    });
    expect(() =>
      authorizeResident(professional, personRecordRules.readOwnRecord, {
        espaceId: SPACE,
        linkStands: true,
      }),
    ).toThrow(Unauthenticated);
  });
});
