import { describe, expect, it } from "vitest";
import { formatMillions } from "./budget.ts";
import { useSteeringDemo } from "./test-fixtures.ts";

const steering = useSteeringDemo();

describe("the social budget", () => {
  it("shows the seeds' figures by year with their source, executed left « non publié »", async () => {
    const response = await steering.app.request("/budget");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<caption>Budget social 2021 : prévu et réalisé</caption>");
    expect(html).toContain("909 M€");
    expect(html).toContain("834 M€");
    expect(html).toContain("314 M€");
    expect(html).toContain("non publié");
    expect(html).toContain("seed 000");
    expect(html).toContain("<svg");
  });

  it("downloads the same lines as CSV, in euros", async () => {
    const csv = await (await steering.app.request("/budget.csv")).text();
    expect(csv.split("\n")[0]).toBe(
      "annee;ligne;public;section;total_annee;prevu_euros;realise_euros;source;demonstration",
    );
    expect(csv).toContain(
      "2021;Action sociale (budget 2021);Tous publics;fonctionnement;oui;909000000;;",
    );
  });

  it("writes millions the French way", () => {
    expect(formatMillions(90_900_000_000)).toBe("909 M€");
    expect(formatMillions(12_345_000_000)).toBe("123,5 M€");
    expect(formatMillions(null)).toBe("non publié");
  });
});
