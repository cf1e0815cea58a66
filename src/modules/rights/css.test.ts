import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// Complémentaire santé solidaire: the prime d'activité is not a resource (art. L861-2 CSS);
// resources of the twelve months M-13..M-2 (art. R861-8 CSS). Ceilings from 1 April 2025
// (arrêté du 28 mars 2025): free up to 10 339 € (1 person) / 21 711 € (4 persons), with a
// participation up to 13 957 € / 29 311 €; from 1 April 2024 (arrêté du 26 mars 2024):
// 10 166 € / 13 724 € for one person. Participation a month by age on 1 January (arrêté du
// 21 octobre 2019, art. L861-1 CSS): 8 € under 30, 14 € from 30 to 49.

const single = (salary: number) =>
  makeHousehold({
    members: [
      makeMember({
        birthDate: "1990-01-01",
        activity: "salarie",
        resources: everyMonth("2023-01", "2026-12", { salaireNet: salary }),
      }),
    ],
  });

describe("complémentaire santé solidaire with a participation", () => {
  it("asks 14 € a month of a worker at 1 000 € a month: 12 000 € is between 10 339 € and 13 957 €, the prime d'activité not counted", () => {
    // The prime d'activité of June 2025 (307.64 €, rsa-ppa.test.ts) would have added 3 691.68 €
    // and pushed the resources over 13 957 €.
    const r = simulate(single(100000), "2025-06").results;
    expect(r.ppa.eligible).toBe(true);
    expect(r.css.eligible).toBe(true);
    expect(r.css.detail?.participation).toBe(true);
    expect(r.css.amountCents).toBe(1400);
  });

  it("asks 14 € in June 2024 too, under the April 2024 ceilings: 12 000 € between 10 166 € and 13 724 €", () => {
    expect(simulate(single(100000), "2024-06").results.css.amountCents).toBe(1400);
  });

  it("is free for a low salary over twelve months: 800 € × 12 = 9 600 € ≤ 10 339 €", () => {
    const r = simulate(single(80000), "2025-06").results.css;
    expect(r.eligible).toBe(true);
    expect(r.detail?.participation).toBe(false);
    expect(r.amountCents).toBe(0);
  });

  it("asks 44 € of a couple of 39 and 40 with two children: 14 + 14 + 8 + 8", () => {
    // 1 800 € a month = 21 600 € + AF 0.32 × 474.37 = 151.80 € × 12 = 1 821.60 € (D521-1 CSS):
    // 23 421.60 € between 21 711 € and 29 311 € (4 persons, April 2025 ceilings).
    const h = makeHousehold({
      members: [
        makeMember({
          birthDate: "1985-03-01",
          activity: "salarie",
          resources: everyMonth("2023-01", "2026-12", { salaireNet: 180000 }),
        }),
        makeMember({ id: "conjoint", role: "conjoint", birthDate: "1986-03-01" }),
        makeMember({ id: "e1", role: "enfant", birthDate: "2015-03-01" }),
        makeMember({ id: "e2", role: "enfant", birthDate: "2018-03-01" }),
      ],
    });
    const r = simulate(h, "2025-06").results;
    expect(r.rsa.eligible).toBe(false);
    expect(r.css.amountCents).toBe(4400);
  });

  it("reads the twelve months M-13..M-2 (art. R861-8 CSS): a salary started in May 2025 counts from October", () => {
    // No salary from January 2024 to April 2025, 3 000 € a month from May 2025 (no RSA: the
    // quarter's average exceeds the montant forfaitaire). June 2025 reads April 2024 – April 2025:
    // 0 €, free. October 2025 reads September 2024 – August 2025: 4 × 3 000 = 12 000 €, between
    // 10 339 € and 13 957 €: 14 €.
    const h = makeHousehold({
      members: [
        makeMember({
          birthDate: "1990-01-01",
          activity: "salarie",
          resources: {
            ...everyMonth("2024-01", "2025-04", { salaireNet: 0 }),
            ...everyMonth("2025-05", "2025-12", { salaireNet: 300000 }),
          },
        }),
      ],
    });
    const june = simulate(h, "2025-06").results;
    expect(june.rsa.eligible).toBe(false);
    expect(june.css.detail?.participation).toBe(false);
    expect(simulate(h, "2025-10").results.css.amountCents).toBe(1400);
  });
});
