// The responsable's places (lieux): pick one of the structure's places from
// the directory, or search it, or type one by hand; edit, enable, disable,
// delete when unused. Works without JavaScript: every action is a form.

import { Hono } from "hono";
import { z } from "zod";
import { Invalid } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, requestContext } from "../../platform/http/context.ts";
import { formErrors, formValues, parseForm } from "../../platform/http/forms.ts";
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
import { organisationFor } from "./pro-context.ts";
import { query } from "./views.tsx";

export { LIEUX_PATH } from "./lieux-form.tsx";

export const lieuxPages = new Hono<AppEnv>();

function requireLieuManager(c: AppContext): string {
  return organisationFor(c, appointmentRules.manageAgendas).organisationId;
}

const lieuContext = (c: AppContext): LieuContext => requestContext(c);

const DirectoryRefForm = z.object({ ref: z.string().max(100) });

lieuxPages.get(LIEUX_PATH, async (c) => renderLieux(c, requireLieuManager(c)));

lieuxPages.post(LIEUX_PATH, async (c) => {
  const organisationId = requireLieuManager(c);
  let input: z.infer<typeof LieuForm>;
  try {
    input = await parseForm(c, LieuForm);
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderLieux(c, organisationId, { errors, values: await formValues(c) });
  }
  await createLieuByHand(lieuContext(c), requireUser(c), organisationId, {
    name: input.nom,
    address: input.adresse,
    communeCode: input.commune || null,
    phone: input.telephone || null,
  });
  return renderLieux(c, organisationId, { done: "Lieu ajouté" });
});

lieuxPages.post(`${LIEUX_PATH}/annuaire`, async (c) => {
  const organisationId = requireLieuManager(c);
  try {
    // An unreadable reference is no reference: the service says so in French.
    const { ref } = await parseForm(c, DirectoryRefForm).catch(() => ({ ref: "" }));
    await createLieuFromDirectory(lieuContext(c), requireUser(c), organisationId, ref);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return renderLieux(c, organisationId, { errors: { annuaire: error.message } });
  }
  return renderLieux(c, organisationId, { done: "Lieu ajouté depuis l'annuaire" });
});

lieuxPages.get(`${LIEUX_PATH}/:id`, async (c) =>
  renderEdit(c, await requireManagedLieu(c.var.db, requireUser(c), c.req.param("id"))),
);

lieuxPages.post(`${LIEUX_PATH}/:id`, async (c) => {
  const lieu = await requireManagedLieu(c.var.db, requireUser(c), c.req.param("id"));
  let input: z.infer<typeof LieuForm>;
  try {
    input = await parseForm(c, LieuForm);
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderEdit(c, lieu, { errors, values: await formValues(c) });
  }
  await updateLieu(lieuContext(c), requireUser(c), lieu.id, {
    name: input.nom,
    address: input.adresse,
    communeCode: input.commune || null,
    phone: input.telephone || null,
    unlink: input.delier === "oui",
  });
  return c.redirect(`${LIEUX_PATH}${query({ organisation: lieu.organisationId })}`, 303);
});

lieuxPages.post(`${LIEUX_PATH}/:id/statut`, async (c) => {
  const lieu = await requireManagedLieu(c.var.db, requireUser(c), c.req.param("id"));
  const { statut } = await parseForm(
    c,
    z.object({ statut: z.enum(["enabled", "disabled"]) }),
    "Choisissez d'activer ou de désactiver le lieu.",
  );
  await setLieuStatus(lieuContext(c), requireUser(c), lieu.id, statut);
  return c.redirect(`${LIEUX_PATH}${query({ organisation: lieu.organisationId })}`, 303);
});

lieuxPages.post(`${LIEUX_PATH}/:id/supprimer`, async (c) => {
  const lieu = await requireManagedLieu(c.var.db, requireUser(c), c.req.param("id"));
  try {
    await deleteLieu(lieuContext(c), requireUser(c), lieu.id);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return renderLieux(c, lieu.organisationId, { errors: { lieu: error.message } });
  }
  return renderLieux(c, lieu.organisationId, { done: "Lieu supprimé" });
});
