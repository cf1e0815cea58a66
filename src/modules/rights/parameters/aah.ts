import { type LegalReference, parameter } from "./types.ts";

// Allocation aux adultes handicapés, main case. Checked against
// OpenFisca-France parameters/prestations_sociales/prestations_etat_de_sante/invalidite/aah.

export const aahMontant = parameter("aah.montant", "Montant maximal de l'AAH", "EUR/mois", [
  {
    from: "2023-04-01",
    value: 971.37,
    ref: {
      text: "Décret n° 2023-328 du 29 avril 2023",
      date: "2023-04-29",
      article: "Art. D821-3 CSS",
    },
  },
  {
    from: "2024-04-01",
    value: 1016.05,
    ref: {
      text: "Décret n° 2024-397 du 29 avril 2024",
      date: "2024-04-29",
      article: "Art. D821-3 CSS",
      url: "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000049486529",
    },
  },
  {
    from: "2025-04-01",
    value: 1033.32,
    ref: {
      text: "Décret n° 2025-297 du 29 mars 2025, art. 1",
      date: "2025-03-29",
      article: "Art. D821-3 CSS",
      url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000051393142",
    },
  },
  {
    from: "2026-04-01",
    value: 1041.59,
    ref: {
      text: "Décret n° 2026-229 du 30 mars 2026, art. 1",
      date: "2026-03-30",
      article: "Art. D821-3 CSS",
      url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000053734356",
    },
  },
]);

const D821_2: LegalReference = { text: "Code de la sécurité sociale", article: "Art. D821-2 CSS" };
/** Yearly ceiling = 12 × montant for a person alone; + 50 % per dependent child. */
export const aahPlafondMois = parameter(
  "aah.plafond_mois",
  "Plafond de ressources, en mois d'AAH",
  "taux",
  [{ from: "2005-07-01", value: 12, ref: D821_2 }],
);
export const aahMajorationParEnfant = parameter(
  "aah.plafond_par_enfant",
  "Majoration du plafond par enfant à charge",
  "taux",
  [{ from: "2000-01-01", value: 0.5, ref: D821_2 }],
);
export const aahTauxIncapacite = parameter(
  "aah.taux_incapacite",
  "Taux d'incapacité ouvrant droit sans autre condition",
  "taux",
  [
    {
      from: "2010-11-17",
      value: 0.8,
      ref: { text: "Code de la sécurité sociale", article: "Art. L821-1 et D821-1 CSS" },
    },
  ],
);
export const aahTauxIncapaciteRsdae = parameter(
  "aah.taux_incapacite_rsdae",
  "Taux d'incapacité minimal avec restriction substantielle et durable d'accès à l'emploi",
  "taux",
  [
    {
      from: "2010-11-17",
      value: 0.5,
      ref: { text: "Code de la sécurité sociale", article: "Art. L821-2 CSS" },
    },
  ],
);
export const aahAgeMinimal = parameter("aah.age_minimal", "Âge minimal", "ans", [
  {
    from: "1986-01-01",
    value: 20,
    ref: { text: "Code de la sécurité sociale", article: "Art. L821-1 CSS" },
  },
]);
export const aahAgeRetraite = parameter(
  "aah.age_retraite",
  "Âge légal de la retraite (fin de l'AAH sous 80 %)",
  "ans",
  [
    {
      from: "2023-09-01",
      value: 64,
      ref: {
        text: "Loi n° 2023-270 du 14 avril 2023",
        date: "2023-04-14",
        article: "Art. L161-17-2 CSS",
      },
      note: "Âge cible ; la montée en charge par génération n'est pas modélisée.",
    },
  ],
);
/** Earnings of a person working in ordinary employment: 80 % off up to 30 % of the gross monthly SMIC, 40 % off above (D821-9 CSS). */
export const aahAbattementTranche1 = parameter(
  "aah.abattement.tranche_1",
  "Abattement sur les revenus d'activité jusqu'à 30 % du SMIC brut mensuel",
  "taux",
  [
    {
      from: "2011-01-01",
      value: 0.8,
      ref: {
        text: "Décret n° 2010-1403 du 12 novembre 2010",
        date: "2010-11-12",
        article: "Art. D821-9 CSS",
      },
    },
  ],
);
export const aahAbattementTranche2 = parameter(
  "aah.abattement.tranche_2",
  "Abattement sur les revenus d'activité au-delà",
  "taux",
  [
    {
      from: "2011-01-01",
      value: 0.4,
      ref: {
        text: "Décret n° 2010-1403 du 12 novembre 2010",
        date: "2010-11-12",
        article: "Art. D821-9 CSS",
      },
    },
  ],
);
export const aahTrancheSmic = parameter(
  "aah.tranche_smic",
  "Limite de la 1re tranche, en part du SMIC brut mensuel",
  "taux",
  [
    {
      from: "2011-01-01",
      value: 0.3,
      ref: {
        text: "Décret n° 2010-1403 du 12 novembre 2010",
        date: "2010-11-12",
        article: "Art. D821-9 CSS",
      },
    },
  ],
);

/**
 * From 16, the age the obligation scolaire ends, for a person no longer counted as a child for the
 * family benefits (R821-1 CSS): a young adult living on their own, never a child of a foyer here.
 */
export const aahAgeFinObligationScolaire = parameter(
  "aah.age_fin_obligation_scolaire",
  "Âge minimal pour une personne qui n'est plus à la charge de ses parents",
  "ans",
  [
    {
      from: "1986-01-01",
      value: 16,
      ref: {
        text: "Décret n° 85-1353 du 17 décembre 1985, art. 1",
        date: "1985-12-17",
        article: "Art. R821-1 CSS",
      },
    },
  ],
);

/**
 * Annual evaluation of a person who no longer works: 30 % off the earnings of year N-2, as
 * OpenFisca-France's aah_base_ressources (abattement_cessation_activite) applies it to every person
 * not working in the month and not a student.
 */
export const aahAbattementCessationActivite = parameter(
  "aah.abattement_cessation_activite",
  "Abattement sur les revenus d'activité de l'année de référence quand l'activité a cessé",
  "taux",
  [
    {
      from: "2004-01-01",
      value: 0.3,
      ref: {
        text: "Code de la sécurité sociale",
        article: "Art. R532-5 CSS (par renvoi de R821-4)",
      },
      note: "Appliqué comme OpenFisca-France ; les cas de neutralisation totale des revenus n'ont pas été relus dans le texte et ne sont pas modélisés.",
    },
  ],
);
