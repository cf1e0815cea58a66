import { parameter } from "./types.ts";

// Employee social contributions of a private-sector, non-managerial employee
// (OpenFisca's default `categorie_salarie`: prive_non_cadre) of the régime
// général outside Alsace-Moselle, on a salary up to the plafond mensuel de la
// sécurité sociale (tranche 1). They turn OpenFisca's gross `salaire_de_base`
// into the net salary the engine reads (see `gross-to-net.ts`). No employee
// share is due for health (since 2018) nor unemployment (since October 2018,
// loi n° 2017-1836 du 30 décembre 2017, art. 8).

const D242_4 = {
  text: "Code de la sécurité sociale, taux des cotisations d'assurance vieillesse",
  article: "Art. D242-4 CSS",
  url: "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053302465",
};
const AGIRC_ARRCO = {
  text: "Accord national interprofessionnel du 17 novembre 2017 instituant le régime Agirc-Arrco (taux appelés, répartition 60 % employeur / 40 % salarié), circulaire Agirc-Arrco 2025-16-SG-DRJ du 30 octobre 2025 (taux inchangés en 2026)",
  date: "2017-11-17",
};

export const cotisationVieillessePlafonnee = parameter(
  "cotisations.salarie.vieillesse_plafonnee",
  "Cotisation salariale d'assurance vieillesse, dans la limite du plafond",
  "taux",
  [{ from: "2017-01-01", value: 0.069, ref: D242_4 }],
);
export const cotisationVieillesseDeplafonnee = parameter(
  "cotisations.salarie.vieillesse_deplafonnee",
  "Cotisation salariale d'assurance vieillesse, sur la totalité du salaire",
  "taux",
  [{ from: "2017-01-01", value: 0.004, ref: D242_4 }],
);
export const cotisationAgircArrcoT1 = parameter(
  "cotisations.salarie.agirc_arrco_t1",
  "Retraite complémentaire Agirc-Arrco, tranche 1, part salariale (40 % de 7,87 %)",
  "taux",
  [{ from: "2019-01-01", value: 0.0315, ref: AGIRC_ARRCO }],
);
export const contributionEquilibreGeneralT1 = parameter(
  "cotisations.salarie.ceg_t1",
  "Contribution d'équilibre général, tranche 1, part salariale (40 % de 2,15 %)",
  "taux",
  [{ from: "2019-01-01", value: 0.0086, ref: AGIRC_ARRCO }],
);
export const csgActivite = parameter(
  "cotisations.salarie.csg",
  "CSG sur les revenus d'activité (6,8 % déductible + 2,4 % non déductible)",
  "taux",
  [
    {
      from: "2018-01-01",
      value: 0.092,
      ref: {
        text: "Loi n° 2017-1836 du 30 décembre 2017 de financement de la sécurité sociale pour 2018, art. 8",
        date: "2017-12-30",
        article: "Art. L136-8 CSS",
      },
    },
  ],
);
export const crdsActivite = parameter(
  "cotisations.salarie.crds",
  "Contribution au remboursement de la dette sociale",
  "taux",
  [
    {
      from: "1996-02-01",
      value: 0.005,
      ref: { text: "Ordonnance n° 96-50 du 24 janvier 1996, art. 14 et 19", date: "1996-01-24" },
    },
  ],
);
export const assietteCsgCrds = parameter(
  "cotisations.salarie.assiette_csg",
  "Part du salaire brut soumise à la CSG et à la CRDS (abattement pour frais professionnels de 1,75 %)",
  "taux",
  [
    {
      from: "2012-01-01",
      value: 0.9825,
      ref: {
        text: "Loi n° 2011-1906 du 21 décembre 2011 de financement de la sécurité sociale pour 2012",
        date: "2011-12-21",
        article: "Art. L136-1-2 CSS",
      },
    },
  ],
);
export const plafondMensuelSecuriteSociale = parameter(
  "cotisations.pmss",
  "Plafond mensuel de la sécurité sociale",
  "EUR/mois",
  [
    {
      from: "2024-01-01",
      value: 3864,
      ref: {
        text: "Arrêté du 19 décembre 2023 portant fixation du plafond de la sécurité sociale pour 2024",
        date: "2023-12-19",
        article: "Art. L241-3 CSS",
      },
    },
    {
      from: "2025-01-01",
      value: 3925,
      ref: {
        text: "Arrêté du 19 décembre 2024 portant fixation du plafond de la sécurité sociale pour 2025",
        date: "2024-12-19",
        article: "Art. L241-3 CSS",
      },
    },
    {
      from: "2026-01-01",
      value: 4005,
      ref: {
        text: "Arrêté portant fixation du plafond de la sécurité sociale pour 2026 (4 005 € par mois, repris par la circulaire Agirc-Arrco 2025-16-SG-DRJ du 30 octobre 2025)",
        article: "Art. L241-3 CSS",
      },
    },
  ],
);
