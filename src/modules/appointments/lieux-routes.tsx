// The responsable's places (lieux): pick one of the structure's places from
// the directory, or search it, or type one by hand; edit, enable, disable,
// delete when unused. Works without JavaScript: every action is a form.

import { Hono } from "hono";
import { z } from "zod";
import {
  type AppContext,
  type AppEnv,
  requestContext,
  userContext,
} from "../../platform/http/context.ts";
import { formErrors, formRefusal, parseForm } from "../../platform/http/forms.ts";
import {
  type DirectoryPlace,
  findStructuresOfOrganisation,
  placeOfHit,
  searchDirectory,
} from "../directory/service.ts";
import {
  createLieuByHand,
  createLieuFromDirectory,
  deleteLieu,
  listOrganisationLieux,
  requireManagedLieu,
  setLieuStatus,
  updateLieu,
} from "./lieux.ts";
import { renderEdit } from "./lieux-edit-views.tsx";
import { renderLieuxPage } from "./lieux-list-views.tsx";
import { LIEUX_PATH, type LieuErrors, LieuForm } from "./lieux-views.tsx";
import { appointmentRules } from "./policy.ts";
import { organisationFor } from "./pro-context.ts";
import { query } from "./views.tsx";

export { LIEUX_PATH } from "./lieux-views.tsx";

export const lieuxRoutes = new Hono<AppEnv>();

function requireLieuManager(c: AppContext): string {
  return organisationFor(c, appointmentRules.manageAgendas).organisationId;
}

/**
 * The places' page of an organisation, with a directory search when the
 * query asks one (a search refused shows its message under the search field).
 */
async function renderLieux(
  c: AppContext,
  organisationId: string,
  notice: { errors?: LieuErrors; done?: string; values?: Record<string, string> } = {},
) {
  const db = c.var.db;
  const [lieux, mine] = await Promise.all([
    listOrganisationLieux(db, organisationId),
    findStructuresOfOrganisation(db, organisationId),
  ]);
  const errors: LieuErrors = { ...(notice.errors ?? {}) };
  const texte = c.req.query("texte")?.trim() ?? "";
  const commune = c.req.query("commune")?.trim() ?? "";
  let found: DirectoryPlace[] | undefined;
  if (c.req.method === "GET" && (texte || commune)) {
    try {
      const result = await searchDirectory(requestContext(c), c.var.deps.config.departementCode, {
        text: texte || undefined,
        place: commune || undefined,
        pageSize: 10,
      });
      found = result.hits.map(placeOfHit);
    } catch (error) {
      const refusal = formErrors(error);
      if (!refusal) throw error;
      errors.texte = Object.values(refusal)[0] ?? "";
    }
  }
  return renderLieuxPage(c, {
    organisationId,
    lieux,
    mine,
    found,
    texte,
    commune,
    errors,
    notice: {
      ...(notice.done ? { done: notice.done } : {}),
      ...(notice.values ? { values: notice.values } : {}),
    },
  });
}

const DirectoryRefForm = z.object({ ref: z.string().max(100) });

lieuxRoutes.get(LIEUX_PATH, async (c) => renderLieux(c, requireLieuManager(c)));

lieuxRoutes.post(LIEUX_PATH, async (c) => {
  const organisationId = requireLieuManager(c);
  try {
    const input = await parseForm(c, LieuForm);
    await createLieuByHand(userContext(c), organisationId, {
      name: input.nom,
      address: input.adresse,
      communeCode: input.commune || null,
      phone: input.telephone || null,
    });
  } catch (error) {
    return renderLieux(c, organisationId, await formRefusal(c, error));
  }
  return renderLieux(c, organisationId, { done: "Lieu ajouté" });
});

lieuxRoutes.post(`${LIEUX_PATH}/annuaire`, async (c) => {
  const organisationId = requireLieuManager(c);
  try {
    // An unreadable reference is no reference: the service says so in French.
    const { ref } = await parseForm(c, DirectoryRefForm).catch(() => ({ ref: "" }));
    await createLieuFromDirectory(userContext(c), organisationId, ref);
  } catch (error) {
    const errors = formErrors(error, "annuaire");
    if (!errors) throw error;
    return renderLieux(c, organisationId, { errors });
  }
  return renderLieux(c, organisationId, { done: "Lieu ajouté depuis l'annuaire" });
});

lieuxRoutes.get(`${LIEUX_PATH}/:id`, async (c) =>
  renderEdit(c, await requireManagedLieu(userContext(c), c.req.param("id"))),
);

lieuxRoutes.post(`${LIEUX_PATH}/:id`, async (c) => {
  const ctx = userContext(c);
  const lieu = await requireManagedLieu(ctx, c.req.param("id"));
  try {
    const input = await parseForm(c, LieuForm);
    await updateLieu(ctx, lieu.id, {
      name: input.nom,
      address: input.adresse,
      communeCode: input.commune || null,
      phone: input.telephone || null,
      unlink: input.delier === "oui",
    });
  } catch (error) {
    return renderEdit(c, lieu, await formRefusal(c, error));
  }
  return c.redirect(`${LIEUX_PATH}${query({ organisation: lieu.organisationId })}`, 303);
});

lieuxRoutes.post(`${LIEUX_PATH}/:id/statut`, async (c) => {
  const ctx = userContext(c);
  const lieu = await requireManagedLieu(ctx, c.req.param("id"));
  const { statut } = await parseForm(
    c,
    z.object({ statut: z.enum(["enabled", "disabled"]) }),
    "Choisissez d'activer ou de désactiver le lieu.",
  );
  await setLieuStatus(ctx, lieu.id, statut);
  return c.redirect(`${LIEUX_PATH}${query({ organisation: lieu.organisationId })}`, 303);
});

lieuxRoutes.post(`${LIEUX_PATH}/:id/supprimer`, async (c) => {
  const ctx = userContext(c);
  const lieu = await requireManagedLieu(ctx, c.req.param("id"));
  try {
    await deleteLieu(ctx, lieu.id);
  } catch (error) {
    const errors = formErrors(error, "lieu");
    if (!errors) throw error;
    return renderLieux(c, lieu.organisationId, { errors });
  }
  return renderLieux(c, lieu.organisationId, { done: "Lieu supprimé" });
});
