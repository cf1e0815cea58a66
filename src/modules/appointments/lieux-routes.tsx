// The responsable's places (lieux): pick one of the structure's places from
// the directory, or search it, or type one by hand; edit, enable, disable,
// delete when unused. Works without JavaScript: every action is a form.

import { Hono } from "hono";
import { z } from "zod";
import { Invalid } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, userContext } from "../../platform/http/context.ts";
import { formRefusal, parseForm } from "../../platform/http/forms.ts";
import {
  createLieuByHand,
  createLieuFromDirectory,
  deleteLieu,
  requireManagedLieu,
  setLieuStatus,
  updateLieu,
} from "./lieux.ts";
import { renderEdit } from "./lieux-edit-views.tsx";
import { renderLieux } from "./lieux-list-views.tsx";
import { LIEUX_PATH, LieuForm } from "./lieux-views.tsx";
import { appointmentRules } from "./policy.ts";
import { organisationFor } from "./pro-context.ts";
import { query } from "./views.tsx";

export { LIEUX_PATH } from "./lieux-views.tsx";

export const lieuxRoutes = new Hono<AppEnv>();

function requireLieuManager(c: AppContext): string {
  return organisationFor(c, appointmentRules.manageAgendas).organisationId;
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
    if (!(error instanceof Invalid)) throw error;
    return renderLieux(c, organisationId, { errors: { annuaire: error.message } });
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
    if (!(error instanceof Invalid)) throw error;
    return renderLieux(c, lieu.organisationId, { errors: { lieu: error.message } });
  }
  return renderLieux(c, lieu.organisationId, { done: "Lieu supprimé" });
});
