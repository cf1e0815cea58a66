// The page behind the link in every confirmation: see the appointment,
// cancel it, or move it to another free slot. The signed token in the URL
// is the only authority; no account is needed.

import { Hono } from "hono";
import { z } from "zod";
import { Invalid, Refused } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
} from "../../platform/http/context.ts";
import { parseForm } from "../../platform/http/forms.ts";
import { frenchTextDateTime } from "../../platform/time/french-dates.ts";
import { Alert, Button, CsrfField } from "../../platform/ui/components.tsx";
import { telHref } from "../../platform/ui/french.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import { STATUS_LABELS } from "./agent-agenda.ts";
import { appointmentContext } from "./api.ts";
import { SlotForm } from "./booking-views.tsx";
import { documentLines, plannedMessages } from "./notifications.ts";
import { Directions, fullAddress } from "./place-views.tsx";
import { BookingInvalid } from "./refusals.ts";
import {
  bookingCalendar,
  cancelByToken,
  findLieu,
  findSlots,
  moveByToken,
  requireBookingByToken,
} from "./service.ts";
import { openingWeek, query, SlotList, WeekNavigation, weekTitle } from "./views.tsx";

const NBSP = "\u00a0";

export const manageRoutes = new Hono<AppEnv>();

const crumbs = [
  { label: "Prendre rendez-vous", href: "/rendez-vous" },
  { label: "Mon rendez-vous" },
];
const TokenForm = z.object({ jeton: z.string().min(1) });
const MoveForm = z.object({
  jeton: z.string().min(1),
  agent: z.string().min(1),
  debut: z.iso.datetime({ offset: true }),
});

async function load(c: AppContext, token: string) {
  return requireBookingByToken(appointmentContext(c), c.req.param("id") ?? "", token);
}

/** What the confirmation says will be sent: only what will really go out. */
function MessagesPlanned({
  messages,
  byPhone,
}: {
  messages: { email: boolean; sms: boolean };
  byPhone: boolean;
}) {
  const channels = [messages.email && "par courriel", messages.sms && "par SMS"].filter(Boolean);
  return (
    <>
      {channels.length > 0 ? (
        <p>
          Vous allez recevoir la confirmation {channels.join(" et ")}, puis un rappel 48 heures
          avant. Gardez le lien de cette page (il est aussi dans la confirmation) : il permet
          d'annuler ou de déplacer le rendez-vous.
        </p>
      ) : (
        <p>
          Vous ne recevrez aucun message (ni courriel, ni SMS) : notez bien la date et l'heure, et
          gardez le lien de cette page (ajoutez-la à vos favoris) : il permet d'annuler ou de
          déplacer le rendez-vous.
        </p>
      )}
      {byPhone && <p>Le service vous appellera au numéro que vous avez donné.</p>}
    </>
  );
}

