import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import { readForm } from "../../platform/http/forms.ts";
import { Alert, Button, CsrfField, ErrorSummary } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { CSV_COLUMNS } from "./indicator-csv.ts";
import { type ImportResult, importIndicatorValues } from "./indicator-import.ts";
import { steeringRules } from "./policy.ts";

export const IMPORT_PATH = "/pilotage/indicateurs/import";
export const importPage = new Hono<AppEnv>();

const TITLE = "Importer des chiffres d'indicateurs";
const ImportForm = z.object({
  fichier: z
    .instanceof(File, { error: "Choisissez un fichier CSV." })
    .refine((file) => file.size > 0, {
      error: "Le fichier est vide.",
    }),
});

function render(
  c: AppContext,
  result?: ImportResult,
  formErrors: Record<string, string> = {},
  status: 200 | 400 = 200,
) {
  return c.html(
    <Layout
      page={pageContext(c)}
      title={TITLE}
      breadcrumb={[{ label: "Les chiffres du plan", href: "/indicateurs" }, { label: TITLE }]}
    >
      <h1>{TITLE}</h1>
      {result && result.errors.length === 0 && (
        <Alert kind="success" title="Import terminé">
          <p>{result.imported} chiffres enregistrés.</p>
        </Alert>
      )}
      {result && result.errors.length > 0 && (
        <Alert kind="error" title="Rien n'a été importé">
          <p>Corrigez ces lignes puis envoyez à nouveau tout le fichier :</p>
          <ul>
            {result.errors.slice(0, 200).map((error) => (
              <li>
                Ligne {error.line} : {error.message}
              </li>
            ))}
          </ul>
          {result.errors.length > 200 && <p>… et {result.errors.length - 200} autres lignes.</p>}
        </Alert>
      )}
      {Object.keys(formErrors).length > 0 && <ErrorSummary errors={formErrors} />}
      <h2>Le format du fichier</h2>
      <p>
        Un fichier CSV avec des points-virgules, en UTF-8 (ou Latin-1, comme l'enregistre un
        tableur). La première ligne donne les colonnes : <code>{CSV_COLUMNS.join(";")}</code>.
      </p>
      <ul>
        <li>
          territoire : « departement » ou « commune » ; code_territoire : 92 ou le code INSEE de la
          commune ;
        </li>
        <li>date : AAAA-MM-JJ, AAAA-MM ou AAAA ;</li>
        <li>valeur et objectif : des nombres, avec une virgule ou un point ;</li>
        <li>
          personnes : le nombre de personnes derrière le chiffre (moins de 11 : secret statistique).
        </li>
      </ul>
      <p>
        Une seule ligne fausse, et rien n'est importé. Un chiffre déjà connu pour le même territoire
        et la même date est remplacé.
      </p>
      <form method="post" action={IMPORT_PATH} enctype="multipart/form-data" class="form">
        <CsrfField token={c.var.csrfToken} />
        <div class={`field${formErrors.fichier ? " field--error" : ""}`}>
          <label for="champ-fichier" class="field__label">
            Le fichier CSV
          </label>
          {formErrors.fichier && (
            <p id="champ-fichier-erreur" class="field__error">
              {formErrors.fichier}
            </p>
          )}
          <input
            type="file"
            id="champ-fichier"
            name="fichier"
            accept=".csv,text/csv"
            required
            aria-describedby={formErrors.fichier ? "champ-fichier-erreur" : undefined}
          />
        </div>
        <Button>Importer</Button>
      </form>
    </Layout>,
    status,
  );
}

importPage.get(IMPORT_PATH, (c) => {
  authorize(c.var.actor, steeringRules.editPlan, undefined);
  return render(c);
});

importPage.post(IMPORT_PATH, async (c) => {
  authorize(c.var.actor, steeringRules.editPlan, undefined);
  const form = await readForm(c, ImportForm);
  if (!form.ok) return render(c, undefined, form.errors, 400);
  const result = await importIndicatorValues(
    c.var.db,
    c.var.actor,
    new Uint8Array(await form.data.fichier.arrayBuffer()),
    c.var.deps.config.departementCode,
    c.var.deps.now(),
    c.var.requestId,
  );
  return render(c, result, {}, result.errors.length > 0 ? 400 : 200);
});
