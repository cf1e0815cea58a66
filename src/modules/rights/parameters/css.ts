import { type LegalReference, parameter } from "./types.ts";

// Complémentaire santé solidaire (CSS, « C2S »).
// OpenFisca-France stops at April 2024 for these ceilings: the 2024 and 2025
// figures come from the arrêtés as published (Lefebvre « chiffres et taux »,
// ameli / service-public tables), and no 2026 figure had been found when this
// file was written, so the April 2025 ceilings stay in force here until one is.

/** Yearly ceilings of resources (metropolitan France) by household size. */
export interface CssCeilings {
  /** Index 0 = 1 person … index 3 = 4 persons. */
  readonly free: readonly [number, number, number, number];
  readonly freeExtraPerson: number;
  readonly withParticipation: readonly [number, number, number, number];
  readonly withParticipationExtraPerson: number;
}

const L861_1: LegalReference = {
  text: "Code de la sécurité sociale",
  article: "Art. L861-1 et R861-3 CSS",
};

export const cssPlafonds = parameter<CssCeilings>(
  "css.plafonds",
  "Plafonds annuels de ressources de la CSS (métropole)",
  "EUR/an",
  [
    {
      from: "2023-04-01",
      value: {
        free: [9719, 14578, 17494, 20409],
        freeExtraPerson: 3887,
        withParticipation: [13120, 19680, 23616, 27553],
        withParticipationExtraPerson: 5248,
      },
      ref: {
        ...L861_1,
        text: "Arrêté du 27 mars 2023 (plafonds au 1er avril 2023)",
        date: "2023-03-27",
      },
      note: "OpenFisca-France : plafond de base 9 719 €. Tableau complet : Lefebvre Dalloz, « Complémentaire santé solidaire : conditions de ressources » 2023-2024.",
    },
    {
      from: "2024-04-01",
      value: {
        free: [10166, 15249, 18298, 21348],
        freeExtraPerson: 4066,
        withParticipation: [13724, 20586, 24703, 28820],
        withParticipationExtraPerson: 5490,
      },
      ref: {
        ...L861_1,
        text: "Arrêté du 26 mars 2024, art. 1",
        date: "2024-03-26",
        url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000049339291",
      },
      note: "Dernière valeur connue d'OpenFisca-France (plafond de base 10 166 €). Tableau : Que Choisir, « Complémentaire santé solidaire » (applicable jusqu'au 31 mars 2025).",
    },
    {
      from: "2025-04-01",
      value: {
        free: [10339, 15508, 18609, 21711],
        freeExtraPerson: 4135,
        withParticipation: [13957, 20936, 25123, 29311],
        withParticipationExtraPerson: 5583,
      },
      ref: {
        ...L861_1,
        text: "Arrêté du 28 mars 2025 (revalorisation de 1,7 % au 1er avril 2025, JO du 29 mars 2025)",
        date: "2025-03-28",
      },
      note: "OpenFisca-France n'a pas cette valeur (paramètre arrêté en avril 2024). Tableau : Lefebvre Dalloz, plafonds du 1-4-2025 au 1-4-2026.",
    },
  ],
);

const PARTICIPATION: LegalReference = {
  text: "Arrêté du 21 octobre 2019 fixant le montant de la participation financière à la CSS",
  date: "2019-10-21",
  article: "Art. L861-1 et D861-3 CSS",
};

/** Monthly participation per person, by age on 1 January of the year the right starts. */
export interface CssParticipation {
  readonly upTo29: number;
  readonly from30To49: number;
  readonly from50To59: number;
  readonly from60To69: number;
  readonly from70: number;
}
export const cssParticipation = parameter<CssParticipation>(
  "css.participation",
  "Participation financière mensuelle par personne selon l'âge",
  "EUR/mois",
  [
    {
      from: "2019-11-01",
      value: { upTo29: 8, from30To49: 14, from50To59: 21, from60To69: 25, from70: 30 },
      ref: PARTICIPATION,
    },
  ],
);

/** Forfait logement deducted from CSS resources, as a share of the RSA montant forfaitaire (R861-7 CSS). */
const R861_7: LegalReference = {
  text: "Loi n° 2018-1203 du 22 décembre 2018 (LFSS 2019)",
  date: "2018-12-22",
  article: "Art. R861-7 CSS",
  url: "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038929244",
};
export const cssForfaitLogementAvecAl = parameter(
  "css.forfait_logement.avec_al",
  "Forfait logement (aide au logement perçue) 1 / 2 / 3+ personnes",
  "taux",
  [{ from: "2019-11-01", value: [0.12, 0.16, 0.165] as const, ref: R861_7 }],
);
export const cssForfaitLogementSansAl = parameter(
  "css.forfait_logement.sans_al",
  "Forfait logement (propriétaire ou logé gratuitement) 1 / 2 / 3+ personnes",
  "taux",
  [{ from: "2019-11-01", value: [0.12, 0.14, 0.14] as const, ref: R861_7 }],
);
