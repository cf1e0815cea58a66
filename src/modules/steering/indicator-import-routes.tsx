import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { acceptsBody } from "../../platform/http/body-limit.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
} from "../../platform/http/context.ts";
import { formRefusal, parseForm, parseParam } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  FileField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { listRuns, type NonTakeUpRun } from "../rights/service.ts";
import { NON_TAKE_UP_CODE } from "./demo-indicators.ts";
import { CSV_COLUMNS } from "./indicator-csv.ts";
import { type ImportResult, importIndicatorValues } from "./indicator-import.ts";
import { steeringRules } from "./policy.ts";
import { recordNonTakeUpIndicator } from "./relais-indicators.ts";

export const IMPORT_PATH = "/pilotage/indicateurs/import";

/** The largest indicator file accepted: a year of monthly values for every commune fits in 1 Mo. */
export const MAX_INDICATOR_FILE_BYTES = 1024 * 1024;
const FILE_TOO_LARGE =
  "Le fichier dépasse 1 Mo : découpez-le en plusieurs fichiers (par exemple un par indicateur) et envoyez-les l'un après l'autre. Rien n'a été importé.";

/** The import's own size limit: the file and the form around it. */
const indicatorImportBodyLimit = acceptsBody({
  maxBytes: MAX_INDICATOR_FILE_BYTES + 16 * 1024,
  tooLarge: () => new HTTPException(413, { message: FILE_TOO_LARGE }),
});
export const indicatorImportRoutes = new Hono<AppEnv>();

const TITLE = "Importer des chiffres d'indicateurs";
const ImportForm = z.object({
  fichier: z
    .instanceof(File, { error: "Choisissez un fichier CSV." })
    .refine((file) => file.size > 0, {
      error: "Le fichier est vide.",
    })
    .refine((file) => file.size <= MAX_INDICATOR_FILE_BYTES, { error: FILE_TOO_LARGE }),
});

const RunId = z.uuid();

async function render(
  c: AppContext,
  result?: ImportResult,
  formErrors: Record<string, string> = {},
  status: 200 | 400 = 200,
  published?: { month: string; communes: number },
) {
  // The pilote's own finished runs only: a run's results are theirs alone.
  const runs: NonTakeUpRun[] = (await listRuns(requestContext(c))).filter(
    (run) => run.status === "done",
  );
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
      {published && (
        <Alert kind="success" title="Chiffres publiés">
          <p>
            Repérage de {published.month} : {published.communes} communes dans l'indicateur{" "}
            <a href={`/indicateurs/${NON_TAKE_UP_CODE}`}>{NON_TAKE_UP_CODE}</a>.
          </p>
        </Alert>
      )}
      {Object.keys(formErrors).length > 0 && <ErrorSummary errors={formErrors} />}
      <h2>Les repérages du non-recours</h2>
      <p>
        Publiez les chiffres par commune d'un de vos repérages terminés, avant que ses résultats ne
        soient effacés. Seuls les nombres partent, jamais les foyers ; une commune de moins de 11
        foyers reste en secret statistique.
      </p>
      {runs.length === 0 ? (
        <p>Aucun repérage terminé.</p>
      ) : (
        <ul>
          {runs.map((run) => (
            <li>
              <form
                method="post"
                action={`/pilotage/indicateurs/non-recours/${run.id}`}
                class="inline-form"
              >
                <CsrfField token={c.var.csrfToken} />
                Repérage du mois {run.month} ({run.households_found} foyers repérés sur{" "}
                {run.households}) <Button kind="secondary">Publier les chiffres par commune</Button>
              </form>
            </li>
          ))}
        </ul>
      )}
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
        <FileField
          name="fichier"
          label="Le fichier CSV (1 Mo au plus)"
          accept=".csv,text/csv"
          required
          error={formErrors.fichier}
        />
        <Button>Importer</Button>
      </form>
    </Layout>,
    status,
  );
}

indicatorImportRoutes.get(IMPORT_PATH, async (c) => {
  authorize(c.var.actor, steeringRules.editPlan, undefined);
  return render(c);
});

indicatorImportRoutes.post(IMPORT_PATH, indicatorImportBodyLimit, async (c) => {
  authorize(c.var.actor, steeringRules.editPlan, undefined);
  let result: ImportResult;
  try {
    const input = await parseForm(c, ImportForm);
    result = await importIndicatorValues(
      requestContext(c),
      new Uint8Array(await input.fichier.arrayBuffer()),
      c.var.deps.config.departementCode,
    );
  } catch (error) {
    return render(c, undefined, (await formRefusal(c, error)).errors, 400);
  }
  return render(c, result, {}, result.errors.length > 0 ? 400 : 200);
});

indicatorImportRoutes.post("/pilotage/indicateurs/non-recours/:runId", async (c) => {
  const runId = parseParam(c, "runId", RunId);
  const recorded = await recordNonTakeUpIndicator(requestContext(c), runId);
  return render(c, undefined, {}, 200, recorded);
});
