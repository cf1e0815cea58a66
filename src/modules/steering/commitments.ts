/**
 * The 2021 questionnaire of the Collectif Citoyens Fraternels 92 to the
 * candidates in the departmental elections (8 questions), and the four
 * answers in the seeds, summarised in our own plain words, question by
 * question. Facts and figures are the answers' own; the wording is ours —
 * each summary names its source document for the full text.
 */
export type Respondent = { id: string; name: string; source: string };

export const RESPONDENTS: Respondent[] = [
  {
    id: "majorite",
    name: "Candidats de la majorité départementale sortante",
    source: "Réponses des candidats de la majorité départementale (seed 000)",
  },
  {
    id: "changeons",
    name: "Liste « Changeons notre ville » (programme sur changeonsnotreville.fr)",
    source: "Réponses de la liste (seed 001)",
  },
  {
    id: "eelv-colombes",
    name: "Liste EELV, canton de Colombes 2 (L. Lecoeur, J.-F. Campion, K. Bui, J.-P. Le Belle)",
    source: "Réponse de la liste EELV Colombes 2 (seed 003)",
  },
  {
    id: "bosc",
    name: "Vincent Bosc et Alvine Moutongo-Black",
    source: "Réponses signées V. Bosc et A. Moutongo-Black (seed 004)",
  },
];

export type Question = {
  number: number;
  title: string;
  /** What the collective asked, in short. */
  asked: string;
  answers: Record<string, string>;
};

