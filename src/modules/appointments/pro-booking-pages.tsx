// Booking for someone on the phone, in three clicks: motif → slot → details.
// Mounted under the holdsPersonalData guard of pro-pages.tsx.

import { Hono } from "hono";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  userContext,
} from "../../platform/http/context.ts";
import { formErrors, formValues, parseForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { requireUser } from "../../platform/http/require-user.ts";
import { parisDate } from "../../platform/time/paris.ts";
import { Alert, ErrorSummary } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { personToBook } from "../records/service.ts";
import { appointmentContext } from "./api.ts";
import { readFollowUpContact, requireFollowUpSource } from "./follow-up.ts";
import { LOCATION_LABELS, PersonFields, SlotForm, SlotHiddenFields } from "./forms.tsx";
import { appointmentRules } from "./policy.ts";
import { chosenOrganisation, crumbs, organisationFor } from "./pro-context.ts";
import { BookingRefused } from "./refusals.ts";
import {
  bookAppointment,
  findMotif,
  findSlots,
  joinSession,
  listAgents,
  listMotifs,
  listUpcomingSessions,
} from "./service.ts";
import {
  frenchDateTime,
  openingWeek,
  query,
  SlotList,
  WeekNavigation,
  weekTitle,
} from "./views.tsx";

export const proBookingPages = new Hono<AppEnv>();
proBookingPages.use("/pro/rendez-vous/prendre/*", holdsPersonalData);
proBookingPages.use("/pro/rendez-vous/prendre", holdsPersonalData);
proBookingPages.use("/pro/rendez-vous/seances/*", holdsPersonalData);

/**
 * Booking from a person's record (`?dossier=<parcours id>`): the id travels
 * through the steps; the records module checks it (404 for a record the agent
 * may not see) and gives the person's name, and the booking keeps the person's
 * id so that the record lists the appointment.
 */
function recordOf(c: AppContext): string | undefined {
  return c.req.query("dossier") || undefined;
}

/** A follow-up of an earlier appointment (`?suite=<rdv id>`): the same person. */
function followUpOf(c: AppContext): string | undefined {
  return c.req.query("suite") || undefined;
}

async function personFromRecord(c: AppContext, parcoursId: string, read: boolean) {
  return personToBook(userContext(c), parcoursId, { read });
}

proBookingPages.get("/pro/rendez-vous/prendre", async (c) => {
  const { organisationId } = organisationFor(c, appointmentRules.bookForSomeone);
  const dossier = recordOf(c);
  if (dossier) await personFromRecord(c, dossier, false);
  const motifs = (await listMotifs(c.var.db, { organisationId })).filter((m) => !m.isCollective);
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Prendre un rendez-vous"
      breadcrumb={crumbs("Prendre un rendez-vous")}
    >
      <h1>Prendre un rendez-vous pour quelqu'un</h1>
      {dossier && (
        <p>
          Le rendez-vous sera rattaché au dossier de la personne.{" "}
          <a href={`/pro/dossiers/${dossier}`}>Revenir au dossier</a>
        </p>
      )}
      <p class="rdv-step">Choisissez le motif.</p>
      <ul class="rdv-motifs">
        {motifs.map((m) => (
          <li>
            <a href={`/pro/rendez-vous/prendre/creneaux${query({ motif: m.id, dossier })}`}>
              {m.name}
            </a>{" "}
            <span class="rdv-motifs__meta">
              ({LOCATION_LABELS[m.locationKind]}, {m.durationMinutes} min)
            </span>
          </li>
        ))}
      </ul>
    </Layout>,
  );
});

async function requireOwnMotif(c: AppContext) {
  const motif = await findMotif(c.var.db, c.req.query("motif") ?? c.req.param("motif") ?? "");
  if (!motif) throw new Invalid({}, "Ce motif n'existe pas.");
  authorize(c.var.actor, appointmentRules.bookForSomeone, { organisationId: motif.organisationId });
  return motif;
}