manageRoutes.get("/rendez-vous/gerer/:id", async (c) => {
  const token = c.req.query("jeton") ?? "";
  const booking = await load(c, token);
  const lieu = booking.lieuId ? await findLieu(c.var.db, booking.lieuId) : undefined;
  const confirmed = c.req.query("confirme") === "1";
  const cancelled = booking.status === "excused" || booking.status === "revoked";
  const moved = c.req.query("deplace") === "1";
  const documents = documentLines(booking.motif.documentsToBring);
  const again = bookAgainHref(booking.motif.id, booking.lieuId, lieu?.communeName ?? null);
  const pageUrl = `${c.var.deps.config.publicUrl}/rendez-vous/gerer/${booking.id}${query({ jeton: token })}`;
  return c.html(
    <Layout page={pageContext(c)} title="Mon rendez-vous" breadcrumb={crumbs}>
      <h1>{confirmed && !cancelled ? "Votre rendez-vous est confirmé" : "Mon rendez-vous"}</h1>
      {confirmed && !cancelled && (
        <Alert kind="success" title="C'est réservé">
          <MessagesPlanned
            messages={plannedMessages(booking.contact, c.var.deps.config.sms !== undefined)}
            byPhone={booking.motif.locationKind === "telephone"}
          />
        </Alert>
      )}
      {cancelled && (
        <Alert kind="success" title="Votre rendez-vous est annulé">
          <p>
            <a href={again}>Reprendre un rendez-vous</a>
          </p>
        </Alert>
      )}
      {moved && <Alert kind="success" title="Votre rendez-vous a été déplacé" />}
      <dl class="rdv-details">
        <dt>Date</dt>
        <dd>
          <strong>{frenchTextDateTime(booking.startsAt)}</strong>
        </dd>
        <dt>Motif</dt>
        <dd>{booking.motif.name}</dd>
        <dt>{lieu ? "Lieu" : "Comment"}</dt>
        <dd>
          {lieu ? (
            <>
              {lieu.name}
              <br />
              {fullAddress(lieu)}
            </>
          ) : (
            booking.where
          )}
        </dd>
        {lieu?.phone && (
          <>
            <dt>Téléphone</dt>
            <dd>
              <a href={telHref(lieu.phone)}>{lieu.phone}</a>
            </dd>
          </>
        )}
        {!lieu && (
          <>
            <dt>Service</dt>
            <dd>{booking.motif.organisationName}</dd>
          </>
        )}
        <dt>Au nom de</dt>
        <dd>{booking.personName}</dd>
        <dt>État</dt>
        <dd>{STATUS_LABELS[booking.status]}</dd>
      </dl>
      {!cancelled && (
        <>
          {documents.length > 0 && (
            <section aria-labelledby="a-apporter">
              <h2 id="a-apporter">À apporter</h2>
              <ul>
                {documents.map((line) => (
                  <li>{line}</li>
                ))}
              </ul>
            </section>
          )}
          {lieu && directionsAvailable(lieu) && (
            <section aria-labelledby="y-aller">
              <h2 id="y-aller">Pour y aller</h2>
              <Directions lieu={lieu} />
            </section>
          )}
          <section aria-labelledby="agenda">
            <h2 id="agenda">Ne pas l'oublier</h2>
            <p>
              <a
                class="button button--secondary"
                href={`/rendez-vous/gerer/${booking.id}/rendez-vous.ics${query({ jeton: token })}`}
                download="rendez-vous.ics"
              >
                Ajouter à mon agenda (fichier .ics)
              </a>
            </p>
          </section>
          <section aria-labelledby="changer">
            <h2 id="changer">Annuler ou déplacer</h2>
            <p>
              Cette page est votre lien personnel : gardez-la (dans vos favoris, ou avec le message
              de confirmation). Elle permet d'annuler ou de déplacer le rendez-vous sans compte. Ne
              la partagez pas.
            </p>
            <p class="rdv-manage-url">{pageUrl}</p>
            {booking.canMove ? (
              <p>
                <a
                  class="button button--secondary"
                  href={`/rendez-vous/gerer/${booking.id}/deplacer${query({ jeton: token })}`}
                >
                  Déplacer le rendez-vous
                </a>
              </p>
            ) : (
              booking.canCancel && (
                <p class="rdv-cannot-move">
                  Il a lieu dans moins de 48{NBSP}heures{NBSP}: il ne se déplace plus en ligne.{" "}
                  {lieu?.phone ? (
                    <>
                      Pour changer l'heure, appelez le{" "}
                      <a href={telHref(lieu.phone)}>{lieu.phone.replace(/ /g, NBSP)}</a>, ou
                      annulez-le puis reprenez un rendez-vous.
                    </>
                  ) : (
                    "Pour changer l'heure, annulez-le puis reprenez un rendez-vous."
                  )}
                </p>
              )
            )}
            {booking.canCancel && (
              <p>
                <a
                  class="button button--secondary"
                  href={`/rendez-vous/gerer/${booking.id}/annuler${query({ jeton: token })}`}
                >
                  Annuler le rendez-vous
                </a>
              </p>
            )}
          </section>
        </>
      )}
    </Layout>,
  );
});

function directionsAvailable(lieu: { latitude: number | null; longitude: number | null }) {
  return lieu.latitude !== null && lieu.longitude !== null;
}

/** Where « Reprendre un rendez-vous » leads: the same motif and place's free slots. */
function bookAgainHref(motifId: string, lieuId: string | null, communeName: string | null) {
  if (lieuId) return `/rendez-vous/creneaux${query({ motif: motifId, lieu: lieuId })}`;
  return `/rendez-vous${query({ ou: communeName })}`;
}

/** The appointment as an iCalendar file, to add to the phone's agenda. */
manageRoutes.get("/rendez-vous/gerer/:id/rendez-vous.ics", async (c) => {
  const token = c.req.query("jeton") ?? "";
  const calendar = await bookingCalendar(appointmentContext(c), c.req.param("id"), token);
  return c.body(calendar, 200, {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": 'attachment; filename="rendez-vous.ics"',
    "Cache-Control": "no-store",
  });
});

/** Cancelling asks first: a page of its own, which works without JavaScript. */
manageRoutes.get("/rendez-vous/gerer/:id/annuler", async (c) => {
  const token = c.req.query("jeton") ?? "";
  const booking = await load(c, token);
  const back = `/rendez-vous/gerer/${booking.id}${query({ jeton: token })}`;
  if (!booking.canCancel) return c.redirect(back, 303);
  return c.html(
    <Layout page={pageContext(c)} title="Annuler mon rendez-vous" breadcrumb={crumbs}>
      <h1>Annuler mon rendez-vous ?</h1>
      <p>
        {booking.motif.name}, le {frenchTextDateTime(booking.startsAt)}.
      </p>
      <p>Le créneau sera libéré pour quelqu'un d'autre. Vous pourrez reprendre rendez-vous.</p>
      <form method="post" action={`/rendez-vous/gerer/${booking.id}/annuler`} class="rdv-form">
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="jeton" value={token} />
        <Button>Oui, annuler le rendez-vous</Button>
      </form>
      <p>
        <a href={back}>Non, garder mon rendez-vous</a>
      </p>
    </Layout>,
  );
});

