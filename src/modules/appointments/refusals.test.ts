import { describe, expect, it } from "vitest";
import { frenchDate } from "../../platform/time/french-dates.ts";
import { formatFrenchDuration } from "./refusals.ts";

describe("French formatting for messages", () => {
  it("writes durations in words", () => {
    expect(formatFrenchDuration(30)).toBe("30 minutes");
    expect(formatFrenchDuration(1)).toBe("1 minute");
    expect(formatFrenchDuration(120)).toBe("2 heures");
    expect(formatFrenchDuration(1440)).toBe("1 jour");
    expect(formatFrenchDuration(1530)).toBe("1 jour, 1 heure et 30 minutes");
    expect(formatFrenchDuration(0)).toBe("0 minute");
  });

  it("writes the Paris date of an instant late in the UTC evening", () => {
    expect(frenchDate(new Date("2026-05-13T22:30:00Z"))).toBe("jeudi 14 mai 2026");
  });
});
