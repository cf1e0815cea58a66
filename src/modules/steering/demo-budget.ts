/**
 * The social budget figures the seeds give (nothing invented): the answers
 * of the outgoing majority to the Collectif Citoyens Fraternels 92 (seed
 * 000, question 2) and the EELV list's answer (seed 003, question 2).
 * Executed amounts are not given by the seeds: they stay empty.
 */
export type BudgetLineInput = {
  year: number;
  label: string;
  public: string;
  section: "fonctionnement" | "investissement" | "total";
  plannedEuros: number | null;
  executedEuros: number | null;
  isTotal: boolean;
  source: string;
};

const MAJORITY = "Réponse des candidats de la majorité départementale, question 2 (seed 000)";

export const SEED_BUDGET: BudgetLineInput[] = [
  {
    year: 2020,
    label: "Action sociale (budget primitif 2020)",
    public: "Tous publics",
    section: "total",
    plannedEuros: 834_000_000,
    executedEuros: null,
    isTotal: true,
    source: MAJORITY,
  },
  {
    year: 2020,
    label: "Plan d'urgence face à la crise sanitaire (dès mars 2020)",
    public: "Habitants touchés par la crise",
    section: "total",
    plannedEuros: 120_000_000,
    executedEuros: null,
    isTotal: false,
    source: `${MAJORITY} : « plus de 120 millions »`,
  },
  {
    year: 2020,
    label: "Aide exceptionnelle aux bénéficiaires de la prime d'activité",
    public: "66 000 bénéficiaires de la prime d'activité",
    section: "fonctionnement",
    plannedEuros: 18_000_000,
    executedEuros: null,
    isTotal: false,
    source: `${MAJORITY}, question 3`,
  },
  {
    year: 2021,
    label: "Action sociale (budget 2021)",
    public: "Tous publics",
    section: "fonctionnement",
    plannedEuros: 909_000_000,
    executedEuros: null,
    isTotal: true,
    source: `${MAJORITY} ; 62 % des dépenses réelles selon la liste EELV Colombes 2 (seed 003)`,
  },
  {
    year: 2021,
    label: "Allocations individuelles de solidarité (APA, RSA, PCH)",
    public: "Personnes âgées, allocataires du RSA, personnes handicapées",
    section: "fonctionnement",
    plannedEuros: 314_000_000,
    executedEuros: null,
    isTotal: false,
    source: `${MAJORITY} : près de 12 % de plus qu'en 2020`,
  },
];
