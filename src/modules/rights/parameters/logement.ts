import { type LegalReference, parameter, revaluations } from "./types.ts";

// Aides personnelles au logement in rented housing (APL, ALF, ALS): art. L821-1 s., R823-1 s.
// and D823-1 s. of the code de la construction et de l'habitation (CCH). The figures live in
// the arrêté du 27 septembre 2019 relatif au calcul des aides personnelles au logement et de
// la prime de déménagement; the rent ceilings, the forfait charges and the minimum
// participation P0 are revalued each 1 October on the IRL (art. L823-4 CCH), the abattement
// R0 each 1 January. Figures checked against the arrêtés' published amounts (and the CAF's
// barème), written here in euros as the arrêtés publish them.

const ARRETE_2019: LegalReference = {
  text: "Arrêté du 27 septembre 2019 relatif au calcul des aides personnelles au logement et de la prime de déménagement",
  date: "2019-09-27",
  url: "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000039138252",
};
const arrete = (article: string): LegalReference => ({ ...ARRETE_2019, article });
const REVALO_2023: LegalReference = {
  text: "Arrêté du 22 septembre 2023 modifiant l'arrêté du 27 septembre 2019 (revalorisation au 1er octobre 2023, JORF du 27 septembre 2023)",
  date: "2023-09-22",
  article: "Art. 1",
};
const REVALO_2024: LegalReference = {
  text: "Arrêté du 27 septembre 2024 modifiant l'arrêté du 27 septembre 2019 (revalorisation de 3,26 % au 1er octobre 2024, IRL du 2e trimestre 2024)",
  date: "2024-09-27",
  article: "Art. 1",
};
const REVALO_2025: LegalReference = {
  text: "Arrêté du 5 septembre 2025 relatif au calcul des aides personnelles au logement (revalorisation de 1,04 % au 1er octobre 2025, IRL du 2e trimestre 2025)",
  date: "2025-09-05",
};
/** The revaluations of each 1 October on the IRL (art. L823-4 CCH), from 2023. */
const onIrlRevaluations = revaluations([
  { from: "2023-10-01", ref: REVALO_2023 },
  { from: "2024-10-01", ref: REVALO_2024 },
  { from: "2025-10-01", ref: REVALO_2025 },
]);
const R0_2023: LegalReference = {
  text: "Arrêté de décembre 2022 relatif au calcul des aides personnelles au logement pour l'année 2023 (montants de R0 au 1er janvier 2023)",
  article: "Art. 15 de l'arrêté du 27 septembre 2019 ; art. D823-17 CCH",
};
const R0_2024: LegalReference = {
  text: "Arrêté du 15 décembre 2023 relatif au calcul des aides personnelles au logement pour l'année 2024",
  date: "2023-12-15",
  article: "Art. 1 ; art. 15 de l'arrêté du 27 septembre 2019 ; art. D823-17 CCH",
};
const R0_2025: LegalReference = {
  text: "Arrêté du 30 décembre 2024 (montants de R0 pour 2025), reconduits pour 2026 par l'arrêté du 28 décembre 2025",
  date: "2024-12-30",
  article: "Art. 1 ; art. 15 de l'arrêté du 27 septembre 2019 ; art. D823-17 CCH",
};
const CGI_83: LegalReference = {
  text: "Code général des impôts, art. 83 3° (déduction forfaitaire de 10 % pour frais professionnels, minimum et plafond de l'année)",
  article: "Art. 83 CGI ; art. R822-4 CCH (ressources retenues : revenus nets catégoriels)",
};
const CGI_158: LegalReference = {
  text: "Code général des impôts, art. 158-5 a (abattement de 10 % sur les pensions, minimum et plafond de l'année)",
  article: "Art. 158 CGI ; art. R822-4 CCH",
};

/** [personne seule, couple sans personne à charge, une personne à charge, par personne en plus]. */
export type Quad = readonly [number, number, number, number];

