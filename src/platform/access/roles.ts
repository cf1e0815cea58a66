import type { OrganisationKind, Role } from "../../db/foundation-tables.ts";

export type { OrganisationKind, Role };

export const ROLES: readonly Role[] = [
  "agent_accueil",
  "travailleur_social",
  "responsable_structure",
  "pilote",
  "admin",
  "dpo",
];

export const ROLE_LABELS: Record<Role, string> = {
  agent_accueil: "Agent d'accueil",
  travailleur_social: "Travailleur social",
  responsable_structure: "Responsable de structure",
  pilote: "Pilote",
  admin: "Administrateur",
  dpo: "Délégué à la protection des données",
};

export const ORGANISATION_KINDS: readonly OrganisationKind[] = [
  "departement",
  "sst",
  "ccas",
  "association",
  "caf",
  "cpam",
  "france_travail",
  "mairie",
  "etat",
  "autre",
];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  departement: "Département",
  sst: "Service de solidarité territoriale (SST)",
  ccas: "Centre communal d'action sociale (CCAS)",
  association: "Association",
  caf: "Caisse d'allocations familiales (CAF)",
  cpam: "Caisse primaire d'assurance maladie (CPAM)",
  france_travail: "France Travail",
  mairie: "Mairie",
  etat: "Services de l'État",
  autre: "Autre",
};
