import { describe, expect, it } from "vitest";
import { HouseholdSchema } from "./household.ts";

describe("HouseholdSchema", () => {
  const valid = {
    depcom: "92050",
    housing: { status: "locataire", rent: 65000, housingBenefit: 30000 },
    members: [
      {
        id: "a",
        role: "demandeur",
        birthDate: "1990-04-12",
        resources: { "2025-05": { salaireNet: 50000 } },
      },
      { id: "c", role: "enfant", birthDate: "2016-09-01" },
    ],
    benefitsReceived: ["af"],
  };

  it("accepts a household of the questionnaire", () => {
    expect(HouseholdSchema.safeParse(valid).success).toBe(true);
  });

  it("refuses two demandeurs, a malformed month, euros instead of cents, in French", () => {
    const twice = HouseholdSchema.safeParse({
      ...valid,
      members: [valid.members[0], valid.members[0]],
    });
    expect(twice.error?.issues[0]?.message).toBe("le foyer doit avoir exactement un demandeur");
    const month = HouseholdSchema.safeParse({
      ...valid,
      members: [{ ...valid.members[0], resources: { "2025-5": {} } }],
    });
    expect(month.success).toBe(false);
    const euros = HouseholdSchema.safeParse({
      ...valid,
      housing: { status: "locataire", rent: 650.5 },
    });
    expect(euros.error?.issues[0]?.message).toBe("montant en centimes entiers");
  });
});
