import { NON_TAKE_UP_CODE } from "./demo-indicators.ts";
import type { ActionInput, PlanInput } from "./plan-store.ts";
import type { ActionStatus } from "./tables.ts";

/**
 * The Hauts-de-Seine departmental strategy against poverty and for social
 * inclusion, 2015-2017 (seed 002: « Stratégie départementale de lutte contre
 * la pauvreté et pour l'inclusion sociale 2015 – 2017 »), transcribed as
 * data: its 3 axes, its themes, its numbered actions with the partners and
 * calendar each sheet gives. The document names a pilot only for action 13
 * (« Pilotage : DRIHL »); elsewhere it lists the contributors by family.
 *
 * Actions whose implementation is national or regional are listed in the
 * document's addendum, followed at departmental level (followedOnly). The
 * addendum's second « action 22 » (media and digital education) shares its
 * number with the sheet of action 22 (artistic education) and is left out:
 * one number, one action.
 *
 * DEMONSTRATION: the document gives no progress; the statuses below are
 * invented for the demo (the page says so).
 */

const CD92 = "Collectivités : Conseil départemental des Hauts-de-Seine";
const DRIHL =
  "État : Direction régionale et interdépartementale de l'hébergement et du logement (DRIHL)";
const DSDEN = "État : Direction des services départementaux de l'Éducation nationale (DSDEN)";
const DIRECCTE =
  "État : Direccte (direction régionale des entreprises, de la concurrence, de la consommation, du travail et de l'emploi)";
const ARS = "État : Agence régionale de santé (ARS)";
const DDCS = "État : Direction départementale de la cohésion sociale (DDCS 92)";
const CAF = "Protection sociale : CAF des Hauts-de-Seine";
const COLLECTIF = "Associations : Collectif Citoyens Fraternels 92";
const SHEET_CALENDAR = "2013-2017";
const NATIONAL =
  "Action de la feuille de route nationale dont la mise en œuvre est régionale ou nationale ; l'État et ses partenaires en assurent le suivi dans le département.";

function sheet(
  number: number,
  title: string,
  partners: string[],
  extra: Partial<ActionInput> = {},
): ActionInput {
  return {
    number,
    title,
    status: DEMO_STATUSES[number] ?? "en_cours",
    partners: partners.join("\n"),
    calendar: SHEET_CALENDAR,
    published: true,
    ...extra,
  };
}

function followed(number: number, title: string, extra: Partial<ActionInput> = {}): ActionInput {
  return {
    number,
    title,
    status: DEMO_STATUSES[number] ?? "a_venir",
    followedOnly: true,
    findings: NATIONAL,
    published: true,
    ...extra,
  };
}

/** DEMONSTRATION statuses (the document gives none). */
const DEMO_STATUSES: Record<number, ActionStatus> = {
  7: "en_retard",
  9: "realisee",
  10: "en_cours",
  12: "abandonnee",
  15: "realisee",
  24: "realisee",
  27: "realisee",
  44: "en_pause",
};

