import { type LegalReference, parameter, revaluations } from "./types.ts";

// Prestations familiales: BMAF, allocations familiales, allocation de rentrée
// scolaire, allocation de soutien familial. Figures checked against
// OpenFisca-France (parameters/prestations_sociales/prestations_familiales,
// July 2026) and the instructions and arrêtés cited.

export const bmaf = parameter(
  "bmaf",
  "Base mensuelle de calcul des allocations familiales (BMAF)",
  "EUR/mois",
  [
    {
      from: "2023-04-01",
      value: 445.93,
      ref: {
        text: "Instruction interministérielle DSS/2B/2023/41 du 24 mars 2023",
        date: "2023-03-24",
        article: "Art. L551-1 CSS",
      },
    },
    {
      from: "2024-04-01",
      value: 466.44,
      ref: {
        text: "Instruction interministérielle n° DSS/2B/2024/43 du 20 mars 2024",
        date: "2024-03-20",
        article: "Art. L551-1 CSS",
        url: "https://sante.gouv.fr/fichiers/bo/2024/2024.6.sante.pdf#page=84",
      },
    },
    {
      from: "2025-04-01",
      value: 474.37,
      ref: {
        text: "Instruction interministérielle n° DSS/2A/2C/2025/32 du 7 mars 2025",
        date: "2025-03-07",
        article: "Art. L551-1 CSS",
        url: "https://sante.gouv.fr/fichiers/bo/2025/2025.6.sante.pdf#page=9",
      },
    },
    {
      from: "2026-04-01",
      value: 478.16,
      ref: {
        text: "Instruction interministérielle n° DSS/2B/2026/46 du 20 mars 2026",
        date: "2026-03-20",
        article: "Art. L551-1 CSS",
      },
    },
  ],
);

const D521_1: LegalReference = {
  text: "Décret n° 2015-421 du 14 avril 2015",
  date: "2015-04-14",
  article: "Art. D521-1 CSS",
};
const D521_2: LegalReference = {
  text: "Décret n° 2008-409 du 28 avril 2008",
  date: "2008-04-28",
  article: "Art. D521-2 CSS",
};

export const afTauxDeuxEnfants = parameter("af.taux.deux_enfants", "AF pour deux enfants", "BMAF", [
  { from: "1982-02-01", value: 0.32, ref: D521_1 },
]);
export const afTauxEnfantSupplementaire = parameter(
  "af.taux.enfant_supplementaire",
  "AF par enfant à partir du 3e",
  "BMAF",
  [{ from: "1986-01-01", value: 0.41, ref: D521_1 }],
);
export const afMajorationAge = parameter(
  "af.majoration_age.taux",
  "Majoration pour âge par enfant",
  "BMAF",
  [{ from: "2008-05-01", value: 0.16, ref: D521_2 }],
);
export const afMajorationAgeSeuil = parameter(
  "af.majoration_age.age",
  "Âge ouvrant la majoration pour âge",
  "ans",
  [
    { from: "2008-05-01", value: 14, ref: D521_2 },
    {
      from: "2026-03-01",
      value: 18,
      ref: {
        text: "Décret n° 2026-138 du 27 février 2026 portant à dix-huit ans l'âge de la majoration des allocations familiales",
        date: "2026-02-27",
        article: "Art. D521-2 CSS",
        url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000053594174",
      },
      note: "Ne s'applique qu'aux enfants dont le 14e anniversaire tombe à partir du 1er mars 2026 ; les autres gardent la majoration à 14 ans.",
    },
  ],
);
export const afForfait20Ans = parameter(
  "af.forfait_20_ans",
  "Allocation forfaitaire pour un enfant de 20 ans (familles de 3 enfants ou plus)",
  "BMAF",
  [
    {
      from: "2003-07-01",
      value: 0.20234,
      ref: {
        text: "Décret n° 2003-607 du 2 juillet 2003",
        date: "2003-07-02",
        article: "Art. D521-1 CSS",
      },
    },
  ],
);
export const afAgeLimite = parameter(
  "af.age_limite",
  "Âge limite d'un enfant à charge pour les AF",
  "ans",
  [
    {
      from: "2000-02-01",
      value: 20,
      ref: { text: "Code de la sécurité sociale", article: "Art. R512-2 CSS" },
    },
  ],
);
export const afModulationTranche2 = parameter(
  "af.modulation.tranche_2",
  "AF au-dessus du 1er plafond (part du montant)",
  "taux",
  [{ from: "2015-07-01", value: 0.5, ref: { ...D521_1, article: "Art. D521-1 et D521-3 CSS" } }],
);
export const afModulationTranche3 = parameter(
  "af.modulation.tranche_3",
  "AF au-dessus du 2e plafond (part du montant)",
  "taux",
  [{ from: "2015-07-01", value: 0.25, ref: { ...D521_1, article: "Art. D521-1 et D521-3 CSS" } }],
);

