// The professional's side, from a follow-up record: link the record to the
// person's space, see and open what the person shares, deposit a document.

import { Hono } from "hono";
import { z } from "zod";
import { Invalid } from "../../platform/errors.ts";
import { acceptsBody } from "../../platform/http/body-limit.ts";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import { assertCsrfToken, CSRF_FIELD } from "../../platform/http/csrf.ts";
import { formErrors, formRefusal, parseForm, parseValue } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { readStreamedUpload, UnreadableUpload } from "../../platform/http/streamed-upload.ts";
import { frenchLongDate, frenchSpokenDateTime } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CheckboxField,
  CsrfField,
  ErrorSummary,
  FileField,
  SelectField,
  TextAreaField,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { CORRECTION_PARTS, handleCorrection } from "./corrections.ts";
import { CorrectionStatus, replyField, replyForm } from "./corrections-routes.tsx";
import { DocumentFields, downloadResponse } from "./document-routes.tsx";
import { contactField } from "./identifiers.ts";
import { linkRecordToSpace, prepareDeposit } from "./links.ts";
import { proSpaceContext } from "./session.ts";
import { readSharedDocument, recordSpaceView } from "./shared-documents.ts";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  EMPTY_FILE,
  FILE_TOO_LARGE,
  MAX_FILE_BYTES,
  receiveDocument,
} from "./vault.ts";
import { fileSize } from "./views.tsx";

export const PRO_DEPOSIT_PATH = "/pro/espace-depot";
export const recordSpaceRoutes = new Hono<AppEnv>();
recordSpaceRoutes.use("/pro/dossiers/:id/espace", holdsPersonalData);
recordSpaceRoutes.use("/pro/dossiers/:id/espace/*", holdsPersonalData);
recordSpaceRoutes.use(PRO_DEPOSIT_PATH, holdsPersonalData);

const LinkForm = z.object({
  contact: contactField("Indiquez le numéro de portable ou l'adresse électronique de la personne."),
  verifie: z.literal("oui").optional(),
});

type SpaceView = Awaited<ReturnType<typeof recordSpaceView>>;
type Form = { errors: Record<string, string>; values: Record<string, string> };

/** Since when, by whom and through which contact the record is linked. */
function LinkSummary({ link }: { link: NonNullable<SpaceView["link"]> }) {
  return (
    <p>
      Relié le {frenchLongDate(link.confirmedAt)} par {link.confirmedByName ?? "un professionnel"} (
      {link.organisationName}), d'après{" "}
      {link.identifierKind === "phone" ? "son numéro de portable" : "son adresse électronique"}{" "}
      vérifié par un code.
    </p>
  );
}

