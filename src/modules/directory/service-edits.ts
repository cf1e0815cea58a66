import { authorize } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { ServiceContext, UserContext } from "../../platform/http/context.ts";
import { parisDate } from "../../platform/time/paris.ts";
import { searchText } from "./directory-store.ts";
import { directoryRules } from "./policy.ts";
import { requireService, type ServiceDetail } from "./service.ts";

/** What a structure's responsable may change on one of its services. */
export type ServiceChanges = {
  nom: string;
  description: string;
  telephone: string;
  /** An opening_hours value, "" for none. */
  horaires_accueil: string;
};

/** A service its structure's responsables (or an admin) may edit: NotFound, Forbidden otherwise. */
export async function requireEditableService(
  ctx: Pick<ServiceContext, "db" | "actor">,
  identity: string,
): Promise<ServiceDetail> {
  const service = await requireService(ctx.db, identity);
  authorize(ctx.actor, directoryRules.editStructure, {
    organisationId: service.structure_organisation_id,
  });
  return service;
}

/**
 * Saves a responsable's changes to a service and marks it checked today:
 * the entry is up to date. Audited with the fields that changed.
 */
export async function updateService(
  ctx: UserContext,
  service: ServiceDetail,
  input: ServiceChanges,
): Promise<void> {
  const { actor, now } = ctx;
  authorize(actor, directoryRules.editStructure, {
    organisationId: service.structure_organisation_id,
  });
  const changes = {
    nom: input.nom,
    description: input.description,
    telephone: input.telephone || null,
    // The structure's hours saved unchanged stay the structure's.
    horaires_accueil:
      !service.horaires_accueil && input.horaires_accueil === service.structure_horaires
        ? null
        : input.horaires_accueil || null,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("directory_service")
      .set({
        ...changes,
        search_text: searchText(
          { ...service, ...changes, date_maj: "" } as never,
          service.structure_nom,
        ),
        date_maj: parisDate(now),
        checked_at: now,
        updated_at: now,
      })
      .where("id", "=", service.id)
      .execute();
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId: service.structure_organisation_id },
      action: "directory.service.updated",
      subjectType: "directory_service",
      subjectId: service.id,
      details: {
        fields: Object.keys(changes).filter(
          (key) =>
            changes[key as keyof typeof changes] !== (service as Record<string, unknown>)[key],
        ),
      },
      requestId: ctx.requestId,
      at: now,
    });
  });
}
