// The page that edits one place, and can unlink it from its directory entry.

import { type AppContext, pageContext } from "../../platform/http/context.ts";
import { Button, CsrfField, ErrorSummary, TextField } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { directoryPagePath } from "../directory/service.ts";
import type { LieuRow } from "./lieux.ts";
import { CommuneSelect, LIEUX_PATH, type LieuErrors } from "./lieux-form.tsx";
import { crumbs } from "./pro-context.ts";
import { query } from "./views.tsx";

export async function renderEdit(
  c: AppContext,
  lieu: LieuRow,
  notice: { errors?: LieuErrors; values?: Record<string, string> } = {},
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
