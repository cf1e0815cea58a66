import { FOOD, type Offer } from "./demo-offers.ts";

/**
 * The demo associations and the communes they may be placed in: each is in
 * two of every three communes of ASSOCIATION_COMMUNES (see demoPlaces).
 */

type Association = [
  organisation: string,
  idPrefix: string,
  shortName: string,
  options: { reseaux?: string[]; horaires?: string },
  offers: Offer[],
];

export const DEMO_ASSOCIATIONS: Association[] = [
  [
    "Secours Populaire — fédération des Hauts-de-Seine",
    "secours-populaire",
    "Secours populaire",
    { reseaux: ["secours-populaire"], horaires: "Tu,Th 14:00-17:30; Sa 09:30-12:00" },
    [
      FOOD,
      {
        ...FOOD,
        nom: "Vestiaire solidaire",
        description:
          "Vêtements pour adultes et enfants, à petit prix ou gratuits selon la situation.",
        thematiques: ["equipement-et-alimentation--habillement"],
      },
    ],
  ],
  [
    "Secours Catholique — délégation des Hauts-de-Seine",
    "secours-catholique",
    "Secours catholique",
    { horaires: "Mo,We,Fr 14:00-17:00" },
    [
      FOOD,
      {
        nom: "Accueil de jour et écoute",
        description:
          "Un lieu pour se poser, boire un café, être écouté et orienté. Permanence d'accès aux droits.",
        thematiques: [
          "remobilisation--lien-social",
          "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
        ],
        type: "accompagnement",
        publics: ["tous-publics"],
      },
    ],
  ],
  [
    "Croix-Rouge française — Hauts-de-Seine",
    "croix-rouge",
    "Croix-Rouge",
    { reseaux: ["croix-rouge"], horaires: "Mo-Fr 10:00-16:00" },
    [
      { ...FOOD, nom: "Épicerie sociale" },
      {
        nom: "Maraude et aide aux personnes sans abri",
        description:
          "Des équipes vont à la rencontre des personnes à la rue, le soir : boissons chaudes, duvets, orientation vers un hébergement.",
        thematiques: ["logement-hebergement--rechercher-une-solution-dhebergement-temporaire"],
        publics: ["personnes-en-situation-durgence"],
        type: "aide-materielle",
        horaires_accueil: "Mo-Su 19:00-23:00",
      },
    ],
  ],
  [
    "Emmaüs Solidarité",
    "emmaus",
    "Emmaüs Solidarité",
    { reseaux: ["emmaus"], horaires: "Mo-Fr 09:00-17:00" },
    [
      {
        nom: "Accueil de jour pour personnes sans domicile",
        description:
          "Douches, laverie, domiciliation, petit-déjeuner et accompagnement social pour les personnes à la rue.",
        thematiques: [
          "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
          "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
        ],
        publics: ["personnes-en-situation-durgence"],
        type: "accompagnement",
      },
    ],
  ],
  [
    "ATD Quart Monde Hauts-de-Seine",
    "atd",
    "ATD Quart Monde",
    { horaires: "We 14:00-18:00" },
    [
      {
        nom: "Bibliothèque de rue et lien social",
        description:
          "Des rencontres conviviales pour les familles, des ateliers de lecture pour les enfants, une écoute sans jugement.",
        thematiques: [
          "remobilisation--lien-social",
          "famille--soutien-a-la-parentalite-et-a-leducation",
        ],
        publics: ["familles"],
        type: "atelier",
      },
    ],
  ],
  [
    "Habitat et Humanisme Hauts-de-Seine",
    "habitat-humanisme",
    "Habitat et Humanisme",
    { horaires: "Tu,Th 09:30-12:30" },
    [
      {
        nom: "Accompagnement vers le logement",
        description:
          "Des bénévoles aident à chercher un logement, à constituer un dossier de logement social et à s'installer.",
        thematiques: [
          "logement-hebergement--louer-un-logement",
          "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
        ],
        type: "accompagnement",
      },
    ],
  ],
  [
    "Collectif Citoyens Fraternels 92",
    "ccf92",
    "Collectif Citoyens Fraternels",
    { horaires: "Sa 10:00-12:00" },
    [
      {
        nom: "Permanence d'orientation solidaire",
        description:
          "Des bénévoles vous aident à trouver le bon service près de chez vous et à préparer vos démarches.",
        thematiques: [
          "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
        ],
        type: "information",
      },
    ],
  ],
];

export const ASSOCIATION_COMMUNES = [
  "92050",
  "92036",
  "92025",
  "92024",
  "92012",
  "92002",
  "92007",
  "92004",
  "92062",
  "92049",
];
