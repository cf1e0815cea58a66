import { describe, expect, it } from "vitest";
import { endOfParisDay, JournalFilters, startOfParisDay } from "./journal-filters.ts";

describe("Paris days", () => {
  it("starts a winter day at 23:00 UTC the day before, a summer day at 22:00 UTC", () => {
    expect(startOfParisDay("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfParisDay("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
  });

  it("gives the two daylight-saving days their 23 and 25 hours", () => {
    // Décret n° 2002-623 (heure légale, dernier dimanche de mars et d'octobre).
    const spring = endOfParisDay("2026-03-29").getTime() - startOfParisDay("2026-03-29").getTime();
    const autumn = endOfParisDay("2026-10-25").getTime() - startOfParisDay("2026-10-25").getTime();
    expect(spring / 3_600_000).toBe(23);
    expect(autumn / 3_600_000).toBe(25);
  });

  it("ends a month's last day at the next month's first midnight", () => {
    expect(endOfParisDay("2026-02-28").toISOString()).toBe("2026-02-28T23:00:00.000Z");
  });
});

describe("journal filters", () => {
  it("treats empty fields as no filter", () => {
    expect(JournalFilters.parse({ personne: "", action: " ", du: "" })).toEqual({});
  });

  it("refuses both page cursors at once", () => {
    expect(JournalFilters.safeParse({ avant: "10", apres: "3" }).success).toBe(false);
  });

  it("refuses a year a journal cannot hold", () => {
    expect(JournalFilters.safeParse({ du: "0001-01-01" }).success).toBe(false);
    expect(JournalFilters.safeParse({ au: "9999-12-31" }).success).toBe(false);
  });
});