/**
 * Complément dégressif (L521-1 al. 4 and D521-3 CSS, since 1 July 2015): a family whose resources
 * exceed a ceiling by less than twelve months of the AF at the new rate receives, each month, the
 * ceiling + 12 × that AF − the resources, divided by 12. The divisor, in months.
 */
export const afComplementDegressifMois = parameter(
  "af.complement_degressif.mois",
  "Complément dégressif : nombre de mois d'AF ajoutés au plafond (et diviseur)",
  "taux",
  [
    {
      from: "2015-07-01",
      value: 12,
      ref: {
        text: "Loi n° 2014-1554 du 22 décembre 2014 de financement de la sécurité sociale pour 2015, art. 85",
        date: "2014-12-22",
        article: "Art. L521-1 (4e alinéa) et D521-3 CSS",
      },
      note: "OpenFisca-France : af_complement_degressif et af_allocation_forfaitaire_complement_degressif (chacun séparément).",
    },
  ],
);

const plafondsRef = (year: number, text: string, date: string): LegalReference => ({
  text,
  date,
  article: "Art. D521-3 CSS",
  ...(year === 2026
    ? {
        url: "https://bulletins-officiels.social.gouv.fr/sites/textes-officiels/files/2025-12/SFHS2535630J_0.pdf",
      }
    : {}),
});
const ref2023: LegalReference = {
  text: "Arrêté du 21 décembre 2022 relatif aux plafonds de ressources de certaines prestations familiales",
  date: "2022-12-21",
  article: "Art. D521-3 CSS",
  url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046794210",
};
const ref2024 = plafondsRef(
  2024,
  "Instruction interministérielle DSS/2B/2023/205 du 21 décembre 2023",
  "2023-12-21",
);
const ref2025 = plafondsRef(
  2025,
  "Instruction interministérielle n° DSS/2B/2024/181 du 20 décembre 2024",
  "2024-12-20",
);
const ref2026 = plafondsRef(
  2026,
  "Instruction interministérielle n° DSS/2B/2025/177 du 18 décembre 2025",
  "2025-12-18",
);

/** Yearly ceilings for a family of two children, compared with the income of year N-2. */
export const afPlafond1DeuxEnfants = parameter(
  "af.plafond_1",
  "1er plafond de ressources AF, deux enfants",
  "EUR/an",
  [
    { from: "2023-01-01", value: 71194, ref: ref2023 },
    { from: "2024-01-01", value: 74966, ref: ref2024 },
    { from: "2025-01-01", value: 78565, ref: ref2025 },
    { from: "2026-01-01", value: 79980, ref: ref2026 },
  ],
);
export const afPlafond2DeuxEnfants = parameter(
  "af.plafond_2",
  "2e plafond de ressources AF, deux enfants",
  "EUR/an",
  [
    { from: "2023-01-01", value: 94893, ref: ref2023 },
    { from: "2024-01-01", value: 99922, ref: ref2024 },
    { from: "2025-01-01", value: 104719, ref: ref2025 },
    { from: "2026-01-01", value: 106604, ref: ref2026 },
  ],
);
export const afPlafondParEnfant = parameter(
  "af.plafond_par_enfant",
  "Majoration des plafonds AF par enfant au-delà de deux",
  "EUR/an",
  [
    { from: "2023-01-01", value: 5932, ref: ref2023 },
    { from: "2024-01-01", value: 6246, ref: ref2024 },
    { from: "2025-01-01", value: 6546, ref: ref2025 },
    { from: "2026-01-01", value: 6664, ref: ref2026 },
  ],
);

