import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import { acceptsBody } from "../../platform/http/body-limit.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
  userContext,
} from "../../platform/http/context.ts";
import { parseForm } from "../../platform/http/forms.ts";
import { IMPORT_PATH, ImportPage } from "./admin-views.tsx";
import {
  exportDirectory,
  type ImportReport,
  importDirectory,
  MAX_IMPORT_BYTES,
} from "./import-export.ts";
import { directoryRules } from "./policy.ts";
import { countDirectory } from "./service.ts";

export { IMPORT_PATH } from "./admin-views.tsx";

/** The admin's import and export page. */
export const adminRoutes = new Hono<AppEnv>();

async function page(c: AppContext, report?: ImportReport, status: 200 | 400 = 200) {
  const counts = await countDirectory(requestContext(c).db);
  return c.html(<ImportPage page={pageContext(c)} counts={counts} report={report} />, status);
}

adminRoutes.get(IMPORT_PATH, async (c) => {
  authorize(requestContext(c).actor, directoryRules.importExport, undefined);
  return page(c);
});

/** The import's own size limit: the file and the form around it. */
const importBodyLimit = acceptsBody({
  maxBytes: MAX_IMPORT_BYTES + 64 * 1024,
  tooLarge: () =>
    new Invalid(
      { fichier: "Le fichier dépasse 20 Mo." },
      "Le fichier dépasse 20 Mo : découpez-le en plusieurs fichiers.",
    ),
});

const CHOOSE_A_FILE = "Choisissez un fichier.";

const ImportForm = z.object({
  fichier: z
    .instanceof(File, { message: CHOOSE_A_FILE })
    .refine((file) => file.size > 0, { message: CHOOSE_A_FILE }),
  ignorer: z.string().optional(),
});

adminRoutes.post(IMPORT_PATH, importBodyLimit, async (c) => {
  const ctx = userContext(c);
  authorize(ctx.actor, directoryRules.importExport, undefined);
  const input = await parseForm(c, ImportForm, CHOOSE_A_FILE);
  const report = await importDirectory(ctx, new Uint8Array(await input.fichier.arrayBuffer()), {
    skipInvalid: input.ignorer === "1",
  });
  return page(c, report, report.written ? 200 : 400);
});

for (const format of ["json", "csv"] as const) {
  adminRoutes.get(`/pro/annuaire/export.${format}`, async (c) => {
    const ctx = requestContext(c);
    authorize(ctx.actor, directoryRules.importExport, undefined);
    c.header(
      "Content-Type",
      format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
    );
    c.header("Content-Disposition", `attachment; filename="annuaire-data-inclusion.${format}"`);
    return c.body(await exportDirectory(ctx.db, format));
  });
}
