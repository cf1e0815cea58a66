import { describe, expect, it } from "vitest";
import { attentionReasons } from "./attention.ts";
import { caseloadLevel, decideCaseload } from "./caseload.ts";

describe("decideCaseload", () => {
  it("accepts a référent within the maximum", () => {
    expect(decideCaseload({ current: 9, max: 10 })).toEqual({ kind: "within", after: 10, max: 10 });
  });
  it("asks for an override with a reason beyond the maximum", () => {
    expect(decideCaseload({ current: 10, max: 10 }).kind).toBe("needs_override");
    expect(decideCaseload({ current: 10, max: 10, overrideReason: "  " }).kind).toBe(
      "needs_override",
    );
    expect(decideCaseload({ current: 10, max: 10, overrideReason: "Remplacement congé" })).toEqual({
      kind: "override",
      after: 11,
      max: 10,
      reason: "Remplacement congé",
    });
  });
  it("grades the load", () => {
    expect(caseloadLevel(5, 10)).toBe("ok");
    expect(caseloadLevel(9, 10)).toBe("near");
    expect(caseloadLevel(11, 10)).toBe("over");
  });
});

describe("attentionReasons", () => {
  const base = {
    lastContactDate: "2026-10-01",
    overdueActions: 0,
    inCareAse: false,
    birthDate: "1990-01-01",
    hasAfter18Objective: false,
  };
  it("flags no contact for more than three months", () => {
    expect(attentionReasons(base, "2026-12-31")).toEqual([]);
    expect(attentionReasons(base, "2027-01-02")).toEqual(["no_contact"]);
  });
  it("flags overdue actions", () => {
    expect(attentionReasons({ ...base, overdueActions: 2 }, "2026-10-02")).toEqual([
      "overdue_actions",
    ]);
  });
  it("flags a young person in care turning 18 within six months with no plan for after", () => {
    const young = { ...base, inCareAse: true, birthDate: "2009-03-15" };
    expect(attentionReasons(young, "2026-10-02")).toEqual(["ase_turning_18"]);
    expect(attentionReasons(young, "2026-09-14")).toEqual([]);
    expect(attentionReasons({ ...young, hasAfter18Objective: true }, "2026-10-02")).toEqual([]);
    expect(attentionReasons({ ...young, inCareAse: false }, "2026-10-02")).toEqual([]);
  });
});
