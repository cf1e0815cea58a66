import {
  Alert,
  Button,
  CheckboxField,
  CsrfField,
  FileField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import type { PageContext } from "../../platform/ui/page-context.ts";
import { type ImportReport, keptNewerText } from "./import-export.ts";
import { SCHEMA_VERSION } from "./vocabulary.ts";

export const IMPORT_PATH = "/pro/annuaire/import";

/** The admin's import and export page, with the last import's report. */
export function ImportPage({
  page,
  counts,
  report,
}: {
  page: PageContext;
  counts: { structures: number; services: number };
  report: ImportReport | undefined;
}) {
  return (
    <Layout
      page={page}
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
        <CsrfField token={page.csrfToken} />
        <FileField
          name="fichier"
          label="Fichier JSON ou CSV (20 Mo au plus)"
          accept=".json,.csv,application/json,text/csv"
          required
        />
        <CheckboxField
          name="ignorer"
          value="1"
          label="Ignorer les enregistrements invalides et importer les autres"
        />
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
    </Layout>
  );
}
