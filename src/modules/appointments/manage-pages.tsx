// The page behind the link in every confirmation: see the appointment,
// cancel it, or move it to another free slot. The signed token in the URL
// is the only authority; no account is needed.

import { Hono } from "hono";
import { z } from "zod";
import { Invalid } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import { readForm } from "../../platform/http/forms.ts";
import { Alert, Button, CsrfField } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { STATUS_LABELS } from "./agent-agenda.ts";
import { appointmentContext } from "./api.ts";
import { SlotForm } from "./forms.tsx";
import { plannedMessages } from "./notifications.ts";
import { BookingInvalid, BookingRefused } from "./refusals.ts";
import { cancelByToken, findSlots, moveByToken, requireBookingByToken } from "./service.ts";
import {
  frenchDateTime,
  openingWeek,
  query,
  SlotList,
  WeekNavigation,
  weekTitle,
} from "./views.tsx";

export const managePages = new Hono<AppEnv>();

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
          avant. Gardez le lien de cette page (il est aussi dans la confirmation) : il permet
          d'annuler ou de déplacer le rendez-vous.
        </p>
      ) : (
        <p>
          Vous ne recevrez aucun message (ni courriel, ni SMS) : notez bien la date et l'heure, et
          gardez le lien de cette page (ajoutez-la à vos favoris) : il permet d'annuler ou de
          déplacer le rendez-vous.
        </p>
      )}
      {byPhone && <p>Le service vous appellera au numéro que vous avez donné.</p>}
    </>
  );
}

managePages.get("/rendez-vous/gerer/:id", async (c) => {
  const token = c.req.query("jeton") ?? "";
  const booking = await load(c, token);
  const confirmed = c.req.query("confirme") === "1";
  const cancelled = c.req.query("annule") === "1";
  const moved = c.req.query("deplace") === "1";
  return c.html(
    <Layout page={pageContext(c)} title="Mon rendez-vous" breadcrumb={crumbs}>
      <h1>{confirmed ? "Votre rendez-vous est confirmé" : "Mon rendez-vous"}</h1>
      {confirmed && (
        <Alert kind="success" title="C'est réservé">
          <MessagesPlanned
            messages={plannedMessages(booking.contact, c.var.deps.config.sms !== undefined)}
            byPhone={booking.motif.locationKind === "telephone"}
          />
        </Alert>
      )}
      {cancelled && <Alert kind="success" title="Votre rendez-vous est annulé" />}
      {moved && <Alert kind="success" title="Votre rendez-vous a été déplacé" />}
      <dl class="rdv-details">
        <dt>Motif</dt>
        <dd>{booking.motif.name}</dd>
        <dt>Service</dt>
        <dd>{booking.motif.organisationName}</dd>
        <dt>Date</dt>
        <dd>{frenchDateTime(booking.startsAt)}</dd>
        <dt>Lieu</dt>
        <dd>{booking.where}</dd>
        <dt>Au nom de</dt>
        <dd>{booking.personName}</dd>
        <dt>État</dt>
        <dd>{STATUS_LABELS[booking.status]}</dd>
      </dl>
      {booking.canMove && (
        <p>
          <a
            class="button button--secondary"
            href={`/rendez-vous/gerer/${booking.id}/deplacer${query({ jeton: token })}`}
          >
            Déplacer le rendez-vous
          </a>
        </p>
      )}
      {booking.canCancel && (
        <form method="post" action={`/rendez-vous/gerer/${booking.id}/annuler`} class="rdv-form">
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="jeton" value={token} />
          <Button kind="secondary">Annuler le rendez-vous</Button>
        </form>
      )}
    </Layout>,
  );
});

managePages.post("/rendez-vous/gerer/:id/annuler", async (c) => {
  const form = await readForm(c, TokenForm);
  if (!form.ok) throw new Invalid(form.errors, "Le lien d'annulation est incomplet.");
  const id = c.req.param("id");
  try {
    await cancelByToken(appointmentContext(c), id, form.data.jeton);
  } catch (error) {
    // The form sent twice (a double click, a retry after a slow answer): the
    // first one cancelled it, which is what the person asked. The API keeps
    // answering already_cancelled, for a program to read.
    if (!(error instanceof BookingInvalid && error.code === "already_cancelled")) throw error;
  }
  return c.redirect(
    `/rendez-vous/gerer/${id}${query({ jeton: form.data.jeton, annule: "1" })}`,
    303,
  );
});

managePages.get("/rendez-vous/gerer/:id/deplacer", async (c) => {
  const token = c.req.query("jeton") ?? "";
  const booking = await load(c, token);
  if (!booking.canMove) {
    throw new Invalid({}, "Ce rendez-vous ne peut plus être déplacé en ligne. Appelez le service.");
  }
  const now = c.var.deps.now();
  const { week, slots } = await openingWeek(c.req.query("semaine"), now, (window) =>
    findSlots(
      { db: c.var.db, now },
      { motifId: booking.motif.id, lieuId: booking.lieuId, ...window },
    ),
  );
  const base = `/rendez-vous/gerer/${booking.id}/deplacer`;
  return c.html(
    <Layout page={pageContext(c)} title="Déplacer mon rendez-vous" breadcrumb={crumbs}>
      <h1>Déplacer mon rendez-vous</h1>
      <p>
        Votre rendez-vous actuel : {frenchDateTime(booking.startsAt)}. Choisissez un nouveau
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

managePages.get("/rendez-vous/gerer/:id/deplacer/confirmer", async (c) => {
  const token = c.req.query("jeton") ?? "";
  const booking = await load(c, token);
  const start = new Date(c.req.query("debut") ?? "");
  if (Number.isNaN(start.getTime())) throw new Invalid({}, "Ce créneau n'est pas valide.");
  return c.html(
    <Layout page={pageContext(c)} title="Confirmer le déplacement" breadcrumb={crumbs}>
      <h1>Confirmer le déplacement</h1>
      <p>
        Du {frenchDateTime(booking.startsAt)} au <strong>{frenchDateTime(start)}</strong>.
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

managePages.post("/rendez-vous/gerer/:id/deplacer", async (c) => {
  const form = await readForm(c, MoveForm);
  if (!form.ok) throw new Invalid(form.errors, "Ce formulaire est incomplet.");
  const ctx = appointmentContext(c);
  const booking = await requireBookingByToken(ctx, c.req.param("id"), form.data.jeton);
  try {
    const moved = await moveByToken(ctx, booking.id, form.data.jeton, {
      agentId: form.data.agent,
      lieuId: booking.lieuId,
      start: new Date(form.data.debut),
    });
    return c.redirect(
      `/rendez-vous/gerer/${booking.id}${query({ jeton: moved.token, deplace: "1" })}`,
      303,
    );
  } catch (error) {
    if (!(error instanceof BookingRefused)) throw error;
    return c.html(
      <Layout page={pageContext(c)} title="Déplacement impossible" breadcrumb={crumbs}>
        <h1>Déplacement impossible</h1>
        <Alert kind="error" title={error.message} />
        <p>
          <a href={`/rendez-vous/gerer/${booking.id}/deplacer${query({ jeton: form.data.jeton })}`}>
            Choisir un autre créneau
          </a>
        </p>
      </Layout>,
      error.code === "slot-taken" ? 409 : 400,
    );
  }
});