export const QUESTIONS: Question[] = [
  {
    number: 1,
    title: "Services de solidarité territoriale et accès aux droits",
    asked:
      "Depuis la réforme de 2019, les services sociaux du Département manquent de personnel. Comment garantir l'accès à un travailleur social, recruter, et garder un accueil par téléphone et sur place malgré le tout-numérique ?",
    answers: {
      majorite:
        "Le manque de personnel touche tout le secteur social. Salaires revus en 2021, contrats de 3 ans, convention avec l'IRTS : 117 agents recrutés entre octobre 2020 et janvier 2021. Le « Pass numérique » (carnets de 100 €, 3 600 personnes) aide pour les démarches en ligne ; téléphone et accueil sur place restent possibles.",
      changeons:
        "Recruter plus de travailleurs sociaux avec moins de dossiers chacun, un plan d'emploi sur plusieurs années, la titularisation des contractuels, de la formation et de la supervision. Des assistantes sociales de prévention qui vont vers les gens, et plus de maisons des droits.",
      "eelv-colombes":
        "Revenir à une organisation par métiers, un outil informatique commun à tous les acteurs du parcours, de meilleurs salaires et des formations. Plus de points d'accès au droit avec les mairies, et des permanences sur rendez-vous.",
      bosc: "La réforme a désorganisé les services : 30 % des travailleurs socio-éducatifs sont partis et le suivi des enfants de l'ASE est irrégulier. Plus de 600 jeunes vivent à l'hôtel.",
    },
  },
  {
    number: 2,
    title: "Budget pour l'action sociale",
    asked:
      "Quelle part du budget pour l'action sociale pendant 6 ans, répartie comment (type d'aide, public) ? Comment les actions sont-elles évaluées et rendues publiques ? Allez-vous l'augmenter ?",
    answers: {
      majorite:
        "Budget record de 909 millions d'euros en 2021 (834 millions en 2020). Les allocations (APA, RSA, PCH) atteignent 314 millions, +12 %. Projets : soutien aux aidants (maison du répit), foyer pour adultes autistes, plan de crise de 120 millions en 2020.",
      changeons:
        "Ajouter 400 millions d'euros à l'action sociale (environ 80 % du budget). Tester un revenu pour les 18-25 ans de 923 € par mois. Faire du département un « territoire zéro non-recours ».",
      "eelv-colombes":
        "Passer de 62 % à 70 % des dépenses, soit environ 1 026 millions d'euros. Tester un RSA jeunes (4 500 personnes, 26 millions), et plus pour la petite enfance, la protection de l'enfance, le handicap et les EHPAD.",
      bosc: "Dépenser tout le budget prévu : 560 millions non dépensés, ce n'est pas acceptable. Financer de petites structures proches des habitants et des projets d'insertion par l'emploi. Évaluer chaque année les effets sociaux et écologiques.",
    },
  },
  {
    number: 3,
    title: "Contrat avec l'État sur le plan pauvreté",
    asked:
      "Les Hauts-de-Seine et les Yvelines sont les seuls départements à ne pas avoir signé le nouveau plan pauvreté avec l'État. Que comptez-vous faire ?",
    answers: {
      majorite:
        "Un contrat avec l'État est en préparation, prévu pour septembre, sur 3 axes : l'accompagnement des jeunes, un parcours vers l'emploi pour les personnes au RSA, et la formation des travailleurs sociaux.",
      changeons:
        "Relancer le plan pauvreté : revenu pour les jeunes, des intervenants qui informent les gens de leurs droits, des permanences sociales, « territoire zéro non-recours ».",
      "eelv-colombes":
        "Signer avec l'État, avec un objectif pour 2022 : 100 % des mineurs du département ont un logement et un référent. D'abord définir la grande pauvreté, s'appuyer sur les associations et faire un diagnostic des besoins.",
      bosc: "Signer le contrat dès le début du mandat : places en crèche, cantine à 1 €, repérer les personnes qui ne demandent pas le RSA, aider aux frais de transport, lutter contre la précarité numérique, former élus et agents avec les personnes concernées.",
    },
  },
  {
    number: 4,
    title: "Logement des personnes défavorisées",
    asked:
      "Le plan départemental pour le logement des personnes défavorisées (PDALHPD) n'a pas été renouvelé après 2020. Allez-vous l'adopter vite ? Comment aider les logements très sociaux (PLAI, ANAH) ?",
    answers: {
      majorite:
        "La baisse des logements sociaux vient de l'État (-48 % dans le département de 2019 à 2020). Le Département garde son aide aux logements PLAI, surtout dans les communes sous 25 % de logements sociaux, et lance « Quartiers d'avenir » (150 millions).",
      changeons:
        "Adopter le PDALHPD vite, faire respecter la loi SRU, lutter contre les marchands de sommeil, encadrer les loyers partout, plus d'hébergement d'urgence avec l'objectif zéro sans-abri.",
      "eelv-colombes":
        "Élaborer un PDALHPD avec tous les acteurs, et une subvention du Département en plus pour les logements très sociaux dans le diffus (PLAI et ANAH).",
      bosc: "Donner la priorité aux logements très sociaux avec les communes, mieux les répartir entre nord et sud, lutter contre l'habitat indigne et les passoires thermiques.",
    },
  },
  {
    number: 5,
    title: "Enfants et jeunes de l'aide sociale à l'enfance (ASE)",
    asked:
      "L'IGAS a relevé que 600 jeunes de l'ASE vivent à l'hôtel, mal suivis. Allez-vous arrêter ces séjours à l'hôtel ? Par quoi les remplacer ?",
    answers: {
      majorite:
        "Environ 5 100 enfants suivis ; l'hôtel, environ 10 %, vient de la hausse des mineurs non accompagnés (350 en 2015, 1 278 en 2020). 575 places obtenues par appels à projets, 275 attribuées début 2021. Règles strictes à l'hôtel depuis février 2021, 50 places SOS Villages d'enfants d'ici 2023.",
      changeons:
        "Interdire l'hôtel, créer un village d'enfants et de petits foyers près des écoles, plus de psychologues, un numéro vert, prolonger la protection après 18 ans.",
      "eelv-colombes":
        "Acheter une dizaine de bâtiments pour accueillir 1 000 enfants, loués à des associations, avec le suivi des travailleurs sociaux du Département.",
      bosc: "Interdire l'hôtel, plus de personnel en PMI, un interlocuteur unique, une maison parentale par canton, un nombre maximum de situations par travailleur social, préparer les 18 ans.",
    },
  },
  {
    number: 6,
    title: "Insertion par l'activité économique",
    asked:
      "Soutiendrez-vous, et financerez-vous, les candidatures « Territoire zéro chômeur de longue durée » (Asnières, Antony, Colombes) ? Et le dispositif « Premières heures » ?",
    answers: {
      majorite:
        "Le Département soutient 39 structures d'insertion (990 salariés en 2020). Il suit « Territoire zéro chômeur » et décidera de son soutien selon les résultats ; « Premières heures » pourra être soutenu dans le cadre du service public de l'insertion et de l'emploi.",
      changeons:
        "Oui : adhérer à l'association TZCLD, une équipe d'agents dédiée, financer les emplois créés ; prendre en charge toutes les dépenses de « Premières heures ».",
      "eelv-colombes":
        "Oui pour « Territoire zéro chômeur », autour des métiers de la transition écologique ; « Premières heures » pour des métiers d'utilité sociale.",
      bosc: "Financer l'insertion avec les associations, faciliter les projets « zéro chômeur » avec les communes, un conseiller unique pour chaque personne au RSA.",
    },
  },
  {
    number: 7,
    title: "Accès à l'alimentation",
    asked: "Soutiendrez-vous des projets alimentaires territoriaux (PAT) dans le département ?",
    answers: {
      majorite:
        "Passer par les cantines des collèges : les produits locaux deviennent un critère de choix des prestataires, avec les producteurs des Yvelines.",
      changeons:
        "Oui : 80 % de bio et de circuits courts dans les cantines, un plat végétarien chaque jour, des cuisines dans les collèges.",
      "eelv-colombes":
        "Oui : une agriculture bio urbaine et sociale, avec les jardins privés, les associations, les AMAP, et un label « produit en Hauts-de-Seine ».",
      bosc: "Circuits courts et bio, un repas végétarien chaque jour au collège, cuisine sur place, tri des déchets, des collégiens à la commission des repas.",
    },
  },
  {
    number: 8,
    title: "Communication directe avec les citoyens",
    asked:
      "Le site internet du Département ne donne pas d'informations sur l'action sociale. Allez-vous le transformer ?",
    answers: {
      majorite:
        "Le site a déjà un portail des droits et services de solidarité, avec des formulaires en ligne ; les lieux d'accueil sont recensés sur la plateforme Soliguide.",
      changeons:
        "Transformer le site pour une transparence totale sur l'action sociale ; publier les choix budgétaires et un compte rendu annuel de mandat ; consultations, votations et pétitions citoyennes.",
      "eelv-colombes": "Des tutoriels simples pour que chacun trouve l'information sociale.",
      bosc: "Refaire le site pour qu'il serve vraiment les habitants, faciliter les rendez-vous par téléphone, associer les citoyens à la mise en œuvre et à l'évaluation, en regardant l'effet sur les 10 % les plus pauvres.",
    },
  },
];

