import type { GovernanceInput } from "./governance.ts";

/**
 * The governance of the 2015-2017 strategy as seed 002 gives it (« Mise en
 * œuvre opérationnelle »): a COPIL co-chaired by the Préfet and the
 * President of the Conseil départemental, with its listed members, and
 * three working groups (logement, emploi, cohésion sociale) made of
 * representatives of the State, the local authorities and the associations,
 * each given the actions of the document's « répartition indicative ».
 * Members are linked to the organisations of Relais that exist in the demo.
 *
 * One meeting comes from the document (the COPIL of 14 January 2016, action
 * 15); the other is DEMONSTRATION (is_demo), and the pages say so.
 */
const SOURCE =
  "Stratégie départementale de lutte contre la pauvreté et pour l'inclusion sociale 2015-2017 (seed 002), « Mise en œuvre opérationnelle »";

const PREFECTURE = "Préfecture des Hauts-de-Seine";
const DEPARTEMENT = "Département des Hauts-de-Seine";

const GROUP_MISSION = [
  "Mettre en œuvre de manière partenariale le document stratégique :",
  "établir un diagnostic territorial à l'échelle infra-départementale ;",
  "proposer des fiches d'actions comportant des indicateurs réalistes et les objectifs à remplir, en tenant compte des disparités au sein du département ;",
  "réfléchir à une meilleure articulation des actions mobilisées et mobilisables afin d'accompagner au mieux les publics fragilisés ;",
  "réaliser un bilan de la stratégie développée et des actions mises en œuvre.",
  "Des bénéficiaires pourront être associés ponctuellement aux travaux.",
].join("\n");

const GROUP_MEMBERS = [
  { name: PREFECTURE, organisation: PREFECTURE, role: "Représentants de l'État" },
  {
    name: DEPARTEMENT,
    organisation: DEPARTEMENT,
    role: "Représentants des collectivités territoriales",
  },
  { name: "Secteur associatif", role: "Représentants des associations" },
];

export const DEMO_GOVERNANCE: GovernanceInput = {
  bodies: [
    {
      kind: "copil",
      slug: "copil",
      name: "Comité de pilotage (COPIL)",
      mission:
        "Assurer le suivi de la mise en œuvre opérationnelle du plan et des propositions des groupes de travail, dont il pourra orienter les réflexions.",
      source: SOURCE,
      members: [
        { name: "Le Préfet des Hauts-de-Seine", organisation: PREFECTURE, role: "Co-président" },
        {
          name: "Le Président du Conseil départemental des Hauts-de-Seine",
          organisation: DEPARTEMENT,
          role: "Co-président",
        },
        {
          name: DEPARTEMENT,
          organisation: DEPARTEMENT,
          role: "Représentants du Conseil départemental",
        },
        {
          name: "CAF des Hauts-de-Seine",
          organisation: "CAF des Hauts-de-Seine",
          role: "Représentant",
        },
        {
          name: "Direction des services départementaux de l'Éducation nationale (DSDEN)",
          role: "Représentant",
        },
        {
          name: "CPAM des Hauts-de-Seine",
          organisation: "CPAM des Hauts-de-Seine",
          role: "Représentant",
        },
        {
          name: "France Travail Hauts-de-Seine (Pôle emploi dans le document)",
          organisation: "France Travail Hauts-de-Seine",
          role: "Représentant",
        },
        {
          name: "Direction régionale et interdépartementale de l'hébergement et du logement (DRIHL)",
          role: "Représentant",
        },
        {
          name: "Direccte (direction régionale des entreprises, de la concurrence, de la consommation, du travail et de l'emploi)",
          role: "Représentant",
        },
        { name: "Secteur associatif", role: "Représentants" },
      ],
      actionNumbers: [],
    },
    {
      kind: "groupe_travail",
      slug: "logement",
      name: "Groupe de travail : le logement et l'hébergement",
      mission: GROUP_MISSION,
      source: SOURCE,
      members: GROUP_MEMBERS,
      actionNumbers: [1, 2, 3, 4, 7, 13, 14],
    },
    {
      kind: "groupe_travail",
      slug: "emploi",
      name: "Groupe de travail : l'emploi",
      mission: GROUP_MISSION,
      source: SOURCE,
      members: GROUP_MEMBERS,
      actionNumbers: [25, 26, 27, 28, 29, 31, 33],
    },
    {
      kind: "groupe_travail",
      slug: "cohesion-sociale",
      name: "Groupe de travail : la cohésion sociale (dont la lutte contre le non-recours et l'accès aux droits)",
      mission: GROUP_MISSION,
      source: SOURCE,
      members: GROUP_MEMBERS,
      actionNumbers: [15, 19, 20, 21, 22, 32, 35, 36, 37, 44, 51, 52, 53],
    },
  ],
  meetings: [
    {
      bodySlug: "copil",
      heldOn: "2016-01-14",
      title: "Comité de pilotage du 14 janvier 2016",
      summary:
        "Le document de la stratégie (action 15) indique que les candidats retenus pour l'expérimentation des Points Conseil Budget ont été annoncés lors de ce comité.",
      decisions: [
        "Annonce des candidats retenus à l'appel à candidatures de l'automne 2015 pour l'expérimentation des Points Conseil Budget.",
      ],
      actionNumbers: [15],
      published: true,
      isDemo: false,
    },
    {
      bodySlug: "cohesion-sociale",
      heldOn: "2016-03-10",
      title: "Réunion du groupe cohésion sociale",
      summary:
        "Démonstration : réunion inventée pour montrer le suivi d'une fiche par un groupe de travail.",
      decisions: [
        "Démonstration : proposer au COPIL un simulateur des droits en ligne, relié aux permanences des structures.",
        "Démonstration : suivre chaque mois, par commune, les droits probablement non demandés.",
      ],
      actionNumbers: [9, 11],
      published: true,
      isDemo: true,
    },
  ],
};