proBookingPages.get("/pro/rendez-vous/prendre/creneaux", async (c) => {
  const motif = await requireOwnMotif(c);
  const ctx = appointmentContext(c);
  const suite = followUpOf(c);
  if (suite) await requireFollowUpSource(ctx, c.var.actor, suite);
  // A follow-up stays at the same place ("telephone": the openings without one).
  const lieu = c.req.query("lieu") || undefined;
  const { week, slots } = await openingWeek(c.req.query("semaine"), ctx.now, (window) =>
    findSlots(ctx, {
      motifId: motif.id,
      lieuId: lieu === "telephone" ? null : lieu,
      ...window,
      forAgent: true,
    }),
  );
  const names = new Map((await listAgents(ctx, c.var.actor)).map((a) => [a.id, a.name]));
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`${motif.name} : créneaux`}
      breadcrumb={crumbs(motif.name)}
    >
      <h1>{motif.name}</h1>
      {suite && <p>Rendez-vous de suivi : même personne, même motif et même lieu.</p>}
      <p class="rdv-step">Choisissez le créneau.</p>
      <h2>{weekTitle(week)}</h2>
      <SlotList
        slots={slots}
        oneAgentPerTime={false}
        label={(slot) => names.get(slot.agentId) ?? ""}
        href={(slot) =>
          `/pro/rendez-vous/prendre/coordonnees${query({ motif: motif.id, lieu: slot.lieuId ?? "telephone", agent: slot.agentId, debut: slot.start.toISOString(), dossier: recordOf(c), suite })}`
        }
      />
      <WeekNavigation
        week={week}
        href={(monday) =>
          `/pro/rendez-vous/prendre/creneaux${query({ motif: motif.id, lieu, semaine: monday, dossier: recordOf(c), suite })}`
        }
      />
    </Layout>,
  );
});

function ProDetailsPage(props: {
  c: AppContext;
  motifName: string;
  phoneRequired: boolean;
  slot: Record<string, string>;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  dossier?: string | undefined;
  suite?: string | undefined;
}) {
  const start = new Date(props.slot.debut ?? "");
  return (
    <Layout
      page={pageContext(props.c)}
      title="Coordonnées de la personne"
      breadcrumb={crumbs(props.motifName)}
    >
      <h1>Coordonnées de la personne</h1>
      <ErrorSummary errors={props.errors ?? {}} />
      <p class="rdv-summary">
        {props.motifName}, le {Number.isNaN(start.getTime()) ? "" : frenchDateTime(start)}.
      </p>
      <SlotForm
        action="/pro/rendez-vous/prendre"
        csrfToken={props.c.var.csrfToken}
        submit="Réserver"
      >
        <SlotHiddenFields fields={props.slot} />
        {props.dossier && <input type="hidden" name="dossier" value={props.dossier} />}
        {props.suite && <input type="hidden" name="suite" value={props.suite} />}
        <PersonFields
          errors={props.errors ?? {}}
          values={props.values ?? {}}
          channel="agent"
          smsAvailable={props.c.var.deps.config.sms !== undefined}
          phoneRequired={props.phoneRequired}
        />
      </SlotForm>
    </Layout>
  );
}

proBookingPages.get("/pro/rendez-vous/prendre/coordonnees", async (c) => {
  const motif = await requireOwnMotif(c);
  const slot = {
    motif: motif.id,
    lieu: c.req.query("lieu") ?? "",
    agent: c.req.query("agent") ?? "",
    debut: c.req.query("debut") ?? "",
  };
  const dossier = recordOf(c);
  const suite = followUpOf(c);
  // The record holds no phone number: the agent asks for it. A follow-up
  // starts from the details given for the earlier appointment.
  const values: Record<string, string> = suite
    ? (await readFollowUpContact(appointmentContext(c), c.var.actor, suite)).values
    : dossier
      ? { nom: (await personFromRecord(c, dossier, true)).name }
      : {};
  return c.html(
    <ProDetailsPage
      c={c}
      motifName={motif.name}
      phoneRequired={motif.locationKind === "telephone"}
      slot={slot}
      values={values}
      dossier={dossier}
      suite={suite}
    />,
  );
});