/**
 * Concrete commitments quoted word for word from the outgoing majority's
 * answers (seed 000), the list that went on to govern: the ones a tracker
 * can check. Their status starts « à suivre »; a pilote marks it with a
 * date and a source. The link to a plan action is ours.
 */
export const SEED_COMMITMENTS = [
  {
    respondent: "majorite",
    question: 1,
    quote:
      "nous maintenons partout la possibilité de contacter les équipes départementales par téléphone ou en se rendant sur place lors des horaires d’ouverture au public.",
    actionNumber: 11,
  },
  {
    respondent: "majorite",
    question: 3,
    quote:
      "Le Département travaille en lien avec les services de l’État a une contractualisation dans le cadre de la stratégie territorialisée de lutte contre la pauvreté en Ile-de-France, qui devrait aboutir en septembre prochain.",
    actionNumber: null,
  },
  {
    respondent: "majorite",
    question: 4,
    quote:
      "Ce dispositif départemental ayant fait ses preuves, nous avons décidé de le maintenir pour l’avenir.",
    actionNumber: 4,
  },
  {
    respondent: "majorite",
    question: 5,
    quote:
      "le financement à l’horizon 2023 de 50 nouvelles places au sein de SOS Village d’enfants, association spécialisée dans l’accueil des fratries, pour les Yvelines et les Hauts-de-Seine.",
    actionNumber: null,
  },
  {
    respondent: "majorite",
    question: 6,
    quote:
      "Il en est de même du dispositif « Premières Heures », qui pourra faire l’objet d’un soutien pour développer l’action à l’échelle du département",
    actionNumber: 28,
  },
  {
    respondent: "majorite",
    question: 7,
    quote:
      "le Département fera de la part de denrées locales dans l’assiette du collégien un critère de sélection des futurs opérateurs.",
    actionNumber: null,
  },
];

export const COMMITMENT_STATUS_LABELS = {
  a_suivre: "À suivre",
  tenu: "Tenu",
  en_cours: "En cours",
  pas_tenu: "Pas tenu",
  sans_suite: "Sans suite",
} as const;
