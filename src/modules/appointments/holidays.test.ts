import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoWeekday } from "../../platform/time/paris.ts";
import {
  easterSunday,
  frenchPublicHolidays,
  isPublicHoliday,
  publicHolidaysBetween,
} from "./holidays.ts";

// Published dates of Easter Sunday (calendrier grégorien).
const EASTER: Record<number, string> = {
  2000: "2000-04-23",
  2008: "2008-03-23",
  2011: "2011-04-24",
  2016: "2016-03-27",
  2019: "2019-04-21",
  2022: "2022-04-17",
  2023: "2023-04-09",
  2024: "2024-03-31",
  2025: "2025-04-20",
  2026: "2026-04-05",
  2027: "2027-03-28",
  2028: "2028-04-16",
  2038: "2038-04-25",
};

describe("easterSunday", () => {
  it.each(Object.entries(EASTER))("gives the published date for %s", (year, date) => {
    expect(easterSunday(Number(year))).toBe(date);
  });

  it("is always a Sunday between 22 March and 25 April", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const easter = easterSunday(year);
        expect(isoWeekday(easter)).toBe(7);
        expect(easter.slice(5) >= "03-22" && easter.slice(5) <= "04-25").toBe(true);
      }),
    );
  });
});

describe("frenchPublicHolidays (art. L3133-1 Code du travail)", () => {
  it("lists the eleven holidays of 2026 as published", () => {
    expect(frenchPublicHolidays(2026).map((h) => h.date)).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-08",
      "2026-05-14",
      "2026-05-25",
      "2026-07-14",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25",
    ]);
  });

  it("gives the published movable holidays of 2024, 2025 and 2027", () => {
    const movable = (year: number) =>
      frenchPublicHolidays(year)
        .filter((h) => ["Lundi de Pâques", "Ascension", "Lundi de Pentecôte"].includes(h.name))
        .map((h) => h.date);
    expect(movable(2024)).toEqual(["2024-04-01", "2024-05-09", "2024-05-20"]);
    expect(movable(2025)).toEqual(["2025-04-21", "2025-05-29", "2025-06-09"]);
    expect(movable(2027)).toEqual(["2027-03-29", "2027-05-06", "2027-05-17"]);
  });

  it("merges Ascension and 1 May when they coincide (2008)", () => {
    const holidays = frenchPublicHolidays(2008);
    expect(holidays).toHaveLength(10);
    expect(holidays.find((h) => h.date === "2008-05-01")?.name).toBe("Fête du travail, Ascension");
  });

  it("adds Vendredi saint and 26 December in Alsace-Moselle (art. L3134-13)", () => {
    const dates = frenchPublicHolidays(2026, { alsaceMoselle: true }).map((h) => h.date);
    expect(dates).toContain("2026-04-03");
    expect(dates).toContain("2026-12-26");
    expect(dates).toHaveLength(13);
  });
});

describe("publicHolidaysBetween", () => {
  it("spans a year change and includes both ends", () => {
    expect(publicHolidaysBetween("2026-12-25", "2027-01-01")).toEqual(["2026-12-25", "2027-01-01"]);
  });

  it("answers isPublicHoliday for a single date", () => {
    expect(isPublicHoliday("2026-05-14")).toBe(true);
    expect(isPublicHoliday("2026-05-15")).toBe(false);
  });
});