const ARS_RATES: LegalReference = {
  text: "Décret n° 2012-1212 du 31 octobre 2012",
  date: "2012-10-31",
  article: "Art. D543-1 CSS",
};
export const arsTaux6a10 = parameter("ars.taux.6_10", "ARS, enfant de 6 à 10 ans", "BMAF", [
  { from: "2012-08-01", value: 0.8972, ref: ARS_RATES },
]);
export const arsTaux11a14 = parameter("ars.taux.11_14", "ARS, enfant de 11 à 14 ans", "BMAF", [
  { from: "2012-08-01", value: 0.9467, ref: ARS_RATES },
]);
export const arsTaux15a18 = parameter("ars.taux.15_18", "ARS, enfant de 15 à 18 ans", "BMAF", [
  { from: "2012-08-01", value: 0.9795, ref: ARS_RATES },
]);
export const arsPlafond = parameter(
  "ars.plafond",
  "Plafond de ressources ARS sans enfant (revenus N-2), majoré de 30 % par enfant",
  "EUR/an",
  [
    {
      from: "2023-01-01",
      value: 19827,
      ref: {
        ...ref2023,
        text: "Arrêté du 21 décembre 2022, art. 3",
        article: "Art. L543-1 et R543-5 CSS",
      },
    },
    {
      from: "2024-01-01",
      value: 20878,
      ref: {
        text: "Arrêté du 22 décembre 2023, art. 3",
        date: "2023-12-22",
        article: "Art. L543-1 et R543-5 CSS",
        url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000048680633",
      },
    },
    {
      from: "2025-01-01",
      value: 21880,
      ref: {
        text: "Arrêté du 20 décembre 2024, art. 3",
        date: "2024-12-20",
        article: "Art. L543-1 et R543-5 CSS",
        url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000050842452",
      },
    },
    { from: "2026-01-01", value: 22274, ref: ref2026 },
  ],
);
export const arsMajorationPlafond = parameter(
  "ars.plafond_par_enfant",
  "Majoration du plafond ARS par enfant à charge",
  "taux",
  [
    {
      from: "1986-07-01",
      value: 0.3,
      ref: { text: "Code de la sécurité sociale", article: "Art. R543-5 CSS" },
    },
  ],
);
export const arsMontantMinimum = parameter(
  "ars.montant_minimum",
  "ARS différentielle non versée en dessous de",
  "EUR",
  [
    {
      from: "2002-08-09",
      value: 15,
      ref: { text: "Code de la sécurité sociale", article: "Art. D543-2 CSS" },
    },
  ],
);
export const crds = parameter(
  "crds",
  "Taux de la CRDS prélevée sur les prestations familiales",
  "taux",
  [
    {
      from: "1996-02-01",
      value: 0.005,
      ref: {
        text: "Ordonnance n° 96-50 du 24 janvier 1996",
        date: "1996-01-24",
        article: "Art. 14 ord. 96-50",
      },
    },
  ],
);

/** Allocation de soutien familial, full rate (child deprived of one parent's support). */
export const asfTaux = parameter("asf.taux", "Allocation de soutien familial, par enfant", "BMAF", [
  {
    from: "2022-11-01",
    value: 0.422,
    ref: {
      text: "Décret n° 2022-1370 du 27 octobre 2022, art. 1",
      date: "2022-10-27",
      article: "Art. R523-7 CSS",
      url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046497145",
    },
  },
]);

