import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { Forbidden, Invalid } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, userContext } from "../../platform/http/context.ts";
import { assertCsrfToken, CSRF_FIELD } from "../../platform/http/csrf.ts";
import { parseForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import {
  readStreamedUpload,
  UnreadableUpload,
  UploadTooLarge,
} from "../../platform/http/streamed-upload.ts";
import {
  DOCUMENT_TOO_LARGE,
  MAX_DOCUMENT_BYTES,
  readDocument,
  storeDocument,
} from "./documents.ts";
import { exportPersonData, renderExportPdf } from "./export.ts";
import { addAction, addNote, addObjective, updateActionStatus, updateSituation } from "./plan.ts";
import { changeRecord } from "./record-rendering.tsx";
import { closeParcours, setReferent } from "./referent.ts";
import { CONSENT_NEEDS_ATTESTATION, recordConsent, withdrawConsent } from "./sharing.ts";
import { SITUATION_FIELDS, THEME_KEYS } from "./themes.ts";

export const recordActionRoutes = new Hono<AppEnv>();

/**
 * The upload route reads its body as a stream with its own limit (a document
 * and its form fields); app.tsx lists it among the streamed forms, so that the
 * global 1 MB limit, the input guard and the CSRF middleware leave its body alone.
 */
export const DOCUMENT_UPLOAD_PATH = /^\/pro\/dossiers\/[^/]+\/documents$/;
const MAX_DOCUMENT_BODY_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024;
const NO_DOCUMENT = "Choisissez un fichier.";
recordActionRoutes.use("/pro/dossiers/*", holdsPersonalData);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez une date au format jj/mm/aaaa.");
const text = (max: number, message: string) =>
  z.string().trim().min(1, message).max(max, `${max} caractères au plus.`);

const SituationForm = z.object({
  version: z.coerce.number().int(),
  ...Object.fromEntries(
    Object.keys(SITUATION_FIELDS).map((key) => [key, z.string().trim().max(2000).optional()]),
  ),
});

recordActionRoutes.post("/pro/dossiers/:id/situation", (c) => {
  const typed: { situation?: Record<string, string> } = {};
  return changeRecord(
    c,
    c.req.param("id"),
    "situation",
    async () => {
      const { version, ...fields } = await parseForm(c, SituationForm);
      const situation = Object.fromEntries(
        Object.entries(fields).filter(
          (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
        ),
      );
      typed.situation = situation;
      await updateSituation(userContext(c), c.req.param("id"), {
        situation,
        version: version as number,
      });
    },
    typed,
  );
});

recordActionRoutes.post("/pro/dossiers/:id/objectifs", (c) =>
  changeRecord(c, c.req.param("id"), "plan", async () => {
    const input = await parseForm(
      c,
      z.object({
        theme: z.enum(THEME_KEYS, "Choisissez un thème."),
        title: text(300, "Décrivez l'objectif."),
      }),
    );
    await addObjective(userContext(c), c.req.param("id"), input);
  }),
);

recordActionRoutes.post("/pro/dossiers/:id/actions", (c) =>
  changeRecord(c, c.req.param("id"), "plan", async () => {
    const input = await parseForm(
      c,
      z.object({
        objectiveId: z.string().uuid("Choisissez un objectif."),
        actionTitle: text(300, "Décrivez l'action."),
        assignee: text(200, "Indiquez qui fait l'action."),
        dueDate: z.union([isoDate, z.literal("")]).optional(),
      }),
    );
    await addAction(userContext(c), c.req.param("id"), {
      objectiveId: input.objectiveId,
      title: input.actionTitle,
      assignee: input.assignee,
      dueDate: input.dueDate || undefined,
    });
  }),
);

recordActionRoutes.post("/pro/dossiers/:id/actions/:actionId", (c) =>
  changeRecord(c, c.req.param("id"), "plan", async () => {
    const input = await parseForm(
      c,
      z.object({
        version: z.coerce.number().int(),
        status: z.enum(["a_faire", "en_cours", "faite", "abandonnee"], "Choisissez un état."),
      }),
    );
    await updateActionStatus(userContext(c), c.req.param("id"), {
      actionId: c.req.param("actionId"),
      ...input,
    });
  }),
);

recordActionRoutes.post("/pro/dossiers/:id/notes", (c) =>
  changeRecord(c, c.req.param("id"), "notes", async () => {
    const input = await parseForm(
      c,
      z.object({
        contactDate: isoDate,
        body: text(20_000, "Écrivez la note."),
        sensitive: z.literal("1").optional(),
        sharedWithPerson: z.literal("1").optional(),
      }),
    );
    await addNote(userContext(c), c.req.param("id"), {
      contactDate: input.contactDate,
      body: input.body,
      isSensitive: input.sensitive === "1",
      sharedWithPerson: input.sharedWithPerson === "1",
    });
  }),
);

recordActionRoutes.post("/pro/dossiers/:id/referent", (c) =>
  changeRecord(c, c.req.param("id"), "contenu", async () => {
    const input = await parseForm(
      c,
      z.object({
        referentUserId: z.string().min(1, "Choisissez un travailleur social."),
        overrideReason: z.string().max(500).optional(),
      }),
    );
    const ctx = userContext(c);
    await setReferent(ctx, c.req.param("id"), {
      referentUserId: input.referentUserId === "moi" ? ctx.actor.userId : input.referentUserId,
      overrideReason: input.overrideReason,
    });
  }),
);

recordActionRoutes.post("/pro/dossiers/:id/consentements", (c) =>
  changeRecord(c, c.req.param("id"), "consentements", async () => {
    const input = await parseForm(
      c,
      z.object({
        consentOrganisationId: z.string().uuid("Choisissez une structure."),
        scope: z.enum(["suivi", "suivi_sante"], "Choisissez l'étendue."),
        how: z.enum(
          ["ecrit", "oral"],
          "Dites si la personne a donné son accord par écrit ou oralement.",
        ),
        givenOn: isoDate,
        attested: z.literal("1").optional(),
      }),
    );
    try {
      await recordConsent(userContext(c), c.req.param("id"), {
        organisationId: input.consentOrganisationId,
        scope: input.scope,
        how: input.how,
        givenOn: input.givenOn,
        attested: input.attested === "1",
      });
    } catch (error) {
      // Refused for want of the attestation: say what would allow it, on the form.
      if (error instanceof Forbidden && input.attested !== "1")
        throw new Invalid({ attested: CONSENT_NEEDS_ATTESTATION });
      throw error;
    }
  }),
);

recordActionRoutes.post("/pro/dossiers/:id/consentements/:consentId/retrait", (c) =>
  changeRecord(c, c.req.param("id"), "consentements", () =>
    withdrawConsent(userContext(c), c.req.param("id"), c.req.param("consentId")),
  ),
);

recordActionRoutes.post("/pro/dossiers/:id/cloture", (c) =>
  changeRecord(c, c.req.param("id"), "contenu", () =>
    closeParcours(userContext(c), c.req.param("id")),
  ),
);

recordActionRoutes.post("/pro/dossiers/:id/documents", (c) =>
  changeRecord(c, c.req.param("id"), "documents", async () => {
    const upload = await readDocumentUpload(c);
    await storeDocument(userContext(c), c.req.param("id"), {
      ...upload,
      key: c.var.deps.config.documentsKey,
    });
  }),
);

/**
 * The document form read as a stream (busboy): the CSRF token is checked from
 * the fields before the file, the file is kept in memory (it is encrypted
 * whole) up to the body's limit; the « santé » box may come after the file.
 */
async function readDocumentUpload(c: AppContext) {
  if (Number(c.req.header("content-length") ?? 0) > MAX_DOCUMENT_BODY_BYTES)
    throw new HTTPException(413, { message: DOCUMENT_TOO_LARGE });
  // Not a file form (the CSRF middleware has read and checked it): no file.
  if (!/^multipart\/form-data\s*;/i.test(c.req.header("content-type") ?? ""))
    throw new Invalid({ document: NO_DOCUMENT });
  let fields: Record<string, string> = {};
  try {
    const upload = await readStreamedUpload(
      c.req.raw,
      { fileField: "document", maxBodyBytes: MAX_DOCUMENT_BODY_BYTES },
      async (file) => {
        assertCsrfToken(c, file.fields[CSRF_FIELD]);
        fields = file.fields;
        if (file.bytes === undefined) throw new Invalid({ document: NO_DOCUMENT });
        const chunks: Uint8Array[] = [];
        for await (const chunk of file.bytes) chunks.push(chunk);
        return { fileName: file.fileName, bytes: new Uint8Array(Buffer.concat(chunks)) };
      },
    );
    // Once the whole body is read: the fields after the file are there too.
    return { ...upload, isSensitive: fields.sensitive === "1" };
  } catch (error) {
    if (error instanceof UploadTooLarge)
      throw new HTTPException(413, { message: DOCUMENT_TOO_LARGE });
    if (error instanceof UnreadableUpload)
      throw new Invalid({
        document: "Le fichier n'a pas pu être reçu en entier : envoyez-le à nouveau.",
      });
    throw error;
  }
}

recordActionRoutes.get("/pro/dossiers/:id/documents/:documentId", async (c) => {
  const document = await readDocument(
    userContext(c),
    c.req.param("id"),
    c.req.param("documentId"),
    c.var.deps.config.documentsKey,
  );
  c.header("Content-Type", document.mediaType);
  c.header(
    "Content-Disposition",
    `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
  );
  c.header("Cache-Control", "private, no-store");
  c.header("X-Content-Type-Options", "nosniff");
  return c.body(new Uint8Array(document.bytes));
});

recordActionRoutes.get("/pro/dossiers/:id/export.json", async (c) => {
  const data = await exportPersonData(userContext(c), c.req.param("id"));
  c.header("Content-Disposition", `attachment; filename="donnees-${data.person.id}.json"`);
  c.header("Cache-Control", "private, no-store");
  return c.json(data);
});

recordActionRoutes.get("/pro/dossiers/:id/export.pdf", async (c) => {
  const data = await exportPersonData(userContext(c), c.req.param("id"));
  const pdf = await renderExportPdf(data, c.var.deps.territoryName);
  c.header("Content-Type", "application/pdf");
  c.header("Content-Disposition", `attachment; filename="donnees-${data.person.id}.pdf"`);
  c.header("Cache-Control", "private, no-store");
  return c.body(new Uint8Array(pdf));
});
