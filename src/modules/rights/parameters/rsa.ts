import { type LegalReference, parameter } from "./types.ts";

// Revenu de solidarité active. Figures checked against OpenFisca-France
// (parameters/prestations_sociales/solidarite_insertion/minima_sociaux/rsa,
// snapshot of July 2026) and the décrets cited.

const R262_1: LegalReference = {
  text: "Décret n° 2009-404 du 15 avril 2009",
  date: "2009-04-15",
  article: "Art. R262-1 CASF",
  url: "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020526181",
};
const R262_9: LegalReference = {
  text: "Décret n° 2009-404 du 15 avril 2009",
  date: "2009-04-15",
  article: "Art. R262-9 et R262-10 CASF",
  url: "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020526192",
};

export const rsaMontantForfaitaire = parameter(
  "rsa.montant_forfaitaire",
  "Montant forfaitaire du RSA, personne seule",
  "EUR/mois",
  [
    {
      from: "2023-04-01",
      value: 607.75,
      ref: {
        text: "Décret n° 2023-340 du 4 mai 2023, art. 1",
        date: "2023-05-04",
        article: "Art. L262-2 CASF",
      },
    },
    {
      from: "2024-04-01",
      value: 635.71,
      ref: {
        text: "Décret n° 2024-396 du 29 avril 2024, art. 1",
        date: "2024-04-29",
        article: "Art. L262-2 CASF",
        url: "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000049486518",
      },
    },
    {
      from: "2025-04-01",
      value: 646.52,
      ref: {
        text: "Décret n° 2025-293 du 29 mars 2025, art. 1",
        date: "2025-03-29",
        article: "Art. L262-2 CASF",
        url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000051393086",
      },
    },
    {
      from: "2026-04-01",
      value: 651.69,
      ref: {
        text: "Décret n° 2026-220 du 30 mars 2026, art. 1",
        date: "2026-03-30",
        article: "Art. L262-2 CASF",
        url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000053733826",
      },
    },
  ],
);

/** Majorations of the montant forfaitaire by household size (R262-1 CASF). */
export const rsaMajorationDeuxiemePersonne = parameter(
  "rsa.majoration.deuxieme_personne",
  "Majoration pour la 2e personne du foyer",
  "taux",
  [{ from: "2009-06-01", value: 0.5, ref: R262_1 }],
);
export const rsaMajorationTroisiemeQuatriemePersonne = parameter(
  "rsa.majoration.troisieme_quatrieme_personne",
  "Majoration pour la 3e personne, et la 4e quand c'est un enfant d'un couple",
  "taux",
  [{ from: "2009-06-01", value: 0.3, ref: R262_1 }],
);
export const rsaMajorationEnfantSupplementaire = parameter(
  "rsa.majoration.enfant_supplementaire",
  "Majoration par enfant à partir du 3e",
  "taux",
  [{ from: "2009-06-01", value: 0.4, ref: R262_1 }],
);

/** Majoration pour isolement (parent isolé, femme enceinte isolée): L262-9 and R262-1 CASF. */
export const rsaIsolementBase = parameter(
  "rsa.isolement.base",
  "RSA majoré : part de base (en montant forfaitaire)",
  "taux",
  [
    {
      from: "2009-06-01",
      value: 1.28412,
      ref: { ...R262_1, article: "Art. L262-9 et R262-1 CASF" },
    },
  ],
);
export const rsaIsolementParEnfant = parameter(
  "rsa.isolement.par_enfant",
  "RSA majoré : part par enfant à charge",
  "taux",
  [
    {
      from: "2009-06-01",
      value: 0.42804,
      ref: { ...R262_1, article: "Art. L262-9 et R262-1 CASF" },
    },
  ],
);
export const rsaIsolementAgeEnfant = parameter(
  "rsa.isolement.age_enfant",
  "RSA majoré sans limite de durée tant qu'un enfant a moins de",
  "ans",
  [{ from: "2009-06-01", value: 3, ref: { ...R262_1, article: "Art. R262-1 CASF" } }],
);
export const rsaIsolementDureeMois = parameter(
  "rsa.isolement.duree",
  "Durée de la majoration après l'isolement (mois)",
  "ans",
  [
    {
      from: "2009-06-01",
      value: 12,
      ref: { ...R262_1, article: "Art. R262-1 CASF (12 mois dans la limite de 18)" },
    },
  ],
);