/**
 * A differential ASF (maintenance lower than the ASF) is not paid below this
 * amount. Value and article as read in OpenFisca-France
 * (education_presence_parentale/asf/seuil, from 1 July 2018).
 */
export const asfSeuilVersement = parameter(
  "asf.seuil_versement",
  "ASF non versée en dessous de",
  "EUR/mois",
  [
    {
      from: "2018-07-01",
      value: 15,
      ref: {
        text: "Code de la sécurité sociale",
        article: "Art. D523-3 CSS",
        url: "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037249831/2018-07-01/",
      },
    },
  ],
);

// Complément familial (L522-1 to L522-3, R522-1, R522-2, D522-1, D522-2 CSS).
const R522_1: LegalReference = {
  text: "Décret n° 2000-71 du 28 janvier 2000",
  date: "2000-01-28",
  article: "Art. L522-1 et R522-1 CSS",
};
const R522_2: LegalReference = {
  text: "Code de la sécurité sociale",
  article: "Art. L522-2 et R522-2 CSS",
};

export const cfTaux = parameter("cf.taux", "Complément familial, montant de base", "BMAF", [
  {
    from: "1983-01-01",
    value: 0.4165,
    ref: { text: "Code de la sécurité sociale", article: "Art. D522-1 CSS" },
  },
]);
export const cfTauxMajore = parameter(
  "cf.taux_majore",
  "Complément familial majoré (ressources sous la moitié du plafond)",
  "BMAF",
  [
    {
      from: "2018-04-01",
      value: 0.6248,
      ref: {
        text: "Instruction interministérielle DSS/SD2B/2018/81 du 22 mars 2018",
        date: "2018-03-22",
        article: "Art. L522-3 et D522-2 CSS",
      },
    },
  ],
);
export const cfAgeMinimum = parameter(
  "cf.age_minimum",
  "Âge à partir duquel un enfant ouvre droit au complément familial",
  "ans",
  [{ from: "1986-07-01", value: 3, ref: R522_1 }],
);
export const cfAgeLimite = parameter(
  "cf.age_limite",
  "Âge limite d'un enfant pour le complément familial (au lieu de 20 ans)",
  "ans",
  [{ from: "2000-02-01", value: 21, ref: R522_1 }],
);
export const cfNombreEnfants = parameter(
  "cf.nombre_enfants",
  "Nombre d'enfants de 3 ans ou plus à charge ouvrant droit au complément familial",
  "personnes",
  [{ from: "1986-07-01", value: 3, ref: R522_1 }],
);
/** Ceiling without children, compared with the income of year N-2 (1 January to 31 December). */
export const cfPlafondBase = parameter(
  "cf.plafond_base",
  "Base du plafond de ressources du complément familial (avant majorations par enfant)",
  "EUR/an",
  [
    { from: "2023-01-01", value: 22123, ref: { ...ref2023, article: "Art. R522-2 CSS" } },
    { from: "2024-01-01", value: 23296, ref: { ...ref2024, article: "Art. R522-2 CSS" } },
    { from: "2025-01-01", value: 24414, ref: { ...ref2025, article: "Art. R522-2 CSS" } },
    { from: "2026-01-01", value: 24853, ref: { ...ref2026, article: "Art. R522-2 CSS" } },
  ],
);
export const cfPlafondMajorationBiactifsIsoles = parameter(
  "cf.plafond_majoration_biactifs_isoles",
  "Majoration du plafond du complément familial pour un couple à deux revenus ou un parent seul",
  "EUR/an",
  [
    { from: "2023-01-01", value: 8892, ref: { ...ref2023, article: "Art. R522-2 CSS" } },
    { from: "2024-01-01", value: 9363, ref: { ...ref2024, article: "Art. R522-2 CSS" } },
    { from: "2025-01-01", value: 9812, ref: { ...ref2025, article: "Art. R522-2 CSS" } },
    { from: "2026-01-01", value: 9989, ref: { ...ref2026, article: "Art. R522-2 CSS" } },
  ],
);
export const cfPlafondMajorationDeuxPremiersEnfants = parameter(
  "cf.plafond_majoration_enfants_1_2",
  "Majoration du plafond du complément familial par enfant, pour les deux premiers",
  "taux",
  [{ from: "1986-01-01", value: 0.25, ref: R522_2 }],
);
export const cfPlafondMajorationEnfantSuivant = parameter(
  "cf.plafond_majoration_enfant_3_plus",
  "Majoration du plafond du complément familial par enfant à partir du troisième",
  "taux",
  [{ from: "2010-01-01", value: 0.3, ref: R522_2 }],
);
export const cfPlafondMajoreTaux = parameter(
  "cf.plafond_majore_taux",
  "Plafond du complément familial majoré, part du plafond",
  "taux",
  [
    {
      from: "2014-04-01",
      value: 0.5,
      ref: { text: "Code de la sécurité sociale", article: "Art. L522-3 et D522-2 CSS" },
    },
  ],
);
/**
 * A couple has "two incomes" when each member earned from work in the reference year at
 * least 13.6 % of the plafond annuel de la sécurité sociale of 1 January of that year.
 */
