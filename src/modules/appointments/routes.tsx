// Public booking, without an account: motif → place (or by phone) → a free
// slot of the week → name and contact → confirmation. Thin handlers: parse,
// call the service, render or redirect.

import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { ANONYMOUS } from "../../platform/access/actor.ts";
import { Invalid, TooManyRequests } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  clientAddress,
  pageContext,
} from "../../platform/http/context.ts";
import { readForm } from "../../platform/http/forms.ts";
import { hitRateLimit } from "../../platform/http/rate-limit.ts";
import { Alert, Card, ErrorSummary } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { directoryPagePath } from "../directory/service.ts";
import { appointmentApi, appointmentContext } from "./api.ts";
import { configPages } from "./config-pages.tsx";
import { LOCATION_LABELS, PersonFields, SlotForm, SlotHiddenFields } from "./forms.tsx";
import { lieuxPages } from "./lieux-pages.tsx";
import { managePages } from "./manage-pages.tsx";
import { proBookingPages } from "./pro-booking-pages.tsx";
import { proPages } from "./pro-pages.tsx";
import { BookingRefused } from "./refusals.ts";
import {
  bookAppointment,
  findLieu,
  findMotif,
  findSlots,
  type LieuView,
  listLieuxForMotif,
  type MotifView,
  publicCatalogue,
} from "./service.ts";
import { sessionPages } from "./session-pages.tsx";
import {
  frenchDateTime,
  openingWeek,
  query,
  SlotList,
  WeekNavigation,
  weekOf,
  weekTitle,
} from "./views.tsx";

export const appointmentRoutes = new Hono<AppEnv>();
appointmentRoutes.route("/", appointmentApi);
appointmentRoutes.route("/", managePages);
appointmentRoutes.route("/", proBookingPages);
appointmentRoutes.route("/", lieuxPages);
appointmentRoutes.route("/", configPages);
appointmentRoutes.route("/", sessionPages);
appointmentRoutes.route("/", proPages);

const TITLE = "Prendre rendez-vous";
const crumbs = (label?: string) =>
  label ? [{ label: TITLE, href: "/rendez-vous" }, { label }] : [{ label: TITLE }];

async function requireOnlineMotif(c: AppContext): Promise<MotifView> {
  const motif = await findMotif(c.var.db, c.req.query("motif") ?? "");
  if (!motif || motif.isCollective || motif.bookableBy !== "everyone") {
    throw new Invalid({}, "Ce motif de rendez-vous n'existe pas ou ne se réserve pas en ligne.");
  }
  return motif;
}

/** The place part of the URL: a lieu id, or "telephone" for motifs without a place. */
function lieuParam(motif: MotifView, raw: string | undefined): string | null | undefined {
  if (motif.locationKind !== "sur_place") return null;
  return raw || undefined;
}

