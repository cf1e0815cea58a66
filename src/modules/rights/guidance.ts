import type { BenefitId } from "./household.ts";

/**
 * What to prepare and where to apply, per benefit: data, shown on the results
 * page (resident and professional). Procedures are the official ones
 * (service-public.fr, caf.fr, ameli.fr, chequeenergie.gouv.fr); the nearest
 * place that helps comes from the directory.
 */
export interface Guidance {
  readonly documents: readonly string[];
  readonly procedure: { readonly text: string; readonly href: string };
  /** Who pays it, in plain words. */
  readonly payer: string;
}

const IDENTITY = "Une pièce d'identité (ou un titre de séjour) pour chaque adulte";
const RIB = "Un relevé d'identité bancaire (RIB)";
const PAYSLIPS =
  "Les justificatifs de ressources des trois derniers mois (bulletins de salaire, attestations France Travail…)";
const TAX = "Votre dernier avis d'impôt sur le revenu";

export const GUIDANCE: Readonly<Record<BenefitId, Guidance>> = {
  rsa: {
    payer: "la CAF (ou la MSA) pour le Département",
    documents: [IDENTITY, RIB, PAYSLIPS, "Votre numéro d'allocataire CAF si vous en avez un"],
    procedure: {
      text: "Demander le RSA en ligne sur caf.fr (service-public.fr, fiche F19778)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F19778",
    },
  },
  ppa: {
    payer: "la CAF (ou la MSA)",
    documents: [IDENTITY, RIB, PAYSLIPS],
    procedure: {
      text: "Demander la prime d'activité en ligne sur caf.fr (service-public.fr, fiche F2882)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F2882",
    },
  },
  css: {
    payer: "votre caisse d'assurance maladie (CPAM)",
    documents: [
      IDENTITY,
      "Votre numéro de sécurité sociale",
      PAYSLIPS.replace("trois derniers mois", "douze derniers mois"),
    ],
    procedure: {
      text: "Demander la complémentaire santé solidaire sur ameli.fr (service-public.fr, fiche F10027)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F10027",
    },
  },
  af: {
    payer: "la CAF",
    documents: [IDENTITY, RIB, "Le livret de famille ou les actes de naissance des enfants", TAX],
    procedure: {
      text: "Déclarer vos enfants à la CAF sur caf.fr (service-public.fr, fiche F13213)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F13213",
    },
  },
  ars: {
    payer: "la CAF, en août",
    documents: [
      "Pour un enfant de 16 à 18 ans : une attestation de scolarité ou d'apprentissage",
      TAX,
    ],
    procedure: {
      text: "Allocation de rentrée scolaire : versée automatiquement aux allocataires CAF (service-public.fr, fiche F1878)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F1878",
    },
  },
  aah: {
    payer: "la CAF, après décision de la MDPH",
    documents: [
      IDENTITY,
      "Un certificat médical de moins d'un an (formulaire Cerfa 15695)",
      "Le formulaire de demande à la MDPH (Cerfa 15692)",
    ],
    procedure: {
      text: "Déposer une demande à la maison départementale des personnes handicapées (service-public.fr, fiche F12242)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F12242",
    },
  },
  aspa: {
    payer: "votre caisse de retraite",
    documents: [IDENTITY, RIB, "Vos relevés de pension", TAX],
    procedure: {
      text: "Demander l'ASPA à votre caisse de retraite (service-public.fr, fiche F16871)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F16871",
    },
  },
  cheque_energie: {
    payer: "l'État, par courrier au printemps",
    documents: [TAX],
    procedure: {
      text: "Le chèque énergie est envoyé automatiquement à partir de votre déclaration de revenus : déclarez vos revenus chaque année, même faibles (chequeenergie.gouv.fr)",
      href: "https://chequeenergie.gouv.fr/",
    },
  },
  asf: {
    payer: "la CAF",
    documents: [
      IDENTITY,
      RIB,
      "Le livret de famille ou les actes de naissance des enfants",
      "Si une pension alimentaire a été fixée : le jugement ou la convention qui la fixe",
    ],
    procedure: {
      text: "Demander l'allocation de soutien familial à la CAF sur caf.fr (service-public.fr, fiche F815)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F815",
    },
  },
  cf: {
    payer: "la CAF",
    documents: [IDENTITY, RIB, "Le livret de famille ou les actes de naissance des enfants", TAX],
    procedure: {
      text: "Complément familial : versé par la CAF aux familles de trois enfants ou plus qui lui ont déclaré leurs enfants et leurs revenus (service-public.fr, fiche F13214)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F13214",
    },
  },
  paje_base: {
    payer: "la CAF, chaque mois, jusqu'aux 3 ans de l'enfant",
    documents: [IDENTITY, RIB, "Le livret de famille ou l'acte de naissance de l'enfant", TAX],
    procedure: {
      text: "Allocation de base de la PAJE : demandez-la à la CAF avec la déclaration de grossesse ou de naissance (service-public.fr, fiche F2552)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F2552",
    },
  },
  asi: {
    payer: "la caisse qui vous verse la pension d'invalidité (CPAM ou MSA)",
    documents: [
      IDENTITY,
      RIB,
      "La notification de votre pension d'invalidité",
      "Les justificatifs de ressources des trois derniers mois, les vôtres et ceux de votre conjoint",
      TAX,
    ],
    procedure: {
      text: "Demander l'allocation supplémentaire d'invalidité à la caisse qui verse votre pension d'invalidité (service-public.fr, fiche F16940)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F16940",
    },
  },
  paje_naissance: {
    payer: "la CAF, en une fois, au 7e mois de la grossesse",
    documents: [
      IDENTITY,
      RIB,
      "La déclaration de grossesse faite par le médecin ou la sage-femme",
      TAX,
    ],
    procedure: {
      text: "Prime à la naissance : déclarez la grossesse avant la fin du 3e mois ; la CAF étudie le droit au 6e mois (service-public.fr, fiche F2550)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F2550",
    },
  },
  aefa: {
    payer: "la CAF (ou la MSA), à la mi-décembre",
    documents: ["Rien à fournir : la prime arrive seule si vous touchez le RSA"],
    procedure: {
      text: "Prime de Noël : versée automatiquement aux foyers au RSA, sans demande (service-public.fr, fiche F1325)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F1325",
    },
  },
  aide_logement: {
    payer: "la CAF (ou la MSA), chaque mois, souvent directement au propriétaire",
    documents: [
      "Le bail (contrat de location) et le montant du loyer sans les charges",
      "Une quittance de loyer récente",
      "Le numéro SIRET du propriétaire ou le nom de l'organisme HLM",
      "Un relevé d'identité bancaire (RIB)",
    ],
    procedure: {
      text: "Demande en ligne sur caf.fr, rubrique « Aides au logement » (service-public.fr, fiche F12006)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F12006",
    },
  },
  bourse_college: {
    payer: "l'État, par le collège, en trois fois (une par trimestre)",
    documents: [
      "Votre dernier avis d'impôt sur le revenu (le revenu fiscal de référence y est écrit)",
      "Vos codes EduConnect, ou ceux de l'élève, pour faire la demande en ligne",
      RIB,
    ],
    procedure: {
      text: "Demander la bourse de collège en ligne (Scolarité-Services) ou au secrétariat du collège, à la rentrée, de début septembre à mi-octobre (service-public.fr, fiche F984)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F984",
    },
  },
  bourse_lycee: {
    payer: "l'État, par le lycée, en trois fois (une par trimestre)",
    documents: [
      "Votre dernier avis d'impôt sur le revenu (le revenu fiscal de référence y est écrit)",
      "Vos codes EduConnect, ou ceux de l'élève, pour faire la demande en ligne",
      RIB,
    ],
    procedure: {
      text: "Demander la bourse de lycée en ligne (Scolarité-Services) : en 3e, au printemps pour la rentrée suivante ; sinon au lycée, à la rentrée (service-public.fr, fiche F616)",
      href: "https://www.service-public.fr/particuliers/vosdroits/F616",
    },
  },
};

/** The directory thematique of places that help people claim their rights. */
export const ACCESS_TO_RIGHTS_THEME =
  "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits";
