// « Demander une correction » (/mon-espace/corrections, RGPD art. 16) and
// the département's side for requests no linked record carries
// (/pro/demandes-de-correction, the DPO). The référent's side is on the
// record's space page (record-space-routes.tsx).

import { Hono } from "hono";
import { z } from "zod";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import { formRefusal, parseForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { frenchLongDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  SelectField,
  Tag,
  TextAreaField,
} from "../../platform/ui/components.tsx";
import { telHref } from "../../platform/ui/french.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import {
  CORRECTION_PARTS,
  type CorrectionRequest,
  handleUnlinkedCorrection,
  myCorrections,
  openUnlinkedCorrections,
  requestCorrection,
} from "./corrections.ts";
import { proSpaceContext, residentContext, residentOnly } from "./session.ts";
import { mySharing } from "./space.ts";
import type { CorrectionPart } from "./tables.ts";
import { SpacePage } from "./views.tsx";

export const CORRECTIONS_PATH = "/mon-espace/corrections";
export const OFFICER_PATH = "/pro/demandes-de-correction";

export const correctionRoutes = new Hono<AppEnv>();
correctionRoutes.use(CORRECTIONS_PATH, residentOnly);
correctionRoutes.use(CORRECTIONS_PATH, holdsPersonalData);
correctionRoutes.use(OFFICER_PATH, holdsPersonalData);
correctionRoutes.use(`${OFFICER_PATH}/*`, holdsPersonalData);

const PARTS = Object.keys(CORRECTION_PARTS) as [CorrectionPart, ...CorrectionPart[]];

const CorrectionForm = z.object({
  partie: z.enum(PARTS, { error: "Choisissez ce qui est faux." }),
  message: z
    .string("Écrivez ce qui est faux.")
    .trim()
    .min(5, "Écrivez ce qui est faux, et ce qui serait juste (5 caractères au moins).")
    .max(2000, "2 000 caractères au plus."),
  structure: z.string().max(40).optional(),
});

const Reply = z
  .string("Écrivez votre réponse à la personne.")
  .trim()
  .min(2, "Écrivez votre réponse à la personne : ce qui a été corrigé, ou pourquoi pas.")
  .max(2000, "2 000 caractères au plus.");

/** One reply box per request on a page: each has its own field name (unique ids). */
export function replyField(requestId: string): string {
  return `reponse-${requestId}`;
}

export function replyForm(requestId: string) {
  return z.object({ [replyField(requestId)]: Reply });
}

/** The status as the person reads it. */
export function CorrectionStatus({ request }: { request: CorrectionRequest }) {
  return request.handledAt ? (
    <Tag kind="success">Traitée le {frenchLongDate(request.handledAt)}</Tag>
  ) : (
    <Tag>Envoyée le {frenchLongDate(request.createdAt)}</Tag>
  );
}

function DepartementContact({ c }: { c: AppContext }) {
  const { contact } = c.var.deps.config;
  return (
    <>
      appelez le Département au <a href={telHref(contact.phone)}>{contact.phone}</a> (
      {contact.hours})
      {contact.email && (
        <>
          {" "}
          ou écrivez à <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </>
      )}
    </>
  );
}

