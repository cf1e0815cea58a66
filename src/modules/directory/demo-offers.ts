/**
 * What the demo places offer: the kinds of offers (CCAS, SST, food aid) and
 * the public bodies present in some communes, with their one offer and network.
 * Invented details, real kinds of places (see demo.ts).
 */

export type Offer = {
  nom: string;
  description: string;
  thematiques: string[];
  publics?: string[];
  modes_accueil?: string[];
  modes_mobilisation?: string[];
  mobilisable_par?: string[];
  horaires_accueil?: string;
  conditions_acces?: string;
  type?: string;
  frais?: string;
};

export const WEEKDAYS = "Mo-Fr 09:00-12:30,13:30-17:00; PH off";

export const CCAS_OFFERS: Offer[] = [
  {
    nom: "Accueil social et aides facultatives",
    description:
      "Le CCAS vous reçoit pour faire le point sur votre situation, vous informer sur vos droits et étudier une aide d'urgence (alimentaire, énergie, transport).",
    thematiques: [
      "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
      "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
    ],
    type: "accompagnement",
    modes_mobilisation: ["se-presenter", "telephoner"],
  },
  {
    nom: "Domiciliation administrative",
    description:
      "Pour les personnes sans domicile stable ayant un lien avec la commune : une adresse pour recevoir le courrier et faire valoir ses droits (RSA, CSS, papiers).",
    thematiques: [
      "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
    ],
    publics: ["personnes-en-situation-durgence"],
    type: "accompagnement",
    conditions_acces: "Avoir un lien avec la commune. Entretien préalable.",
    modes_mobilisation: ["se-presenter"],
  },
];

export const SST_OFFERS: Offer[] = [
  {
    nom: "Accueil social départemental",
    description:
      "Les travailleurs sociaux du Département vous accompagnent : accès aux droits, budget, logement, RSA, protection de l'enfance. Accueil sans rendez-vous le matin.",
    thematiques: [
      "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
      "logement-hebergement--se-maintenir-dans-le-logement",
      "difficultes-financieres--ameliorer-sa-gestion-budgetaire",
    ],
    type: "accompagnement",
    modes_mobilisation: ["se-presenter", "telephoner"],
  },
  {
    nom: "Aide aux impayés d'énergie et de loyer (FSL)",
    description:
      "Le Fonds de solidarité logement aide à payer une facture d'électricité, de gaz, d'eau ou un loyer impayé. Un travailleur social monte le dossier avec vous.",
    thematiques: [
      "logement-hebergement--reduire-les-impayes-de-loyer",
      "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
    ],
    type: "aide-financiere",
    modes_mobilisation: ["telephoner"],
  },
  {
    nom: "Consultations PMI (protection maternelle et infantile)",
    description:
      "Suivi de grossesse, consultations des enfants de moins de 6 ans, vaccinations, conseils de puériculture. Gratuit, sur rendez-vous.",
    thematiques: ["famille--soutien-a-la-parentalite-et-a-leducation", "sante--acces-aux-soins"],
    publics: ["familles"],
    type: "accompagnement",
    modes_mobilisation: ["telephoner"],
    horaires_accueil: "Mo,Tu,Th 09:00-12:00,13:30-17:00; We 09:00-12:00; PH off",
  },
];

export const FOOD: Offer = {
  nom: "Aide alimentaire",
  description:
    "Distribution de colis alimentaires et accès à l'épicerie solidaire, sur orientation d'un travailleur social ou après un entretien d'accueil.",
  thematiques: ["equipement-et-alimentation--alimentation"],
  type: "aide-materielle",
  modes_mobilisation: ["se-presenter"],
  mobilisable_par: ["usagers", "professionnels"],
};

type PublicBody = [
  name: string,
  communeCodes: string[],
  organisation: string,
  offer: Offer,
  reseaux: string[],
];

export const PUBLIC_BODIES: PublicBody[] = [
  [
    "France Travail",
    ["92050", "92036", "92025", "92024", "92012", "92002", "92004", "92063", "92040"],
    "France Travail Hauts-de-Seine",
    {
      nom: "Inscription et accompagnement vers l'emploi",
      description:
        "S'inscrire comme demandeur d'emploi, être accompagné par un conseiller, trouver une formation, préparer un CV. Accueil sans rendez-vous le matin.",
      thematiques: [
        "trouver-un-emploi--repondre-a-des-offres-demploi",
        "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
        "se-former--trouver-sa-formation",
      ],
      publics: ["demandeurs-emploi"],
      type: "accompagnement",
      horaires_accueil: "Mo-We 08:30-16:30; Th 08:30-12:30; Fr 08:30-15:30; PH off",
    },
    ["france-travail"],
  ],
  [
    "Point justice",
    ["92050", "92036", "92025", "92007", "92002", "92012"],
    "Préfecture des Hauts-de-Seine",
    {
      nom: "Consultations juridiques gratuites",
      description:
        "Un avocat, un juriste ou un conciliateur de justice vous informe gratuitement sur vos droits : famille, logement, travail, dettes, étrangers.",
      thematiques: [
        "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire",
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
      ],
      type: "information",
      frais: "gratuit",
      modes_mobilisation: ["telephoner"],
      horaires_accueil: "Tu,Th 14:00-17:00; Sa 09:30-12:00; PH off",
    },
    ["points-justice"],
  ],
  [
    "Médiathèque — conseiller numérique",
    ["92050", "92025", "92012", "92040", "92063", "92073", "92044", "92009", "92046"],
    "",
    {
      nom: "Aide au numérique et aux démarches en ligne",
      description:
        "Un conseiller numérique vous aide à utiliser un ordinateur ou un téléphone, créer une adresse mail, faire vos démarches en ligne (CAF, impôts, ameli).",
      thematiques: [
        "numerique--acceder-a-des-services-en-ligne",
        "numerique--maitriser-les-fondamentaux-du-numerique",
      ],
      type: "atelier",
      frais: "gratuit",
      horaires_accueil: "Tu,Th 14:00-18:00; We,Sa 10:00-12:30; PH off",
    },
    ["conseillers-numeriques"],
  ],
];
