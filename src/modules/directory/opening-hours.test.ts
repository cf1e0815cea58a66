import { describe, expect, it } from "vitest";
import { describeStatus, openingStatus, weekSchedule } from "./opening-hours.ts";

// November 2026: Paris is at UTC+1. Monday 16 November.
const MONDAY_10_30 = new Date("2026-11-16T09:30:00Z");

describe("opening statuses in French", () => {
  it("says until when a place is open, in Paris time", () => {
    const status = openingStatus("Mo-Fr 09:00-12:00", MONDAY_10_30);
    expect(status).toEqual({ kind: "open", closesAt: new Date("2026-11-16T11:00:00Z") });
    expect(describeStatus(status, MONDAY_10_30)).toBe("Ouvert jusqu'à 12 h 00");
  });

  it("words the same status for the time it is read at, not the first time it was read", () => {
    const mondayEvening = new Date("2026-11-16T19:00:00Z");
    const status = openingStatus("Mo-Fr 09:00-12:00", mondayEvening);
    expect(status).toEqual({ kind: "closed", opensAt: new Date("2026-11-17T08:00:00Z") });
    expect(describeStatus(status, mondayEvening)).toBe("Fermé · ouvre demain à 09 h 00");
    // The same object, kept in a cached search and shown the next morning.
    const tuesdayMorning = new Date("2026-11-17T06:00:00Z");
    expect(describeStatus(status, tuesdayMorning)).toBe("Fermé · ouvre aujourd'hui à 09 h 00");
    expect(describeStatus(status, mondayEvening)).toBe("Fermé · ouvre demain à 09 h 00");
  });

  it("says so when the hours are not given", () => {
    expect(describeStatus(openingStatus(null, MONDAY_10_30), MONDAY_10_30)).toBe(
      "Horaires non renseignés",
    );
  });
});

describe("the week's hours in French", () => {
  it("gives the next 7 days from today in Paris, one line each, in Paris time", () => {
    expect(weekSchedule("Mo-Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00", MONDAY_10_30)).toEqual([
      { day: "lundi 16", hours: "09 h 00 – 12 h 00, 14 h 00 – 17 h 30" },
      { day: "mardi 17", hours: "09 h 00 – 12 h 00, 14 h 00 – 17 h 30" },
      { day: "mercredi 18", hours: "09 h 00 – 12 h 00, 14 h 00 – 17 h 30" },
      { day: "jeudi 19", hours: "09 h 00 – 12 h 00, 14 h 00 – 17 h 30" },
      { day: "vendredi 20", hours: "09 h 00 – 12 h 00, 14 h 00 – 17 h 30" },
      { day: "samedi 21", hours: "10 h 00 – 12 h 00" },
      { day: "dimanche 22", hours: "fermé" },
    ]);
  });

  it("starts on the Paris day, not the UTC one, and keeps the hours across the spring change", () => {
    // Saturday 28 March 2026, 23:30 UTC: already Sunday 29 in Paris, the night clocks go forward.
    const lines = weekSchedule("Mo-Su 09:00-12:00", new Date("2026-03-28T23:30:00Z"));
    expect(lines[0]).toEqual({ day: "dimanche 29", hours: "09 h 00 – 12 h 00" });
    expect(lines[1]).toEqual({ day: "lundi 30", hours: "09 h 00 – 12 h 00" });
    expect(lines[3]?.day).toBe("mercredi 1");
  });
});
