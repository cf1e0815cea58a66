// The places' main page: the structure's places with their actions, the
// directory entries to pick from (the structure's own and a search), and the
// form to type a place by hand.

import { Invalid } from "../../platform/errors.ts";
import { type AppContext, pageContext } from "../../platform/http/context.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  Fieldset,
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
import { type LieuRow, listOrganisationLieux } from "./lieux.ts";
import { LIEUX_PATH, type LieuErrors, LieuFields } from "./lieux-form.tsx";
import { crumbs } from "./pro-context.ts";
import { query } from "./views.tsx";

const STATUS_LABELS: Record<LieuRow["status"], string> = {
  enabled: "actif",
  disabled: "désactivé",
  single_use: "ponctuel",
};

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

export async function renderLieux(
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
      const result = await searchDirectory(
        { db, now: c.var.now },
        c.var.deps.config.departementCode,
        { text: texte || undefined, place: commune || undefined, pageSize: 10 },
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
        <Fieldset legend="Chercher dans l'annuaire">
          <TextField name="texte" label="Nom ou mot-clé" value={texte} error={errors.texte} />
          <TextField name="commune" label="Commune ou code postal" value={commune} width="medium" />
        </Fieldset>
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
        <LieuFields
          c={c}
          values={values}
          errors={errors}
          addressHint="Numéro, rue, code postal et commune."
        />
        <Button>Ajouter le lieu</Button>
      </form>
    </Layout>,
    Object.keys(errors).length > 0 && c.req.method === "POST" ? 400 : 200,
  );
}
