import { type LegalReference, type Parameter, parameter } from "./types.ts";

// Bourses nationales de collège (art. D531-1 s. code de l'éducation) and de lycée (art. D531-19 s.).
// Ceilings: revenu fiscal de référence by number of dependent children, written by the arrêtés of
// 22 March 2016 as multiples of the SMIC horaire brut of 1 July of the reference year (N-2);
// amounts: a share of the BMAF of 1 January of the year, per pupil and per school year, paid
// in three terms. Values checked against OpenFisca-France (parameters/prestations_sociales/
// education/bourses/bourses_education, marked still valid on 3 November 2025): no later arrêté
// or décret changed them in the texts available on 6 December 2026, so the barème of the
// 2025-2026 school year (the latest whose validity is confirmed) is used for 2026-2027 too,
// and the page and the API say so (SCHOOL_YEAR_CHECKED).

/** The latest school year whose barème was checked on a source. */
export const SCHOOL_YEAR_CHECKED = "2025-2026";

const ARRETE_COLLEGE: LegalReference = {
  text: "Arrêté du 22 mars 2016 fixant les plafonds de ressources ouvrant droit à l'attribution d'une bourse nationale de collège (NOR MENE1606428A), art. 1",
  date: "2016-03-22",
  article: "Art. D531-4 code de l'éducation",
  url: "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000032325020",
};
const DECRET_COLLEGE: LegalReference = {
  text: "Décret n° 2017-792 du 5 mai 2017",
  date: "2017-05-05",
  article: "Art. D531-7 code de l'éducation",
  url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000034601676",
};
const ARRETE_LYCEE: LegalReference = {
  text: "Arrêté du 22 mars 2016 fixant les modalités de détermination des plafonds de ressources ouvrant droit à l'attribution d'une bourse nationale d'études du second degré de lycée (NOR MENE1606432A)",
  date: "2016-03-22",
  article: "Art. D531-21 code de l'éducation",
  url: "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000032325028",
};
const D531_29: LegalReference = {
  text: "Code de l'éducation, art. D531-29, version en vigueur depuis le 1er juillet 2016",
  article: "Art. D531-29 code de l'éducation",
  url: "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033056575",
};

/** Ceilings of one échelon, by number of dependent children (1 to 8 and more), in SMIC horaires. */
function ceilings(
  name: string,
  label: string,
  from: string,
  values: readonly number[],
  ref: LegalReference,
): Parameter<readonly number[]> {
  return parameter<readonly number[]>(name, label, "SMIC horaire brut", [
    { from, value: values, ref },
  ]);
}

/**
 * Collège: three échelons; index 0 = one child … index 7 = eight children or more. Échelon 3
 * (the highest amount) has the lowest ceiling.
 */
export const collegePlafonds: readonly Parameter<readonly number[]>[] = [
  ceilings(
    "bourse_college.echelon_1.plafonds",
    "Bourse de collège, plafonds de l'échelon 1 (1 à 8 enfants et plus)",
    "2016-07-01",
    [1556.2, 1915.3, 2274.4, 2633.5, 2992.7, 3351.8, 3710.9, 4070],
    ARRETE_COLLEGE,
  ),
  ceilings(
    "bourse_college.echelon_2.plafonds",
    "Bourse de collège, plafonds de l'échelon 2 (1 à 8 enfants et plus)",
    "2016-07-01",
    [841.2, 1035.4, 1229.5, 1423.7, 1617.8, 1811.9, 2006.1, 2200.2],
    ARRETE_COLLEGE,
  ),
  ceilings(
    "bourse_college.echelon_3.plafonds",
    "Bourse de collège, plafonds de l'échelon 3 (1 à 8 enfants et plus)",
    "2016-07-01",
    [296.8, 365.3, 433.8, 502.3, 570.8, 639.3, 707.8, 776.3],
    ARRETE_COLLEGE,
  ),
];

/** Collège: yearly amount per pupil of échelons 1, 2, 3, as a share of the BMAF. */
export const collegeTaux = parameter<readonly number[]>(
  "bourse_college.taux",
  "Bourse de collège, montant annuel par élève des échelons 1, 2 et 3",
  "BMAF",
  [{ from: "2017-05-07", value: [0.256, 0.7091, 1.1075], ref: DECRET_COLLEGE }],
);

/** Lycée: six échelons (index 0 = échelon 1); échelon 6 has the lowest ceiling. */
export const lyceePlafonds: readonly Parameter<readonly number[]>[] = [
  [1855, 1997.6, 2282.9, 2639.7, 2996.4, 3424.6, 3852.6, 4280.7],
  [1468.4, 1602.1, 1869, 2136.2, 2536.7, 2937.1, 3337.7, 3738.4],
  [1247.1, 1360.4, 1587.2, 1814, 2154.1, 2494.3, 2834.5, 3174.7],
  [1005.8, 1097.1, 1280.1, 1463, 1737.3, 2011.8, 2285.9, 2560.2],
  [625.1, 694.6, 833.5, 972.3, 1180.7, 1389.2, 1597.5, 1805.9],
  [244.3, 291.9, 386.9, 481.7, 624.1, 766.4, 909, 1051.3],
].map((values, i) =>
  ceilings(
    `bourse_lycee.echelon_${i + 1}.plafonds`,
    `Bourse de lycée, plafonds de l'échelon ${i + 1} (1 à 8 enfants et plus)`,
    "2016-07-01",
    values,
    ARRETE_LYCEE,
  ),
);

/** Lycée: yearly amount per pupil of échelons 1 to 6, as a share of the BMAF. */
export const lyceeTaux = parameter<readonly number[]>(
  "bourse_lycee.taux",
  "Bourse de lycée, montant annuel par élève des échelons 1 à 6",
  "BMAF",
  [{ from: "2016-07-01", value: [1.0642, 1.3079, 1.5435, 1.7791, 2.0147, 2.2584], ref: D531_29 }],
);

/** Every parameter of the bourses, for the list of sources (resolve.ts ALL_PARAMETERS). */
export const BOURSES_PARAMETERS: readonly Parameter<unknown>[] = [
  ...collegePlafonds,
  collegeTaux,
  ...lyceePlafonds,
  lyceeTaux,
];
