import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  userContext,
} from "../../platform/http/context.ts";
import { parseForm } from "../../platform/http/forms.ts";
import { Alert, Button, CsrfField } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import {
  exportDirectory,
  type ImportReport,
  importDirectory,
  keptNewerText,
  MAX_IMPORT_BYTES,
} from "./import-export.ts";
import { directoryRules } from "./policy.ts";
import { countDirectory } from "./service.ts";
import { SCHEMA_VERSION } from "./vocabulary.ts";

/** The admin's import and export page. */
export const adminRoutes = new Hono<AppEnv>();
export const IMPORT_PATH = "/pro/annuaire/import";

async function page(c: AppContext, report?: ImportReport, status: 200 | 400 = 200) {
  const counts = await countDirectory(c.var.db);
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Importer et exporter l'annuaire"
      breadcrumb={[{ label: "Annuaire" }]}
    >
      <h1>Importer et exporter l'annuaire</h1>
      <p>
        L'annuaire compte {counts.structures} structures et {counts.services} services. Format :
        data·inclusion {SCHEMA_VERSION} (JSON ou CSV).
      </p>
      {report?.written && (
        <Alert kind="success">{`${report.structures} structures et ${report.services} services importés${report.problems.length > 0 ? `, ${report.problems.length} enregistrements ignorés` : ""}${keptNewerText(report.keptNewer)}.`}</Alert>
      )}
      {report && !report.written && (
        <Alert kind="error" title="Rien n'a été importé">
          Corrigez les erreurs ci-dessous, ou cochez « ignorer les enregistrements invalides ».
        </Alert>
      )}
      {report && report.problems.length > 0 && (
        <ul class="directory-import-problems">
          {report.problems.slice(0, 200).map((problem) => (
            <li>
              <strong>{problem.where}</strong> : {problem.messages.join(" ; ")}
            </li>
          ))}
        </ul>
      )}
      <h2>Importer</h2>
      <form method="post" action={IMPORT_PATH} enctype="multipart/form-data">
        <CsrfField token={c.var.csrfToken} />
        <div class="field">
          <label class="field__label" for="champ-fichier">
            Fichier JSON ou CSV (20 Mo au plus)
          </label>
          <input
            id="champ-fichier"
            type="file"
            name="fichier"
            accept=".json,.csv,application/json,text/csv"
            required
          />
        </div>
        <div class="field">
          <input type="checkbox" id="champ-ignorer" name="ignorer" value="1" />{" "}
          <label for="champ-ignorer">
            Ignorer les enregistrements invalides et importer les autres
          </label>
        </div>
        <Button>Importer</Button>
      </form>
      <h2>Exporter</h2>
      <ul>
        <li>
          <a href="/pro/annuaire/export.json">Télécharger en JSON</a>
        </li>
        <li>
          <a href="/pro/annuaire/export.csv">Télécharger en CSV</a>
        </li>
      </ul>
    </Layout>,
    status,
  );
}

adminRoutes.get(IMPORT_PATH, async (c) => {
  authorize(c.var.actor, directoryRules.importExport, undefined);
  return page(c);
});

/**
 * The import's own size limit. Applied by the app before any middleware reads
 * the body (src/app.tsx): the input boundary and the CSRF check parse the
 * form, and a limit placed after them would come too late.
 */
export const importBodyLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES + 64 * 1024,
  onError: () => {
    throw new Invalid(
      { fichier: "Le fichier dépasse 20 Mo." },
      "Le fichier dépasse 20 Mo : découpez-le en plusieurs fichiers.",
    );
  },
});

const CHOOSE_A_FILE = "Choisissez un fichier.";

const ImportForm = z.object({
  fichier: z
    .instanceof(File, { message: CHOOSE_A_FILE })
    .refine((file) => file.size > 0, { message: CHOOSE_A_FILE }),
  ignorer: z.string().optional(),
});

adminRoutes.post(IMPORT_PATH, async (c) => {
  authorize(c.var.actor, directoryRules.importExport, undefined);
  const ctx = userContext(c);
  const input = await parseForm(c, ImportForm, CHOOSE_A_FILE);
  const report = await importDirectory(ctx, new Uint8Array(await input.fichier.arrayBuffer()), {
    skipInvalid: input.ignorer === "1",
  });
  return page(c, report, report.written ? 200 : 400);
});

for (const format of ["json", "csv"] as const) {
  adminRoutes.get(`/pro/annuaire/export.${format}`, async (c) => {
    authorize(c.var.actor, directoryRules.importExport, undefined);
    c.header(
      "Content-Type",
      format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
    );
    c.header("Content-Disposition", `attachment; filename="annuaire-data-inclusion.${format}"`);
    return c.body(await exportDirectory(c.var.db, format));
  });
}