export const cfTauxBiactivite = parameter(
  "cf.taux_biactivite",
  "Revenu professionnel minimal de chaque membre d'un couple à deux revenus (part du PASS)",
  "taux",
  [{ from: "2011-11-01", value: 0.136, ref: { ...R522_2, article: "Art. R522-2 CSS" } }],
);
/** Plafond annuel de la sécurité sociale (12 × the plafond mensuel), by year. */
export const plafondAnnuelSecuriteSociale = parameter(
  "pass",
  "Plafond annuel de la sécurité sociale",
  "EUR/an",
  [
    {
      from: "2022-01-01",
      value: 41136,
      ref: {
        text: "Arrêté du 15 décembre 2021 portant fixation du plafond de la sécurité sociale pour 2022",
        date: "2021-12-15",
        article: "Art. L241-3 et D242-17 CSS",
      },
    },
    {
      from: "2023-01-01",
      value: 43992,
      ref: {
        text: "Arrêté du 8 décembre 2022 portant fixation du plafond de la sécurité sociale pour 2023",
        date: "2022-12-08",
        article: "Art. L241-3 et D242-17 CSS",
      },
    },
    {
      from: "2024-01-01",
      value: 46368,
      ref: {
        text: "Arrêté du 19 décembre 2023 portant fixation du plafond de la sécurité sociale pour 2024",
        date: "2023-12-19",
        article: "Art. L241-3 et D242-17 CSS",
      },
    },
    {
      from: "2025-01-01",
      value: 47100,
      ref: {
        text: "Arrêté du 19 décembre 2024 portant fixation du plafond de la sécurité sociale pour 2025",
        date: "2024-12-19",
        article: "Art. L241-3 et D242-17 CSS",
      },
    },
  ],
);

// ---- PAJE, allocation de base (art. L531-3, R531-1, D531-3 CSS), children born or adopted
// from 1 April 2018 (every child under 3 today). ----

export const pajeBaseTauxPlein = parameter(
  "paje.base.taux_plein",
  "Allocation de base de la PAJE à taux plein",
  "BMAF",
  [
    {
      from: "2018-04-01",
      value: 0.4165,
      ref: {
        text: "Décret n° 2018-312 du 26 avril 2018, art. 1",
        date: "2018-04-26",
        article: "Art. D531-3 CSS",
      },
    },
  ],
);
export const pajeBaseAgeLimite = parameter(
  "paje.base.age_limite",
  "Âge de l'enfant jusqu'auquel l'allocation de base de la PAJE est versée (exclu)",
  "ans",
  [
    {
      from: "2004-01-01",
      value: 3,
      ref: { text: "Code de la sécurité sociale", article: "Art. L531-3 et D531-1 CSS" },
    },
  ],
);