export const alPlafondZone1 = parameter<Quad>(
  "aides_logement.loyer_plafond.zone_1",
  "Loyer plafond en zone 1 (seul, couple, 1 personne à charge, par personne en plus)",
  "EUR/mois",
  onIrlRevaluations([
    [319.3, 385.09, 435.24, 63.15],
    [329.71, 397.64, 449.43, 65.21],
    [333.14, 401.78, 454.1, 65.89],
  ]),
);
export const alPlafondZone2 = parameter<Quad>(
  "aides_logement.loyer_plafond.zone_2",
  "Loyer plafond en zone 2 (seul, couple, 1 personne à charge, par personne en plus)",
  "EUR/mois",
  onIrlRevaluations([
    [278.28, 340.62, 383.28, 55.79],
    [287.35, 351.72, 395.77, 57.61],
    [290.34, 355.38, 399.89, 58.21],
  ]),
);
export const alPlafondZone3 = parameter<Quad>(
  "aides_logement.loyer_plafond.zone_3",
  "Loyer plafond en zone 3 (seul, couple, 1 personne à charge, par personne en plus)",
  "EUR/mois",
  onIrlRevaluations([
    [260.82, 316.17, 354.51, 50.81],
    [269.32, 326.48, 366.07, 52.47],
    [272.12, 329.88, 369.88, 53.01],
  ]),
);
/** Colocation: each co-tenant's ceiling is 75 % of the ordinary one (arrêté, art. 16 1°). */
export const alCoefColocation = parameter(
  "aides_logement.loyer_plafond.coef_colocation",
  "Loyer plafond en colocation : part du plafond ordinaire",
  "taux",
  [{ from: "2019-10-01", value: 0.75, ref: arrete("Art. 16 1° ; art. D823-16 CCH") }],
);
/** A single room (not a whole dwelling): 90 % of the ceiling (arrêté, art. 16 1°). */
export const alCoefChambre = parameter(
  "aides_logement.loyer_plafond.coef_chambre",
  "Loyer plafond pour une chambre : part du plafond ordinaire",
  "taux",
  [{ from: "2019-10-01", value: 0.9, ref: arrete("Art. 16 1° ; art. D823-16 CCH") }],
);
/** Furnished dwelling, allocation de logement: 2/3 of the rent is retained (art. D823-16 CCH). */
export const alCoefMeuble = parameter(
  "aides_logement.loyer.coef_meuble",
  "Logement meublé : part du loyer retenue",
  "taux",
  [
    {
      from: "2019-10-01",
      value: 2 / 3,
      ref: {
        ...ARRETE_2019,
        text: "Arrêté du 27 septembre 2019 (loyer d'un logement meublé retenu pour les deux tiers en allocation de logement)",
      },
    },
  ],
);
/**
 * Rent above which the aid decreases (dégressivité), then above which it is nil (suppression),
 * as multiples of the ceiling: [zone 1, zone 2, zone 3] × [dégressivité, suppression].
 */
export const alDegressivite = parameter<readonly [number, number, number, number, number, number]>(
  "aides_logement.loyer.degressivite",
  "Loyer élevé : multiples du plafond où l'aide baisse puis s'arrête (zones 1, 2, 3)",
  "taux",
  [
    {
      from: "2019-10-01",
      value: [3.4, 4, 2.5, 3.1, 2.5, 3.1],
      ref: arrete("Art. 10 ; art. D823-16 CCH"),
    },
  ],
);
/** Forfait charges: [pour le foyer, par personne à charge]. */
export const alCharges = parameter<readonly [number, number]>(
  "aides_logement.forfait_charges",
  "Forfait charges (foyer, par personne à charge)",
  "EUR/mois",
  onIrlRevaluations([
    [58.08, 13.17],
    [59.97, 13.6],
    [60.59, 13.74],
  ]),
);
/** Forfait charges in colocation: [personne seule, couple, par personne à charge]. */
export const alChargesColocation = parameter<readonly [number, number, number]>(
  "aides_logement.forfait_charges.colocation",
  "Forfait charges en colocation (seul, couple, par personne à charge)",
  "EUR/mois",
  onIrlRevaluations([
    [29.03, 58.08, 13.17],
    [29.98, 59.97, 13.6],
    [30.29, 60.59, 13.74],
  ]),
);
export const alP0Forfait = parameter(
  "aides_logement.p0.forfait",
  "Participation minimale P0 : montant fixe",
  "EUR/mois",
  onIrlRevaluations([37.91, 39.15, 39.56]),
);
export const alP0Taux = parameter(
  "aides_logement.p0.taux",
  "Participation minimale P0 : part du loyer retenu et des charges",
  "taux",
  [
    {
      from: "2019-10-01",
      value: 0.085,
      ref: arrete("Participation personnelle ; art. D823-17 CCH"),
    },
  ],
);
/**
 * Abattement R0 (yearly): [seul, couple, 1, 2, 3, 4, 5, 6 personnes à charge, par personne au-delà
 * de 6]. Not revalued on 1 January 2026 (arrêté du 28 décembre 2025): the 2025 amounts stay.
 */
