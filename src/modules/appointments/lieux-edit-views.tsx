// The page that edits one place, and can unlink it from its directory entry.

import { type AppContext, pageContext } from "../../platform/http/context.ts";
import {
  Button,
  CheckboxField,
  CsrfField,
  ErrorSummary,
  Fieldset,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { directoryPagePath } from "../directory/service.ts";
import type { LieuRow } from "./lieux.ts";
import { LIEUX_PATH, type LieuErrors, LieuFields } from "./lieux-views.tsx";
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
        <LieuFields c={c} values={values} errors={errors} />
        {page && (
          <Fieldset legend="Annuaire">
            <p>
              Ce lieu est relié à <a href={page}>sa fiche de l'annuaire</a>.
            </p>
            <CheckboxField name="delier" label="Ne plus relier ce lieu à l'annuaire" />
          </Fieldset>
        )}
        <Button>Enregistrer</Button>
      </form>
    </Layout>,
    Object.keys(errors).length > 0 ? 400 : 200,
  );
}
