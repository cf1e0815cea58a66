import { describe, expect, it } from "vitest";
import {
  AbsenceSchema,
  findOpeningOverlaps,
  MotifSchema,
  PlageOuvertureSchema,
} from "./agenda-schemas.ts";
import { makeAbsence, makeMotif, makeOpening } from "./test-fixtures.ts";

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  return result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? []);
}

describe("PlageOuvertureSchema", () => {
  it("accepts a weekly opening", () => {
    const opening = makeOpening({
      recurrence: { everyWeeks: 1, weekdays: [1, 3], until: "2026-12-31" },
    });
    expect(PlageOuvertureSchema.parse(opening)).toEqual(opening);
  });

  it("explains in French what is wrong", () => {
    expect(messages(PlageOuvertureSchema.safeParse(makeOpening({ endTime: "08:00" })))).toEqual([
      "L'heure de fin doit être après l'heure de début.",
    ]);
    expect(messages(PlageOuvertureSchema.safeParse(makeOpening({ startTime: "9h" })))).toEqual([
      "Heure invalide : attendu HH:MM.",
    ]);
    expect(messages(PlageOuvertureSchema.safeParse(makeOpening({ motifIds: [] })))).toEqual([
      "Choisissez au moins un motif.",
    ]);
    const backwards = makeOpening({
      firstDay: "2026-06-01",
      recurrence: { everyWeeks: 1, weekdays: [1], until: "2026-05-01" },
    });
    expect(messages(PlageOuvertureSchema.safeParse(backwards))).toEqual([
      "La date de fin de récurrence doit suivre le premier jour.",
    ]);
  });
});

describe("AbsenceSchema", () => {
  it("accepts a multi-day absence ending at an earlier time of day", () => {
    const leave = makeAbsence({
      firstDay: "2026-07-01",
      startTime: "14:00",
      endDay: "2026-07-03",
      endTime: "09:00",
    });
    expect(AbsenceSchema.safeParse(leave).success).toBe(true);
  });

  it("refuses a multi-day absence that also recurs", () => {
    const absence = makeAbsence({
      endDay: "2026-07-03",
      recurrence: { everyWeeks: 1, weekdays: [1] },
    });
    expect(messages(AbsenceSchema.safeParse(absence))).toContain(
      "Une absence sur plusieurs jours ne se répète pas.",
    );
  });
});

describe("MotifSchema", () => {
  it("refuses a duration that is not a multiple of 5 minutes", () => {
    expect(messages(MotifSchema.safeParse(makeMotif({ durationMinutes: 32 })))).toEqual([
      "La durée est un multiple de 5 minutes.",
    ]);
  });
});

describe("findOpeningOverlaps", () => {
  it("warns when two openings of one agent meet on a shared day", () => {
    const a = makeOpening({
      id: "a",
      firstDay: "2026-06-01",
      recurrence: { everyWeeks: 1, weekdays: [1, 3] },
    });
    const b = makeOpening({
      id: "b",
      firstDay: "2026-06-02",
      startTime: "11:00",
      endTime: "13:00",
      recurrence: { everyWeeks: 2, weekdays: [3] },
    });
    expect(findOpeningOverlaps([b, a])).toEqual([
      { agentId: "agent-1", openingIds: ["a", "b"], firstDate: "2026-06-03" },
    ]);
  });

  it("says nothing for different agents, touching times or distinct days", () => {
    const a = makeOpening({
      id: "a",
      firstDay: "2026-06-01",
      recurrence: { everyWeeks: 1, weekdays: [1] },
    });
    const otherAgent = { ...a, id: "b", agentId: "agent-2" };
    const afterwards = { ...a, id: "c", startTime: "12:00", endTime: "13:00" };
    const tuesdays = makeOpening({ id: "d", recurrence: { everyWeeks: 1, weekdays: [2] } });
    expect(findOpeningOverlaps([a, otherAgent, afterwards, tuesdays])).toEqual([]);
  });
});

describe("schemas on malformed input", () => {
  it("report field errors instead of throwing", () => {
    const result = AbsenceSchema.safeParse(
      makeAbsence({ firstDay: "2026-02-30", endDay: "x", startTime: "25:00" }),
    );
    expect(messages(result)).toEqual([
      "Date invalide : attendu AAAA-MM-JJ.",
      "Heure invalide : attendu HH:MM.",
      "Date invalide : attendu AAAA-MM-JJ.",
    ]);
  });
});
