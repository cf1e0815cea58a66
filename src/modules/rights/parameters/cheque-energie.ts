import { type LegalReference, parameter } from "./types.ts";

// Chèque énergie. OpenFisca-France stops at the 2019 amounts and the 2021
// ceiling (10 800 €); the ceiling of 11 000 € comes from the arrêté du
// 3 mars 2023 (which replaced the arrêté du 24 février 2021 and kept the face
// values), and the intermediate thresholds are those published for the 2024
// and 2025 campaigns. No change for 2026 had been published when this was written.

export interface ChequeEnergieBareme {
  /** Upper bounds (exclusive) of the RFR per unité de consommation, in euros. */
  readonly thresholds: readonly [number, number, number, number];
  /** Yearly amount by bracket for 1 UC, more than 1 and less than 2 UC, 2 UC or more. */
  readonly oneUc: readonly [number, number, number, number];
  readonly betweenOneAndTwoUc: readonly [number, number, number, number];
  readonly twoUcOrMore: readonly [number, number, number, number];
}

const ARRETE_2023: LegalReference = {
  text: "Arrêté du 3 mars 2023 fixant les critères d'éligibilité au chèque énergie",
  date: "2023-03-03",
  article: "Art. R124-1 et suivants du code de l'énergie",
};

export const chequeEnergieBareme = parameter<ChequeEnergieBareme>(
  "cheque_energie.bareme",
  "Barème du chèque énergie selon le RFR par unité de consommation",
  "EUR/an",
  [
    {
      from: "2023-03-04",
      value: {
        thresholds: [5700, 6800, 7850, 11000],
        oneUc: [194, 146, 98, 48],
        betweenOneAndTwoUc: [240, 176, 113, 63],
        twoUcOrMore: [277, 202, 126, 76],
      },
      ref: ARRETE_2023,
      note: "OpenFisca-France en est resté au plafond de 10 800 € (arrêté du 24 février 2021) et aux seuils 5 600 / 6 700 / 7 700 €.",
    },
  ],
);

export const chequeEnergieUc = parameter(
  "cheque_energie.uc",
  "Unités de consommation : 1re personne / 2e personne / chaque personne suivante",
  "personnes",
  [
    {
      from: "2017-01-01",
      value: [1, 0.5, 0.3] as const,
      ref: {
        text: "Décret n° 2016-555 du 6 mai 2016",
        date: "2016-05-06",
        article: "Art. R124-2 du code de l'énergie",
      },
    },
  ],
);
