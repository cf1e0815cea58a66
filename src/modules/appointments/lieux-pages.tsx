// The responsable's places (lieux): pick one of the structure's places from
// the directory, or search it, or type one by hand; edit, enable, disable,
// delete when unused. Works without JavaScript: every action is a form.

import { Hono } from "hono";
import { z } from "zod";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize } from "../../platform/access/policy.ts";
import { Forbidden, Invalid } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import { readForm } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import {
  type DirectoryPlace,
  directoryPagePath,
  findStructuresOfOrganisation,
  placeOfHit,
  searchDirectory,
} from "../directory/service.ts";
import { listCommunes } from "../territory/service.ts";
import {
  createLieuByHand,
  createLieuFromDirectory,
  deleteLieu,
  type LieuContext,
  type LieuRow,
  listOrganisationLieux,
  requireManagedLieu,
  setLieuStatus,
  updateLieu,
} from "./lieux.ts";
import { appointmentRules } from "./policy.ts";
import { crumbs, organisationOf } from "./pro-context.ts";
import { query } from "./views.tsx";

export const lieuxPages = new Hono<AppEnv>();

export const LIEUX_PATH = "/pro/rendez-vous/configuration/lieux";
type Errors = Record<string, string>;

function userActor(c: AppContext): UserActor {
  const actor = c.var.actor;
  if (actor.kind !== "user") throw new Forbidden();
  return actor;
}

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

const STATUS_LABELS: Record<LieuRow["status"], string> = {
  enabled: "actif",
  disabled: "désactivé",
  single_use: "ponctuel",
};

const LieuForm = z.object({
  nom: z.string().trim().min(2, "Indiquez le nom du lieu.").max(200, "200 caractères au plus."),
  adresse: z
    .string()
    .trim()
    .min(5, "Indiquez l'adresse du lieu (numéro, rue, code postal).")
    .max(300, "300 caractères au plus."),
  commune: z.string().trim().optional(),
  telephone: z.string().trim().max(30, "30 caractères au plus.").optional(),
  delier: z.string().optional(),
});

async function CommuneSelect(props: {
  c: AppContext;
  value?: string | null | undefined;
  error?: string | undefined;
}) {
  const communes = await listCommunes(props.c.var.db, props.c.var.deps.config.departementCode);
  return (
    <SelectField
      name="commune"
      label="Commune"
      value={props.value ?? ""}
      error={props.error}
      options={[
        { value: "", label: "Choisir une commune" },
        ...communes.map((commune) => ({ value: commune.inseeCode, label: commune.name })),
      ]}
    />
  );
}

function PickForm(props: { c: AppContext; organisationId: string; place: DirectoryPlace }) {
  const { c, place } = props;
  return (
    <form
      method="post"
      action={`${LIEUX_PATH}/annuaire${query({ organisation: props.organisationId })}`}
      class="rdv-inline-form"
    >
      <CsrfField token={c.var.csrfToken} />
      <input type="hidden" name="ref" value={place.ref} />
      <p>
        <strong>{place.name}</strong>
        <br />
        {place.address || "Adresse non renseignée"} —{" "}
        <a href={place.path}>voir la fiche dans l'annuaire</a>
      </p>
      <Button kind="secondary">Ajouter ce lieu</Button>
    </form>
  );
}