export const alR0 = parameter<readonly number[]>(
  "aides_logement.r0",
  "Abattement R0 sur les ressources annuelles (seul, couple, 1 à 6 personnes à charge, en plus)",
  "EUR/an",
  [
    {
      from: "2023-01-01",
      value: [4949, 7090, 8456, 8646, 8977, 9311, 9642, 9975, 328],
      ref: R0_2023,
    },
    {
      from: "2024-01-01",
      value: [5186, 7430, 8862, 9061, 9408, 9758, 10105, 10454, 343],
      ref: R0_2024,
    },
    {
      from: "2025-01-01",
      value: [5235, 7501, 8947, 9148, 9498, 9851, 10202, 10554, 346],
      ref: R0_2025,
    },
  ],
);
/** Taux Tf by family: [seul, couple, 1, 2, 3, 4, 5, 6 personnes à charge, par personne au-delà de 6]. */
export const alTf = parameter<readonly number[]>(
  "aides_logement.tf",
  "Taux de participation Tf selon la famille (seul, couple, 1 à 6 personnes à charge, en plus)",
  "taux",
  [
    {
      from: "2019-10-01",
      value: [0.0283, 0.0315, 0.027, 0.0238, 0.0201, 0.0185, 0.0179, 0.0173, -0.0006],
      ref: arrete("Participation personnelle ; art. D823-17 CCH"),
    },
  ],
);
/**
 * Taux TL on the ratio RL = loyer retenu / loyer de référence (the zone 2 ceiling of the family):
 * [seuil 1, seuil 2, taux entre les seuils, taux au-dessus du seuil 2].
 */
export const alTl = parameter<Quad>(
  "aides_logement.tl",
  "Taux TL selon le rapport entre le loyer et le loyer de référence (seuils 45 % et 75 %)",
  "taux",
  [
    {
      from: "2019-10-01",
      value: [0.45, 0.75, 0.0045, 0.0068],
      ref: arrete("Participation personnelle ; art. D823-17 CCH"),
    },
  ],
);
export const alMinoration = parameter(
  "aides_logement.minoration",
  "Retenue forfaitaire sur l'aide",
  "EUR/mois",
  [
    {
      from: "2017-10-01",
      value: 5,
      ref: {
        text: "Arrêté du 28 septembre 2017, art. 1 (baisse de 5 € des aides au logement), repris par l'arrêté du 27 septembre 2019",
        date: "2017-09-28",
      },
    },
  ],
);
export const alSeuilVersement = parameter(
  "aides_logement.seuil_versement",
  "Montant mensuel sous lequel l'aide n'est pas versée",
  "EUR/mois",
  [
    {
      from: "2017-10-01",
      value: 10,
      ref: {
        text: "Décret n° 2017-1413 du 28 septembre 2017, art. 3 (seuil de versement de 10 €)",
        date: "2017-09-28",
      },
      note: "OpenFisca-France n'applique pas ce seuil à l'APL depuis mars 2018.",
    },
  ],
);
/** Déduction forfaitaire 10 % on salaries and unemployment: [taux, minimum, plafond] per person, yearly. */
export const alAbattementPro = parameter<readonly [number, number, number]>(
  "aides_logement.ressources.abattement_frais_pro",
  "Ressources : déduction de 10 % pour frais professionnels (taux, minimum, plafond par an)",
  "EUR/an",
  [
    { from: "2022-01-01", value: [0.1, 472, 13522], ref: CGI_83 },
    { from: "2023-01-01", value: [0.1, 495, 14171], ref: CGI_83 },
    { from: "2024-01-01", value: [0.1, 504, 14426], ref: CGI_83 },
    { from: "2025-01-01", value: [0.1, 509, 14555], ref: CGI_83 },
  ],
);
/** Abattement 10 % on pensions and maintenance: [taux, minimum, plafond] per foyer, yearly. */
export const alAbattementPensions = parameter<readonly [number, number, number]>(
  "aides_logement.ressources.abattement_pensions",
  "Ressources : abattement de 10 % sur les pensions (taux, minimum, plafond par an)",
  "EUR/an",
  [
    { from: "2022-01-01", value: [0.1, 422, 4123], ref: CGI_158 },
    { from: "2023-01-01", value: [0.1, 442, 4321], ref: CGI_158 },
    { from: "2024-01-01", value: [0.1, 450, 4399], ref: CGI_158 },
    { from: "2025-01-01", value: [0.1, 454, 4439], ref: CGI_158 },
  ],
);
/** Children count as dependents until the month before their 21st birthday. */
export const alAgeLimite = parameter(
  "aides_logement.age_limite_enfant",
  "Âge jusqu'auquel un enfant compte à charge pour les aides au logement",
  "ans",
  [
    {
      from: "2019-10-01",
      value: 21,
      ref: {
        text: "Code de la sécurité sociale (âge limite de 21 ans pour le complément familial et les aides au logement)",
        article: "Art. R512-2 CSS",
      },
    },
  ],
);