async function correctionsPage(
  c: AppContext,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  status = 200,
) {
  const ctx = residentContext(c);
  const [requests, { links }] = await Promise.all([myCorrections(ctx), mySharing(ctx)]);
  const sent = c.req.query("envoyee");
  return c.html(
    <SpacePage c={c} title="Demander une correction" errorTitle={Object.keys(errors).length > 0}>
      <h1>Demander une correction</h1>
      {sent && (
        <Alert kind="success">
          {links.length > 0
            ? "Votre demande est envoyée. Vous verrez ici la réponse."
            : "Votre demande est enregistrée et transmise au Département. Vous verrez ici la réponse."}
        </Alert>
      )}
      <p class="lead">
        Une information sur vous est fausse ? Vous avez le droit de la faire corriger (c'est le «
        droit de rectification »).
      </p>
      <p>
        {links.length === 0 ? (
          <>
            Aucun dossier de suivi n'est relié à votre espace : votre demande va au Département, qui
            gère Relais. Pour en parler à quelqu'un, <DepartementContact c={c} />.
          </>
        ) : links.length === 1 ? (
          <>
            Votre demande va à <strong>{links[0]?.organisationName}</strong>, la structure qui suit
            votre dossier. Elle vous répond ici.
          </>
        ) : (
          <>Choisissez la structure qui a l'information fausse : elle vous répond ici.</>
        )}
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={CORRECTIONS_PATH} class="form">
        <CsrfField token={c.var.csrfToken} />
        <SelectField
          name="partie"
          label="Qu'est-ce qui est faux ?"
          options={PARTS.map((value) => ({ value, label: CORRECTION_PARTS[value] }))}
          value={values.partie ?? "suivi"}
          required
          error={errors.partie}
        />
        {links.length > 1 && (
          <SelectField
            name="structure"
            label="Quelle structure"
            options={links.map((link) => ({ value: link.id, label: link.organisationName }))}
            value={values.structure}
            required
            error={errors.structure}
          />
        )}
        <TextAreaField
          name="message"
          label="Ce qui est faux, et ce qui serait juste"
          hint="Par exemple : mon nom s'écrit Dupond, pas Dupont. 2 000 caractères au plus."
          rows={5}
          value={values.message}
          required
          error={errors.message}
        />
        <Button>Envoyer ma demande</Button>
      </form>
      <h2>Mes demandes</h2>
      {requests.length === 0 ? (
        <p>Aucune demande pour l'instant.</p>
      ) : (
        <ul class="espace-list">
          {requests.map((request) => (
            <li>
              <p>
                <strong>{CORRECTION_PARTS[request.part]}</strong> —{" "}
                {request.organisationName ?? "le Département"}{" "}
                <CorrectionStatus request={request} />
              </p>
              <p>Votre demande : {request.message}</p>
              {request.reply && (
                <p>
                  Réponse{request.handledByName && ` de ${request.handledByName}`} : {request.reply}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/mon-espace/mes-donnees">Revenir à mes données</a>
      </p>
    </SpacePage>,
    status as 200,
  );
}

correctionRoutes.get(CORRECTIONS_PATH, (c) => correctionsPage(c));

correctionRoutes.post(CORRECTIONS_PATH, async (c) => {
  const ctx = residentContext(c);
  try {
    const data = await parseForm(c, CorrectionForm);
    await requestCorrection(ctx, {
      part: data.partie,
      message: data.message,
      linkId: data.structure,
    });
  } catch (error) {
    const form = await formRefusal(c, error);
    return correctionsPage(c, form.errors, form.values, 400);
  }
  return c.redirect(`${CORRECTIONS_PATH}?envoyee=1`, 303);
});

// The département's DPO: the requests no linked record carries.

async function officerPage(c: AppContext, errors: Record<string, string> = {}, status = 200) {
  const ctx = proSpaceContext(c);
  const open = await openUnlinkedCorrections(ctx);
  const hasErrors = Object.keys(errors).length > 0;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`${hasErrors ? "Erreur — " : ""}Demandes de correction sans dossier`}
      breadcrumb={[
        { label: "Espace professionnel", href: "/pro" },
        { label: "Demandes de correction" },
      ]}
    >
      <h1>Demandes de correction sans dossier</h1>
      {c.req.query("traitee") && <Alert kind="success">La réponse est envoyée.</Alert>}
      <p>
        Des personnes sans dossier de suivi relié à leur espace demandent une correction de leurs
        données (RGPD, article 16). Répondez dans le mois (article 12.3). La personne lit votre
        réponse dans son espace.
      </p>
      <ErrorSummary errors={errors} />
      {open.length === 0 ? (
        <p>Aucune demande en attente.</p>
      ) : (
        <ul class="espace-list">
          {open.map((request) => (
            <li>
              <p>
                <strong>{CORRECTION_PARTS[request.part]}</strong>, reçue le{" "}
                {frenchLongDate(request.createdAt)}
              </p>
              <p>{request.message}</p>
              <form method="post" action={`${OFFICER_PATH}/${request.id}`} class="form">
                <CsrfField token={c.var.csrfToken} />
                <TextAreaField
                  name={replyField(request.id)}
                  label="Votre réponse à la personne"
                  rows={3}
                  required
                  error={errors[replyField(request.id)]}
                />
                <Button>Marquer comme traitée</Button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Layout>,
    status as 200,
  );
}

correctionRoutes.get(OFFICER_PATH, (c) => officerPage(c));

correctionRoutes.post(`${OFFICER_PATH}/:id`, async (c) => {
  const ctx = proSpaceContext(c);
  const id = c.req.param("id");
  try {
    const data = await parseForm(c, replyForm(id));
    await handleUnlinkedCorrection(ctx, id, data[replyField(id)] ?? "");
  } catch (error) {
    const form = await formRefusal(c, error);
    return officerPage(c, form.errors, 400);
  }
  return c.redirect(`${OFFICER_PATH}?traitee=1`, 303);
});
