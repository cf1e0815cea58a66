// The pilot's non-take-up pages: upload a population file (streamed, with
// its own size cap, larger than the global 1 MB), follow the background job's progress
// (a "Rafraîchir" link: no script, no meta refresh), download the results.
import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
  userContext,
} from "../../platform/http/context.ts";
import { assertCsrfToken, CSRF_FIELD } from "../../platform/http/csrf.ts";
import { formErrors, parseValue } from "../../platform/http/forms.ts";
import { UnreadableUpload, UploadTooLarge } from "../../platform/http/streamed-upload.ts";
import { frenchDateTime, frenchLongDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  CsrfField,
  ErrorSummary,
  FileField,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { COLUMN_DOCS, EXAMPLE_LINE, templateCsv } from "./batch-format.ts";
import {
  downloadRunResults,
  listRuns,
  MAX_UPLOAD_BYTES,
  RESULT_FILES,
  RESULTS_KEPT_DAYS,
  readRun,
} from "./non-take-up-runs.ts";
import { NO_FILE, receiveNonTakeUpUpload } from "./non-take-up-upload.ts";
import { rightsRules } from "./policy.ts";
import { currentMonth } from "./results.ts";
import { SimulatedMonth } from "./simulation-schemas.ts";

export const NON_TAKE_UP_PATH = "/pro/non-recours";
export const nonTakeUpRoutes = new Hono<AppEnv>();
const TOO_LARGE = `Le fichier dépasse ${MAX_UPLOAD_BYTES / 1024 / 1024} Mo : découpez-le en plusieurs fichiers, ou utilisez la commande relais simulate --batch. Rien n'a été enregistré.`;
const UNREADABLE = "Le fichier n'a pas pu être reçu en entier : envoyez-le à nouveau.";
/** The file plus the form's other fields and multipart framing. */
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;
const crumbs = (label?: string) => [
  { label: "Espace professionnel", href: "/pro" },
  ...(label
    ? [{ label: "Repérage du non-recours", href: NON_TAKE_UP_PATH }, { label }]
    : [{ label: "Repérage du non-recours" }]),
];

nonTakeUpRoutes.get(NON_TAKE_UP_PATH, async (c) => {
  authorize(c.var.actor, rightsRules.runNonTakeUp, undefined);
  return uploadPage(c, { mois: currentMonth(c.var.now) }, {});
});

// The body is read as a stream (non-take-up-upload.ts), never whole: the
// global body limit skips this path (app.tsx), the size is checked here, on
// the declared length first, then on the bytes as they arrive.
/** The fields before the file: checked once they are read, before the file's bytes. */
const UploadFields = z.object({ mois: SimulatedMonth });

nonTakeUpRoutes.post(NON_TAKE_UP_PATH, async (c) => {
  const ctx = userContext(c);
  authorize(ctx.actor, rightsRules.runNonTakeUp, undefined);
  if (!/^multipart\/form-data\s*;/i.test(c.req.header("content-type") ?? "") || !c.req.raw.body)
    return uploadPage(c, { mois: "" }, { fichier: NO_FILE }, 400);
  if (Number(c.req.header("content-length") ?? 0) > MAX_BODY_BYTES)
    return uploadPage(c, { mois: "" }, { fichier: TOO_LARGE }, 400);
  let month = "";
  let id: string;
  try {
    id = await receiveNonTakeUpUpload(ctx, c.req.raw, {
      maxBytes: MAX_BODY_BYTES,
      beforeFile: (fields) => {
        assertCsrfToken(c, fields[CSRF_FIELD]);
        month = (fields.mois ?? "").trim();
        return parseValue(UploadFields, fields).mois;
      },
    });
  } catch (error) {
    if (error instanceof UploadTooLarge)
      return uploadPage(c, { mois: month }, { fichier: TOO_LARGE }, 400);
    if (error instanceof UnreadableUpload)
      return uploadPage(c, { mois: month }, { fichier: UNREADABLE }, 400);
    const errors = formErrors(error);
    if (!errors) throw error;
    return uploadPage(c, { mois: month }, errors, 400);
  }
  return c.redirect(`${NON_TAKE_UP_PATH}/${id}`, 303);
});

const RECEIVING = "réception du fichier en cours";
const TEMPLATE_PATH = `${NON_TAKE_UP_PATH}/modele.csv`;

// Before `/:id`: the template is not a run. No personal data: two invented households.
nonTakeUpRoutes.get(TEMPLATE_PATH, (c) => {
  authorize(c.var.actor, rightsRules.runNonTakeUp, undefined);
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", 'attachment; filename="modele-population.csv"');
  return c.body(templateCsv());
});

nonTakeUpRoutes.get(`${NON_TAKE_UP_PATH}/:id`, async (c) => {
  const run = await readRun(requestContext(c), c.req.param("id"));
  const done = run.status === "done";
  const receiving = run.status === "receiving";
  const percent = receiving
    ? 0
    : run.chunks_total === 0
      ? 100
      : Math.round((run.chunks_done / run.chunks_total) * 100);
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`Traitement ${run.file_name}`}
      breadcrumb={crumbs(run.file_name)}
    >
      <h1>Repérage du non-recours : {run.file_name}</h1>
      <p>
        Mois simulé : {run.month}. Déposé le {frenchDateTime(new Date(run.created_at))}.
      </p>
      <p>
        <label for="avancement">
          Avancement : {done ? "terminé" : receiving ? RECEIVING : `${percent} %`}
        </label>
        <br />
        <progress id="avancement" class="rights-progress" max={100} value={done ? 100 : percent}>
          {percent} %
        </progress>
      </p>
      <p>
        {run.households.toLocaleString("fr-FR")} foyers lus,{" "}
        {run.households_found.toLocaleString("fr-FR")} probablement éligibles à une prestation non
        perçue, {run.rows_skipped.toLocaleString("fr-FR")}{" "}
        {run.rows_skipped > 1 ? "lignes ignorées" : "ligne ignorée"}.
      </p>
      {done ? (
        <>
          <ul>
            <li>
              <a href={`${NON_TAKE_UP_PATH}/${run.id}/trouves.csv`}>
                Télécharger les foyers repérés (CSV)
              </a>
            </li>
            <li>
              <a href={`${NON_TAKE_UP_PATH}/${run.id}/recapitulatif.csv`}>
                Télécharger le récapitulatif par commune et prestation (CSV)
              </a>
            </li>
          </ul>
          <p>
            Le fichier déposé a été supprimé après traitement. Les résultats restent disponibles,
            pour vous seul, jusqu'au {frenchLongDate(new Date(run.expires_at))}.
          </p>
        </>
      ) : (
        <p>
          <a class="button button--secondary" href={`${NON_TAKE_UP_PATH}/${run.id}`}>
            Rafraîchir
          </a>
        </p>
      )}
    </Layout>,
  );
});

