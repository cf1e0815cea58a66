import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { saveRecords } from "./directory-store.ts";
import { searchServices } from "./search.ts";
import { makeService, makeStructure } from "./test-fixtures.ts";

// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
const NANTERRE = { latitude: 48.8924, longitude: 2.2071 };
const ANTONY = { latitude: 48.7536, longitude: 2.2975 };

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.transaction().execute((tx) =>
    saveRecords(
      tx,
      {
        structures: [
          makeStructure({ id: "asso", nom: "Association La Soupe" }),
          makeStructure({ id: "antony", nom: "Épicerie d'Antony", code_insee: "92002", ...ANTONY }),
        ],
        services: [
          makeService({
            structure_id: "asso",
            id: "colis",
            nom: "Distribution de colis alimentaires",
            description: "Colis de produits frais et secs chaque semaine, sur inscription.",
            thematiques: ["equipement-et-alimentation--alimentation"],
            horaires_accueil: "Mo-Fr 09:00-12:00; PH off",
          }),
          makeService({
            structure_id: "asso",
            id: "domiciliation",
            nom: "Domiciliation administrative",
            description: "Une adresse pour recevoir votre courrier et faire valoir vos droits.",
            thematiques: [
              "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
            ],
            horaires_accueil: "Sa 09:00-12:00",
          }),
          makeService({
            structure_id: "antony",
            id: "epicerie",
            nom: "Épicerie solidaire",
            description:
              "Des produits à petit prix pour les familles orientées par un travailleur social.",
            thematiques: ["equipement-et-alimentation--alimentation"],
            code_insee: "92002",
            ...ANTONY,
            horaires_accueil: "Mo-Fr 14:00-18:00",
          }),
          makeService({
            structure_id: "asso",
            id: "avocat",
            nom: "Permanence juridique",
            description:
              "Un avocat répond gratuitement à vos questions de droit du travail et de la famille.",
            thematiques: [
              "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire",
            ],
            modes_accueil: ["en-presentiel", "a-distance"],
          }),
        ],
      },
      { now: NOW },
    ),
  );
});
afterAll(() => database.close());

const ids = (result: { hits: { nom: string }[] }) => result.hits.map((hit) => hit.nom);

describe("searchServices", () => {
  it("finds food aid from the everyday word « manger », accents and case ignored", async () => {
    const result = await searchServices(database.db, { text: "MANGER" }, NOW);
    expect(ids(result).sort()).toEqual([
      "Distribution de colis alimentaires",
      "Épicerie solidaire",
    ]);
  });

  it("stems French words: « colis alimentaire » finds « colis alimentaires »", async () => {
    const result = await searchServices(
      database.db,
      { text: "colis alimentaire", origin: NANTERRE },
      NOW,
    );
    expect(ids(result)[0]).toBe("Distribution de colis alimentaires");
  });

  it("tolerates a typo through the thesaurus trigrams (« domicilation »)", async () => {
    const result = await searchServices(database.db, { text: "domicilation" }, NOW);
    expect(ids(result)).toEqual(["Domiciliation administrative"]);
  });

  it("ranks the lawyer first for « avocat gratuit » and leaves food aid out", async () => {
    const result = await searchServices(database.db, { text: "avocat gratuit" }, NOW);
    expect(ids(result)[0]).toBe("Permanence juridique");
    expect(ids(result)).not.toContain("Distribution de colis alimentaires");
  });

  it("keeps only services within the radius of the origin, nearest first", async () => {
    const near = await searchServices(
      database.db,
      { text: "manger", origin: NANTERRE, radiusKm: 3 },
      NOW,
    );
    expect(ids(near)).toEqual(["Distribution de colis alimentaires"]);
    const wide = await searchServices(
      database.db,
      { text: "manger", origin: NANTERRE, radiusKm: 30 },
      NOW,
    );
    expect(ids(wide)).toEqual(["Distribution de colis alimentaires", "Épicerie solidaire"]);
    expect(wide.hits[1]?.distanceKm).toBeGreaterThan(15);
  });

  it("filters on what is open now in Europe/Paris (Monday 10:30)", async () => {
    const result = await searchServices(database.db, { text: "manger", openNow: true }, NOW);
    expect(ids(result)).toEqual(["Distribution de colis alimentaires"]);
    expect(result.hits[0]?.status.kind).toBe("open");
  });

  it("filters by theme category and by mode of reception", async () => {
    const food = await searchServices(database.db, { theme: "equipement-et-alimentation" }, NOW);
    expect(food.total).toBe(2);
    const remote = await searchServices(database.db, { modesAccueil: ["a-distance"] }, NOW);
    expect(ids(remote)).toEqual(["Permanence juridique"]);
  });

  it("treats query syntax as plain words (no injection, no error)", async () => {
    const result = await searchServices(
      database.db,
      { text: "colis' & !| <-> ); DROP TABLE x; --" },
      NOW,
    );
    expect(ids(result)).toContain("Distribution de colis alimentaires");
  });

  it("pages results with a stable total", async () => {
    const first = await searchServices(database.db, { pageSize: 3, page: 1 }, NOW);
    const second = await searchServices(database.db, { pageSize: 3, page: 2 }, NOW);
    expect(first.total).toBe(4);
    expect(first.hits).toHaveLength(3);
    expect(second.hits).toHaveLength(1);
  });
});
