import { describe, expect, it } from "vitest";
import { describeStatus, openingStatus } from "./opening-hours.ts";

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
