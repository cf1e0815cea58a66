import { type LegalReference, parameter } from "./types.ts";

// Prime d'activité. Figures checked against OpenFisca-France
// (parameters/.../minima_sociaux/ppa, July 2026) and the décrets cited.

const D843_1: LegalReference = {
  text: "Décret n° 2015-1710 du 21 décembre 2015",
  date: "2015-12-21",
  article: "Art. D843-1 CSS",
  url: "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031673885",
};
const D843_2: LegalReference = {
  text: "Décret n° 2018-836 du 3 octobre 2018",
  date: "2018-10-03",
  article: "Art. D843-2 CSS",
  url: "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037873473",
};
const D843_2_2026: LegalReference = {
  text: "Décret n° 2026-222 du 30 mars 2026, art. 1",
  date: "2026-03-30",
  article: "Art. D843-2 CSS",
  url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000053733855",
};

export const ppaMontantForfaitaire = parameter(
  "ppa.montant_forfaitaire",
  "Montant forfaitaire de la prime d'activité, personne seule",
  "EUR/mois",
  [
    {
      from: "2023-04-01",
      value: 595.25,
      ref: {
        text: "Décret n° 2023-343 du 4 mai 2023, art. 1",
        date: "2023-05-04",
        article: "Art. L842-3 CSS",
      },
    },
    {
      from: "2024-04-01",
      value: 622.63,
      ref: {
        text: "Décret n° 2024-403 du 1er mai 2024, art. 1",
        date: "2024-05-01",
        article: "Art. L842-3 CSS",
        url: "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000049490767",
      },
    },
    {
      from: "2025-04-01",
      value: 633.21,
      ref: {
        text: "Décret n° 2025-294 du 29 mars 2025, art. 1",
        date: "2025-03-29",
        article: "Art. L842-3 CSS",
        url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000051393100",
      },
    },
    {
      from: "2026-04-01",
      value: 638.28,
      ref: {
        text: "Décret n° 2026-222 du 30 mars 2026, art. 2",
        date: "2026-03-30",
        article: "Art. L842-3 CSS",
        url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000053733855",
      },
    },
  ],
);

/** Share of the household's earnings added to the montant forfaitaire ("pente"). */
export const ppaPente = parameter(
  "ppa.pente",
  "Part des revenus d'activité prise en compte (pente)",
  "taux",
  [
    { from: "2018-08-01", value: 0.61, ref: { ...D843_2, article: "Art. D843-3 CSS" } },
    {
      from: "2025-04-01",
      value: 0.5985,
      ref: {
        text: "Décret du 29 mars 2025 modifiant l'art. D843-3 CSS",
        date: "2025-03-29",
        article: "Art. D843-3 CSS",
        url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000051393074",
      },
      note: "Baisse de 61 % à 59,85 % au 1er avril 2025, telle que l'enregistre OpenFisca-France.",
    },
  ],
);

export const ppaBonificationSeuil = parameter(
  "ppa.bonification.seuil",
  "Revenus d'activité individuels ouvrant la bonification",
  "SMIC horaire brut",
  [{ from: "2016-01-01", value: 59, ref: D843_2 }],
);
export const ppaBonificationSeuilMax = parameter(
  "ppa.bonification.seuil_max",
  "Revenus d'activité individuels donnant la bonification maximale",
  "SMIC horaire brut",
  [
    { from: "2018-10-01", value: 120, ref: D843_2 },
    { from: "2026-04-01", value: 138, ref: D843_2_2026 },
  ],
);
export const ppaBonificationTauxMax = parameter(
  "ppa.bonification.taux_max",
  "Bonification maximale, en part du montant forfaitaire",
  "taux",
  [
    { from: "2018-10-01", value: 0.29101, ref: D843_2 },
    { from: "2026-04-01", value: 0.377, ref: D843_2_2026 },
  ],
);

export const ppaMajorationDeuxiemePersonne = parameter(
  "ppa.majoration.deuxieme_personne",
  "Majoration pour la 2e personne du foyer",
  "taux",
  [{ from: "2016-01-01", value: 0.5, ref: D843_1 }],
);
export const ppaMajorationTroisiemeQuatriemePersonne = parameter(
  "ppa.majoration.troisieme_quatrieme_personne",
  "Majoration pour la 3e personne, et la 4e quand c'est un enfant d'un couple",
  "taux",
  [{ from: "2016-01-01", value: 0.3, ref: D843_1 }],
);
export const ppaMajorationEnfantSupplementaire = parameter(
  "ppa.majoration.enfant_supplementaire",
  "Majoration par enfant à partir du 3e",
  "taux",
  [{ from: "2016-01-01", value: 0.4, ref: D843_1 }],
);
export const ppaIsolementBase = parameter(
  "ppa.isolement.base",
  "Prime majorée (parent isolé) : part de base",
  "taux",
  [
    {
      from: "2016-01-01",
      value: 1.28412,
      ref: { ...D843_1, article: "Art. L842-7 et D843-1 CSS" },
    },
  ],
);
export const ppaIsolementParEnfant = parameter(
  "ppa.isolement.par_enfant",
  "Prime majorée (parent isolé) : part par enfant",
  "taux",
  [
    {
      from: "2016-01-01",
      value: 0.42804,
      ref: { ...D843_1, article: "Art. L842-7 et D843-1 CSS" },
    },
  ],
);

export const ppaForfaitLogement1 = parameter(
  "ppa.forfait_logement.1",
  "Forfait logement, foyer d'une personne",
  "taux",
  [{ from: "2016-01-01", value: 0.12, ref: { ...D843_1, article: "Art. R844-3 CSS" } }],
);
export const ppaForfaitLogement2 = parameter(
  "ppa.forfait_logement.2",
  "Forfait logement, foyer de deux personnes",
  "taux",
  [{ from: "2016-01-01", value: 0.16, ref: { ...D843_1, article: "Art. R844-3 CSS" } }],
);
export const ppaForfaitLogement3 = parameter(
  "ppa.forfait_logement.3",
  "Forfait logement, foyer de trois personnes ou plus",
  "taux",
  [{ from: "2016-01-01", value: 0.165, ref: { ...D843_1, article: "Art. R844-3 CSS" } }],
);

export const ppaMontantMinimum = parameter(
  "ppa.montant_minimum",
  "Prime d'activité non versée en dessous de",
  "EUR/mois",
  [{ from: "2016-01-01", value: 15, ref: D843_1 }],
);
export const ppaAgeMinimum = parameter("ppa.age_minimum", "Âge minimum", "ans", [
  {
    from: "2016-01-01",
    value: 18,
    ref: {
      text: "Loi n° 2015-994 du 17 août 2015",
      date: "2015-08-17",
      article: "Art. L842-1 CSS",
    },
  },
]);
/** AAH counts as earnings when the person earns at least this many hours of SMIC (D843-4 CSS). */
export const ppaSeuilAahActivite = parameter(
  "ppa.seuil_aah_activite",
  "AAH comptée comme revenu d'activité au-delà de",
  "SMIC horaire brut",
  [
    {
      from: "2016-01-01",
      value: 29,
      ref: {
        text: "Décret n° 2018-58 du 31 janvier 2018",
        date: "2018-01-31",
        article: "Art. D843-4 CSS",
      },
    },
  ],
);
