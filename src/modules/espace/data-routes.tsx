// « Qui a consulté mes données », « Mes données » (download everything,
// delete the space) and « Qui voit mon dossier » (consents).

import { Hono } from "hono";
import { z } from "zod";
import { Invalid } from "../../platform/errors.ts";
import type { AppContext, AppEnv } from "../../platform/http/context.ts";
import { formErrors, parseForm, parseQuery } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { frenchLongDate, frenchSpokenDateTime } from "../../platform/time/french-dates.ts";
import { addDays, parisToDate } from "../../platform/time/paris.ts";
import {
  Alert,
  Button,
  CheckboxField,
  CsrfField,
  ErrorSummary,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import { accessHistory, type HistoryFilter } from "./access-history.ts";
import { myConsents, withdrawMyConsent } from "./consents.ts";
import { deleteSpace, exportSpace, renderSpacePdf } from "./data-rights.ts";
import { clearResidentCookie, residentContext, residentOnly } from "./session.ts";
import { myContacts } from "./space.ts";
import { freshCodeNeeded } from "./space-routes.tsx";
import { SpacePage } from "./views.tsx";

export const dataRoutes = new Hono<AppEnv>();
for (const path of [
  "/mon-espace/historique",
  "/mon-espace/mes-donnees",
  "/mon-espace/consentements",
]) {
  dataRoutes.use(path, residentOnly);
  dataRoutes.use(`${path}/*`, residentOnly);
  dataRoutes.use(path, holdsPersonalData);
  dataRoutes.use(`${path}/*`, holdsPersonalData);
}

// « Qui a consulté mes données »

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HistoryQuery = z.object({
  du: z.string().regex(DAY, "Date au format AAAA-MM-JJ.").optional().or(z.literal("")),
  au: z.string().regex(DAY, "Date au format AAAA-MM-JJ.").optional().or(z.literal("")),
});

/** The period asked for, from midnight in Paris of `du` to the end of `au`. */
function historyFilter(query: z.infer<typeof HistoryQuery>): HistoryFilter {
  const filter: HistoryFilter = {};
  if (query.du) filter.from = parisToDate(query.du, "00:00");
  if (query.au) filter.to = parisToDate(addDays(query.au, 1), "00:00");
  if (filter.from && filter.to && filter.to <= filter.from)
    throw new Invalid({ au: "La date de fin doit suivre la date de début." });
  return filter;
}

dataRoutes.get("/mon-espace/historique", async (c) => {
  const ctx = residentContext(c);
  let filter: HistoryFilter = {};
  let errors: Record<string, string> = {};
  try {
    filter = historyFilter(parseQuery(c, HistoryQuery));
  } catch (error) {
    const refused = formErrors(error);
    if (!refused) throw error;
    // A bad period: said on the page, and the whole history shown.
    errors = refused;
  }
  const entries = await accessHistory(ctx, filter);
  return c.html(
    <SpacePage c={c} title="Qui a consulté mes données" errorTitle={Object.keys(errors).length > 0}>
      <h1>Qui a consulté mes données</h1>
      <p>
        Chaque fois qu'un professionnel ouvre votre dossier ou un document que vous avez partagé,
        c'est écrit ici, avec sa structure et son rôle. Les tentatives refusées aussi.
      </p>
      <ErrorSummary errors={errors} />
      <form method="get" action="/mon-espace/historique" class="form espace-filter">
        <TextField
          name="du"
          label="Du"
          type="date"
          width="medium"
          value={c.req.query("du")}
          error={errors.du}
        />
        <TextField
          name="au"
          label="Au"
          type="date"
          width="medium"
          value={c.req.query("au")}
          error={errors.au}
        />
        <Button kind="secondary">Afficher cette période</Button>
      </form>
      <p class="no-print">
        Pour garder cette liste sur papier, utilisez « Imprimer » de votre navigateur.
      </p>
      {entries.length === 0 ? (
        <p>Rien sur cette période.</p>
      ) : (
        <ul class="espace-list">
          {entries.map((entry) => (
            <li>
              <strong>{frenchSpokenDateTime(entry.at)}</strong>
              <br />
              {entry.who}
              {entry.organisation && ` — ${entry.organisation}`}
              {entry.roles.length > 0 && ` (${entry.roles.join(", ")})`} : {entry.what}
              {entry.detail && ` — ${entry.detail}`}{" "}
              {entry.refused && <Tag kind="warning">Refusé</Tag>}
            </li>
          ))}
        </ul>
      )}
    </SpacePage>,
    Object.keys(errors).length > 0 ? 400 : 200,
  );
});

// « Mes données » : tout télécharger, supprimer l'espace

dataRoutes.get("/mon-espace/mes-donnees", async (c) => {
  const ctx = residentContext(c);
  await myContacts(ctx);
  return dataPage(c);
});

function dataPage(c: AppContext, errors: Record<string, string> = {}, status = 200) {
  const retention = c.var.deps.config.recordsRetention;
  return c.html(
    <SpacePage c={c} title="Mes données" errorTitle={Object.keys(errors).length > 0}>
      <h1>Mes données</h1>
      <h2>Une information est fausse ?</h2>
      <p>
        <a href="/mon-espace/corrections">Demander une correction</a> : votre demande va à la
        structure qui suit votre dossier, et vous voyez sa réponse ici.
      </p>
      <h2>Tout télécharger</h2>
      <p>
        Tout ce que votre espace contient : vos coordonnées, vos rendez-vous, la liste de vos
        documents, vos partages, votre accompagnement, vos mandats, vos demandes de correction et
        qui a consulté vos données. Un nouveau code vous sera demandé.
      </p>
      <ul>
        <li>
          <a href="/mon-espace/mes-donnees/export.pdf">Télécharger en PDF (à lire ou imprimer)</a>
        </li>
        <li>
          <a href="/mon-espace/mes-donnees/export.json">
            Télécharger en JSON (un fichier pour l'ordinateur, à donner à un autre service)
          </a>
        </li>
      </ul>
      <p>Vos documents eux-mêmes se téléchargent un par un, depuis « Mes documents ».</p>
      <h2>Supprimer mon espace</h2>
      <p>
        Vos documents, vos partages et vos coordonnées sont supprimés tout de suite. Vous pourrez
        ouvrir un nouvel espace plus tard.
      </p>
      <p>Ce que les professionnels gardent, parce que la loi le leur demande :</p>
      <ul>
        <li>
          votre dossier de suivi, dans chaque structure qui vous suit :{" "}
          {retention.activeMonthsAfterLastContact} mois après votre dernier contact, puis{" "}
          {retention.archiveYears} ans en archive à accès restreint (référentiel CNIL du secteur
          social et médico-social, délibération n° 2021-028) ;
        </li>
        <li>vos rendez-vous : 2 ans après leur date ;</li>
        <li>
          le journal des accès (qui a consulté quoi) : il ne peut être ni modifié ni effacé, pour
          prouver qui a eu accès à vos données.
        </li>
      </ul>
      <ErrorSummary errors={errors} />
      <form method="post" action="/mon-espace/mes-donnees/supprimer" class="form">
        <CsrfField token={c.var.csrfToken} />
        <CheckboxField
          name="confirmation"
          label="Je veux supprimer mon espace et tous mes documents. Je sais que c'est définitif."
          required
          error={errors.confirmation}
        />
        <Button kind="secondary">Supprimer mon espace</Button>
      </form>
    </SpacePage>,
    status as 200,
  );
}

dataRoutes.get("/mon-espace/mes-donnees/export.json", async (c) => {
  const fresh = freshCodeNeeded(c, "/mon-espace/mes-donnees");
  if (fresh) return fresh;
  const data = await exportSpace(residentContext(c));
  c.header("Content-Disposition", 'attachment; filename="mon-espace-relais.json"');
  return c.json(data);
});

dataRoutes.get("/mon-espace/mes-donnees/export.pdf", async (c) => {
  const fresh = freshCodeNeeded(c, "/mon-espace/mes-donnees");
  if (fresh) return fresh;
  const data = await exportSpace(residentContext(c));
  const pdf = await renderSpacePdf(data, c.var.deps.territoryName);
  c.header("Content-Type", "application/pdf");
  c.header("Content-Disposition", 'attachment; filename="mon-espace-relais.pdf"');
  return c.body(new Uint8Array(pdf));
});

/** The box ticked to confirm; anything else counts as not ticked. */
const DeleteForm = z.object({ confirmation: z.literal("oui").optional().catch(undefined) });

dataRoutes.post("/mon-espace/mes-donnees/supprimer", async (c) => {
  const ctx = residentContext(c);
  const data = await parseForm(c, DeleteForm);
  if (data.confirmation !== "oui") {
    await myContacts(ctx);
    return dataPage(c, { confirmation: "Cochez la case pour confirmer la suppression." }, 400);
  }
  const fresh = freshCodeNeeded(c, "/mon-espace/mes-donnees");
  if (fresh) return fresh;
  await deleteSpace(ctx);
  clearResidentCookie(c);
  return c.redirect("/mon-espace/supprime", 303);
});

dataRoutes.get("/mon-espace/supprime", (c) =>
  c.html(
    <SpacePage c={c} title="Espace supprimé">
      <h1>Votre espace est supprimé</h1>
      <p>Vos documents, vos partages et vos coordonnées ont été effacés.</p>
      <p>
        <a href="/">Revenir à l'accueil</a>
      </p>
    </SpacePage>,
  ),
);

// « Mes consentements »

const SCOPE_LABELS = {
  suivi: "votre dossier de suivi",
  suivi_sante: "votre dossier de suivi, y compris les informations de santé",
} as const;

dataRoutes.get("/mon-espace/consentements", async (c) => {
  const ctx = residentContext(c);
  const consents = await myConsents(ctx);
  const active = consents.filter((consent) => consent.withdrawnAt === null);
  const withdrawn = consents.filter((consent) => consent.withdrawnAt !== null);
  return c.html(
    <SpacePage c={c} title="Qui voit mon dossier de suivi">
      <h1>Qui voit mon dossier de suivi</h1>
      {c.req.query("retire") && (
        <Alert kind="success">
          Votre accord est retiré. Cette structure ne voit plus votre dossier, dès maintenant.
        </Alert>
      )}
      <p>
        Les structures qui vous suivent ne voient votre dossier que si vous êtes d'accord. Vous
        pouvez retirer votre accord à tout moment. La structure garde ce que la loi l'oblige à
        garder (voir « Mes données »).
      </p>
      <h2>Accords en cours</h2>
      {active.length === 0 ? (
        <p>
          Aucun. Si un travailleur social vous suit, il peut relier votre dossier à votre espace :
          vous verrez alors ici qui le voit.
        </p>
      ) : (
        <ul class="espace-list">
          {active.map((consent) => (
            <li>
              <strong>{consent.organisationName}</strong> voit {SCOPE_LABELS[consent.scope]}, depuis
              le {frenchLongDate(consent.collectedAt)}.{" "}
              <form method="post" action={`/mon-espace/consentements/${consent.id}/retirer`}>
                <CsrfField token={c.var.csrfToken} />
                <button type="submit" class="button button--secondary">
                  Retirer mon accord
                  <span class="visually-hidden"> à {consent.organisationName}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h2>Accords retirés</h2>
      {withdrawn.length === 0 ? (
        <p>Aucun.</p>
      ) : (
        <ul class="espace-list">
          {withdrawn.map((consent) => (
            <li>
              {consent.organisationName} : du {frenchLongDate(consent.collectedAt)} au{" "}
              {frenchLongDate(consent.withdrawnAt ?? consent.collectedAt)}.
            </li>
          ))}
        </ul>
      )}
    </SpacePage>,
  );
});

dataRoutes.post("/mon-espace/consentements/:id/retirer", async (c) => {
  const ctx = residentContext(c);
  await withdrawMyConsent(ctx, c.req.param("id"));
  return c.redirect("/mon-espace/consentements?retire=1", 303);
});