manageRoutes.post("/rendez-vous/gerer/:id/annuler", async (c) => {
  const { jeton } = await parseForm(c, TokenForm, "Le lien d'annulation est incomplet.");
  const id = c.req.param("id");
  try {
    await cancelByToken(appointmentContext(c), id, jeton);
  } catch (error) {
    // The form sent twice (a double click, a retry after a slow answer): the
    // first one cancelled it, which is what the person asked. The API keeps
    // answering already_cancelled, for a program to read.
    if (!(error instanceof BookingInvalid && error.code === "already_cancelled")) throw error;
  }
  return c.redirect(`/rendez-vous/gerer/${id}${query({ jeton, annule: "1" })}`, 303);
});

manageRoutes.get("/rendez-vous/gerer/:id/deplacer", async (c) => {
  const token = c.req.query("jeton") ?? "";
  const booking = await load(c, token);
  if (!booking.canMove) {
    throw new Invalid({}, "Ce rendez-vous ne peut plus être déplacé en ligne. Appelez le service.");
  }
  const now = c.var.now;
  const { week, slots } = await openingWeek(c.req.query("semaine"), now, (window) =>
    findSlots(requestContext(c), { motifId: booking.motif.id, lieuId: booking.lieuId, ...window }),
  );
  const base = `/rendez-vous/gerer/${booking.id}/deplacer`;
  return c.html(
    <Layout page={pageContext(c)} title="Déplacer mon rendez-vous" breadcrumb={crumbs}>
      <h1>Déplacer mon rendez-vous</h1>
      <p>
        Votre rendez-vous actuel : {frenchTextDateTime(booking.startsAt)}. Choisissez un nouveau
        créneau.
      </p>
      <h2>{weekTitle(week)}</h2>
      <SlotList
        slots={slots}
        href={(slot) =>
          `${base}/confirmer${query({ jeton: token, agent: slot.agentId, debut: slot.start.toISOString() })}`
        }
      />
      <WeekNavigation
        week={week}
        href={(monday) => `${base}${query({ jeton: token, semaine: monday })}`}
      />
    </Layout>,
  );
});

manageRoutes.get("/rendez-vous/gerer/:id/deplacer/confirmer", async (c) => {
  const token = c.req.query("jeton") ?? "";
  const booking = await load(c, token);
  const start = new Date(c.req.query("debut") ?? "");
  if (Number.isNaN(start.getTime())) throw new Invalid({}, "Ce créneau n'est pas valide.");
  return c.html(
    <Layout page={pageContext(c)} title="Confirmer le déplacement" breadcrumb={crumbs}>
      <h1>Confirmer le déplacement</h1>
      <p>
        Du {frenchTextDateTime(booking.startsAt)} au <strong>{frenchTextDateTime(start)}</strong>.
      </p>
      <SlotForm
        action={`/rendez-vous/gerer/${booking.id}/deplacer`}
        csrfToken={c.var.csrfToken}
        submit="Déplacer le rendez-vous"
      >
        <input type="hidden" name="jeton" value={token} />
        <input type="hidden" name="agent" value={c.req.query("agent") ?? ""} />
        <input type="hidden" name="debut" value={start.toISOString()} />
      </SlotForm>
    </Layout>,
  );
});

manageRoutes.post("/rendez-vous/gerer/:id/deplacer", async (c) => {
  const input = await parseForm(c, MoveForm, "Ce formulaire est incomplet.");
  const ctx = appointmentContext(c);
  const booking = await requireBookingByToken(ctx, c.req.param("id"), input.jeton);
  try {
    const moved = await moveByToken(ctx, booking.id, input.jeton, {
      agentId: input.agent,
      lieuId: booking.lieuId,
      start: new Date(input.debut),
    });
    return c.redirect(
      `/rendez-vous/gerer/${booking.id}${query({ jeton: moved.token, deplace: "1" })}`,
      303,
    );
  } catch (error) {
    // A refused slot: said on a page of its own, with the way back to the choice.
    if (!(error instanceof Refused)) throw error;
    return c.html(
      <Layout page={pageContext(c)} title="Déplacement impossible" breadcrumb={crumbs}>
        <h1>Déplacement impossible</h1>
        <Alert kind="error" title={error.message} />
        <p>
          <a href={`/rendez-vous/gerer/${booking.id}/deplacer${query({ jeton: input.jeton })}`}>
            Choisir un autre créneau
          </a>
        </p>
      </Layout>,
      error.status,
    );
  }
});
