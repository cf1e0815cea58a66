import { describe, expect, it } from "vitest";
import { occurrenceDates } from "./recurrence.ts";

describe("occurrenceDates", () => {
  it("gives the first day alone without recurrence", () => {
    expect(occurrenceDates({ firstDay: "2026-06-03" }, "2026-06-01", "2026-06-30")).toEqual([
      "2026-06-03",
    ]);
    expect(occurrenceDates({ firstDay: "2026-05-03" }, "2026-06-01", "2026-06-30")).toEqual([]);
  });

  it("counts 'every other week' from the week of the first day, not from the range", () => {
    const item = {
      firstDay: "2026-06-03", // a Wednesday
      recurrence: { everyWeeks: 2, weekdays: [1, 3] as const },
    };
    expect(occurrenceDates(item, "2026-06-01", "2026-06-30")).toEqual([
      "2026-06-03",
      "2026-06-15",
      "2026-06-17",
      "2026-06-29",
    ]);
    expect(occurrenceDates(item, "2026-06-10", "2026-06-16")).toEqual(["2026-06-15"]);
  });

  it("stops at the end date, included", () => {
    const item = {
      firstDay: "2026-06-01",
      recurrence: { everyWeeks: 1, weekdays: [5] as const, until: "2026-06-12" },
    };
    expect(occurrenceDates(item, "2026-06-01", "2026-06-30")).toEqual(["2026-06-05", "2026-06-12"]);
  });

  it("uses the first day's weekday when no weekday is given", () => {
    const item = { firstDay: "2026-06-02", recurrence: { everyWeeks: 1, weekdays: [] } };
    expect(occurrenceDates(item, "2026-06-01", "2026-06-16")).toEqual([
      "2026-06-02",
      "2026-06-09",
      "2026-06-16",
    ]);
  });
});
