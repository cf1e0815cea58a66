import type { Tx } from "../../db/database.ts";
import { ServiceRecord, StructureRecord } from "./record-schema.ts";
import { type DirectoryRecords, recordKey, saveRecords } from "./store.ts";

/**
 * The demo directory of the Hauts-de-Seine. Every structure and service is
 * marked demo (is_demo, source "relais-demo"); addresses say "(démonstration)"
 * and phone numbers are in the 01 99 00 range that ARCEP reserves for fiction.
 * Kinds of places are real (CCAS, SST, PMI, France Travail, points justice,
 * the associations named in the seeds); their details are invented.
 */

export const DEMO_SOURCE = "relais-demo";

type DemoCommune = {
  inseeCode: string;
  name: string;
  postcodes: string[];
  latitude: number | null;
  longitude: number | null;
};

const DATE = "2026-09-01";
const WEEKDAYS = "Mo-Fr 09:00-12:30,13:30-17:00; PH off";

type Offer = {
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

type Place = {
  id: string;
  nom: string;
  organisation?: string;
  commune: DemoCommune;
  reseaux?: string[];
  horaires: string;
  offers: Offer[];
};

const CCAS_OFFERS: Offer[] = [
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

const SST_OFFERS: Offer[] = [
  {
    nom: "Accueil social départemental",
    description:
      "Les travailleurs sociaux du Département vous accompagnent : accès aux droits, budget, logement, RSA, protection de l'enfance. Accueil sans rendez-vous le matin.",
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

const FOOD: Offer = {
  nom: "Aide alimentaire",
  description:
    "Distribution de colis alimentaires et accès à l'épicerie solidaire, sur orientation d'un travailleur social ou après un entretien d'accueil.",
  thematiques: ["equipement-et-alimentation--alimentation"],
  type: "aide-materielle",
  modes_mobilisation: ["se-presenter"],
  mobilisable_par: ["usagers", "professionnels"],
};

function frenchPhone(index: number): string {
  return `01 99 00 ${String(Math.floor(index / 100) % 100).padStart(2, "0")} ${String(index % 100).padStart(2, "0")}`;
}

/** A point near the commune centre, the same on every run (no randomness). */
function nearCentre(commune: DemoCommune, index: number) {
  if (commune.latitude === null || commune.longitude === null) return {};
  const angle = index * 2.399963;
  const radius = 0.002 + (index % 5) * 0.0012;
  return {
    latitude: Number((commune.latitude + radius * Math.sin(angle)).toFixed(5)),
    longitude: Number((commune.longitude + radius * 1.5 * Math.cos(angle)).toFixed(5)),
  };
}

function places(communes: DemoCommune[], sstCommunes: Map<string, string>): Place[] {
  const byCode = new Map(communes.map((commune) => [commune.inseeCode, commune]));
  const at = (code: string) => byCode.get(code);
  const result: Place[] = [];
  for (const commune of communes) {
    result.push({
      id: `ccas-${commune.inseeCode}`,
      nom: `CCAS de ${commune.name}`,
      organisation: `CCAS de ${commune.name}`,
      commune,
      reseaux: ["ccas-cias"],
      horaires: WEEKDAYS,
      offers: CCAS_OFFERS,
    });
  }
  for (const [name, code] of sstCommunes) {
    const commune = at(code);
    if (commune) {
      result.push({
        id: `sst-${code}`,
        nom: name,
        organisation: name,
        commune,
        reseaux: ["departements"],
        horaires: WEEKDAYS,
        offers: SST_OFFERS,
      });
    }
  }
  const extra: [string, string, string, Partial<Place>, Offer[]][] = [
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
  const associationCommunes = [
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
  extra.forEach(([organisation, slug, short, options, offers], index) => {
    for (const code of associationCommunes.filter((_, i) => (i + index) % 3 !== 2)) {
      const commune = at(code);
      if (!commune) continue;
      result.push({
        id: `${slug}-${code}`,
        nom: `${short} — ${commune.name}`,
        organisation,
        commune,
        horaires: options.horaires ?? WEEKDAYS,
        reseaux: options.reseaux ?? [],
        offers,
      });
    }
  });
  const publicBodies: [string, string[], string, Offer, string[]][] = [
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
  for (const [name, codes, organisation, offer, reseaux] of publicBodies) {
    for (const code of codes) {
      const commune = at(code);
      if (!commune) continue;
      result.push({
        id: `${normalizeId(name)}-${code}`,
        nom: `${name} — ${commune.name}`,
        ...(organisation ? { organisation } : {}),
        commune,
        reseaux,
        horaires: offer.horaires_accueil ?? WEEKDAYS,
        offers: [offer],
      });
    }
  }
  return result;
}

function normalizeId(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
}

export function demoDirectoryRecords(
  communes: DemoCommune[],
  sstCommunes: Map<string, string>,
): DirectoryRecords & { organisations: Map<string, string> } {
  const structures: StructureRecord[] = [];
  const services: ServiceRecord[] = [];
  const organisations = new Map<string, string>();
  places(communes, sstCommunes).forEach((place, index) => {
    const position = nearCentre(place.commune, index);
    const address = {
      commune: place.commune.name,
      code_postal: place.commune.postcodes[0] ?? null,
      code_insee: place.commune.inseeCode,
      adresse: `${10 + (index % 80)} rue de la Solidarité (démonstration)`,
      ...position,
    };
    if (place.organisation) organisations.set(recordKey(DEMO_SOURCE, place.id), place.organisation);
    structures.push(
      StructureRecord.parse({
        source: DEMO_SOURCE,
        id: place.id,
        nom: place.nom,
        date_maj: DATE,
        telephone: frenchPhone(index),
        horaires_accueil: place.horaires,
        reseaux_porteurs: place.reseaux ?? [],
        description: "Structure de démonstration : les informations sont fictives.",
        ...address,
      }),
    );
    place.offers.forEach((offer, offerIndex) => {
      services.push(
        ServiceRecord.parse({
          source: DEMO_SOURCE,
          structure_id: place.id,
          id: `${place.id}--${offerIndex + 1}`,
          modes_accueil: ["en-presentiel"],
          mobilisable_par: ["usagers", "professionnels"],
          modes_mobilisation: ["se-presenter"],
          publics: ["tous-publics"],
          frais: "gratuit",
          zone_eligibilite: [place.commune.inseeCode],
          telephone: frenchPhone(index),
          date_maj: DATE,
          ...offer,
          ...address,
        }),
      );
    });
  });
  return { structures, services, organisations };
}

/** Saves the demo directory, linking structures to the demo organisations by name. */
export async function saveDemoDirectory(
  tx: Tx,
  input: {
    communes: DemoCommune[];
    sstCommunes: Map<string, string>;
    organisationIdsByName: Map<string, string>;
    now: Date;
  },
): Promise<{ structures: number; services: number }> {
  const records = demoDirectoryRecords(input.communes, input.sstCommunes);
  const organisationIds = new Map<string, string>();
  for (const [key, name] of records.organisations) {
    const id = input.organisationIdsByName.get(name);
    if (id) organisationIds.set(key, id);
  }
  return saveRecords(tx, records, { isDemo: true, now: input.now, organisationIds });
}
