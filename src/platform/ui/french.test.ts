import { describe, expect, it } from "vitest";
import { atName, frenchDistance, frenchSpacing, ofName, sortFrench, telHref } from "./french.ts";

describe("French typography", () => {
  it.each([
    ["Antony", "d'Antony", "à Antony"],
    ["Asnières-sur-Seine", "d'Asnières-sur-Seine", "à Asnières-sur-Seine"],
    ["Issy-les-Moulineaux", "d'Issy-les-Moulineaux", "à Issy-les-Moulineaux"],
    ["Le Plessis-Robinson", "du Plessis-Robinson", "au Plessis-Robinson"],
    ["Les Lilas", "des Lilas", "aux Lilas"],
    ["La Garenne-Colombes", "de La Garenne-Colombes", "à La Garenne-Colombes"],
    ["Nanterre", "de Nanterre", "à Nanterre"],
    ["Écouen", "d'Écouen", "à Écouen"],
  ])("says « de » and « à » before %s: %s, %s", (name, of, at) => {
    expect(ofName(name)).toBe(of);
    expect(atName(name)).toBe(at);
  });

  it("sorts with accents as French readers expect: Châtenay-Malabry before Chaville", () => {
    expect(
      sortFrench(["Chaville", "Clamart", "Châtillon", "Châtenay-Malabry", "Antony"], (x) => x),
    ).toEqual(["Antony", "Châtenay-Malabry", "Châtillon", "Chaville", "Clamart"]);
  });

  it("puts a non-breaking space before : and a narrow one before ; ? ! but leaves URLs alone", () => {
    expect(frenchSpacing("Rappel : oui ; non ? si ! https://relais.fr/a?b=1")).toBe(
      "Rappel\u00a0: oui\u202f; non\u202f? si\u202f! https://relais.fr/a?b=1",
    );
    expect(frenchSpacing("Déjà\u00a0: bien")).toBe("Déjà\u00a0: bien");
  });

  it("says distances as people read them", () => {
    expect(frenchDistance(0.04)).toBe("moins de 100\u00a0m");
    expect(frenchDistance(0.749)).toBe("750\u00a0m");
    expect(frenchDistance(4.83)).toBe("4,8\u00a0km");
    expect(frenchDistance(12.4)).toBe("12\u00a0km");
  });

  it("turns a French number into a tel: link", () => {
    expect(telHref("01 99 00 00 92")).toBe("tel:+33199000092");
    expect(telHref("+33 1 99 00 00 92")).toBe("tel:+33199000092");
  });
});
