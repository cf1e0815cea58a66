// The responsable's places (lieux): pick one of the structure's places from
// the directory, or search it, or type one by hand; edit, enable, disable,
// delete when unused. Works without JavaScript: every action is a form.

import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import type { AppContext, AppEnv } from "../../platform/http/context.ts";
import { readForm } from "../../platform/http/forms.ts";
import { requireUser } from "../../platform/http/require-user.ts";
import {
  createLieuByHand,
  createLieuFromDirectory,
  deleteLieu,
  type LieuContext,
  requireManagedLieu,
  setLieuStatus,
  updateLieu,
} from "./lieux.ts";
import { renderEdit } from "./lieux-edit-page.tsx";
import { LIEUX_PATH, LieuForm } from "./lieux-form.tsx";
import { renderLieux } from "./lieux-list-page.tsx";
import { appointmentRules } from "./policy.ts";
import { organisationOf } from "./pro-context.ts";
import { query } from "./views.tsx";

export { LIEUX_PATH } from "./lieux-form.tsx";

export const lieuxPages = new Hono<AppEnv>();

function requireLieuManager(c: AppContext): string {
  const organisationId = organisationOf(c, c.var.actor);
  authorize(c.var.actor, appointmentRules.manageLieux, { organisationId });
  return organisationId;
}

const lieuContext = (c: AppContext): LieuContext => ({
  db: c.var.db,
  now: c.var.deps.now(),
  requestId: c.var.requestId,
});

lieuxPages.get(LIEUX_PATH, async (c) => renderLieux(c, requireLieuManager(c)));

lieuxPages.post(LIEUX_PATH, async (c) => {
  const organisationId = requireLieuManager(c);
  const form = await readForm(c, LieuForm);
  if (!form.ok) return renderLieux(c, organisationId, { errors: form.errors, values: form.values });
  await createLieuByHand(lieuContext(c), requireUser(c), organisationId, {
    name: form.data.nom,
    address: form.data.adresse,
    communeCode: form.data.commune || null,
    phone: form.data.telephone || null,
  });
  return renderLieux(c, organisationId, { done: "Lieu ajouté" });
});

lieuxPages.post(`${LIEUX_PATH}/annuaire`, async (c) => {
  const organisationId = requireLieuManager(c);
  const form = await readForm(c, z.object({ ref: z.string().max(100) }));
  const ref = form.ok ? form.data.ref : "";
  try {
    await createLieuFromDirectory(lieuContext(c), requireUser(c), organisationId, ref);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return renderLieux(c, organisationId, { errors: { annuaire: error.message } });
  }
  return renderLieux(c, organisationId, { done: "Lieu ajouté depuis l'annuaire" });
});

lieuxPages.get(`${LIEUX_PATH}/:id`, async (c) =>
  renderEdit(c, await requireManagedLieu(c.var.db, c.var.actor, c.req.param("id"))),
);

lieuxPages.post(`${LIEUX_PATH}/:id`, async (c) => {
  const lieu = await requireManagedLieu(c.var.db, c.var.actor, c.req.param("id"));
  const form = await readForm(c, LieuForm);
  if (!form.ok) return renderEdit(c, lieu, { errors: form.errors, values: form.values });
  await updateLieu(lieuContext(c), requireUser(c), lieu.id, {
    name: form.data.nom,
    address: form.data.adresse,
    communeCode: form.data.commune || null,
    phone: form.data.telephone || null,
    unlink: form.data.delier === "oui",
  });
  return c.redirect(`${LIEUX_PATH}${query({ organisation: lieu.organisationId })}`, 303);
});

lieuxPages.post(`${LIEUX_PATH}/:id/statut`, async (c) => {
  const lieu = await requireManagedLieu(c.var.db, c.var.actor, c.req.param("id"));
  const form = await readForm(c, z.object({ statut: z.enum(["enabled", "disabled"]) }));
  if (!form.ok) throw new Invalid(form.errors, "Choisissez d'activer ou de désactiver le lieu.");
  await setLieuStatus(lieuContext(c), requireUser(c), lieu.id, form.data.statut);
  return c.redirect(`${LIEUX_PATH}${query({ organisation: lieu.organisationId })}`, 303);
});

lieuxPages.post(`${LIEUX_PATH}/:id/supprimer`, async (c) => {
  const lieu = await requireManagedLieu(c.var.db, c.var.actor, c.req.param("id"));
  try {
    await deleteLieu(lieuContext(c), requireUser(c), lieu.id);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return renderLieux(c, lieu.organisationId, { errors: { lieu: error.message } });
  }
  return renderLieux(c, lieu.organisationId, { done: "Lieu supprimé" });
});