export const DEMO_PLAN: PlanInput = {
  slug: "strategie-2015-2017",
  title: "Stratégie départementale de lutte contre la pauvreté et pour l'inclusion sociale",
  period: "2015-2017",
  summary:
    "Le plan du Département et de l'État, avec leurs partenaires, pour lutter contre la pauvreté dans les Hauts-de-Seine. Il reprend la feuille de route nationale 2015-2017. Près de 12 % des habitants vivent sous le seuil de pauvreté. Un comité de pilotage, présidé par le préfet et le président du Département, suit le plan avec 3 groupes de travail : logement et hébergement, emploi, cohésion sociale.",
  source:
    "Stratégie départementale de lutte contre la pauvreté et pour l'inclusion sociale 2015-2017, Hauts-de-Seine.",
  published: true,
  isDemo: true,
  axes: [
    {
      number: 1,
      title: "Réduire les inégalités et prévenir les ruptures",
      themes: [
        {
          number: 1,
          title:
            "Logement et hébergement : sortir de l'urgence et développer des solutions de logement durables",
          actions: [
            sheet(
              1,
              "Limiter le recours aux nuitées d'hôtel et développer d'autres solutions pour accueillir dignement les familles et les personnes les plus fragiles",
              [
                DRIHL,
                CD92,
                `${COLLECTIF}, FNARS (délégation départementale), associations agréées pour l'aide alimentaire`,
              ],
              {
                measures:
                  "Appels à projets pour créer des places d'hébergement d'urgence pour les familles : 152 places en 2015 et 130 en 2016. Résidences sociales pour familles (2017). Plus de logements Solibail. Le SIAO aide les familles à quitter l'hôtel.",
              },
            ),
            sheet(2, "Mieux gérer et piloter l'hébergement en unifiant les SIAO", [
              DRIHL,
              CD92,
              COLLECTIF,
            ]),
            sheet(
              3,
              "Mieux relier les politiques du logement et de l'hébergement du Département, avec des diagnostics à 360° et le PDALPD",
              [
                `${DRIHL}, DDCS, SPIP, ARS`,
                CD92,
                "Protection sociale : CAF 92, CPAM",
                "Associations : les grandes associations du 92, dont le Collectif, et des représentants des personnes accueillies",
              ],
            ),
            sheet(4, "Développer l'offre de logement très social", [DRIHL, CD92, COLLECTIF]),
            followed(
              5,
              "Concentrer la garantie des loyers sur les jeunes et les plus précaires, et étudier son extension aux chômeurs de longue durée",
            ),
            followed(6, "Poursuivre l'expérimentation de l'encadrement des loyers"),
            sheet(7, "Mieux prévenir les expulsions locatives", [
              `${DRIHL}, bureau des expulsions locatives de la préfecture`,
              `${CD92}, ADIL, AORIF, chambre départementale des huissiers de justice`,
              CAF,
              COLLECTIF,
            ]),
            followed(8, "Mettre en place le chèque énergie pour 4 millions de ménages"),
          ],
        },
        {
          number: 2,
          title:
            "Accès aux droits : s'appuyer sur le numérique, simplifier les droits et améliorer la domiciliation",
          actions: [
            followed(
              9,
              "Mettre à disposition un simulateur des droits multi-prestations (premier semestre 2015)",
              {
                followUpIndicators:
                  "RELAIS_NR01 : droits probablement non demandés, repérés par commune (calculé par Relais). Démonstration.",
                links: [
                  { path: "/mes-droits", label: "Simulateur « Mes droits » de Relais" },
                  {
                    path: `/indicateurs/${NON_TAKE_UP_CODE}`,
                    label:
                      "Indicateur : droits probablement non demandés, par commune (calculé par Relais)",
                  },
                ],
              },
            ),
            followed(
              10,
              "Expérimenter un espace personnel numérique où les personnes accompagnées gardent leurs documents et leurs justificatifs",
              { links: [{ path: "/mon-espace", label: "« Mon espace » de Relais" }] },
            ),
            sheet(
              11,
              "Développer l'accompagnement à l'usage du numérique, dans le réseau national de la médiation numérique",
              [
                "Protection sociale : CAF 92",
                "Partenaire communal : Point d'information médiation multi services (PIMMS)",
                COLLECTIF,
              ],
              { calendar: "2015-2017" },
            ),
            followed(12, "Étudier la fusion du RSA et de l'ASS"),
            sheet(
              13,
              "Mieux coordonner associations, services de l'État et collectivités dans les schémas départementaux de la domiciliation, sur tout le territoire avant fin 2015",
              [
                "Protection sociale : CAF 92, CPAM 92",
                `${CD92}, CCAS, UDCCAS`,
                `${COLLECTIF}, associations qui domicilient, FNARS`,
                "Partenaires institutionnels : OFII, DII, ARS, Banque de France, La Poste",
                "Représentants des usagers et des personnes accueillies",
              ],
              {
                pilots: "DRIHL",
                links: [
                  {
                    path: "/trouver-de-l-aide",
                    label: "Trouver un lieu d'aide (annuaire de Relais)",
                  },
                ],
              },
            ),
            sheet(14, "Rendre la domiciliation plus cohérente avec les politiques d'hébergement", [
              DRIHL,
              CD92,
              COLLECTIF,
            ]),
          ],
        },
        {
          number: 3,
          title: "Prévenir et lutter contre le surendettement",
          actions: [
            sheet(
              15,
              "Mettre en place peu à peu les points conseil budget, en commençant par une expérimentation dans 3 régions",
              [CD92, "Protection sociale : CAF des Hauts-de-Seine"],
              {
                measures:
                  "Dans les Hauts-de-Seine, deux points conseil budget ont été créés : le PIMMS d'Antony (grand ensemble Antony-Massy) et le CCAS de Nanterre. Candidats retenus annoncés au comité de pilotage du 14 janvier 2016.",
              },
            ),
            followed(
              16,
              "Améliorer le fichier des incidents de crédit ou créer un registre national des crédits aux particuliers, selon le groupe de travail",
            ),
            followed(
              17,
              "Développer les compétences financières et budgétaires tout au long de la vie",
            ),
          ],
        },
        {
          number: 4,
          title: "Favoriser la réussite scolaire",
          actions: [
            sheet(
              18,
              "Scolariser plus tôt les enfants des familles les plus modestes, surtout dans les territoires défavorisés et d'éducation prioritaire",
              [DSDEN, CD92, CAF],
              { pilots: "DSDEN (action portée et mise en œuvre par elle)" },
            ),
            sheet(19, "Lutter contre le décrochage scolaire", [DSDEN, CD92, CAF, COLLECTIF]),
            sheet(20, "Ouvrir l'école aux parents", [
              `${DSDEN} ; Direction départementale de la cohésion sociale (DDCS)`,
              CAF,
            ]),
            sheet(21, "Mieux accompagner les enfants pauvres pendant leur scolarité", [
              CAF,
              CD92,
              "Associations : Secours populaire, Secours catholique",
            ]),
          ],
        },
        {
          number: 5,
          title: "Accompagner l'accès à la culture et à l'éducation aux médias et au numérique",
          actions: [
            sheet(
              22,
              "Développer l'éducation artistique et culturelle là où l'offre culturelle est faible et vers les publics les plus éloignés de la culture",
              [
                "État : DRAC, DSDEN, Délégation académique à l'action culturelle (DAAC)",
                CD92,
                "Associations : ATD Quart Monde, Secours catholique",
              ],
            ),
          ],
        },
      ],
    },
    {
      number: 2,
      title:
        "Mieux accompagner les personnes en difficulté et les encourager dans un parcours d'insertion",
      themes: [
        {
          number: 6,
          title: "Faire de l'accompagnement le sixième principe du plan",
          actions: [
            sheet(
              23,
              "Mieux coordonner les accompagnements pour un accompagnement adapté et plus personnalisé",
              [
                "État : Direccte, DRIHL, ARS",
                CD92,
                "Protection sociale : CAF 92, CPAM 92",
                "Associations : Secours populaire, Secours catholique",
              ],
            ),
          ],
        },
        {
          number: 6,
          title: "Créer une prime d'activité (thème 6 de l'addendum)",
          actions: [
            followed(
              24,
              "Créer une prime d'activité en fusionnant le RSA activité et la prime pour l'emploi (PPE)",
            ),
          ],
        },
        {
          number: 7,
          title: "Emploi et insertion : un accès réel et durable",
          actions: [
            sheet(
              25,
              "Développer l'accompagnement global pour lever les freins à l'emploi des plus fragiles",
              [CD92, CAF, "Opérateur : Pôle emploi 92", COLLECTIF],
            ),
            sheet(
              26,
              "Mettre en place un vrai droit à une formation qualifiante gratuite pour les demandeurs d'emploi",
              [
                "Opérateurs : Pôle emploi 92, missions locales, Cap emploi",
                DIRECCTE,
                CD92,
                COLLECTIF,
              ],
            ),
            sheet(27, "Étendre la Garantie jeunes à de nouveaux territoires", [
              DIRECCTE,
              "Protection sociale : CPAM 92",
              CD92,
            ]),
            sheet(
              28,
              "Renforcer l'insertion par l'activité économique (IAE) au service des parcours d'insertion",
              [DIRECCTE, CD92, "Opérateur : Pôle emploi 92", COLLECTIF],
            ),
            sheet(
              29,
              "Développer les groupements d'employeurs pour l'insertion et la qualification (GEIQ)",
              [DIRECCTE, COLLECTIF],
            ),
            followed(
              30,
              "Créer une prestation de suivi dans l'emploi pour accompagner l'employeur et le nouveau salarié jusqu'à la fin de la période d'essai",
            ),
            sheet(
              31,
              "Améliorer les contrats aidés avec des « situations de travail apprenantes »",
              [CD92, COLLECTIF],
            ),
          ],
        },
        {
          number: 8,
          title:
            "Mieux soutenir les familles pauvres avec enfants, surtout les familles monoparentales",
          actions: [
            sheet(32, "Plus de modes de garde, et plus accessibles", [CD92, CAF, COLLECTIF]),
            sheet(
              33,
              "Développer l'accompagnement vers l'emploi des familles les plus fragiles, surtout monoparentales",
              [CD92, CAF, COLLECTIF],
            ),
          ],
        },
        {
          number: 9,
          title: "Améliorer l'accès à la santé",
          actions: [
            followed(34, "Généraliser le tiers payant"),
            sheet(35, "Améliorer la coopération entre le sanitaire et le médico-social", [
              ARS,
              COLLECTIF,
            ]),
            sheet(
              36,
              "Mesures ciblées d'accès aux soins pour les plus vulnérables (drogues, santé mentale…)",
              [ARS, CD92, COLLECTIF],
            ),
            sheet(
              37,
              "Programme de prévention et de promotion de la santé pour les plus vulnérables",
              [ARS, "Protection sociale : CPAM 92", CD92, COLLECTIF],
            ),
            sheet(38, "Vaccination gratuite dans certaines structures", [ARS, CD92]),
            followed(
              39,
              "Prise en charge à 100 % des actes de biologie et d'échographie avant et après une IVG",
            ),
          ],
        },
        {
          number: 10,
          title: "Lutter contre l'insécurité alimentaire et le gaspillage",
          actions: [
            sheet(
              40,
              "Mieux coordonner et mettre en réseau les acteurs : État, associations, collectivités, producteurs et fournisseurs de denrées",
              [],
              { calendar: "" },
            ),
            followed(
              41,
              "Améliorer le service rendu aux bénéficiaires de l'aide alimentaire, notamment des lieux plus accessibles",
              {
                links: [
                  {
                    path: "/trouver-de-l-aide",
                    label: "Trouver une aide alimentaire (annuaire de Relais)",
                  },
                ],
              },
            ),
            sheet(42, "Développer la récupération de denrées", [
              "État : Mission ville et cohésion sociale",
              COLLECTIF,
              CD92,
            ]),
          ],
        },
        {
          number: 11,
          title: "Mieux accompagner les jeunes les plus vulnérables",
          actions: [
            sheet(
              43,
              "Faciliter l'accès à l'emploi et au logement des jeunes de l'aide sociale à l'enfance (ASE)",
              [CD92, CAF],
            ),
            sheet(44, "Généraliser les commissions « cas complexes »", [CD92]),
            followed(45, "Clarifier le cadre juridique des centres parentaux pour les développer"),
            sheet(46, "Mieux accompagner les mineurs isolés étrangers", [CD92, COLLECTIF]),
          ],
        },
      ],
    },
    {
      number: 3,
      title: "Agir ensemble, au plus près des territoires et des personnes",
      themes: [
        {
          number: 12,
          title: "Appuyer les initiatives des associations et l'engagement des citoyens",
          actions: [
            sheet(
              51,
              "Soutenir les associations : accompagnement stratégique, subventions publiques plus sûres, démarches plus simples",
              [DDCS, CD92, CAF],
            ),
            sheet(52, "Encourager le bénévolat, notamment des personnes qui travaillent", [
              DDCS,
              "Protection sociale : CAF des Hauts-de-Seine",
              COLLECTIF,
            ]),
            sheet(53, "Faire monter en charge le service civique", [DDCS, COLLECTIF]),
          ],
        },
        {
          number: 12,
          title: "Agir au plus près des territoires (thème 12 de l'addendum)",
          actions: [
            followed(
              47,
              "Demander aux préfets de région d'identifier et de répartir les instances de gouvernance locale",
            ),
            followed(48, "Approfondir les coopérations en milieu rural"),
          ],
        },
        {
          number: 13,
          title:
            "Associer les personnes en situation de pauvreté et de précarité aux politiques qui les concernent",
          actions: [
            followed(49, "Mettre en place une boîte à outils de la participation"),
            followed(
              50,
              "Mettre à disposition un groupe informel d'appui et de conseil, coordonné par la DGCS",
            ),
            sheet(
              65,
              "Développer largement la participation des personnes en situation de pauvreté et de précarité à l'élaboration et au suivi des politiques publiques (action 65 du plan initial)",
              [COLLECTIF],
              { calendar: "" },
            ),
          ],
        },
        {
          number: 15,
          title: "États généraux du travail social",
          actions: [followed(54, "Proposer un plan d'action à l'automne 2015")],
        },
      ],
    },
  ],
};
