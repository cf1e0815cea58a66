// « Qui a consulté mes données » : the audit events about the person — their
// space, and the follow-up records linked to it — in plain French: which
// structure, which role, what, when; refused attempts included.
import { sql } from "kysely";
import { authorizeResident } from "../../platform/access/policy.ts";
import { ROLE_LABELS, type Role } from "../../platform/access/roles.ts";
import { RECORD_ACTION_LABELS } from "../records/service.ts";
import { linkedPersonIds } from "./links.ts";
import { espaceRules } from "./policy.ts";
import type { ResidentContext } from "./session.ts";
import type { DocumentCategory } from "./tables.ts";
import { CATEGORY_LABELS } from "./vault.ts";

export const SPACE_ACTION_LABELS: Record<string, string> = {
  "espace.create": "ouverture de votre espace",
  "espace.sign_in": "connexion à votre espace",
  "espace.reverify": "code de confirmation saisi",
  "espace.document.create": "ajout d'un document",
  "espace.document.deposit": "dépôt d'un document dans votre espace",
  "espace.document.read": "ouverture d'un document",
  "espace.document.delete": "suppression d'un document",
  "espace.share.create": "partage accordé",
  "espace.share.revoke": "partage retiré",
  "espace.shared.list": "consultation de la liste de vos documents partagés",
  "espace.shared.read": "ouverture d'un document que vous avez partagé",
  "espace.shared.refused": "tentative refusée d'ouvrir un document (pas de partage en cours)",
  "espace.link": "votre dossier de suivi relié à votre espace",
  "espace.unlink": "lien avec un dossier de suivi retiré",
  "espace.export": "téléchargement de toutes vos données",
  "espace.inactivity_warning": "message avant suppression pour inactivité",
  "espace.mandate.grant": "mandat donné à une personne aidante",
  "espace.mandate.revoke": "mandat retiré",
  "espace.mandate.appointments.read": "consultation de vos rendez-vous, pour vous (mandat)",
  "espace.mandate.appointment.cancel": "annulation d'un de vos rendez-vous, pour vous (mandat)",
  "espace.mandate.documents.read": "consultation de la liste de vos documents, pour vous (mandat)",
  "espace.mandate.document.downloaded": "téléchargement d'un de vos documents, pour vous (mandat)",
  "espace.mandate.appointment.moved": "déplacement d'un de vos rendez-vous, pour vous (mandat)",
  "espace.correction.requested": "demande de correction de vos données envoyée",
  "espace.correction.handled": "votre demande de correction traitée",
  "espace.contact.added": "contact ajouté à votre espace (vérifié par un code)",
  "espace.contact.removed": "contact retiré de votre espace",
  "espace.document.kept": "document gardé (sa durée de conservation repart de zéro)",
  "espace.document.unusedWarned":
    "message avant suppression d'un document pas ouvert depuis longtemps",
  "espace.document.expiryWarned": "message : un document n'est plus valable",
  "espace.mandate.refused":
    "tentative refusée d'agir pour vous (mandat retiré, expiré ou partie non accordée)",
  "espace.franceconnect.signedIn": "connexion à votre espace avec FranceConnect",
  "espace.simulation.keep": "simulation de vos droits gardée dans votre espace",
  "espace.simulation.share": "simulation de vos droits montrée à une structure",
  "espace.simulation.delete": "simulation de vos droits supprimée",
  "parcours.simulation.sharedByPerson": "simulation de vos droits reçue dans votre dossier",
};

export type AccessEntry = {
  at: Date;
  who: string;
  organisation: string | null;
  roles: string[];
  what: string;
  refused: boolean;
  detail: string | null;
};

export type HistoryFilter = { from?: Date | undefined; to?: Date | undefined };

const MAX_ENTRIES = 500;

function describe(action: string, details: Record<string, unknown>): string {
  if (action === "consent.withdraw" && details.by === "person") return "vous avez retiré un accord";
  return SPACE_ACTION_LABELS[action] ?? RECORD_ACTION_LABELS[action] ?? action;
}

function detailOf(details: Record<string, unknown>): string | null {
  const parts: string[] = [];
  if (typeof details.title === "string") parts.push(`« ${details.title} »`);
  if (typeof details.category === "string" && details.category in CATEGORY_LABELS)
    parts.push(`catégorie ${CATEGORY_LABELS[details.category as DocumentCategory]}`);
  if (typeof details.organisationName === "string") parts.push(`avec ${details.organisationName}`);
  if (typeof details.helperName === "string" && details.by !== "helper")
    parts.push(`à ${details.helperName}`);
  if (typeof details.purpose === "string") parts.push(`pour : ${details.purpose}`);
  if (typeof details.days === "number") parts.push(`pendant ${details.days} jours`);
  return parts.length > 0 ? parts.join(", ") : null;
}

/**
 * The person's history, latest first, at most 500 events in the period.
 * Their own space and every record linked to it (a professional confirmed
 * it is theirs).
 */
export async function accessHistory(
  ctx: ResidentContext,
  filter: HistoryFilter,
): Promise<AccessEntry[]> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  const personIds = [actor.espaceId, ...(await linkedPersonIds(db, actor.espaceId))];
  let query = db
    .selectFrom("audit_event as e")
    .leftJoin("app_user as u", "u.id", "e.actor_user_id")
    .leftJoin("organisation as o", "o.id", "e.actor_organisation_id")
    .select([
      "e.occurred_at",
      "e.action",
      "e.details",
      "e.actor_user_id",
      "u.display_name",
      "o.name as organisation_name",
      sql<Role[]>`coalesce((SELECT array_agg(DISTINCT m.role::text) FROM membership m
         WHERE m.user_id = e.actor_user_id AND m.organisation_id = e.actor_organisation_id), '{}')`.as(
        "roles",
      ),
    ])
    .where("e.person_id", "in", personIds);
  if (filter.from) query = query.where("e.occurred_at", ">=", filter.from);
  if (filter.to) query = query.where("e.occurred_at", "<", filter.to);
  const rows = await query.orderBy("e.seq", "desc").limit(MAX_ENTRIES).execute();
  return rows.map((row) => {
    const details = row.details ?? {};
    const byResident =
      row.actor_user_id === null && (details.by === "resident" || details.by === "person");
    const helper =
      row.actor_user_id === null &&
      details.by === "helper" &&
      typeof details.helperName === "string"
        ? `${details.helperName} (personne aidante, par votre mandat)`
        : undefined;
    return {
      at: row.occurred_at,
      who: byResident
        ? "Vous"
        : (helper ??
          row.display_name ??
          (row.actor_user_id ? "Un professionnel" : "Traitement automatique")),
      organisation: row.organisation_name,
      roles: row.roles.map((role) => ROLE_LABELS[role] ?? role),
      what: describe(row.action, details),
      refused: row.action.endsWith(".refused"),
      detail: detailOf(details),
    };
  });
}
