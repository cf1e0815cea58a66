import { describe, expect, it } from "vitest";
import { parseMonth } from "../period.ts";
import { pajePlafondBase } from "./famille.ts";
import { alP0Forfait } from "./logement.ts";
import { ALL_PARAMETERS, FIRST_MONTH, parametersFor } from "./resolve.ts";
import { rsaForfaitAsf } from "./rsa.ts";
import { revaluations } from "./types.ts";

describe("legal parameters", () => {
  it("give every value a start date, a unit and a legal reference", () => {
    expect(ALL_PARAMETERS.length).toBeGreaterThan(60);
    for (const p of ALL_PARAMETERS) {
      expect(p.unit).toBeTruthy();
      expect(p.values.length).toBeGreaterThan(0);
      for (const v of p.values) {
        expect(v.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(v.ref.text.length).toBeGreaterThan(5);
      }
    }
  });

  it("cite for the flat ASF of the RSA the décret that created art. R262-10-1 CASF: 2014-554, not 2014-422 (the PAJE's)", () => {
    const [value] = rsaForfaitAsf.values;
    expect(value?.value).toBe(0.225);
    expect(value?.ref.text).toBe("Décret n° 2014-554 du 27 mai 2014, art. 1");
    expect(value?.ref.article).toContain("R262-10-1 CASF");
  });

  it("resolve every month from October 2023 (first PPA quarter of January 2024) to December 2026", () => {
    const from = (parseMonth(FIRST_MONTH) as number) - 3;
    const to = parseMonth("2026-12") as number;
    for (let m = from; m <= to; m++) expect(() => parametersFor(m)).not.toThrow();
  });

  it("change the RSA montant forfaitaire on 1 April of 2024, 2025 and 2026 (décrets 2024-396, 2025-293, 2026-220)", () => {
    const rsa = (month: string) => parametersFor(parseMonth(month) as number).rsaBase;
    expect([rsa("2024-03"), rsa("2024-04"), rsa("2025-04"), rsa("2026-04")]).toEqual([
      60775, 63571, 64652, 65169,
    ]);
  });

  it("revalue the aides au logement on 1 October 2024 (+3,26 %) and 1 October 2025 (+1,04 %), R0 on 1 January", () => {
    const p = (month: string) => parametersFor(parseMonth(month) as number);
    // Zone 1, personne seule: 319,30 € (arrêté du 22 septembre 2023), 329,71 € (arrêté du
    // 27 septembre 2024), 333,14 € (arrêté du 5 septembre 2025).
    expect(
      [p("2024-09"), p("2024-10"), p("2025-09"), p("2025-10")].map((x) => x.alPlafonds[0]?.[0]),
    ).toEqual([31930, 32971, 32971, 33314]);
    // Forfait charges 58,08 → 59,97 → 60,59 €; P0 37,91 → 39,15 → 39,56 €.
    expect(
      [p("2024-09"), p("2024-10"), p("2025-10")].map((x) => [x.alCharges[0], x.alP0Forfait]),
    ).toEqual([
      [5808, 3791],
      [5997, 3915],
      [6059, 3956],
    ]);
    // R0 personne seule: 5 186 € in 2024, 5 235 € in 2025, not revalued in 2026.
    expect([p("2024-12"), p("2025-01"), p("2026-01")].map((x) => x.alR0[0])).toEqual([
      518600, 523500, 523500,
    ]);
  });
});

describe("revaluations", () => {
  it("dates each value of a parameter by the shared calendar, with the calendar's text", () => {
    const first = { text: "Arrêté A", date: "2024-09-27" };
    const second = { text: "Arrêté B", date: "2025-09-05" };
    const onCalendar = revaluations([
      { from: "2024-10-01", ref: first },
      { from: "2025-10-01", ref: second },
    ]);
    expect(onCalendar([39.15, 39.56])).toEqual([
      { from: "2024-10-01", value: 39.15, ref: first },
      { from: "2025-10-01", value: 39.56, ref: second },
    ]);
  });

  it("keeps the aides au logement's P0 and the PAJE ceilings on their arrêtés (art. L823-4 CCH, R531-1 CSS)", () => {
    expect(alP0Forfait.values.map((v) => [v.from, v.value, v.ref.date])).toEqual([
      ["2023-10-01", 37.91, "2023-09-22"],
      ["2024-10-01", 39.15, "2024-09-27"],
      ["2025-10-01", 39.56, "2025-09-05"],
    ]);
    expect(pajePlafondBase.values.map((v) => [v.from, v.value, v.ref.date])).toEqual([
      ["2023-01-01", 26432, "2022-12-21"],
      ["2024-01-01", 27833, "2023-12-22"],
      ["2025-01-01", 29169, "2024-12-20"],
      ["2026-01-01", 29694, "2025-12-18"],
    ]);
  });
});
