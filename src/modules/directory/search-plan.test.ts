import { describe, expect, it } from "vitest";
import { FRANCE_COUNTRY_CODE, MAX_RADIUS_KM, pageOf, planSearch } from "./search-plan.ts";
import { parseQuery, type Thesaurus } from "./search-query.ts";

const THESAURUS: Thesaurus = {
  mots_vides: ["de", "pour"],
  entries: [
    {
      mots: ["colis"],
      synonymes: ["panier", "aide alimentaire"],
      thematiques: ["equipement-et-alimentation--alimentation"],
    },
    {
      mots: ["avocat"],
      synonymes: ["juriste"],
      thematiques: [
        "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
      ],
    },
  ],
};

const plan = (text: string, filters = {}, join: "&" | "|" = "&") =>
  planSearch({
    filters: { text, ...filters },
    query: parseQuery(text, THESAURUS),
    join,
    useSearchKeys: true,
  });

describe("planSearch", () => {
  it("joins the needs with & (every need) or | (any need, the relaxed search)", () => {
    expect(plan("colis avocat").tsQuery).toBe(
      "(colis | panier | aide <-> alimentaire) & (avocat | juriste)",
    );
    expect(plan("colis avocat", {}, "|").tsQuery).toBe(
      "(colis | panier | aide <-> alimentaire) | (avocat | juriste)",
    );
  });

  it("keeps the words as typed apart from the thesaurus's synonyms", () => {
    expect(plan("colis avocat").ownWords).toBe("(colis) & (avocat)");
  });

  it("looks in names only for words of 4 letters or more, each once", () => {
    expect(plan("colis bus colis avocat").nameWords).toEqual(["colis", "avocat"]);
  });

  it("gives trigram tolerance only to words the thesaurus does not know", () => {
    expect(plan("colis plombier").unknownWords).toBe("plombier");
    expect(plan("coliss").unknownWords).toBe("");
  });

  it("has no text when nothing but empty words is typed", () => {
    const empty = plan("de pour");
    expect(empty.hasText).toBe(false);
    expect(empty.bonus).toBe(0);
    expect(plan("colis").bonus).toBe(4);
  });

  it("reads a theme as a category (all its thematiques) or one full thematique", () => {
    const category = plan("", { theme: "equipement-et-alimentation" }).wantedThemes;
    expect(category).toContain("equipement-et-alimentation--alimentation");
    expect(category?.every((theme) => theme.startsWith("equipement-et-alimentation--"))).toBe(true);
    expect(plan("", { theme: "sante--acces-aux-soins" }).wantedThemes).toEqual([
      "sante--acces-aux-soins",
    ]);
    expect(plan("", { theme: "" }).wantedThemes).toBeUndefined();
  });

  it("lists the zones that hold the place, the country always last", () => {
    expect(
      plan("", { communeCode: "92050", departementCode: "92", zoneCodes: ["200054781"] }).zone,
    ).toEqual(["92050", "92", "200054781", "france", FRANCE_COUNTRY_CODE]);
    expect(plan("").zone).toEqual(["france", FRANCE_COUNTRY_CODE]);
  });

  it("keeps the radius between 100 m and the maximum, 5 km by default", () => {
    expect(plan("").radiusKm).toBe(5);
    expect(plan("", { radiusKm: 0 }).radiusKm).toBe(0.1);
    expect(plan("", { radiusKm: 500 }).radiusKm).toBe(MAX_RADIUS_KM);
  });

  it("keeps pages within bounds and ranks enough candidates for the page asked", () => {
    expect(pageOf({ page: 0, pageSize: 1_000 })).toEqual({ page: 1, pageSize: 100 });
    expect(pageOf({ page: 2.7, pageSize: 0 })).toEqual({ page: 2, pageSize: 1 });
    expect(plan("", { page: 1, pageSize: 10 }).rankedCount).toBe(20);
    expect(plan("", { page: 3, pageSize: 25 }).rankedCount).toBe(75);
  });

  it("filters only on the lists given", () => {
    expect(plan("", { publics: ["jeunes"], modesAccueil: [], frais: "" }).listFilters).toEqual([
      { column: "publics", values: ["jeunes"] },
    ]);
    expect(plan("", { frais: "" }).frais).toBeUndefined();
  });
});
