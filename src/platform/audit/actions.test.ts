import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "./actions.ts";

describe("the audit actions catalogue", () => {
  it("names each action once", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  it("keeps the names already in the trail, whatever their style", () => {
    // Hash-chained history: these names are stored and can never be renamed.
    expect(AUDIT_ACTIONS).toEqual(
      expect.arrayContaining(["note.create", "rdv.booked", "rights.nonTakeUp.downloaded"]),
    );
  });

  it("writes every name in dotted lower-case words (camelCase or snake_case inside)", () => {
    const misspelt = AUDIT_ACTIONS.filter((name) => !/^[a-z]+(\.[a-z][a-zA-Z_]*)+$/.test(name));
    expect(misspelt).toEqual([]);
  });
});
