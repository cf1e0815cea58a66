// What the responsable sets up from the configuration page: an opening, an
// absence, a motif, a motif's « pièces à apporter ». Each use case
// authorizes (appointmentRules.manageAgendas in the organisation), checks
// that what the form names belongs to the organisation, then writes
// (agenda-admin.ts). Input is validated by the zod schemas of
// agenda-schemas.ts and motif-schemas.ts before it comes here.

import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import type { Absence, PlageOuverture } from "./agenda.ts";
import {
  createAbsence,
  createMotif,
  createPlage,
  setMotifDocumentsToBring,
} from "./agenda-admin.ts";
import { findOpeningOverlaps } from "./agenda-schemas.ts";
import { appointmentRules } from "./policy.ts";
import { loadOrganisationAgenda } from "./setup-store.ts";

type SetupContext = Pick<ServiceContext, "db" | "actor" | "now">;

/**
 * Adds an opening; the answer lists where it overlaps another opening of the
 * same agent (allowed, as in RDV Service Public: the slots are offered once).
 */
export async function addOpening(
  ctx: SetupContext,
  organisationId: string,
  opening: PlageOuverture,
): Promise<{ overlapsFrom: string[] }> {
  authorize(ctx.actor, appointmentRules.manageAgendas, { organisationId });
  const agenda = await loadOrganisationAgenda(ctx.db, organisationId);
  const owns =
    agenda.agents.some((a) => a.id === opening.agentId) &&
    (opening.lieuId === null || agenda.lieux.some((l) => l.id === opening.lieuId)) &&
    opening.motifIds.every((id) => agenda.motifIds.includes(id));
  if (!owns) {
    throw new Invalid(
      {},
      "Cet agent, ce lieu ou ces motifs n'appartiennent pas à votre structure.",
    );
  }
  const overlaps = findOpeningOverlaps([...agenda.openings, opening]).filter((o) =>
    o.openingIds.includes(opening.id),
  );
  await createPlage(
    ctx.db,
    { ...opening, motifIds: [...opening.motifIds], organisationId },
    ctx.now,
  );
  return { overlapsFrom: overlaps.map((o) => o.firstDate) };
}

/** Declares an absence of one of the organisation's agents. */
export async function declareAbsence(
  ctx: SetupContext,
  organisationId: string,
  absence: Absence & { endDay?: string | null },
): Promise<void> {
  authorize(ctx.actor, appointmentRules.manageAgendas, { organisationId });
  const agenda = await loadOrganisationAgenda(ctx.db, organisationId);
  if (!agenda.agents.some((a) => a.id === absence.agentId)) {
    throw new Invalid({}, "Cet agent n'appartient pas à votre structure.");
  }
  await createAbsence(ctx.db, absence, ctx.now);
}

/** Adds a motif to the organisation. */
export async function addMotif(
  ctx: SetupContext,
  motif: Parameters<typeof createMotif>[1],
): Promise<string> {
  authorize(ctx.actor, appointmentRules.manageAgendas, { organisationId: motif.organisationId });
  return createMotif(ctx.db, motif, ctx.now);
}

/** Sets what a person brings to a motif of the organisation (null: nothing asked). */
export async function setDocumentsToBring(
  ctx: SetupContext,
  organisationId: string,
  motifId: string,
  documentsToBring: string | null,
): Promise<void> {
  authorize(ctx.actor, appointmentRules.manageAgendas, { organisationId });
  if (!(await setMotifDocumentsToBring(ctx.db, organisationId, motifId, documentsToBring))) {
    throw new Invalid({}, "Ce motif n'appartient pas à votre structure.");
  }
}
