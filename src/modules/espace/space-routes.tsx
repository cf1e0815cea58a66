// The space's home, « Mes rendez-vous », « Qui a consulté mes données » and
// « Mes données ».
import { Hono } from "hono";
import { z } from "zod";
import { authorizeResident, residentCan } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import type { AppContext, AppEnv } from "../../platform/http/context.ts";
import { readForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import {
  Alert,
  Button,
  CheckboxField,
  CsrfField,
  ErrorSummary,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import { STATUS_LABELS } from "../appointments/service.ts";
import { accessHistory } from "./access-history.ts";
import { myConsents, withdrawMyConsent } from "./consents.ts";
import { espaceContext } from "./context.ts";
import { deleteSpace, exportSpace, renderSpacePdf } from "./data-rights.ts";
import { maskContact } from "./identifiers.ts";
import { espaceRules } from "./policy.ts";
import { clearResidentCookie, requireResident, residentOnly } from "./session.ts";
import { endLink } from "./sharing.ts";
import {
  cancelMyAppointment,
  moveLinkForMyAppointment,
  myAppointmentIcs,
  myAppointments,
  myContacts,
  myDocuments,
  mySharing,
} from "./space.ts";
import { fileSize, frenchDate, frenchDateTime, SpacePage } from "./views.tsx";

export const spaceRoutes = new Hono<AppEnv>();
for (const path of [
  "/mon-espace/rendez-vous",
  "/mon-espace/historique",
  "/mon-espace/mes-donnees",
  "/mon-espace/consentements",
]) {
  spaceRoutes.use(path, residentOnly);
  spaceRoutes.use(`${path}/*`, residentOnly);
  spaceRoutes.use(path, holdsPersonalData);
  spaceRoutes.use(`${path}/*`, holdsPersonalData);
}

/** A sensitive action without a fresh code: to the code page, then back here. */
export function freshCodeNeeded(c: AppContext, back: string): Response | undefined {
  const actor = requireResident(c);
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  if (
    residentCan(actor, espaceRules.sensitiveAction, {
      espaceId: actor.espaceId,
      now: c.var.deps.now(),
    })
  )
    return undefined;
  return c.redirect(`/mon-espace/verifier?retour=${encodeURIComponent(back)}`, 303);
}

function Landing({ c }: { c: AppContext }) {
  return (
    <SpacePage c={c} title="Mon espace">
      <h1>Mon espace</h1>
      {c.req.query("deconnecte") && <Alert kind="success">Vous êtes déconnecté.</Alert>}
      <p class="lead">Vos rendez-vous, vos documents et vos démarches, au même endroit.</p>
      <ul>
        <li>Retrouvez vos rendez-vous, annulez-les ou déplacez-les.</li>
        <li>Gardez vos papiers (avis d'imposition, pièce d'identité…) en lieu sûr.</li>
        <li>
          Partagez un papier avec la personne qui vous accompagne, pour le temps que vous
          choisissez.
        </li>
        <li>Voyez qui a consulté vos données.</li>
      </ul>
      <p>
        <a class="button button--primary" href="/mon-espace/connexion">
          Me connecter avec un code
        </a>
      </p>
      <p>Pas de mot de passe : un code vous est envoyé par SMS ou par courriel.</p>
    </SpacePage>
  );
}

spaceRoutes.get("/mon-espace", async (c) => {
  if (c.var.actor.kind !== "resident") return c.html(<Landing c={c} />);
  const actor = requireResident(c);
  const context = espaceContext(c);
  const [appointments, documents, sharing, contacts] = await Promise.all([
    myAppointments(c.var.db, actor, context),
    myDocuments(c.var.db, actor),
    mySharing(c.var.db, actor, context.now),
    myContacts(c.var.db, actor),
  ]);
  const upcoming = appointments.filter(
    (a) => a.status === "unknown" && a.startsAt.getTime() > context.now.getTime(),
  );
  const activeShares = sharing.shares.filter((share) => share.isActive);
  return c.html(
    <SpacePage c={c} title="Mon espace">
      <h1>Mon espace</h1>
      {c.req.query("bienvenue") && (
        <Alert kind="success">
          Votre espace est ouvert. Il est à vous : vous décidez qui voit quoi.
        </Alert>
      )}
      {c.req.query("lien") && (
        <Alert kind="success">Ce dossier n'est plus relié à votre espace.</Alert>
      )}
      <p>
        Connecté avec{" "}
        {contacts.rows.map((row, index) => (
          <>
            {index > 0 && ", "}
            <strong>{maskContact(row)}</strong>
          </>
        ))}
        .
      </p>
      <h2>Mes prochains rendez-vous</h2>
      {upcoming.length === 0 ? (
        <p>Aucun rendez-vous à venir.</p>
      ) : (
        <ul class="espace-list">
          {upcoming.slice(0, 3).map((a) => (
            <li>
              <strong>{frenchDateTime(a.startsAt)}</strong> — {a.motifName}, {a.organisationName}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/mon-espace/rendez-vous">Voir tous mes rendez-vous</a>
      </p>
      <h2>Mes documents</h2>
      <p>
        {documents.documents.length === 0
          ? "Aucun document pour l'instant."
          : `${documents.documents.length} document${documents.documents.length > 1 ? "s" : ""} (${fileSize(documents.used)} sur ${fileSize(documents.quota)}).`}{" "}
        {activeShares.length > 0 &&
          `${activeShares.length} partage${activeShares.length > 1 ? "s" : ""} en cours.`}
      </p>
      <p>
        <a href="/mon-espace/documents">Voir ou ajouter mes documents</a>
      </p>
      <h2>Les structures qui me suivent</h2>
      {sharing.links.length === 0 ? (
        <p>
          Aucune pour l'instant. Si un travailleur social vous suit, il peut relier votre dossier à
          votre espace : donnez-lui le numéro ou l'adresse avec lesquels vous vous connectez.
        </p>
      ) : (
        <ul class="espace-list">
          {sharing.links.map((link) => (
            <li>
              <strong>{link.organisationName}</strong> — dossier relié le{" "}
              {frenchDate(link.confirmedAt)}
              {link.confirmedByName && ` par ${link.confirmedByName}`}.{" "}
              <form method="post" action={`/mon-espace/suivi/${link.id}/retirer`}>
                <CsrfField token={c.var.csrfToken} />
                <button type="submit" class="button button--link">
                  Ce n'est pas mon dossier : le retirer de mon espace
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </SpacePage>,
  );
});

spaceRoutes.post("/mon-espace/suivi/:id/retirer", async (c) => {
  const actor = requireResident(c);
  await endLink(c.var.db, actor, c.req.param("id"), espaceContext(c));
  return c.redirect("/mon-espace?lien=retire", 303);
});

// « Mes rendez-vous »

async function appointmentsPage(c: AppContext, errors: Record<string, string> = {}, status = 200) {
  const actor = requireResident(c);
  const context = espaceContext(c);
  const appointments = await myAppointments(c.var.db, actor, context);
  const isUpcoming = (a: (typeof appointments)[number]) =>
    a.status === "unknown" && a.startsAt.getTime() > context.now.getTime();
  const upcoming = appointments.filter(isUpcoming).reverse();
  const past = appointments.filter((a) => !isUpcoming(a));
  const cancelled = c.req.query("annule") === "1";
  return c.html(
    <SpacePage c={c} title="Mes rendez-vous" errorTitle={Object.keys(errors).length > 0}>
      <h1>Mes rendez-vous</h1>
      {cancelled && (
        <Alert kind="success">Votre rendez-vous est annulé. Le service est prévenu.</Alert>
      )}
      <ErrorSummary errors={errors} />
      <p>
        Les rendez-vous pris avec votre numéro de portable ou votre adresse électronique.{" "}
        <a href="/rendez-vous">Prendre un autre rendez-vous</a>
      </p>
      <h2>À venir</h2>
      {upcoming.length === 0 ? (
        <p>Aucun rendez-vous à venir.</p>
      ) : (
        <ul class="espace-list">
          {upcoming.map((a) => (
            <li>
              <p>
                <strong>{frenchDateTime(a.startsAt)}</strong>
                <br />
                {a.motifName} — {a.organisationName}
                <br />
                {a.where}
              </p>
              <p>
                <a href={`/mon-espace/rendez-vous/${a.id}/agenda.ics`}>
                  Ajouter à mon agenda<span class="visually-hidden"> : {a.motifName}</span>
                </a>
                {a.canMove && (
                  <>
                    {" · "}
                    <a href={`/mon-espace/rendez-vous/${a.id}/deplacer`}>
                      Déplacer<span class="visually-hidden"> le rendez-vous {a.motifName}</span>
                    </a>
                  </>
                )}
              </p>
              {a.canCancel && (
                <form method="post" action={`/mon-espace/rendez-vous/${a.id}/annuler`}>
                  <CsrfField token={c.var.csrfToken} />
                  <button type="submit" class="button button--secondary">
                    Annuler ce rendez-vous<span class="visually-hidden"> : {a.motifName}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>Passés ou annulés</h2>
      {past.length === 0 ? (
        <p>Aucun.</p>
      ) : (
        <ul class="espace-list">
          {past.map((a) => (
            <li>
              <strong>{frenchDateTime(a.startsAt)}</strong> — {a.motifName}, {a.organisationName}{" "}
              <Tag>{STATUS_LABELS[a.status]}</Tag>
            </li>
          ))}
        </ul>
      )}
    </SpacePage>,
    status as 200,
  );
}

spaceRoutes.get("/mon-espace/rendez-vous", (c) => appointmentsPage(c));

spaceRoutes.post("/mon-espace/rendez-vous/:id/annuler", async (c) => {
  const actor = requireResident(c);
  try {
    await cancelMyAppointment(c.var.db, actor, c.req.param("id"), espaceContext(c));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return appointmentsPage(c, error.fieldErrors, 400);
  }
  return c.redirect("/mon-espace/rendez-vous?annule=1", 303);
});

spaceRoutes.get("/mon-espace/rendez-vous/:id/deplacer", async (c) => {
  const actor = requireResident(c);
  try {
    const path = await moveLinkForMyAppointment(
      c.var.db,
      actor,
      c.req.param("id"),
      espaceContext(c),
    );
    return c.redirect(path, 303);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return appointmentsPage(c, error.fieldErrors, 400);
  }
});

spaceRoutes.get("/mon-espace/rendez-vous/:id/agenda.ics", async (c) => {
  const actor = requireResident(c);
  const ics = await myAppointmentIcs(c.var.db, actor, c.req.param("id"), espaceContext(c));
  c.header("Content-Type", "text/calendar; charset=utf-8");
  c.header("Content-Disposition", 'attachment; filename="rendez-vous.ics"');
  return c.body(ics);
});

// « Qui a consulté mes données »

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HistoryQuery = z.object({
  du: z.string().regex(DAY, "Date au format AAAA-MM-JJ.").optional().or(z.literal("")),
  au: z.string().regex(DAY, "Date au format AAAA-MM-JJ.").optional().or(z.literal("")),
});

/** Midnight in Paris of a day, as an instant (good to a few hours' margin: the day is whole). */
function parisMidnight(day: string): Date {
  const noon = new Date(`${day}T12:00:00Z`);
  const offset =
    new Date(noon.toLocaleString("en-US", { timeZone: "Europe/Paris" })).getTime() -
    new Date(noon.toLocaleString("en-US", { timeZone: "UTC" })).getTime();
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - offset);
}

spaceRoutes.get("/mon-espace/historique", async (c) => {
  const actor = requireResident(c);
  const parsed = HistoryQuery.safeParse({ du: c.req.query("du"), au: c.req.query("au") });
  const errors: Record<string, string> = {};
  let from: Date | undefined;
  let to: Date | undefined;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  } else {
    if (parsed.data.du) from = parisMidnight(parsed.data.du);
    if (parsed.data.au) to = new Date(parisMidnight(parsed.data.au).getTime() + 86_400_000);
    if (from && to && to <= from) errors.au = "La date de fin doit suivre la date de début.";
  }
  const entries = await accessHistory(
    c.var.db,
    actor,
    Object.keys(errors).length ? {} : { from, to },
  );
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
              <strong>{frenchDateTime(entry.at)}</strong>
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

spaceRoutes.get("/mon-espace/mes-donnees", async (c) => {
  const actor = requireResident(c);
  await myContacts(c.var.db, actor);
  return dataPage(c);
});

function dataPage(c: AppContext, errors: Record<string, string> = {}, status = 200) {
  const retention = c.var.deps.config.recordsRetention;
  return c.html(
    <SpacePage c={c} title="Mes données" errorTitle={Object.keys(errors).length > 0}>
      <h1>Mes données</h1>
      <h2>Tout télécharger</h2>
      <p>
        Tout ce que votre espace contient : vos coordonnées, vos rendez-vous, la liste de vos
        documents, vos partages et qui a consulté vos données. Un nouveau code vous sera demandé.
      </p>
      <ul>
        <li>
          <a href="/mon-espace/mes-donnees/export.pdf">Télécharger en PDF (à lire ou imprimer)</a>
        </li>
        <li>
          <a href="/mon-espace/mes-donnees/export.json">
            Télécharger en JSON (pour un autre service)
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

spaceRoutes.get("/mon-espace/mes-donnees/export.json", async (c) => {
  const fresh = freshCodeNeeded(c, "/mon-espace/mes-donnees");
  if (fresh) return fresh;
  const data = await exportSpace(c.var.db, requireResident(c), espaceContext(c));
  c.header("Content-Disposition", 'attachment; filename="mon-espace-relais.json"');
  return c.json(data);
});

spaceRoutes.get("/mon-espace/mes-donnees/export.pdf", async (c) => {
  const fresh = freshCodeNeeded(c, "/mon-espace/mes-donnees");
  if (fresh) return fresh;
  const data = await exportSpace(c.var.db, requireResident(c), espaceContext(c));
  const pdf = await renderSpacePdf(data, c.var.deps.territoryName);
  c.header("Content-Type", "application/pdf");
  c.header("Content-Disposition", 'attachment; filename="mon-espace-relais.pdf"');
  return c.body(new Uint8Array(pdf));
});

spaceRoutes.post("/mon-espace/mes-donnees/supprimer", async (c) => {
  const actor = requireResident(c);
  const form = await readForm(c, z.object({ confirmation: z.literal("oui").optional() }));
  if (!form.ok || form.data.confirmation !== "oui") {
    await myContacts(c.var.db, actor);
    return dataPage(c, { confirmation: "Cochez la case pour confirmer la suppression." }, 400);
  }
  const fresh = freshCodeNeeded(c, "/mon-espace/mes-donnees");
  if (fresh) return fresh;
  await deleteSpace(c.var.db, actor, espaceContext(c));
  clearResidentCookie(c);
  return c.redirect("/mon-espace/supprime", 303);
});

spaceRoutes.get("/mon-espace/supprime", (c) =>
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

spaceRoutes.get("/mon-espace/consentements", async (c) => {
  const actor = requireResident(c);
  const consents = await myConsents(c.var.db, actor);
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
              le {frenchDate(consent.collectedAt)}.{" "}
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
              {consent.organisationName} : du {frenchDate(consent.collectedAt)} au{" "}
              {frenchDate(consent.withdrawnAt ?? consent.collectedAt)}.
            </li>
          ))}
        </ul>
      )}
    </SpacePage>,
  );
});

spaceRoutes.post("/mon-espace/consentements/:id/retirer", async (c) => {
  const actor = requireResident(c);
  await withdrawMyConsent(c.var.db, actor, c.req.param("id"), espaceContext(c));
  return c.redirect("/mon-espace/consentements?retire=1", 303);
});
