// « Mes documents »: the list, the upload (streamed), one document, its share.

import { Hono } from "hono";
import { z } from "zod";
import { authorizeResident } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import { acceptsBody } from "../../platform/http/body-limit.ts";
import type { AppContext, AppEnv } from "../../platform/http/context.ts";
import { assertCsrfToken, CSRF_FIELD } from "../../platform/http/csrf.ts";
import { formErrors, formRefusal, parseForm, parseValue } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { readStreamedUpload, UnreadableUpload } from "../../platform/http/streamed-upload.ts";
import { frenchLongDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  FileField,
  SelectField,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import { deletionDay } from "./document-retention.ts";
import { espaceRules } from "./policy.ts";
import { residentContext, residentOnly } from "./session.ts";
import { PURPOSES, ShareFields, ShareForm, ShareList } from "./share-views.tsx";
import { myDocuments, mySharing } from "./space.ts";
import { freshCodeNeeded } from "./space-routes.tsx";
import { share } from "./space-sharing.ts";
import type { DocumentCategory } from "./tables.ts";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  deleteOwnDocument,
  EMPTY_FILE,
  FILE_TOO_LARGE,
  findDocument,
  keepOwnDocument,
  MAX_FILE_BYTES,
  readOwnDocument,
  receiveDocument,
} from "./vault.ts";
import { CATEGORY_OPTIONS, fileSize, frenchDay, SpacePage } from "./views.tsx";

export const ESPACE_UPLOAD_PATH = "/mon-espace/documents";
export const documentRoutes = new Hono<AppEnv>();
for (const path of ["/mon-espace/documents"]) {
  documentRoutes.use(path, residentOnly);
  documentRoutes.use(`${path}/*`, residentOnly);
  documentRoutes.use(path, holdsPersonalData);
  documentRoutes.use(`${path}/*`, holdsPersonalData);
}

const UNREADABLE = "Le fichier n'a pas pu être reçu en entier. Envoyez-le à nouveau.";
/** The file and the few fields before it. */
const MAX_BODY_BYTES = MAX_FILE_BYTES + 64 * 1024;

export const DocumentFields = z.object({
  titre: z
    .string("Donnez un nom au document.")
    .trim()
    .min(1, "Donnez un nom au document, par exemple « Avis d'imposition 2026 ».")
    .max(120, "120 caractères au plus."),
  categorie: z.enum(CATEGORIES as [DocumentCategory, ...DocumentCategory[]], {
    error: "Choisissez une catégorie.",
  }),
  expiration: z
    .string()
    .trim()
    .refine(
      (value) =>
        value === "" || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))),
      {
        message: "Date au format AAAA-MM-JJ, par exemple 2027-12-31.",
      },
    )
    .optional()
    .default(""),
});