proBookingPages.post("/pro/rendez-vous/prendre", async (c) => {
  const input = await parseForm(
    c,
    SlotHiddenFields.schema,
    "Ce formulaire est incomplet : reprenez depuis le début.",
  );
  const values = await formValues(c);
  const slot = { motif: input.motif, lieu: input.lieu, agent: input.agent, debut: input.debut };
  const motif = await findMotif(c.var.db, slot.motif);
  const dossier = values.dossier || undefined;
  const suite = values.suite || undefined;
  try {
    const person = dossier ? await personFromRecord(c, dossier, false) : undefined;
    const earlier = suite
      ? await requireFollowUpSource(appointmentContext(c), c.var.actor, suite)
      : undefined;
    const booked = await bookAppointment(appointmentContext(c), c.var.actor, {
      motifId: slot.motif,
      agentId: slot.agent,
      lieuId: slot.lieu === "telephone" ? null : slot.lieu,
      start: new Date(slot.debut),
      person: values,
      personId: person?.personId ?? earlier?.personId ?? undefined,
    });
    if (person) return c.redirect(`/pro/dossiers/${person.parcoursId}#rendez-vous`, 303);
    return c.redirect(
      `/pro/rendez-vous${query({ agent: slot.agent, jour: parisDate(booked.startsAt), reserve: "1" })}`,
      303,
    );
  } catch (error) {
    // Bad details (Invalid) or a refused slot (BookingRefused): the form again, with its messages.
    const errors = formErrors(error, "nom");
    if (!errors) throw error;
    return c.html(
      <ProDetailsPage
        c={c}
        motifName={motif?.name ?? ""}
        phoneRequired={motif?.locationKind === "telephone"}
        slot={slot}
        errors={errors}
        values={values}
        dossier={dossier}
        suite={suite}
      />,
      error instanceof BookingRefused && error.reason === "slot-taken" ? 409 : 400,
    );
  }
});

proBookingPages.get("/pro/rendez-vous/seances", async (c) => {
  const { organisationId } = organisationFor(c, appointmentRules.bookForSomeone);
  const ctx = appointmentContext(c);
  const sessions = await listUpcomingSessions(ctx.db, ctx.now, { organisationId });
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Séances collectives"
      breadcrumb={crumbs("Séances collectives")}
    >
      <h1>Séances collectives</h1>
      {c.req.query("inscrit") === "1" && <Alert kind="success" title="Personne inscrite" />}
      {sessions.length === 0 && <p>Aucune séance à venir.</p>}
      {sessions.map((session) => (
        <section class="card" aria-labelledby={`seance-${session.id}`}>
          <h2 id={`seance-${session.id}`} class="card__title">
            {session.motifName}, {frenchDateTime(session.startsAt)}
          </h2>
          <p>
            {session.lieuName}, {session.address}.{" "}
            {session.capacity === null
              ? `${session.seatsTaken} inscrits.`
              : `${Math.max(0, session.capacity - session.seatsTaken)} places libres sur ${session.capacity}.`}
          </p>
          {(session.capacity === null || session.seatsTaken < session.capacity) && (
            <p>
              <a href={`/pro/rendez-vous/seances/${session.id}`}>Inscrire quelqu'un</a>
            </p>
          )}
        </section>
      ))}
    </Layout>,
  );
});

function SessionForm(props: {
  c: AppContext;
  sessionId: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  return (
    <Layout
      page={pageContext(props.c)}
      title="Inscrire à une séance"
      breadcrumb={crumbs("Séances collectives")}
    >
      <h1>Inscrire à une séance collective</h1>
      <ErrorSummary errors={props.errors ?? {}} />
      <SlotForm
        action={`/pro/rendez-vous/seances/${props.sessionId}`}
        csrfToken={props.c.var.csrfToken}
        submit="Inscrire"
      >
        <PersonFields
          errors={props.errors ?? {}}
          values={props.values ?? {}}
          channel="agent"
          smsAvailable={props.c.var.deps.config.sms !== undefined}
        />
      </SlotForm>
    </Layout>
  );
}

proBookingPages.get("/pro/rendez-vous/seances/:id", async (c) => {
  organisationFor(c, appointmentRules.bookForSomeone);
  return c.html(<SessionForm c={c} sessionId={c.req.param("id")} />);
});

proBookingPages.post("/pro/rendez-vous/seances/:id", async (c) => {
  const actor = requireUser(c);
  const organisationId = chosenOrganisation(c, actor);
  const ctx = appointmentContext(c);
  const session = (await listUpcomingSessions(ctx.db, ctx.now, { organisationId })).find(
    (s) => s.id === c.req.param("id"),
  );
  authorize(actor, appointmentRules.bookForSomeone, {
    organisationId: session?.organisationId ?? organisationId,
  });
  if (!session) throw new Invalid({}, "Cette séance n'existe pas ou est passée.");
  const values = await formValues(c);
  try {
    await joinSession(ctx, session.id, values);
  } catch (error) {
    const errors = formErrors(error, "nom");
    if (!errors) throw error;
    return c.html(
      <SessionForm c={c} sessionId={session.id} errors={errors} values={values} />,
      400,
    );
  }
  return c.redirect("/pro/rendez-vous/seances?inscrit=1", 303);
});