appointmentRoutes.get("/rendez-vous", async (c) => {
  const catalogue = await publicCatalogue(c.var.db);
  const byOrganisation = new Map<string, typeof catalogue>();
  for (const entry of catalogue.filter(
    (e) => e.lieux.length > 0 || e.motif.locationKind !== "sur_place",
  )) {
    const list = byOrganisation.get(entry.motif.organisationName) ?? [];
    list.push(entry);
    byOrganisation.set(entry.motif.organisationName, list);
  }
  return c.html(
    <Layout page={pageContext(c)} title={TITLE} breadcrumb={crumbs()}>
      <h1>{TITLE}</h1>
      <p class="lead">
        Rencontrez un professionnel de la solidarité, sur place ou par téléphone. Sans compte : il
        suffit d'un nom et d'un numéro de téléphone ou d'une adresse électronique.
      </p>
      <p class="rdv-step">Étape 1 sur 4 : choisissez le motif de votre rendez-vous.</p>
      {byOrganisation.size === 0 && (
        <p>Aucun rendez-vous n'est proposé en ligne pour l'instant. Appelez l'accueil.</p>
      )}
      {[...byOrganisation].map(([organisation, entries]) => (
        <section class="rdv-organisation">
          <h2>{organisation}</h2>
          <ul class="cards">
            {entries.map(({ motif }) => (
              <li>
                <Card
                  title={motif.name}
                  headingLevel={3}
                  href={`/rendez-vous/lieu${query({ motif: motif.id })}`}
                >
                  <p>
                    {LOCATION_LABELS[motif.locationKind]}, {motif.durationMinutes} minutes.
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>,
  );
});

/** A place's address and, when it is linked to the directory, its page there. */
function LieuAddress({ lieu }: { lieu: LieuView }) {
  const page = directoryPagePath(lieu.directoryRef);
  const commune =
    lieu.communeName && !lieu.address.includes(lieu.communeName) ? `, ${lieu.communeName}` : "";
  return (
    <>
      <p>
        {lieu.address}
        {commune}
      </p>
      {page && (
        <p>
          <a href={page}>
            Voir ce lieu dans l'annuaire<span class="visually-hidden"> : {lieu.name}</span>
          </a>
        </p>
      )}
    </>
  );
}

appointmentRoutes.get("/rendez-vous/lieu", async (c) => {
  const motif = await requireOnlineMotif(c);
  if (motif.locationKind !== "sur_place") {
    return c.redirect(`/rendez-vous/creneaux${query({ motif: motif.id, lieu: "telephone" })}`);
  }
  const lieux = await listLieuxForMotif(c.var.db, motif.id);
  return c.html(
    <Layout page={pageContext(c)} title={`${motif.name} : le lieu`} breadcrumb={crumbs(motif.name)}>
      <h1>{motif.name}</h1>
      <p class="rdv-step">Étape 2 sur 4 : choisissez le lieu.</p>
      <ul class="cards">
        {lieux.map((lieu) => (
          <li>
            <Card
              title={lieu.name}
              headingLevel={2}
              href={`/rendez-vous/creneaux${query({ motif: motif.id, lieu: lieu.id })}`}
            >
              <LieuAddress lieu={lieu} />
            </Card>
          </li>
        ))}
      </ul>
    </Layout>,
  );
});

appointmentRoutes.get("/rendez-vous/creneaux", async (c) => {
  const motif = await requireOnlineMotif(c);
  const lieuId = lieuParam(motif, c.req.query("lieu"));
  if (lieuId === undefined) return c.redirect(`/rendez-vous/lieu${query({ motif: motif.id })}`);
  const lieu = lieuId ? await findLieu(c.var.db, lieuId) : undefined;
  if (lieuId && !lieu) throw new Invalid({}, "Ce lieu n'existe pas.");
  const now = c.var.deps.now();
  const lieuKey = lieuId ?? "telephone";
  const { week, slots } = await openingWeek(c.req.query("semaine"), now, (window) =>
    findSlots({ db: c.var.db, now }, { motifId: motif.id, lieuId, ...window }),
  );
  if (!c.req.query("semaine") && week.monday !== weekOf(undefined, now).monday) {
    // Nothing this week: the page of the first week with a free slot, with its own address.
    return c.redirect(
      `/rendez-vous/creneaux${query({ motif: motif.id, lieu: lieuKey, semaine: week.monday })}`,
    );
  }
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`${motif.name} : les créneaux`}
      breadcrumb={crumbs(motif.name)}
    >
      <h1>{motif.name}</h1>
      {lieu ? (
        <>
          <p>
            <strong>{lieu.name}</strong>
          </p>
          <LieuAddress lieu={lieu} />
        </>
      ) : (
        <p>{LOCATION_LABELS[motif.locationKind]}</p>
      )}
      <p class="rdv-step">Étape 3 sur 4 : choisissez un créneau.</p>
      <h2>{weekTitle(week)}</h2>
      <SlotList
        slots={slots}
        href={(slot) =>
          `/rendez-vous/coordonnees${query({
            motif: motif.id,
            lieu: lieuKey,
            agent: slot.agentId,
            debut: slot.start.toISOString(),
          })}`
        }
      />
      <WeekNavigation
        week={week}
        href={(monday) =>
          `/rendez-vous/creneaux${query({ motif: motif.id, lieu: lieuKey, semaine: monday })}`
        }
      />
    </Layout>,
  );
});

function withoutSlotError(errors: Record<string, string> = {}): Record<string, string> {
  const { creneau: _slot, ...rest } = errors;
  return rest;
}

function CoordonneesPage(props: {
  c: AppContext;
  motif: MotifView;
  slot: Record<string, string>;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  taken?: boolean;
}) {
  const { c, motif, slot } = props;
  const start = new Date(slot.debut ?? "");
  return (
    <Layout
      page={pageContext(c)}
      title={`${motif.name} : vos coordonnées`}
      breadcrumb={crumbs(motif.name)}
    >
      <h1>Vos coordonnées</h1>
      <p class="rdv-step">Étape 4 sur 4 : indiquez comment vous joindre.</p>
      {(props.taken || props.errors?.creneau) && (
        <Alert
          kind="error"
          title={
            props.taken ? "Ce créneau vient d'être pris" : "Ce créneau ne peut pas être réservé"
          }
        >
          <p>
            {props.taken ? "Quelqu'un l'a réservé juste avant vous." : props.errors?.creneau}{" "}
            <a href={`/rendez-vous/creneaux${query({ motif: motif.id, lieu: slot.lieu })}`}>
              Choisir un autre créneau
            </a>
          </p>
        </Alert>
      )}
      <ErrorSummary errors={withoutSlotError(props.errors)} />
      <p class="rdv-summary">
        {motif.name}, le {Number.isNaN(start.getTime()) ? "" : frenchDateTime(start)}.
      </p>
      <SlotForm
        action="/rendez-vous/reserver"
        csrfToken={c.var.csrfToken}
        submit="Confirmer le rendez-vous"
      >
        <SlotHiddenFields fields={{ ...slot, cle: props.values?.cle ?? randomUUID() }} />
        <PersonFields
          errors={props.errors ?? {}}
          values={props.values ?? {}}
          channel="public"
          smsAvailable={c.var.deps.config.sms !== undefined}
          phoneRequired={motif.locationKind === "telephone"}
        />
      </SlotForm>
    </Layout>
  );
}

appointmentRoutes.get("/rendez-vous/coordonnees", async (c) => {
  const motif = await requireOnlineMotif(c);
  const slot = {
    motif: motif.id,
    lieu: c.req.query("lieu") ?? "",
    agent: c.req.query("agent") ?? "",
    debut: c.req.query("debut") ?? "",
  };
  return c.html(<CoordonneesPage c={c} motif={motif} slot={slot} />);
});

/** Public bookings per address and hour: enough for a family or a desk, not for a script. */
export const PUBLIC_BOOKING_LIMIT = { limit: 30, windowSeconds: 3600 };

appointmentRoutes.post("/rendez-vous/reserver", async (c) => {
  const { limited, retryAfterSeconds } = await hitRateLimit(
    c.var.db,
    `rdv-booking:${clientAddress(c)}`,
    PUBLIC_BOOKING_LIMIT,
    c.var.deps.now(),
  );
  if (limited) {
    throw new TooManyRequests(
      "Trop de réservations depuis cette connexion. Réessayez plus tard ou appelez l'accueil.",
      retryAfterSeconds,
    );
  }
  const form = await readForm(c, SlotHiddenFields.schema);
  const values = form.values;
  const motif = await findMotif(c.var.db, values.motif ?? "");
  if (!form.ok || !motif)
    throw new Invalid({}, "Ce formulaire est incomplet : reprenez depuis le début.");
  const slot = {
    motif: motif.id,
    lieu: form.data.lieu,
    agent: form.data.agent,
    debut: form.data.debut,
  };
  try {
    const booked = await bookAppointment(appointmentContext(c), ANONYMOUS, {
      motifId: motif.id,
      agentId: form.data.agent,
      lieuId: form.data.lieu === "telephone" ? null : form.data.lieu,
      start: new Date(form.data.debut),
      person: values,
      idempotencyKey: form.data.cle,
    });
    return c.redirect(
      `/rendez-vous/gerer/${booked.id}${query({ jeton: booked.token, confirme: "1" })}`,
      303,
    );
  } catch (error) {
    if (error instanceof Invalid) {
      return c.html(
        <CoordonneesPage
          c={c}
          motif={motif}
          slot={slot}
          errors={error.fieldErrors}
          values={values}
        />,
        400,
      );
    }
    if (error instanceof BookingRefused) {
      const taken = error.code === "slot-taken";
      const errors = { [error.field === "telephone" ? "telephone" : "creneau"]: error.message };
      return c.html(
        <CoordonneesPage
          c={c}
          motif={motif}
          slot={slot}
          errors={errors}
          values={values}
          taken={taken}
        />,
        taken ? 409 : 400,
      );
    }
    throw error;
  }
});