export const rsaForfaitLogement1 = parameter(
  "rsa.forfait_logement.1",
  "Forfait logement, foyer d'une personne",
  "taux",
  [{ from: "2009-06-01", value: 0.12, ref: R262_9 }],
);
export const rsaForfaitLogement2 = parameter(
  "rsa.forfait_logement.2",
  "Forfait logement, foyer de deux personnes",
  "taux",
  [{ from: "2009-06-01", value: 0.16, ref: R262_9 }],
);
export const rsaForfaitLogement3 = parameter(
  "rsa.forfait_logement.3",
  "Forfait logement, foyer de trois personnes ou plus",
  "taux",
  [{ from: "2009-06-01", value: 0.165, ref: R262_9 }],
);

/**
 * ASF counted as a flat amount in the RSA and PPA resources (R262-10-1 CASF, R844-4 CSS).
 * Source corrected (issue 14): R262-10-1 was created by décret n° 2014-554 du 27 mai 2014
 * (art. 1, « modalités de prise en compte de l'ASF et du complément familial dans le calcul
 * du RSA », in force from 1 April 2014); décret n° 2014-422 du 24 avril 2014, cited here
 * before, changed the PAJE (art. D531-3 CSS), not the RSA. Same reading in OpenFisca-France
 * (rsa_maj/forfait_asf/taux2.yaml: 22.5 % of the BMAF, décret 2014-554 art. 1). Value unchanged.
 */
/**
 * For a parent in a situation of L262-9 CASF (RSA majoré), the PAJE allocation de base is not
 * counted until the end of the month in which the child reaches this age, in months (R262-11).
 */
export const rsaPajeNonCompteeMois = parameter(
  "rsa.paje_base_non_comptee_mois",
  "Parent isolé : allocation de base de la PAJE non comptée jusqu'au mois des … mois de l'enfant",
  "taux",
  [
    {
      from: "2009-06-01",
      value: 3,
      ref: {
        text: "Décret n° 2009-404 du 15 avril 2009 relatif au revenu de solidarité active",
        date: "2009-04-15",
        article: "Art. R262-11 CASF",
      },
      note: "OpenFisca-France ne modélise pas cette exception (rsa_base_ressources_prestations_familiales compte paje_base chaque mois).",
    },
  ],
);

export const rsaForfaitAsf = parameter(
  "rsa.forfait_asf",
  "ASF retenue forfaitairement par enfant",
  "BMAF",
  [
    {
      from: "2014-04-01",
      value: 0.225,
      ref: {
        text: "Décret n° 2014-554 du 27 mai 2014, art. 1",
        date: "2014-05-27",
        article: "Art. R262-10-1 CASF ; art. R844-4 CSS",
      },
    },
  ],
);

export const rsaMontantMinimum = parameter(
  "rsa.montant_minimum",
  "RSA non versé en dessous de",
  "EUR/mois",
  [
    {
      from: "2009-06-01",
      value: 6,
      ref: {
        text: "Décret n° 2009-404 du 15 avril 2009",
        date: "2009-04-15",
        article: "Art. R262-39 CASF",
      },
    },
  ],
);

export const rsaAgeMinimum = parameter(
  "rsa.age_minimum",
  "Âge minimum sans enfant ni grossesse",
  "ans",
  [
    {
      from: "2009-06-01",
      value: 25,
      ref: {
        text: "Loi n° 2008-1249 du 1er décembre 2008",
        date: "2008-12-01",
        article: "Art. L262-4 CASF",
      },
    },
  ],
);