async function documentsPage(
  c: AppContext,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  status = 200,
) {
  const ctx = residentContext(c);
  const { documents, used, quota } = await myDocuments(ctx);
  const now = c.var.now;
  return c.html(
    <SpacePage c={c} title="Mes documents" errorTitle={Object.keys(errors).length > 0}>
      <h1>Mes documents</h1>
      {c.req.query("ajoute") && (
        <Alert kind="success">Le document est enregistré dans votre espace.</Alert>
      )}
      {c.req.query("supprime") && <Alert kind="success">Le document est supprimé.</Alert>}
      {c.req.query("garde") && (
        <Alert kind="success">Le document est gardé : il ne sera pas supprimé.</Alert>
      )}
      <p>
        Vos papiers sont protégés : ils sont chiffrés (rendus illisibles sans la clé), et personne
        ne peut les lire sans votre accord. Place utilisée : {fileSize(used)} sur {fileSize(quota)}.
      </p>
      <p>
        Un document que personne n'ouvre pendant {c.var.deps.config.espaceDocumentUnusedMonths} mois
        est supprimé. Nous vous prévenons un mois avant : vous pouvez alors le garder.
      </p>
      {documents.length === 0 ? (
        <p>Aucun document pour l'instant.</p>
      ) : (
        <ul class="espace-list">
          {documents.map((document) => (
            <li>
              <a href={`/mon-espace/documents/${document.id}`}>{document.title}</a> —{" "}
              {CATEGORY_LABELS[document.category]}, {fileSize(document.sizeBytes)}, ajouté le{" "}
              {frenchLongDate(document.createdAt)}
              {document.depositedBy &&
                ` par ${document.depositedBy.userName ?? "un professionnel"}${document.depositedBy.organisationName ? ` (${document.depositedBy.organisationName})` : ""}`}
              {document.expiresOn && (
                <>
                  {" "}
                  {document.expiresOn < now.toISOString().slice(0, 10) ? (
                    <Tag kind="warning">Expiré le {frenchDay(document.expiresOn)}</Tag>
                  ) : (
                    <Tag>Valable jusqu'au {frenchDay(document.expiresOn)}</Tag>
                  )}
                </>
              )}
              {document.unusedWarnedAt && (
                <>
                  {" "}
                  <Tag kind="warning">
                    Sera supprimé le {frenchLongDate(deletionDay(document.unusedWarnedAt))}
                  </Tag>
                  <KeepForm c={c} documentId={document.id} title={document.title} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>Ajouter un document</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action={ESPACE_UPLOAD_PATH} enctype="multipart/form-data" class="form">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="titre"
          label="Nom du document"
          hint="Par exemple : Avis d'imposition 2026"
          required
          value={values.titre}
          error={errors.titre}
        />
        <SelectField
          name="categorie"
          label="Catégorie"
          options={CATEGORY_OPTIONS}
          value={values.categorie ?? "ressources"}
          required
          error={errors.categorie}
        />
        <TextField
          name="expiration"
          label="Date de fin de validité"
          hint="Si le document expire (titre de séjour, avis d'imposition…)."
          type="date"
          width="medium"
          value={values.expiration}
          error={errors.expiration}
        />
        <FileField
          name="fichier"
          label="Le fichier, ou une photo du document"
          hint="Une photo (JPEG ou PNG) ou un PDF, 10 Mo au plus."
          accept="image/*,application/pdf"
          capture
          required
          error={errors.fichier}
        />
        <Button>Enregistrer le document</Button>
      </form>
    </SpacePage>,
    status as 200,
  );
}

documentRoutes.get("/mon-espace/documents", (c) => documentsPage(c));

// Read as a stream (declared streamed in its chain): the CSRF token
// comes from the fields before the file, checked before anything is stored.
const uploadBody = acceptsBody({ maxBytes: MAX_BODY_BYTES, streamed: true });
documentRoutes.post(ESPACE_UPLOAD_PATH, uploadBody, async (c) => {
  const ctx = residentContext(c);
  const { actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  if (Number(c.req.header("content-length") ?? 0) > MAX_BODY_BYTES) {
    return documentsPage(c, { fichier: FILE_TOO_LARGE }, {}, 400);
  }
  let values: Record<string, string> = {};
  try {
    await readStreamedUpload(c.req.raw, { fileField: "fichier" }, async (file) => {
      assertCsrfToken(c, file.fields[CSRF_FIELD]);
      values = { ...file.fields };
      delete values[CSRF_FIELD];
      const meta = parseValue(DocumentFields, file.fields);
      if (!file.bytes) throw new Invalid({ fichier: EMPTY_FILE });
      return receiveDocument(
        ctx,
        actor.espaceId,
        { kind: "resident", actor },
        {
          title: meta.titre,
          category: meta.categorie,
          expiresOn: meta.expiration || undefined,
        },
        { fileName: file.fileName, bytes: file.bytes },
      );
    });
  } catch (error) {
    if (error instanceof UnreadableUpload)
      return documentsPage(c, { fichier: UNREADABLE }, values, 400);
    const errors = formErrors(error);
    if (!errors) throw error;
    return documentsPage(c, errors, values, 400);
  }
  return c.redirect("/mon-espace/documents?ajoute=1", 303);
});

async function documentPage(
  c: AppContext,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  status = 200,
) {
  const ctx = residentContext(c);
  const { actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  const document = await findDocument(c.var.db, actor.espaceId, c.req.param("id") ?? "");
  if (!document) return c.notFound();
  const { links, shares } = await mySharing(ctx);
  const mine = shares.filter((s) => s.documentId === document.id);
  return c.html(
    <SpacePage c={c} title={document.title} errorTitle={Object.keys(errors).length > 0}>
      <h1>{document.title}</h1>
      {c.req.query("partage") && <Alert kind="success">Le document est partagé.</Alert>}
      <p>
        {CATEGORY_LABELS[document.category]}, {fileSize(document.sizeBytes)}, ajouté le{" "}
        {frenchLongDate(document.createdAt)}
        {document.depositedBy &&
          ` par ${document.depositedBy.userName ?? "un professionnel"}${document.depositedBy.organisationName ? ` (${document.depositedBy.organisationName})` : ""}`}
        .{document.expiresOn && ` Valable jusqu'au ${frenchDay(document.expiresOn)}.`}
      </p>
      <p>
        <a href={`/mon-espace/documents/${document.id}/fichier`}>Télécharger le document</a>
      </p>
      {document.unusedWarnedAt && (
        <Alert kind="warning">
          Personne n'a ouvert ce document depuis longtemps : il sera supprimé le{" "}
          {frenchLongDate(deletionDay(document.unusedWarnedAt))}, sauf si vous le gardez.{" "}
          <KeepForm c={c} documentId={document.id} title={document.title} />
        </Alert>
      )}
      <h2>Partager ce document</h2>
      {links.length === 0 ? (
        <p>
          Pour partager, votre dossier de suivi doit d'abord être relié à votre espace : demandez-le
          au travailleur social qui vous suit.
        </p>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <form method="post" action={`/mon-espace/documents/${document.id}/partager`} class="form">
            <CsrfField token={c.var.csrfToken} />
            <ShareFields links={links} errors={errors} values={values} />
            <Button>Partager</Button>
          </form>
        </>
      )}
      <h2>Partages de ce document</h2>
      <ShareList c={c} shares={mine} />
      <h2>Supprimer ce document</h2>
      <form method="post" action={`/mon-espace/documents/${document.id}/supprimer`}>
        <CsrfField token={c.var.csrfToken} />
        <Button kind="secondary">Supprimer ce document</Button>
      </form>
    </SpacePage>,
    status as 200,
  );
}

documentRoutes.get("/mon-espace/documents/:id", (c) => documentPage(c));

documentRoutes.get("/mon-espace/documents/:id/fichier", async (c) => {
  const ctx = residentContext(c);
  const { document, stream } = await readOwnDocument(ctx, c.req.param("id"));
  return downloadResponse(c, document, stream);
});

export function downloadResponse(
  c: AppContext,
  document: { fileName: string; mediaType: string; sizeBytes: number },
  stream: ReadableStream<Uint8Array>,
) {
  c.header("Content-Type", document.mediaType);
  c.header("Content-Length", String(document.sizeBytes));
  c.header(
    "Content-Disposition",
    `attachment; filename="document.${document.fileName.split(".").pop()}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
  );
  c.header("X-Content-Type-Options", "nosniff");
  return c.body(stream);
}

/** « Garder ce document »: its clock of deletion for lack of use starts again. */
function KeepForm({ c, documentId, title }: { c: AppContext; documentId: string; title: string }) {
  return (
    <form method="post" action={`/mon-espace/documents/${documentId}/garder`}>
      <CsrfField token={c.var.csrfToken} />
      <button type="submit" class="button button--secondary">
        Garder ce document<span class="visually-hidden"> : {title}</span>
      </button>
    </form>
  );
}

documentRoutes.post("/mon-espace/documents/:id/garder", async (c) => {
  const ctx = residentContext(c);
  await keepOwnDocument(ctx, c.req.param("id"));
  return c.redirect("/mon-espace/documents?garde=1", 303);
});

documentRoutes.post("/mon-espace/documents/:id/supprimer", async (c) => {
  const ctx = residentContext(c);
  await deleteOwnDocument(ctx, c.req.param("id"));
  return c.redirect("/mon-espace/documents?supprime=1", 303);
});

documentRoutes.post("/mon-espace/documents/:id/partager", async (c) => {
  const ctx = residentContext(c);
  const id = c.req.param("id");
  try {
    const data = await parseForm(c, ShareForm);
    const fresh = freshCodeNeeded(c, `/mon-espace/documents/${id}`);
    if (fresh) return fresh;
    await share(ctx, {
      linkId: data.lien,
      documentId: id,
      purpose: PURPOSES[data.but],
      days: Number(data.duree),
    });
  } catch (error) {
    const form = await formRefusal(c, error);
    return documentPage(c, form.errors, form.values, 400);
  }
  return c.redirect(`/mon-espace/documents/${id}?partage=1`, 303);
});
