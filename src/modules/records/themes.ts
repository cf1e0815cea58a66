/** Themes of the plan's objectives (Carnet de bord's and the 2015-2017 strategy's areas). */
export const THEMES = {
  logement: "Logement",
  emploi: "Emploi et formation",
  sante: "Santé",
  budget: "Budget",
  acces_aux_droits: "Accès aux droits",
  famille: "Famille et parentalité",
  mobilite: "Mobilité",
  numerique: "Numérique",
  apres_18_ans: "Après 18 ans (sortie de l'ASE)",
  autre: "Autre",
} as const;

export type Theme = keyof typeof THEMES;
export const THEME_KEYS = Object.keys(THEMES) as [Theme, ...Theme[]];

/**
 * Objectives (and their actions) on these themes are health data: like
 * sensitive notes, only for those who may read sensitive data, under a
 * consent that includes health (RGPD art. 9).
 */
export const SENSITIVE_THEMES: readonly Theme[] = ["sante"];

export function isSensitiveTheme(theme: string): boolean {
  return (SENSITIVE_THEMES as readonly string[]).includes(theme);
}

export const ACTION_STATUS_LABELS = {
  a_faire: "À faire",
  en_cours: "En cours",
  faite: "Faite",
  abandonnee: "Abandonnée",
} as const;

export const OBJECTIVE_STATUS_LABELS = {
  en_cours: "En cours",
  atteint: "Atteint",
  abandonne: "Abandonné",
} as const;

export const PARCOURS_STATUS_LABELS = {
  ouvert: "Ouvert",
  clos: "Clos",
  archive: "Archivé",
} as const;

export const ORIENTATION_STATUS_LABELS = {
  proposee: "Proposée",
  acceptee: "Acceptée",
  refusee: "Refusée",
  annulee: "Annulée",
} as const;

export const CONSENT_HOW_LABELS = {
  ecrit: "par écrit",
  oral: "oralement",
} as const;

export const CONSENT_SCOPE_LABELS = {
  suivi: "Suivi partagé, sans les informations de santé",
  suivi_sante: "Suivi partagé, y compris les informations de santé",
} as const;

/** The situation's sections; health is written as sensitive notes, never here. */
export const SITUATION_FIELDS = {
  foyer: "Composition du foyer",
  logement: "Logement",
  ressources: "Ressources",
  emploi: "Emploi et formation",
} as const;

export type SituationField = keyof typeof SITUATION_FIELDS;