async function renderLieux(
  c: AppContext,
  organisationId: string,
  notice: { errors?: Errors; done?: string; values?: Record<string, string> } = {},
) {
  const db = c.var.db;
  const [lieux, mine] = await Promise.all([
    listOrganisationLieux(db, organisationId),
    findStructuresOfOrganisation(db, organisationId),
  ]);
  const errors: Errors = { ...(notice.errors ?? {}) };
  const texte = c.req.query("texte")?.trim() ?? "";
  const commune = c.req.query("commune")?.trim() ?? "";
  let found: DirectoryPlace[] | undefined;
  if (c.req.method === "GET" && (texte || commune)) {
    try {
      const result = await searchDirectory(
        db,
        c.var.deps.config.departementCode,
        { text: texte || undefined, place: commune || undefined, pageSize: 10 },
        c.var.deps.now(),
      );
      found = result.hits.map(placeOfHit);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      errors.texte = Object.values(error.fieldErrors)[0] ?? error.message;
    }
  }
  const values = notice.values ?? {};
  const orgQuery = query({ organisation: organisationId });
  return c.html(
    <Layout page={pageContext(c)} title="Les lieux de rendez-vous" breadcrumb={crumbs("Lieux")}>
      <h1>Les lieux de rendez-vous</h1>
      <p>
        <a href={`/pro/rendez-vous/configuration${orgQuery}`}>
          Retour aux motifs et plages d'ouverture
        </a>
      </p>
      {notice.done && <Alert kind="success" title={notice.done} />}
      <ErrorSummary errors={errors} />
      <h2>Vos lieux</h2>
      {lieux.length === 0 ? (
        <p>Aucun lieu pour l'instant.</p>
      ) : (
        <ul class="rdv-lieux">
          {lieux.map((lieu) => {
            const page = directoryPagePath(lieu.directoryRef);
            return (
              <li>
                <h3>
                  {lieu.name} <span class="tag">{STATUS_LABELS[lieu.status]}</span>
                </h3>
                <p>
                  {lieu.address}
                  {lieu.communeName && !lieu.address.includes(lieu.communeName)
                    ? `, ${lieu.communeName}`
                    : ""}
                </p>
                {page ? (
                  <p>
                    Relié à l'annuaire : <a href={page}>voir la fiche</a>
                  </p>
                ) : (
                  <p>Saisi à la main.</p>
                )}
                <p>
                  <a href={`${LIEUX_PATH}/${lieu.id}`}>
                    Modifier<span class="visually-hidden"> {lieu.name}</span>
                  </a>
                </p>
                <form method="post" action={`${LIEUX_PATH}/${lieu.id}/statut`}>
                  <CsrfField token={c.var.csrfToken} />
                  <input
                    type="hidden"
                    name="statut"
                    value={lieu.status === "disabled" ? "enabled" : "disabled"}
                  />
                  <Button kind="secondary">
                    {lieu.status === "disabled" ? "Réactiver" : "Désactiver"}
                    <span class="visually-hidden"> {lieu.name}</span>
                  </Button>
                </form>
                {lieu.uses === 0 ? (
                  <form method="post" action={`${LIEUX_PATH}/${lieu.id}/supprimer`}>
                    <CsrfField token={c.var.csrfToken} />
                    <Button kind="secondary">
                      Supprimer<span class="visually-hidden"> {lieu.name}</span>
                    </Button>
                  </form>
                ) : (
                  <p class="field__hint">
                    Utilisé par des plages d'ouverture ou des rendez-vous : il peut être désactivé,
                    pas supprimé.
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}

      <h2>Ajouter un lieu de l'annuaire</h2>
      {mine.length > 0 ? (
        <section aria-labelledby="annuaire-structure">
          <h3 id="annuaire-structure">Les fiches de votre structure</h3>
          {mine.map((place) => (
            <PickForm c={c} organisationId={organisationId} place={place} />
          ))}
        </section>
      ) : (
        <p>Aucune fiche de l'annuaire n'est reliée à votre structure : cherchez-la ci-dessous.</p>
      )}
      <form method="get" action={LIEUX_PATH} class="rdv-form">
        <input type="hidden" name="organisation" value={organisationId} />
        <fieldset class="field">
          <legend class="field__label">Chercher dans l'annuaire</legend>
          <TextField name="texte" label="Nom ou mot-clé" value={texte} error={errors.texte} />
          <TextField name="commune" label="Commune ou code postal" value={commune} width="medium" />
        </fieldset>
        <Button kind="secondary">Chercher</Button>
      </form>
      {found && (
        <section aria-labelledby="annuaire-resultats">
          <h3 id="annuaire-resultats">
            {found.length === 0 ? "Aucun résultat" : `${found.length} résultat(s)`}
          </h3>
          {found.map((place) => (
            <PickForm c={c} organisationId={organisationId} place={place} />
          ))}
        </section>
      )}

      <h2>Saisir un lieu à la main</h2>
      <form method="post" action={`${LIEUX_PATH}${orgQuery}`} class="rdv-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField name="nom" label="Nom du lieu" required value={values.nom} error={errors.nom} />
        <TextField
          name="adresse"
          label="Adresse"
          hint="Numéro, rue, code postal et commune."
          required
          value={values.adresse}
          error={errors.adresse}
        />
        <CommuneSelect c={c} value={values.commune} error={errors.commune} />
        <TextField
          name="telephone"
          label="Téléphone (facultatif)"
          type="tel"
          width="medium"
          value={values.telephone}
          error={errors.telephone}
        />
        <Button>Ajouter le lieu</Button>
      </form>
    </Layout>,
    Object.keys(errors).length > 0 && c.req.method === "POST" ? 400 : 200,
  );
}

lieuxPages.get(LIEUX_PATH, async (c) => renderLieux(c, requireLieuManager(c)));

lieuxPages.post(LIEUX_PATH, async (c) => {
  const organisationId = requireLieuManager(c);
  const form = await readForm(c, LieuForm);
  if (!form.ok) return renderLieux(c, organisationId, { errors: form.errors, values: form.values });
  await createLieuByHand(lieuContext(c), userActor(c), organisationId, {
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
    await createLieuFromDirectory(lieuContext(c), userActor(c), organisationId, ref);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return renderLieux(c, organisationId, { errors: { annuaire: error.message } });
  }
  return renderLieux(c, organisationId, { done: "Lieu ajouté depuis l'annuaire" });
});

async function renderEdit(
  c: AppContext,
  lieu: LieuRow,
  notice: { errors?: Errors; values?: Record<string, string> } = {},
) {
  const errors = notice.errors ?? {};
  const values = notice.values ?? {
    nom: lieu.name,
    adresse: lieu.address,
    commune: lieu.communeCode ?? "",
    telephone: lieu.phone ?? "",
  };
  const page = directoryPagePath(lieu.directoryRef);
  return c.html(
    <Layout page={pageContext(c)} title={`Modifier ${lieu.name}`} breadcrumb={crumbs("Lieux")}>
      <h1>Modifier le lieu</h1>
      <p>
        <a href={`${LIEUX_PATH}${query({ organisation: lieu.organisationId })}`}>
          Retour aux lieux
        </a>
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${LIEUX_PATH}/${lieu.id}`} class="rdv-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField name="nom" label="Nom du lieu" required value={values.nom} error={errors.nom} />
        <TextField
          name="adresse"
          label="Adresse"
          required
          value={values.adresse}
          error={errors.adresse}
        />
        <CommuneSelect c={c} value={values.commune} error={errors.commune} />
        <TextField
          name="telephone"
          label="Téléphone (facultatif)"
          type="tel"
          width="medium"
          value={values.telephone}
          error={errors.telephone}
        />
        {page && (
          <fieldset class="field">
            <legend class="field__label">Annuaire</legend>
            <p>
              Ce lieu est relié à <a href={page}>sa fiche de l'annuaire</a>.
            </p>
            <div class="rdv-checkbox">
              <input type="checkbox" id="champ-delier" name="delier" value="oui" />
              <label for="champ-delier">Ne plus relier ce lieu à l'annuaire</label>
            </div>
          </fieldset>
        )}
        <Button>Enregistrer</Button>
      </form>
    </Layout>,
    Object.keys(errors).length > 0 ? 400 : 200,
  );
}

lieuxPages.get(`${LIEUX_PATH}/:id`, async (c) =>
  renderEdit(c, await requireManagedLieu(c.var.db, c.var.actor, c.req.param("id"))),
);

lieuxPages.post(`${LIEUX_PATH}/:id`, async (c) => {
  const lieu = await requireManagedLieu(c.var.db, c.var.actor, c.req.param("id"));
  const form = await readForm(c, LieuForm);
  if (!form.ok) return renderEdit(c, lieu, { errors: form.errors, values: form.values });
  await updateLieu(lieuContext(c), userActor(c), lieu.id, {
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
  await setLieuStatus(lieuContext(c), userActor(c), lieu.id, form.data.statut);
  return c.redirect(`${LIEUX_PATH}${query({ organisation: lieu.organisationId })}`, 303);
});

lieuxPages.post(`${LIEUX_PATH}/:id/supprimer`, async (c) => {
  const lieu = await requireManagedLieu(c.var.db, c.var.actor, c.req.param("id"));
  try {
    await deleteLieu(lieuContext(c), userActor(c), lieu.id);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return renderLieux(c, lieu.organisationId, { errors: { lieu: error.message } });
  }
  return renderLieux(c, lieu.organisationId, { done: "Lieu supprimé" });
});
