import type { BetterWhen, TerritoryKind } from "./tables.ts";

/**
 * The indicator list of the 2015-2017 strategy (seed 002, « Indicateurs »):
 * the departmental social indicators that the DREES and the INSEE publish
 * each year, by family, with the codes and names the document gives (the
 * document skips C18, HA01, ASE02…: so do we). Units and « better when »
 * are ours, read from each name; definitions and values are to be filled by
 * an import of the official files, which cannot be downloaded here.
 */
export type IndicatorDefinition = {
  code: string;
  family: string;
  name: string;
  definition: string;
  unit: string;
  source: string;
  producer: string;
  method: string;
  geographicLevel: TerritoryKind;
  betterWhen: BetterWhen;
  computedByRelais: boolean;
};

const SOURCE = "Indicateurs sociaux départementaux, cités par la stratégie 2015-2017 (seed 002)";

const FAMILIES: [string, [string, string][]][] = [
  [
    "Contexte territorial",
    [
      ["C01", "Population selon l'âge"],
      ["C02", "Indice de vieillissement"],
      ["C03", "Taux de mortalité"],
      ["C04", "Espérance de vie"],
      ["C05", "Population vivant dans les pôles urbains"],
      ["C06", "Mobilité résidentielle interdépartementale selon l'âge"],
      ["C07", "Pauvreté monétaire"],
      ["C08", "Intensité de la pauvreté monétaire"],
      ["C09", "Niveau de vie des ménages"],
      ["C10", "Disparité des niveaux de vie"],
      ["C11", "Taux de chômage"],
      ["C12", "Demandeurs d'emploi de longue durée"],
      ["C13", "Taux d'activité de la population"],
      ["C14", "Population selon la catégorie socioprofessionnelle"],
      ["C15", "Part des élèves ayant au moins un an de retard à l'entrée en sixième"],
      ["C16", "Jeunes non diplômés"],
      ["C17", "Jeunes diplômés de l'enseignement supérieur"],
      ["C19", "Logements suroccupés"],
      ["C20", "Taux d'effort logement"],
      ["C21", "Emplois selon la fonction"],
    ],
  ],
  [
    "Personnes en situation de handicap",
    [
      ["HA02", "Proportion d'élèves handicapés"],
      ["HA05", "Taux d'allocataires de l'AAH"],
      ["HA06", "Taux de bénéficiaires de la PCH ou de l'ACTP"],
      ["HA11", "Taux d'équipement en établissements et services pour personnes handicapées"],
    ],
  ],
  [
    "Enfance et jeunesse en danger",
    [
      ["ASE01", "Part des enfants dont les parents sont sans emploi"],
      [
        "ASE04",
        "Part des mineurs faisant l'objet d'une saisine du juge des enfants en assistance éducative",
      ],
      ["ASE06", "Taux de mesures éducatives ou de placement"],
      ["ASE07", "Taux d'équipement en établissements d'aide sociale à l'enfance"],
    ],
  ],
  [
    "Minima sociaux et insertion",
    [
      ["INS02", "Part de jeunes non insérés"],
      ["INS04", "Part des jeunes en difficulté de lecture"],
      ["INS05", "Taux d'allocataires des minima sociaux"],
      ["INS06", "Part de la population couverte par le RSA"],
      ["INS08", "Part de la population bénéficiaire de la CMU complémentaire"],
      ["INS09", "Part de jeunes accueillis pour la première fois en mission locale ou PAIO"],
    ],
  ],
  [
    "Personnes âgées",
    [
      ["PA03", "Taux de bénéficiaires de l'APA"],
      ["PA04", "Taux de bénéficiaires de l'aide sociale à l'hébergement"],
      ["PA05", "Taux d'équipement en hébergement pour personnes âgées"],
      ["PA06", "Densité de places de services de soins infirmiers à domicile"],
      ["PA07", "Densité d'infirmiers libéraux"],
      ["PA08", "Part des bénéficiaires de l'APA à domicile évalués en GIR 1 et 2"],
      ["PA09", "Personnes de 75 ans et plus selon leur mode de cohabitation"],
    ],
  ],
  [
    "Finances",
    [
      ["FI01", "Dépenses de RSA par habitant"],
      ["FI02", "Dépenses de RSA par bénéficiaire"],
      ["FI03", "Dépenses d'APA par habitant"],
      ["FI04", "Dépenses d'APA par bénéficiaire"],
      ["FI05", "Dépenses de PCH et d'ACTP par habitant"],
      ["FI06", "Dépenses de PCH et d'ACTP par bénéficiaire"],
      ["FI07", "Dépenses de placement ASE par habitant"],
      ["FI08", "Dépenses de placement ASE par bénéficiaire"],
      ["FI09", "Dépenses d'hébergement en établissement pour personnes handicapées par habitant"],
      [
        "FI10",
        "Dépenses d'hébergement en établissement pour personnes handicapées par bénéficiaire",
      ],
      ["FI11", "Dépenses totales brutes d'aide sociale par habitant"],
    ],
  ],
];

/** Lower is better for these (poverty, unemployment, delays, overcrowding…). */
const LOWER_IS_BETTER = new Set([
  "C03",
  "C07",
  "C08",
  "C10",
  "C11",
  "C12",
  "C15",
  "C16",
  "C19",
  "C20",
  "INS02",
  "INS04",
]);
const HIGHER_IS_BETTER = new Set(["C04", "C13", "C17"]);

function unitOf(name: string): string {
  if (/^Dépenses/.test(name)) return "euros";
  if (/^(Taux|Part|Proportion)/.test(name) || name === "Pauvreté monétaire") return "%";
  if (name === "Espérance de vie") return "années";
  return "";
}

export const NON_TAKE_UP_CODE = "RELAIS_NR01";

export const SEED_INDICATORS: IndicatorDefinition[] = [
  ...FAMILIES.flatMap(([family, indicators]) =>
    indicators.map(([code, name]) => ({
      code,
      family,
      name,
      definition: "",
      unit: unitOf(name),
      source: SOURCE,
      producer: "INSEE et DREES",
      method: "",
      geographicLevel: "departement" as const,
      betterWhen: LOWER_IS_BETTER.has(code)
        ? ("down" as const)
        : HIGHER_IS_BETTER.has(code)
          ? ("up" as const)
          : ("neutral" as const),
      computedByRelais: false,
    })),
  ),
  {
    code: NON_TAKE_UP_CODE,
    family: "Calculés par Relais",
    name: "Droits probablement non demandés, repérés par commune",
    definition:
      "Nombre de droits (une aide pour un foyer) que le repérage du non-recours de Relais a trouvés probablement non demandés, dans la commune, pour le mois du fichier traité.",
    unit: "droits",
    source: "Repérage du non-recours de Relais (traitements lancés par les pilotes)",
    producer: "Relais",
    method:
      "Somme, par commune, des foyers repérés pour chaque aide. Un foyer qui a droit à deux aides compte deux fois. Le nombre de personnes retenu pour le secret statistique est le plus petit nombre possible de foyers distincts : celui de l'aide la plus souvent repérée.",
    geographicLevel: "commune",
    betterWhen: "neutral",
    computedByRelais: true,
  },
];
