// « Mandats » (/mon-espace/mandats): the person gives a helper the right to
// act for them on chosen parts for a chosen time, and ends it at once; the
// helper, signed in with their own code, finds there the people they act for
// and acts through /mon-espace/pour/<mandate> on the granted parts only.

import { Hono } from "hono";
import { z } from "zod";
import { Invalid } from "../../platform/errors.ts";
import type { AppContext, AppEnv } from "../../platform/http/context.ts";
import { formRefusal, parseForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { frenchLongDate, frenchSpokenDateTime } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  SelectField,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import { STATUS_LABELS } from "../appointments/service.ts";
import { downloadResponse } from "./document-routes.tsx";
import { maskContact, readContact } from "./identifiers.ts";
import {
  appointmentsForPerson,
  cancelForPerson,
  DURATIONS,
  documentsForPerson,
  GRANTABLE_PARTS,
  grantMandate,
  isActive,
  type Mandate,
  mandateForHelper,
  mandatesGiven,
  mandatesReceived,
  moveLinkForPerson,
  NO_PROCEDURES_YET,
  PART_LABELS,
  readDocumentForPerson,
  revokeMandate,
  shareForPerson,
  sharingTargetsForPerson,
} from "./mandates.ts";
import { residentContext, residentOnly } from "./session.ts";
import { PURPOSES, ShareFields, ShareForm } from "./share-views.tsx";
import { freshCodeNeeded } from "./space-routes.tsx";
import type { MandatePart } from "./tables.ts";
import { SpacePage } from "./views.tsx";

export const MANDATS_PATH = "/mon-espace/mandats";
const ACTING_PATH = "/mon-espace/pour";

export const mandateRoutes = new Hono<AppEnv>();
for (const path of [MANDATS_PATH, `${MANDATS_PATH}/*`, `${ACTING_PATH}/*`]) {
  mandateRoutes.use(path, residentOnly);
  mandateRoutes.use(path, holdsPersonalData);
}

const PARTS = GRANTABLE_PARTS as [MandatePart, ...MandatePart[]];
const PART_OPTIONS = PARTS.map((value) => ({ value, label: PART_LABELS[value] }));

const MandateForm = z.object({
  prenom: z
    .string("Indiquez votre prénom.")
    .trim()
    .min(1, "Indiquez votre prénom, tel que la personne aidante vous connaît.")
    .max(80, "80 caractères au plus."),
  aidant: z
    .string("Indiquez le nom de la personne aidante.")
    .trim()
    .min(1, "Indiquez le nom de la personne aidante.")
    .max(80, "80 caractères au plus."),
  contact: z
    .string("Indiquez son portable ou son adresse électronique.")
    .trim()
    .max(254)
    .transform(readContact),
  parties: z
    .union([z.enum(PARTS), z.array(z.enum(PARTS))], {
      error: "Cochez au moins ce que la personne aidante peut faire pour vous.",
    })
    .transform((value) => (Array.isArray(value) ? value : [value])),
  duree: z.enum(Object.keys(DURATIONS) as [keyof typeof DURATIONS], {
    error: "Choisissez une durée.",
  }),
});

function partsText(parts: readonly MandatePart[]): string {
  return parts.map((part) => PART_LABELS[part]).join(", ");
}

function MandateItem({ c, mandate }: { c: AppContext; mandate: Mandate }) {
  const active = isActive(mandate, c.var.now);
  return (
    <li>
      <p>
        <strong>{mandate.helperName}</strong> ({maskContact(mandate.helper)}) :{" "}
        {partsText(mandate.parts)}.
        <br />
        Donné le {frenchLongDate(mandate.grantedAt)},{" "}
        {mandate.revokedAt
          ? `retiré le ${frenchLongDate(mandate.revokedAt)}`
          : active
            ? `jusqu'au ${frenchLongDate(mandate.expiresAt)}`
            : `terminé le ${frenchLongDate(mandate.expiresAt)}`}
        .
      </p>
      {active && (
        <form method="post" action={`${MANDATS_PATH}/${mandate.id}/retirer`}>
          <CsrfField token={c.var.csrfToken} />
          <button type="submit" class="button button--secondary">
            Retirer ce mandat<span class="visually-hidden"> à {mandate.helperName}</span>
          </button>
        </form>
      )}
    </li>
  );
}

async function mandatesPage(
  c: AppContext,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  status = 200,
) {
  const ctx = residentContext(c);
  const now = c.var.now;
  const [given, received] = await Promise.all([mandatesGiven(ctx), mandatesReceived(ctx)]);
  const active = given.filter((m) => isActive(m, now));
  const ended = given.filter((m) => !isActive(m, now));
  return c.html(
    <SpacePage c={c} title="Mandats" errorTitle={Object.keys(errors).length > 0}>
      <h1>Mandats</h1>
      <p class="lead">
        Un mandat, c'est votre accord pour qu'une personne de confiance agisse pour vous dans votre
        espace : un proche, un bénévole ou un médiateur numérique.
      </p>
      {c.req.query("donne") && (
        <Alert kind="success">
          Le mandat est donné. La personne aidante se connecte à « Mon espace » avec son propre
          code.
        </Alert>
      )}
      {c.req.query("retire") && (
        <Alert kind="success">
          Le mandat est retiré : la personne ne peut plus agir pour vous.
        </Alert>
      )}
      {received.length > 0 && (
        <>
          <h2>Les personnes pour qui j'agis</h2>
          <ul class="espace-list">
            {received.map((mandate) => (
              <li>
                <a href={`${ACTING_PATH}/${mandate.id}`}>Agir pour {mandate.personName}</a> —{" "}
                {partsText(mandate.parts)}, jusqu'au {frenchLongDate(mandate.expiresAt)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Les mandats que j'ai donnés</h2>
      <p>
        Vous choisissez ce qu'elle peut faire et pour combien de temps (un an au plus). Tout ce
        qu'elle fait est écrit dans « Qui a consulté mes données ». Vous pouvez retirer un mandat à
        tout moment.
      </p>
      {active.length === 0 ? (
        <p>Aucun mandat en cours.</p>
      ) : (
        <ul class="espace-list">
          {active.map((mandate) => (
            <MandateItem c={c} mandate={mandate} />
          ))}
        </ul>
      )}
      <h2>Donner un mandat</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action={MANDATS_PATH} class="form">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="prenom"
          label="Votre prénom, tel que la personne aidante vous connaît"
          value={values.prenom}
          error={errors.prenom}
          required
          width="medium"
        />
        <TextField
          name="aidant"
          label="Nom de la personne aidante"
          hint="Par exemple : Karim, mon fils ; ou : la médiatrice numérique de la médiathèque"
          value={values.aidant}
          error={errors.aidant}
          required
        />
        <TextField
          name="contact"
          label="Son portable ou son adresse électronique"
          hint="Elle se connectera avec, en recevant un code."
          value={values.contact}
          error={errors.contact}
          required
        />
        <CheckboxGroup
          name="parties"
          legend="Ce qu'elle peut faire pour vous"
          options={PART_OPTIONS}
          hint={NO_PROCEDURES_YET}
          checked={values.parties ? [values.parties] : []}
          error={errors.parties}
        />
        <SelectField
          name="duree"
          label="Pendant combien de temps"
          options={Object.entries(DURATIONS).map(([value, label]) => ({ value, label }))}
          value={values.duree ?? "90"}
          error={errors.duree}
          required
        />
        <Button>Donner ce mandat</Button>
      </form>
      {ended.length > 0 && (
        <>
          <h2>Mandats terminés</h2>
          <ul class="espace-list">
            {ended.map((mandate) => (
              <MandateItem c={c} mandate={mandate} />
            ))}
          </ul>
        </>
      )}
    </SpacePage>,
    status as 200,
  );
}

mandateRoutes.get(MANDATS_PATH, (c) => mandatesPage(c));

mandateRoutes.post(MANDATS_PATH, async (c) => {
  const ctx = residentContext(c);
  try {
    const data = await parseForm(c, MandateForm);
    const fresh = freshCodeNeeded(c, MANDATS_PATH);
    if (fresh) return fresh;
    await grantMandate(ctx, {
      personName: data.prenom,
      helperName: data.aidant,
      helper: data.contact,
      parts: data.parties,
      days: Number(data.duree),
    });
  } catch (error) {
    const form = await formRefusal(c, error);
    return mandatesPage(c, form.errors, form.values, 400);
  }
  return c.redirect(`${MANDATS_PATH}?donne=1`, 303);
});

mandateRoutes.post(`${MANDATS_PATH}/:id/retirer`, async (c) => {
  const ctx = residentContext(c);
  await revokeMandate(ctx, c.req.param("id"));
  return c.redirect(`${MANDATS_PATH}?retire=1`, 303);
});

// The helper's side: « agir pour <person> », on the granted parts only.

mandateRoutes.get(`${ACTING_PATH}/:id`, async (c) => {
  const ctx = residentContext(c);
  const mandate = await mandateForHelper(ctx, c.req.param("id"));
  const base = `${ACTING_PATH}/${mandate.id}`;
  return c.html(
    <SpacePage c={c} title={`Agir pour ${mandate.personName}`}>
      <h1>Agir pour {mandate.personName}</h1>
      <Alert kind="info">
        Vous agissez pour {mandate.personName}, par son mandat, jusqu'au{" "}
        {frenchLongDate(mandate.expiresAt)}. Tout ce que vous faites est écrit dans son historique.
      </Alert>
      <ul class="espace-list">
        {mandate.parts.includes("rendez_vous") && (
          <li>
            <a href={`${base}/rendez-vous`}>Ses rendez-vous</a>
          </li>
        )}
        {mandate.parts.includes("documents") && (
          <li>
            <a href={`${base}/documents`}>
              Ses documents{mandate.parts.includes("partage") && " (les partager)"}
            </a>
          </li>
        )}
        {mandate.parts.includes("demarches") && <li>{NO_PROCEDURES_YET}</li>}
      </ul>
      <p>
        <a href={MANDATS_PATH}>Revenir à mes mandats</a>
      </p>
    </SpacePage>,
  );
});

async function personAppointmentsPage(
  c: AppContext,
  errors: Record<string, string> = {},
  status = 200,
) {
  const ctx = residentContext(c);
  const { mandate, appointments } = await appointmentsForPerson(ctx, c.req.param("id") ?? "");
  const base = `${ACTING_PATH}/${mandate.id}`;
  return c.html(
    <SpacePage
      c={c}
      title={`Rendez-vous de ${mandate.personName}`}
      errorTitle={Object.keys(errors).length > 0}
    >
      <h1>Rendez-vous de {mandate.personName}</h1>
      {c.req.query("annule") && (
        <Alert kind="success">Le rendez-vous est annulé. Le service est prévenu.</Alert>
      )}
      <ErrorSummary errors={errors} />
      <p>Vous les voyez par le mandat de {mandate.personName}.</p>
      {appointments.length === 0 ? (
        <p>Aucun rendez-vous.</p>
      ) : (
        <ul class="espace-list">
          {appointments.map((a) => (
            <li>
              <p>
                <strong>{frenchSpokenDateTime(a.startsAt)}</strong> — {a.motifName},{" "}
                {a.organisationName}
                <br />
                {a.where} <Tag>{STATUS_LABELS[a.status]}</Tag>
              </p>
              {a.canMove && (
                <p>
                  <a href={`${base}/rendez-vous/${a.id}/deplacer`}>
                    Déplacer ce rendez-vous pour {mandate.personName}
                    <span class="visually-hidden"> : {a.motifName}</span>
                  </a>
                </p>
              )}
              {a.canCancel && (
                <form method="post" action={`${base}/rendez-vous/${a.id}/annuler`}>
                  <CsrfField token={c.var.csrfToken} />
                  <button type="submit" class="button button--secondary">
                    Annuler ce rendez-vous pour {mandate.personName}
                    <span class="visually-hidden"> : {a.motifName}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={base}>Revenir</a>
      </p>
    </SpacePage>,
    status as 200,
  );
}

mandateRoutes.get(`${ACTING_PATH}/:id/rendez-vous`, (c) => personAppointmentsPage(c));

mandateRoutes.post(`${ACTING_PATH}/:id/rendez-vous/:rdv/annuler`, async (c) => {
  const ctx = residentContext(c);
  try {
    await cancelForPerson(ctx, c.req.param("id"), c.req.param("rdv"));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return personAppointmentsPage(c, error.fieldErrors, 400);
  }
  return c.redirect(`${ACTING_PATH}/${c.req.param("id")}/rendez-vous?annule=1`, 303);
});

mandateRoutes.get(`${ACTING_PATH}/:id/rendez-vous/:rdv/deplacer`, async (c) => {
  const ctx = residentContext(c);
  try {
    const path = await moveLinkForPerson(ctx, c.req.param("id"), c.req.param("rdv"));
    return c.redirect(path, 303);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return personAppointmentsPage(c, error.fieldErrors, 400);
  }
});

async function personDocumentsPage(
  c: AppContext,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  status = 200,
) {
  const ctx = residentContext(c);
  const mandateId = c.req.param("id") ?? "";
  // Through the mandate's check for the documents (refused, and written to the
  // person's history, when the part is not granted or the mandate ended).
  const { mandate, documents } = await documentsForPerson(ctx, mandateId);
  const base = `${ACTING_PATH}/${mandate.id}`;
  const links = mandate.parts.includes("partage")
    ? await sharingTargetsForPerson(ctx, mandateId)
    : undefined;
  return c.html(
    <SpacePage
      c={c}
      title={`Documents de ${mandate.personName}`}
      errorTitle={Object.keys(errors).length > 0}
    >
      <h1>Documents de {mandate.personName}</h1>
      {c.req.query("partage") && (
        <Alert kind="success">
          Le document est partagé. {mandate.personName} le voit dans « Mes partages ».
        </Alert>
      )}
      {documents.length === 0 ? (
        <p>Aucun document.</p>
      ) : (
        <ul class="espace-list">
          {documents.map((d) => (
            <li>
              <a href={`${base}/documents/${d.id}/fichier`}>Télécharger « {d.title} »</a> (ajouté le{" "}
              {frenchLongDate(d.createdAt)})
            </li>
          ))}
        </ul>
      )}
      {links !== undefined && documents.length > 0 && (
        <>
          <h2>Partager un document pour {mandate.personName}</h2>
          {links.length === 0 ? (
            <p>
              Aucun dossier de suivi n'est relié à son espace : il n'y a personne avec qui partager.
            </p>
          ) : (
            <>
              <p>Un nouveau code vous sera demandé, comme à {mandate.personName}.</p>
              <ErrorSummary errors={errors} />
              <form method="post" action={`${base}/partager`} class="form">
                <CsrfField token={c.var.csrfToken} />
                <SelectField
                  name="document"
                  label="Quel document"
                  options={documents.map((d) => ({ value: d.id, label: d.title }))}
                  value={values.document}
                  required
                  error={errors.document}
                />
                <ShareFields links={links} errors={errors} values={values} />
                <Button>Partager pour {mandate.personName}</Button>
              </form>
            </>
          )}
        </>
      )}
      <p>
        <a href={base}>Revenir</a>
      </p>
    </SpacePage>,
    status as 200,
  );
}

mandateRoutes.get(`${ACTING_PATH}/:id/documents`, (c) => personDocumentsPage(c));

mandateRoutes.get(`${ACTING_PATH}/:id/documents/:document/fichier`, async (c) => {
  const ctx = residentContext(c);
  const { document, stream } = await readDocumentForPerson(
    ctx,
    c.req.param("id"),
    c.req.param("document"),
  );
  return downloadResponse(c, document, stream);
});

const HelperShareForm = ShareForm.extend({
  document: z.string("Choisissez le document.").min(1, "Choisissez le document."),
});

mandateRoutes.post(`${ACTING_PATH}/:id/partager`, async (c) => {
  const ctx = residentContext(c);
  const id = c.req.param("id");
  try {
    const data = await parseForm(c, HelperShareForm);
    const fresh = freshCodeNeeded(c, `${ACTING_PATH}/${id}/documents`);
    if (fresh) return fresh;
    await shareForPerson(ctx, id, {
      linkId: data.lien,
      documentId: data.document,
      purpose: PURPOSES[data.but],
      days: Number(data.duree),
    });
  } catch (error) {
    const form = await formRefusal(c, error);
    return personDocumentsPage(c, form.errors, form.values, 400);
  }
  return c.redirect(`${ACTING_PATH}/${id}/documents?partage=1`, 303);
});
