import { describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { monthsUpTo } from "./months.ts";

describe("Paris months", () => {
  it("starts a winter month at 23:00 UTC the day before, a summer month at 22:00", () => {
    expect(parisToDate("2026-12-01", "00:00").toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(parisToDate("2026-07-01", "00:00").toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });

  it("starts the day of a change of time at the right instant", () => {
    // 29 March 2026: clocks go forward at 2:00; midnight is still UTC+1.
    expect(parisToDate("2026-03-29", "00:00").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    // 25 October 2026: clocks go back at 3:00; midnight is still UTC+2.
    expect(parisToDate("2026-10-25", "00:00").toISOString()).toBe("2026-10-24T22:00:00.000Z");
  });

  it("gives the current Paris month and the one before, across a new year", () => {
    // 31 December 2026 at 23:30 UTC is already 1 January 2027 in Paris.
    const months = monthsUpTo(new Date("2026-12-31T23:30:00Z"), 2);
    expect(months.map((month) => month.period)).toEqual(["2026-12-01", "2027-01-01"]);
    expect(months[1]?.from.toISOString()).toBe("2026-12-31T23:00:00.000Z");
    expect(months[1]?.to.toISOString()).toBe("2027-01-31T23:00:00.000Z");
    expect(months[0]?.to).toEqual(months[1]?.from);
  });
});
