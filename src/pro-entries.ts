// The professional space's home page, from the same rules that guard each
// page: a role sees a link only where the page would let it in (hardening
// issue: the pilote, the admin and a CCAS worker used to click into 403s).
// Composed here, where modules meet, so that platform/ imports no module.

import { administrationRules } from "./modules/administration/policy.ts";
import { appointmentRules } from "./modules/appointments/policy.ts";
import { directoryRules } from "./modules/directory/policy.ts";
import { espaceRules } from "./modules/espace/policy.ts";
import { recordsRules } from "./modules/records/policy.ts";
import { rightsRules } from "./modules/rights/policy.ts";
import type { UserActor } from "./platform/access/actor.ts";
import { can, organisationIds, platformRules } from "./platform/access/policy.ts";
import type { ProEntry } from "./platform/access/pro-entries.ts";
import { auditRules } from "./platform/audit/policy.ts";

/**
 * The page for the first of the actor's organisations where the rule holds,
 * named in the address (`param`), or undefined when it holds in none.
 */
function inOneOfMine(
  actor: UserActor,
  path: string,
  param: string,
  allows: (organisationId: string) => boolean,
): string | undefined {
  const organisationId = organisationIds(actor).find(allows);
  if (organisationId === undefined) return undefined;
  return organisationIds(actor).length > 1 ? `${path}?${param}=${organisationId}` : path;
}

const when = (allowed: boolean, path: string) => (allowed ? path : undefined);

export const PRO_ENTRIES: readonly ProEntry[] = [
  {
    title: "Rendez-vous",
    description: "L'agenda du jour, prendre un rendez-vous pour quelqu'un.",
    link: (actor) =>
      inOneOfMine(actor, "/pro/rendez-vous", "organisation", (organisationId) =>
        can(actor, appointmentRules.viewAgenda, { organisationId, agentId: actor.userId }),
      ),
  },
  {
    title: "Statistiques des rendez-vous",
    description: "Délais, rendez-vous honorés et absences, par motif et par lieu.",
    link: (actor) =>
      inOneOfMine(actor, "/pro/rendez-vous/statistiques", "organisation", (organisationId) =>
        can(actor, appointmentRules.viewStatistics, { organisationId }),
      ),
  },
  {
    title: "Configuration des rendez-vous",
    description: "Les lieux, les motifs, les plages d'ouverture et les séances collectives.",
    link: (actor) =>
      inOneOfMine(actor, "/pro/rendez-vous/configuration", "organisation", (organisationId) =>
        can(actor, appointmentRules.manageAgendas, { organisationId }),
      ),
  },
  {
    title: "Dossiers",
    description: "Les parcours des personnes accompagnées, partagés avec leur accord.",
    link: (actor) => when(can(actor, recordsRules.enterRecords, undefined), "/pro/dossiers"),
  },
  {
    title: "Suivi de la structure",
    description: "La charge de chacun et les parcours qui demandent de l'attention.",
    link: (actor) =>
      inOneOfMine(actor, "/pro/suivi-structure", "structure", (organisationId) =>
        can(actor, recordsRules.viewCaseload, { organisationId }),
      ),
  },
  {
    title: "Simulateur de droits",
    description: "Estimer les droits d'une personne pendant un entretien.",
    link: (actor) =>
      when(can(actor, rightsRules.simulateForInterview, undefined), "/pro/simulateur"),
  },
  {
    title: "Non-recours",
    description: "Trouver, dans un fichier de population, les droits qui ne sont pas demandés.",
    link: (actor) => when(can(actor, rightsRules.runNonTakeUp, undefined), "/pro/non-recours"),
  },
  {
    title: "Aides du Département",
    description: "Décrire les aides propres au Département, les essayer, les publier.",
    link: (actor) => when(can(actor, rightsRules.manageLocalAids, undefined), "/pro/aides-locales"),
  },
  {
    title: "Import et export de l'annuaire",
    description: "Charger ou extraire les structures et services au format data·inclusion.",
    link: (actor) =>
      when(can(actor, directoryRules.importExport, undefined), "/pro/annuaire/import"),
  },
  {
    title: "Courriels en attente",
    description: "Les messages écrits par Relais et leur état d'envoi.",
    link: (actor) => when(can(actor, platformRules.viewOutbox, undefined), "/admin/courriels"),
  },
  {
    title: "Journal d'audit",
    description: "Qui a consulté ou modifié quoi, quand ; l'intégrité du journal.",
    link: (actor) => when(can(actor, auditRules.viewJournal, undefined), "/admin/journal"),
  },
  {
    title: "Demandes de correction",
    description: "Les demandes de correction de personnes sans dossier de suivi (RGPD, art. 16).",
    link: (actor) =>
      when(
        can(actor, espaceRules.handleUnlinkedCorrections, undefined),
        "/pro/demandes-de-correction",
      ),
  },
  {
    title: "Organisations",
    description:
      "Créer et modifier les organisations, examiner les demandes de fiches de l'annuaire.",
    link: (actor) =>
      when(
        can(actor, administrationRules.manageOrganisations, undefined),
        "/pro/administration/organisations",
      ),
  },
  {
    title: "Comptes de ma structure",
    description: "Inviter des collègues, mettre fin à un rôle, confier les dossiers de qui part.",
    link: (actor) => {
      if (can(actor, administrationRules.manageOrganisations, undefined)) return undefined;
      const organisationId = organisationIds(actor).find((id) =>
        can(actor, administrationRules.viewAccounts, { organisationId: id }),
      );
      return organisationId && `/pro/administration/organisations/${organisationId}/comptes`;
    },
  },
  {
    title: "Mon compte",
    description: "Changer mon mot de passe, voir et fermer mes sessions ouvertes.",
    link: () => "/pro/compte/sessions",
  },
  {
    title: "Trouver de l'aide",
    description: "Orienter une personne vers le bon service.",
    link: () => "/trouver-de-l-aide",
  },
];