/** The documents the person shares with this structure now. */
function SharedDocuments({ view, base }: { view: SpaceView; base: string }) {
  return (
    <>
      <h2>Documents que la personne partage avec votre structure</h2>
      {view.documents.length === 0 ? (
        <p>Aucun document partagé en ce moment.</p>
      ) : (
        <ul class="espace-list">
          {view.documents.map((document) => (
            <li>
              <a href={`${base}/espace/documents/${document.id}`}>{document.title}</a> —{" "}
              {CATEGORY_LABELS[document.category]}, {fileSize(document.sizeBytes)}. Pour :{" "}
              {document.purpose}. Partagé jusqu'au {frenchSpokenDateTime(document.shareExpiresAt)}.
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The person's correction requests, each with its reply or a form to give one. */
function CorrectionRequests({
  c,
  view,
  base,
  errors,
}: {
  c: AppContext;
  view: SpaceView;
  base: string;
  errors: Record<string, string>;
}) {
  return (
    <>
      <h2 id="corrections">Demandes de correction de la personne</h2>
      {view.corrections.requests.length === 0 ? (
        <p>Aucune demande de correction.</p>
      ) : (
        <ul class="espace-list">
          {view.corrections.requests.map((request) => (
            <li>
              <p>
                <strong>{CORRECTION_PARTS[request.part]}</strong>, reçue le{" "}
                {frenchLongDate(request.createdAt)} <CorrectionStatus request={request} />
              </p>
              <p>{request.message}</p>
              {request.reply ? (
                <p>
                  Réponse{request.handledByName && ` de ${request.handledByName}`} : {request.reply}
                </p>
              ) : (
                view.corrections.canHandle && (
                  <form
                    method="post"
                    action={`${base}/espace/corrections/${request.id}`}
                    class="form"
                  >
                    <CsrfField token={c.var.csrfToken} />
                    <TextAreaField
                      name={replyField(request.id)}
                      label="Votre réponse (la personne la lit dans son espace)"
                      hint="Ce qui a été corrigé dans le dossier, ou pourquoi ce n'est pas possible."
                      rows={3}
                      required
                      error={errors[replyField(request.id)]}
                    />
                    <Button>Marquer comme traitée</Button>
                  </form>
                )
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** A professional deposits a document in the linked space. */
function DepositForm({ c, view, errors, values }: { c: AppContext; view: SpaceView } & Form) {
  return (
    <>
      <h2>Déposer un document dans son espace</h2>
      <p>La personne verra que vous l'avez déposé, et pourra le supprimer.</p>
      <form
        method="post"
        action={`${PRO_DEPOSIT_PATH}?dossier=${view.access.parcoursId}`}
        enctype="multipart/form-data"
        class="form"
      >
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="titre"
          label="Nom du document"
          required
          value={values.titre}
          error={errors.titre}
        />
        <SelectField
          name="categorie"
          label="Catégorie"
          options={CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }))}
          value={values.categorie ?? "autre"}
          required
          error={errors.categorie}
        />
        <TextField
          name="expiration"
          label="Date de fin de validité"
          type="date"
          width="medium"
          value={values.expiration}
          error={errors.expiration}
        />
        <FileField
          name="fichier"
          label="Le fichier"
          hint="PDF, JPEG ou PNG, 10 Mo au plus."
          accept="image/*,application/pdf"
          required
          error={errors.fichier}
        />
        <Button>Déposer</Button>
      </form>
    </>
  );
}

/** No space linked yet: the contact the person signs in with, and the identity check. */
function LinkSpaceForm({ c, base, errors, values }: { c: AppContext; base: string } & Form) {
  return (
    <>
      <p>
        Ce dossier n'est relié à aucun espace personnel. La personne ouvre son espace elle-même («
        Mon espace », avec un code reçu par SMS ou courriel). Une fois relié, elle pourra vous
        partager ses documents et voir qui consulte son dossier.
      </p>
      <form method="post" action={`${base}/espace`} class="form">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="contact"
          label="Numéro de portable ou adresse électronique de la personne"
          hint="Celui avec lequel elle se connecte à son espace."
          required
          value={values.contact}
          error={errors.contact}
        />
        <CheckboxField
          name="verifie"
          label="J'ai vérifié avec la personne, en sa présence ou par sa pièce d'identité, que ce numéro ou cette adresse est bien le sien, et pas celui d'un proche."
          required
          checked={values.verifie === "oui"}
          error={errors.verifie}
        />
        <Button>Relier le dossier à son espace</Button>
      </form>
    </>
  );
}

async function spacePage(
  c: AppContext,
  parcoursId: string,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  status = 200,
) {
  const view = await recordSpaceView(proSpaceContext(c), parcoursId);
  const base = `/pro/dossiers/${view.access.parcoursId}`;
  const hasErrors = Object.keys(errors).length > 0;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`${hasErrors ? "Erreur — " : ""}Espace personnel de la personne`}
      breadcrumb={[
        { label: "Espace professionnel", href: "/pro" },
        { label: "Dossiers", href: "/pro/dossiers" },
        { label: "Dossier", href: base },
        { label: "Espace personnel" },
      ]}
    >
      <h1>Espace personnel de la personne</h1>
      {c.req.query("relie") && (
        <Alert kind="success">Le dossier est relié à l'espace de la personne.</Alert>
      )}
      {c.req.query("corrigee") && (
        <Alert kind="success">La demande est traitée : la personne voit votre réponse.</Alert>
      )}
      {c.req.query("depose") && (
        <Alert kind="success">
          Le document est déposé dans l'espace de la personne. Elle voit qui l'a déposé.
        </Alert>
      )}
      <ErrorSummary errors={errors} />
      {view.link ? (
        <>
          <LinkSummary link={view.link} />
          <SharedDocuments view={view} base={base} />
          <CorrectionRequests c={c} view={view} base={base} errors={errors} />
          {view.canLink && <DepositForm c={c} view={view} errors={errors} values={values} />}
        </>
      ) : view.canLink ? (
        <LinkSpaceForm c={c} base={base} errors={errors} values={values} />
      ) : (
        <p>Ce dossier n'est relié à aucun espace personnel.</p>
      )}
      <p>
        <a href={base}>Revenir au dossier</a>
      </p>
    </Layout>,
    status as 200,
  );
}

recordSpaceRoutes.get("/pro/dossiers/:id/espace", (c) => spacePage(c, c.req.param("id")));

recordSpaceRoutes.post("/pro/dossiers/:id/espace", async (c) => {
  const ctx = proSpaceContext(c);
  try {
    const data = await parseForm(c, LinkForm);
    await linkRecordToSpace(ctx, c.req.param("id"), {
      contact: data.contact,
      identityChecked: data.verifie === "oui",
    });
  } catch (error) {
    const form = await formRefusal(c, error);
    return spacePage(c, c.req.param("id"), form.errors, form.values, 400);
  }
  return c.redirect(`/pro/dossiers/${c.req.param("id")}/espace?relie=1`, 303);
});

recordSpaceRoutes.post("/pro/dossiers/:id/espace/corrections/:correctionId", async (c) => {
  const ctx = proSpaceContext(c);
  const parcoursId = c.req.param("id");
  const correctionId = c.req.param("correctionId");
  const field = replyField(correctionId);
  try {
    const data = await parseForm(c, replyForm(correctionId));
    await handleCorrection(ctx, parcoursId, correctionId, data[field] ?? "");
  } catch (error) {
    // The form has one field: any refusal is said beside it.
    const errors = formErrors(error, field);
    if (!errors) throw error;
    return spacePage(c, parcoursId, { [field]: Object.values(errors)[0] ?? "" }, {}, 400);
  }
  return c.redirect(`/pro/dossiers/${parcoursId}/espace?corrigee=1#corrections`, 303);
});

recordSpaceRoutes.get("/pro/dossiers/:id/espace/documents/:documentId", async (c) => {
  const { document, stream } = await readSharedDocument(
    proSpaceContext(c),
    c.req.param("id"),
    c.req.param("documentId"),
  );
  return downloadResponse(c, document, stream);
});

// Streamed (declared in its chain); the record comes in the query string.
const depositBody = acceptsBody({ maxBytes: MAX_FILE_BYTES + 64 * 1024, streamed: true });
recordSpaceRoutes.post(PRO_DEPOSIT_PATH, depositBody, async (c) => {
  const ctx = proSpaceContext(c);
  const { actor } = ctx;
  const parcoursId = c.req.query("dossier") ?? "";
  const { espaceId, organisationId } = await prepareDeposit(ctx, parcoursId);
  const back = (errors: Record<string, string>, values: Record<string, string> = {}) =>
    spacePage(c, parcoursId, errors, values, 400);
  if (Number(c.req.header("content-length") ?? 0) > MAX_FILE_BYTES + 64 * 1024) {
    return back({ fichier: FILE_TOO_LARGE });
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
        espaceId,
        { kind: "professional", actor, organisationId },
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
      return back({ fichier: "Le fichier n'a pas pu être reçu en entier." }, values);
    const errors = formErrors(error);
    if (!errors) throw error;
    return back(errors, values);
  }
  return c.redirect(`/pro/dossiers/${parcoursId}/espace?depose=1`, 303);
});