// ---- PAJE: allocation de base at the partial rate and prime à la naissance (art. L531-2,
// L531-3, R531-1, D531-2, D531-3 CSS), children born or adopted from 1 April 2018. The
// ceiling of the allocation de base (its partial rate) is also the prime's (L531-2: « sous
// condition de ressources » — the same ceiling, R531-1), raised as the complément familial's
// (25 % for each of the first two children, 30 % from the third, R522-2 al. 2 and 3 by décret
// 2018-331), plus a flat amount for a lone parent or a couple with two incomes. Figures:
// the arrêtés fixing the ceilings each January, as OpenFisca-France reads them
// (paje_plaf/ne_adopte_apres_04_2018/taux_partiel); checked against the 2025 figures
// published for the prime: 36 461 € (29 169 × 1.25) for a couple with one income and one
// child, 48 186 € (+ 11 725 €) for a lone parent or two incomes. ----

const pajeCeilingRef = (text: string, date: string, url: string): LegalReference => ({
  text,
  date,
  article: "Art. L531-2, L531-3 et R531-1 CSS",
  url,
});
const PAJE_CEILING_2023 = pajeCeilingRef(
  "Arrêté du 21 décembre 2022 relatif aux plafonds de ressources de certaines prestations familiales, art. 1",
  "2022-12-21",
  "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046794210",
);
const PAJE_CEILING_2024 = pajeCeilingRef(
  "Arrêté du 22 décembre 2023 relatif aux plafonds de ressources de certaines prestations familiales, art. 1",
  "2023-12-22",
  "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000048680633",
);
const PAJE_CEILING_2025 = pajeCeilingRef(
  "Arrêté du 20 décembre 2024 relatif aux plafonds de ressources de certaines prestations familiales, art. 1",
  "2024-12-20",
  "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000050842452",
);
const PAJE_CEILING_2026 = pajeCeilingRef(
  "Arrêté du 18 décembre 2025 relatif aux plafonds de ressources de certaines prestations familiales, art. 1",
  "2025-12-18",
  "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000053165980",
);
/** The PAJE ceilings, set each 1 January by the year's arrêté. */
const onPajeCeilings = revaluations([
  { from: "2023-01-01", ref: PAJE_CEILING_2023 },
  { from: "2024-01-01", ref: PAJE_CEILING_2024 },
  { from: "2025-01-01", ref: PAJE_CEILING_2025 },
  { from: "2026-01-01", ref: PAJE_CEILING_2026 },
]);

/** Base of the ceiling (before the increases per child), compared with the income of year N-2. */
export const pajePlafondBase = parameter(
  "paje.plafond_base",
  "Base du plafond de ressources de l'allocation de base (taux partiel) et de la prime à la naissance",
  "EUR/an",
  onPajeCeilings([26432, 27833, 29169, 29694]),
);
export const pajePlafondMajorationBiactifsIsoles = parameter(
  "paje.plafond_majoration_biactifs_isoles",
  "Majoration du plafond de la PAJE (taux partiel, prime) pour un parent seul ou un couple à deux revenus",
  "EUR/an",
  onPajeCeilings([10625, 11188, 11725, 11936]),
);
export const pajeBaseTauxPartiel = parameter(
  "paje.base.taux_partiel",
  "Allocation de base de la PAJE à taux partiel",
  "BMAF",
  [
    {
      from: "2018-04-01",
      value: 0.20825,
      ref: {
        text: "Décret n° 2018-312 du 26 avril 2018, art. 1",
        date: "2018-04-26",
        article: "Art. D531-3 CSS",
      },
    },
  ],
);
export const pajeNaissanceTaux = parameter(
  "paje.naissance.taux",
  "Prime à la naissance de la PAJE, par enfant à naître",
  "BMAF",
  [
    {
      from: "2004-01-01",
      value: 2.2975,
      ref: {
        text: "Décret n° 2003-1394 du 31 décembre 2003, art. 1",
        date: "2003-12-31",
        article: "Art. L531-2 et D531-2 CSS",
      },
    },
  ],
);
