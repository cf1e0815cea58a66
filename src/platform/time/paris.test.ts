import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  dayNumber,
  fromDayNumber,
  isLocalDate,
  isLocalTime,
  isoWeekday,
  parisOffsetMinutes,
  parisTimestamp,
  parisToDate,
  parisToUtc,
  toParis,
} from "./paris.ts";

const iso = (date: string, time: string) => parisToDate(date, time).toISOString();

describe("parisToUtc", () => {
  it("reads winter times as UTC+1 and summer times as UTC+2", () => {
    expect(iso("2026-01-15", "09:00")).toBe("2026-01-15T08:00:00.000Z");
    expect(iso("2026-07-14", "09:00")).toBe("2026-07-14T07:00:00.000Z");
  });

  it("switches offset at 02:00 on the spring-forward day (29 March 2026)", () => {
    expect(iso("2026-03-29", "01:59")).toBe("2026-03-29T00:59:00.000Z");
    expect(iso("2026-03-29", "03:00")).toBe("2026-03-29T01:00:00.000Z");
  });

  it("moves a non-existent local time forward by the gap (02:30 → 03:30 CEST)", () => {
    expect(iso("2026-03-29", "02:00")).toBe("2026-03-29T01:00:00.000Z");
    expect(iso("2026-03-29", "02:30")).toBe("2026-03-29T01:30:00.000Z");
    expect(toParis(parisToUtc("2026-03-29", "02:30")).time).toBe("03:30");
  });

  it("takes the earlier instant for a local time that happens twice (25 October 2026)", () => {
    expect(iso("2026-10-25", "01:59")).toBe("2026-10-24T23:59:00.000Z");
    expect(iso("2026-10-25", "02:00")).toBe("2026-10-25T00:00:00.000Z");
    expect(iso("2026-10-25", "02:30")).toBe("2026-10-25T00:30:00.000Z");
    expect(iso("2026-10-25", "03:00")).toBe("2026-10-25T02:00:00.000Z");
  });

  it("rejects malformed dates and times", () => {
    expect(() => parisToUtc("2026-02-30", "09:00")).toThrow(RangeError);
    expect(() => parisToUtc("2026-02-01", "24:00")).toThrow(RangeError);
    expect(() => parisToUtc("1/2/2026", "09:00")).toThrow(RangeError);
  });

  it("round-trips every existing local time through toParis", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber("2000-01-01"), max: dayNumber("2060-12-31") }),
        fc.integer({ min: 0, max: 1439 }),
        (day, minute) => {
          const date = fromDayNumber(day);
          const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
          const instant = parisToUtc(date, time);
          const back = toParis(instant);
          const inGap = back.date !== date || back.time !== time;
          if (inGap) {
            // Only the spring-forward hour may move, and only by one hour.
            expect(time >= "02:00" && time < "03:00").toBe(true);
            expect(isoWeekday(date)).toBe(7);
            expect(date.slice(5, 7)).toBe("03");
          }
        },
      ),
    );
  });
});

describe("toParis and offsets", () => {
  it("gives the Paris date of an instant late in the UTC evening", () => {
    expect(toParis(new Date("2026-06-30T22:30:00Z"))).toEqual({
      date: "2026-07-01",
      time: "00:30",
      weekday: 3,
      offsetMinutes: 120,
    });
  });

  it("changes offset exactly at 01:00 UTC on both transition days", () => {
    expect(parisOffsetMinutes(Date.parse("2026-03-29T00:59:59Z"))).toBe(60);
    expect(parisOffsetMinutes(Date.parse("2026-03-29T01:00:00Z"))).toBe(120);
    expect(parisOffsetMinutes(Date.parse("2026-10-25T00:59:59Z"))).toBe(120);
    expect(parisOffsetMinutes(Date.parse("2026-10-25T01:00:00Z"))).toBe(60);
  });
});

describe("calendar helpers", () => {
  it("counts days and weekdays without a time zone", () => {
    expect(isoWeekday("2026-03-29")).toBe(7);
    expect(isoWeekday("2026-03-30")).toBe(1);
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("recognises local dates and times", () => {
    expect(isLocalDate("2026-02-29")).toBe(false);
    expect(isLocalDate("2028-02-29")).toBe(true);
    expect(isLocalTime("09:05")).toBe(true);
    expect(isLocalTime("9:05")).toBe(false);
  });
});

describe("a Paris timestamp", () => {
  it("writes the Paris wall clock to the second, on both sides of the time changes", () => {
    expect(parisTimestamp(new Date("2026-12-01T09:05:07Z"))).toBe("2026-12-01 10:05:07");
    expect(parisTimestamp(new Date("2026-07-14T22:30:00Z"))).toBe("2026-07-15 00:30:00");
    // 25 October 2026: 02:30 happens twice (00:30 and 01:30 UTC).
    expect(parisTimestamp(new Date("2026-10-25T00:30:00Z"))).toBe("2026-10-25 02:30:00");
    expect(parisTimestamp(new Date("2026-10-25T01:30:00Z"))).toBe("2026-10-25 02:30:00");
    expect(parisTimestamp(Date.UTC(2026, 2, 29, 1, 0, 0))).toBe("2026-03-29 03:00:00");
  });
});