for (const name of Object.keys(RESULT_FILES) as (keyof typeof RESULT_FILES)[]) {
  nonTakeUpRoutes.get(`${NON_TAKE_UP_PATH}/:id/${name}.csv`, async (c) => {
    const { run, csv } = await downloadRunResults(userContext(c), c.req.param("id"), name);
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="non-recours-${run.month}-${name}.csv"`);
    c.header("Cache-Control", "no-store");
    return c.body(csv);
  });
}

async function uploadPage(
  c: AppContext,
  values: Record<string, string>,
  errors: Record<string, string>,
  status: 200 | 400 = 200,
) {
  const actor = c.var.actor;
  const runs = actor.kind === "user" ? await listRuns(c.var.db, actor.userId) : [];
  return c.html(
    <Layout
      page={pageContext(c)}
      title={
        Object.keys(errors).length > 0
          ? "Erreur : repérage du non-recours"
          : "Repérage du non-recours"
      }
      breadcrumb={crumbs()}
    >
      <h1>Repérage du non-recours</h1>
      <ErrorSummary errors={errors} />
      <p>
        Déposez un fichier de foyers (CSV, format décrit <a href="#format">plus bas</a>) : Relais
        simule les prestations du simulateur pour le mois choisi et repère les foyers probablement
        éligibles à une prestation qu'ils ne perçoivent pas. Le traitement se fait en tâche de fond
        ; vous pouvez quitter la page et revenir.
      </p>
      <p>
        Les <a href="/pro/aides-locales">aides du Département</a> publiées pour le mois choisi
        figurent aussi dans la liste des foyers repérés (prestation « aide_locale »), sans savoir si
        le foyer les reçoit déjà ; le récapitulatif par commune ne compte que les aides nationales.
      </p>
      <Alert kind="warning" title="Données personnelles">
        <p>
          Le fichier déposé est supprimé dès qu'il est traité. Les résultats ne sont visibles que
          par vous et sont supprimés après {RESULTS_KEPT_DAYS} jours. Chaque dépôt et chaque
          téléchargement est inscrit au journal d'audit.
        </p>
      </Alert>
      <form method="post" action={NON_TAKE_UP_PATH} enctype="multipart/form-data" class="form">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="mois"
          label="Mois simulé"
          hint="AAAA-MM"
          value={values.mois}
          error={errors.mois}
          required
          width="short"
        />
        <FileField
          name="fichier"
          label="Fichier de population (CSV)"
          hint={`${MAX_UPLOAD_BYTES / 1024 / 1024} Mo au plus (environ 1,5 million de foyers). Au-delà, découpez le fichier ou utilisez la commande relais simulate --batch.`}
          error={errors.fichier}
          accept=".csv,text/csv"
          markOptional={false}
        />
        <button type="submit" class="button button--primary">
          Lancer le repérage
        </button>
      </form>
      <FileFormat />
      {runs.length > 0 && (
        <>
          <h2>Vos traitements</h2>
          <ul>
            {runs.map((run) => (
              <li>
                <a href={`${NON_TAKE_UP_PATH}/${run.id}`}>{run.file_name}</a> — {run.month},{" "}
                {run.status === "done"
                  ? "terminé"
                  : run.status === "receiving"
                    ? RECEIVING
                    : `${run.chunks_done} / ${run.chunks_total} parties`}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>,
    status,
  );
}

/** The file's format on the page itself (issue 14), with the template to download. */
function FileFormat() {
  return (
    <section aria-labelledby="format">
      <h2 id="format">Le format du fichier</h2>
      <p>
        <a href={TEMPLATE_PATH} download="modele-population.csv">
          Télécharger un modèle de fichier (CSV, 2 foyers d'exemple)
        </a>
      </p>
      <ul>
        <li>Une ligne par foyer ; la première ligne donne les noms des colonnes.</li>
        <li>
          Les colonnes peuvent être dans n'importe quel ordre, et les colonnes facultatives peuvent
          manquer. Un nom de colonne inconnu arrête le traitement (faute de frappe).
        </li>
        <li>
          Séparateur point-virgule « ; » (ou virgule quand l'en-tête n'a aucun point-virgule),
          encodage UTF-8.
        </li>
        <li>
          Montants en euros par mois, avec une virgule ou un point pour les centimes, sans espace :
          1234,56. Case vide : zéro ou inconnu.
        </li>
        <li>Dates au format AAAA-MM-JJ, mois au format AAAA-MM.</li>
        <li>
          Une ligne mal remplie est signalée avec son numéro et ignorée : les autres sont traitées.
        </li>
      </ul>
      <h3>Les colonnes</h3>
      <dl class="rights-columns">
        {COLUMN_DOCS.map((doc) => (
          <>
            <dt>
              <code>{doc.name}</code> {doc.required ? "(obligatoire)" : "(facultative)"}
            </dt>
            <dd>{doc.text}</dd>
          </>
        ))}
      </dl>
      <h3>Exemple de ligne</h3>
      <p>Un parent seul avec deux enfants, locataire à Nanterre, qui travaille à temps partiel :</p>
      <pre class="rights-csv-example">
        <code>{EXAMPLE_LINE}</code>
      </pre>
    </section>
  );
}
