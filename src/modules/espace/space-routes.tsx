// The space's home and « Mes rendez-vous ».

import { Hono } from "hono";
import { authorizeResident, residentCan } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import type { AppContext, AppEnv } from "../../platform/http/context.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { frenchLongDate, frenchSpokenDateTime } from "../../platform/time/french-dates.ts";
import { Alert, CsrfField, ErrorSummary, Tag } from "../../platform/ui/components.tsx";
import { STATUS_LABELS } from "../appointments/service.ts";
import { myVerifiedIdentity } from "./franceconnect.ts";
import { VerifiedIdentityCard } from "./franceconnect-routes.tsx";
import { maskContact } from "./identifiers.ts";
import { endLink } from "./links.ts";
import { espaceRules } from "./policy.ts";
import { residentContext, residentOnly } from "./session.ts";
import {
  cancelMyAppointment,
  moveLinkForMyAppointment,
  myAppointmentIcs,
  myAppointments,
  myContacts,
  myDocuments,
  mySharing,
} from "./space.ts";
import { fileSize, NoContactNotice, SpacePage } from "./views.tsx";

export const spaceRoutes = new Hono<AppEnv>();
spaceRoutes.use("/mon-espace/rendez-vous", residentOnly);
spaceRoutes.use("/mon-espace/rendez-vous/*", residentOnly);
spaceRoutes.use("/mon-espace/rendez-vous", holdsPersonalData);
spaceRoutes.use("/mon-espace/rendez-vous/*", holdsPersonalData);

/** A sensitive action without a fresh code: to the code page, then back here. */
export function freshCodeNeeded(c: AppContext, back: string): Response | undefined {
  const ctx = residentContext(c);
  const { actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  if (
    residentCan(actor, espaceRules.sensitiveAction, {
      espaceId: actor.espaceId,
      now: c.var.now,
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
      <p class="lead">Vos rendez-vous et vos documents, au même endroit.</p>
      {/* The way in first: at 360 px it used to come after the list, below the fold. */}
      <p>
        <a class="button button--primary" href="/mon-espace/connexion">
          Me connecter avec un code
        </a>
      </p>
      <p>Pas de mot de passe : un code vous est envoyé par SMS ou par courriel.</p>
      <h2>Ce que vous y trouvez</h2>
      <ul>
        <li>Retrouvez vos rendez-vous, annulez-les ou déplacez-les.</li>
        <li>Gardez vos papiers (avis d'imposition, pièce d'identité…) en lieu sûr.</li>
        <li>
          Partagez un papier avec la personne qui vous accompagne, pour le temps que vous
          choisissez.
        </li>
        <li>Voyez qui a consulté vos données.</li>
      </ul>
    </SpacePage>
  );
}

spaceRoutes.get("/mon-espace", async (c) => {
  if (c.var.actor.kind !== "resident") return c.html(<Landing c={c} />);
  const ctx = residentContext(c);
  const { actor } = ctx;
  const [appointments, documents, sharing, contacts, identity] = await Promise.all([
    myAppointments(ctx),
    myDocuments(ctx),
    mySharing(ctx),
    myContacts(ctx),
    myVerifiedIdentity(ctx),
  ]);
  const contactRows = contacts.rows.flatMap((row) =>
    row.kind === "franceconnect" ? [] : [{ kind: row.kind, value: row.value }],
  );
  const upcoming = appointments.filter(
    (a) => a.status === "unknown" && a.startsAt.getTime() > ctx.now.getTime(),
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
      <VerifiedIdentityCard identity={identity} />
      <p>
        {actor.method === "franceconnect" ? "Connecté avec FranceConnect" : "Connecté avec"}
        {contactRows.length > 0 && actor.method === "franceconnect" && " ; vos contacts : "}
        {actor.method !== "franceconnect" && " "}
        {contactRows.map((row, index) => (
          <>
            {index > 0 && ", "}
            <strong>{maskContact(row)}</strong>
          </>
        ))}
        . <a href="/mon-espace/coordonnees">Gérer mes coordonnées</a>
      </p>
      {contactRows.length === 0 && <NoContactNotice />}
      <h2>Mes prochains rendez-vous</h2>
      {upcoming.length === 0 ? (
        <p>Aucun rendez-vous à venir.</p>
      ) : (
        <ul class="espace-list">
          {upcoming.slice(0, 3).map((a) => (
            <li>
              <strong>{frenchSpokenDateTime(a.startsAt)}</strong> — {a.motifName},{" "}
              {a.organisationName}
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
              {frenchLongDate(link.confirmedAt)}
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
  const ctx = residentContext(c);
  await endLink(ctx, c.req.param("id"));
  return c.redirect("/mon-espace?lien=retire", 303);
});

// « Mes rendez-vous »

async function appointmentsPage(c: AppContext, errors: Record<string, string> = {}, status = 200) {
  const ctx = residentContext(c);
  const appointments = await myAppointments(ctx);
  const isUpcoming = (a: (typeof appointments)[number]) =>
    a.status === "unknown" && a.startsAt.getTime() > ctx.now.getTime();
  const upcoming = appointments.filter(isUpcoming).reverse();
  const past = appointments.filter((a) => !isUpcoming(a));
  const cancelled = c.req.query("annule") === "1";
  const { rows } = await myContacts(ctx);
  const hasContact = rows.some((row) => row.kind !== "franceconnect");
  return c.html(
    <SpacePage c={c} title="Mes rendez-vous" errorTitle={Object.keys(errors).length > 0}>
      <h1>Mes rendez-vous</h1>
      {cancelled && (
        <Alert kind="success">Votre rendez-vous est annulé. Le service est prévenu.</Alert>
      )}
      <ErrorSummary errors={errors} />
      {hasContact ? (
        <p>
          Les rendez-vous pris avec votre numéro de portable ou votre adresse électronique.{" "}
          <a href="/rendez-vous">Prendre un autre rendez-vous</a>
        </p>
      ) : (
        <NoContactNotice />
      )}
      <h2>À venir</h2>
      {upcoming.length === 0 ? (
        <p>Aucun rendez-vous à venir.</p>
      ) : (
        <ul class="espace-list">
          {upcoming.map((a) => (
            <li>
              <p>
                <strong>{frenchSpokenDateTime(a.startsAt)}</strong>
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
              <strong>{frenchSpokenDateTime(a.startsAt)}</strong> — {a.motifName},{" "}
              {a.organisationName} <Tag>{STATUS_LABELS[a.status]}</Tag>
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
  const ctx = residentContext(c);
  try {
    await cancelMyAppointment(ctx, c.req.param("id"));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return appointmentsPage(c, error.fieldErrors, 400);
  }
  return c.redirect("/mon-espace/rendez-vous?annule=1", 303);
});

spaceRoutes.get("/mon-espace/rendez-vous/:id/deplacer", async (c) => {
  const ctx = residentContext(c);
  try {
    const path = await moveLinkForMyAppointment(ctx, c.req.param("id"));
    return c.redirect(path, 303);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return appointmentsPage(c, error.fieldErrors, 400);
  }
});

spaceRoutes.get("/mon-espace/rendez-vous/:id/agenda.ics", async (c) => {
  const ctx = residentContext(c);
  const ics = await myAppointmentIcs(ctx, c.req.param("id"));
  c.header("Content-Type", "text/calendar; charset=utf-8");
  c.header("Content-Disposition", 'attachment; filename="rendez-vous.ics"');
  return c.body(ics);
});
