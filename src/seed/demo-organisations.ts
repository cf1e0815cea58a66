import type { OrganisationKind, Role } from "../platform/access/roles.ts";

/**
 * Demo organisations of the Hauts-de-Seine. The SSTs' names are invented for
 * the demo; the associations are those named in the seed documents.
 */
export const DEMO_SSTS: { name: string; communeCode: string }[] = [
  { name: "SST de Nanterre", communeCode: "92050" },
  { name: "SST de Gennevilliers", communeCode: "92036" },
  { name: "SST de Colombes", communeCode: "92025" },
  { name: "SST de Clichy", communeCode: "92024" },
  { name: "SST de Boulogne-Billancourt", communeCode: "92012" },
  { name: "SST d'Antony", communeCode: "92002" },
  { name: "SST de Bagneux", communeCode: "92007" },
];

export const DEMO_BODIES: { name: string; kind: OrganisationKind; communeCode: string | null }[] = [
  { name: "Département des Hauts-de-Seine", kind: "departement", communeCode: "92050" },
  { name: "CAF des Hauts-de-Seine", kind: "caf", communeCode: "92050" },
  { name: "CPAM des Hauts-de-Seine", kind: "cpam", communeCode: "92050" },
  { name: "France Travail Hauts-de-Seine", kind: "france_travail", communeCode: "92050" },
  { name: "Préfecture des Hauts-de-Seine", kind: "etat", communeCode: "92050" },
  { name: "Collectif Citoyens Fraternels 92", kind: "association", communeCode: null },
  {
    name: "Secours Catholique — délégation des Hauts-de-Seine",
    kind: "association",
    communeCode: null,
  },
  {
    name: "Secours Populaire — fédération des Hauts-de-Seine",
    kind: "association",
    communeCode: null,
  },
  { name: "ATD Quart Monde Hauts-de-Seine", kind: "association", communeCode: null },
  { name: "Habitat et Humanisme Hauts-de-Seine", kind: "association", communeCode: null },
  { name: "Croix-Rouge française — Hauts-de-Seine", kind: "association", communeCode: null },
  { name: "Emmaüs Solidarité", kind: "association", communeCode: null },
];

/** The demo password of every demo account; listed in the README. Demo data only. */
export const DEMO_PASSWORD = "Relais-demo-2026";

export const DEMO_ACCOUNTS: {
  email: string;
  displayName: string;
  role: Role;
  organisation: string;
}[] = [
  {
    email: "accueil@demo.relais.test",
    displayName: "Awa Diallo",
    role: "agent_accueil",
    organisation: "SST de Nanterre",
  },
  {
    email: "ts@demo.relais.test",
    displayName: "Julien Moreau",
    role: "travailleur_social",
    organisation: "SST de Nanterre",
  },
  {
    email: "responsable@demo.relais.test",
    displayName: "Sophie Martin",
    role: "responsable_structure",
    organisation: "SST de Nanterre",
  },
  {
    email: "secours-catholique@demo.relais.test",
    displayName: "Nadia Haddad",
    role: "travailleur_social",
    organisation: "Secours Catholique — délégation des Hauts-de-Seine",
  },
  {
    // CCAS organisations are created from the territory's communes (seedDemo).
    email: "ccas-nanterre@demo.relais.test",
    displayName: "Thomas Lefèvre",
    role: "travailleur_social",
    organisation: "CCAS de Nanterre",
  },
  {
    email: "pilote@demo.relais.test",
    displayName: "Karim Benali",
    role: "pilote",
    organisation: "Département des Hauts-de-Seine",
  },
  {
    email: "admin@demo.relais.test",
    displayName: "Claire Dubois",
    role: "admin",
    organisation: "Département des Hauts-de-Seine",
  },
  {
    email: "dpo@demo.relais.test",
    displayName: "Hélène Rousseau",
    role: "dpo",
    organisation: "Département des Hauts-de-Seine",
  },
];
