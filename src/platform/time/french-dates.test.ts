import { describe, expect, it } from "vitest";
import { capitalise } from "../ui/french.ts";
import {
  frenchClockTime,
  frenchDate,
  frenchDateTime,
  frenchFullDateTime,
  frenchLocalDate,
  frenchLongDate,
  frenchMonth,
  frenchShortDateTime,
  frenchShortDay,
  frenchSpokenDateTime,
  frenchSpokenTime,
  frenchTextDateTime,
  frenchTextTime,
  frenchWeekday,
} from "./french-dates.ts";

describe("French dates, in Paris", () => {
  it("writes the first of the month « 1er », in Paris, lower case", () => {
    expect(frenchDate(new Date("2026-12-01T10:00:00Z"))).toBe("mardi 1er décembre 2026");
    // 23:30 UTC on 30 November is already 1 December in Paris.
    expect(frenchDate(new Date("2026-11-30T23:30:00Z"), { year: false })).toBe(
      "mardi 1er décembre",
    );
    expect(frenchDate(new Date("2026-12-07T10:00:00Z"), { weekday: false })).toBe(
      "7 décembre 2026",
    );
    expect(capitalise(frenchDate(new Date("2026-12-07T10:00:00Z")))).toBe("Lundi 7 décembre 2026");
    expect(frenchLongDate(new Date("2026-03-01T00:30:00+01:00"))).toBe("1er mars 2026");
    // « 11 », « 21 », « 31 » stay cardinal.
    expect(frenchLongDate(new Date("2026-12-31T12:00:00Z"))).toBe("31 décembre 2026");
    expect(frenchLongDate(new Date("2026-12-11T12:00:00Z"))).toBe("11 décembre 2026");
  });

  it("gives the Paris time on both sides of the daylight-saving changes", () => {
    // Spring forward, 29 March 2026: 01:59 CET is 00:59 UTC, 03:00 CEST is 01:00 UTC.
    expect(frenchDateTime(new Date("2026-03-29T00:59:00Z"))).toBe("29 mars 2026 à 01:59");
    expect(frenchDateTime(new Date("2026-03-29T01:00:00Z"))).toBe("29 mars 2026 à 03:00");
    // Fall back, 25 October 2026: 02:30 happens twice (00:30 and 01:30 UTC).
    expect(frenchClockTime(new Date("2026-10-25T00:30:00Z"))).toBe("02:30");
    expect(frenchClockTime(new Date("2026-10-25T01:30:00Z"))).toBe("02:30");
    expect(frenchClockTime(new Date("2026-10-25T02:30:00Z"))).toBe("03:30");
    // A winter evening in UTC is the next day in Paris.
    expect(frenchDateTime(new Date("2026-11-30T23:05:00Z"), { weekday: true })).toBe(
      "mardi 1er décembre 2026 à 00:05",
    );
  });

  it("reads a calendar date as that day, whatever the time zone", () => {
    expect(frenchLocalDate("1984-03-12")).toBe("12 mars 1984");
    expect(frenchLocalDate("2026-11-01")).toBe("1er novembre 2026");
    expect(frenchLocalDate("2026-03-29", { weekday: true })).toBe("dimanche 29 mars 2026");
    expect(frenchLocalDate("2026-10-25", { year: false })).toBe("25 octobre");
  });

  it("writes an appointment's time as a sentence does, in Paris (« 09 h 00 »)", () => {
    expect(frenchTextTime(new Date("2026-12-07T08:00:00Z"))).toBe("09 h 00");
    // Summer time: 14:30 UTC is 16:30 in Paris; midnight stays « 00 h 00 ».
    expect(frenchTextTime(new Date("2026-06-15T14:30:00Z"))).toBe("16 h 30");
    expect(frenchTextTime(new Date("2026-12-06T23:00:00Z"))).toBe("00 h 00");
    expect(frenchTextDateTime(new Date("2026-11-30T23:05:00Z"))).toBe(
      "mardi 1er décembre 2026 à 00 h 05",
    );
  });

  it("writes a short day for a week's agenda, in Paris", () => {
    expect(frenchShortDay(new Date("2026-12-07T08:00:00Z"))).toBe("lun. 07/12");
    // 23:30 UTC on 28 February is already 1 March in Paris.
    expect(frenchShortDay(new Date("2026-02-28T23:30:00Z"))).toBe("dim. 01/03");
  });
});

describe("frenchMonth", () => {
  it("names a month of a year, lower case, whatever the time zone", () => {
    expect(frenchMonth("2026-05")).toBe("mai 2026");
    expect(frenchMonth("2025-01")).toBe("janvier 2025");
    expect(frenchMonth("2024-12")).toBe("décembre 2024");
    expect(frenchMonth("2026-08")).toBe("août 2026");
  });
});

describe("French date and time to the second, and in short", () => {
  it("writes Intl's full date with the seconds, in Paris", () => {
    expect(frenchFullDateTime(new Date("2026-12-01T09:05:07Z"))).toBe(
      "mardi 1 décembre 2026 à 10:05:07",
    );
    expect(frenchFullDateTime(new Date("2026-07-14T22:30:00Z"))).toBe(
      "mercredi 15 juillet 2026 à 00:30:00",
    );
  });

  it("writes the short numeric date and time, in Paris", () => {
    expect(frenchShortDateTime(new Date("2026-12-01T09:05:07Z"))).toBe("01/12/2026 10:05");
    expect(frenchShortDateTime(new Date("2026-03-29T01:00:00Z"))).toBe("29/03/2026 03:00");
  });
});

describe("a time as it is said", () => {
  it("says the hour, and the minutes only when there are some, in Paris", () => {
    expect(frenchSpokenTime(new Date("2026-11-26T09:00:00Z"))).toBe("10\u00a0h");
    expect(frenchSpokenTime(new Date("2026-12-01T13:30:00Z"))).toBe("14\u00a0h\u00a030");
    expect(frenchSpokenTime(new Date("2026-10-24T22:05:00Z"))).toBe("0\u00a0h\u00a005");
    expect(frenchSpokenDateTime(new Date("2026-12-01T13:30:00Z"))).toBe(
      "mardi 1er décembre 2026 à 14\u00a0h\u00a030",
    );
  });
});

describe("a time and a weekday as a sentence writes them, in Paris", () => {
  it("writes « 09 h 05 » for the Paris time, on both sides of the clock changes", () => {
    expect(frenchTextTime(new Date("2026-11-16T08:05:00Z"))).toBe("09 h 05");
    expect(frenchTextTime(new Date("2026-07-16T16:00:00Z"))).toBe("18 h 00");
    expect(frenchTextTime(new Date("2026-03-29T01:00:00Z"))).toBe("03 h 00");
  });

  it("names the Paris weekday, lower case, even when UTC is still the day before", () => {
    expect(frenchWeekday(new Date("2026-11-16T09:30:00Z"))).toBe("lundi");
    expect(frenchWeekday(new Date("2026-11-30T23:05:00Z"))).toBe("mardi");
    expect(frenchWeekday(new Date("2026-03-29T12:00:00Z"))).toBe("dimanche");
  });
});
