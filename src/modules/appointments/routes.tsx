// Public booking, without an account: motif → place (or by phone) → a free
// slot of the week → name and contact → confirmation. Thin handlers: parse,
// call the service, render or redirect.

import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import { Invalid, TooManyRequests } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  clientAddress,
  pageContext,
  requestContext,
} from "../../platform/http/context.ts";
import {
  formErrors,
  formValues,
  parseForm,
  parseQuery,
  refusalStatus,
} from "../../platform/http/forms.ts";
import { hitRateLimit } from "../../platform/http/rate-limit.ts";
import { frenchTextDateTime } from "../../platform/time/french-dates.ts";
import { Alert, Card, ErrorSummary } from "../../platform/ui/components.tsx";
import { atName, frenchSpacing, ofName } from "../../platform/ui/french.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import { findPlace } from "../territory/service.ts";
import { agendaRoutes } from "./agenda-routes.tsx";
import { appointmentApi, publicBookingContext } from "./api.ts";
import { LOCATION_LABELS, PersonFields, SlotForm, SlotHiddenFields } from "./booking-views.tsx";
import { configRoutes } from "./config-routes.tsx";
import { lieuxRoutes } from "./lieux-routes.tsx";
import { manageRoutes } from "./manage-routes.tsx";
import { orderPlaces } from "./nearest-places.ts";
import { DirectoryLink, fullAddress, LieuAddress, PlaceCard, WhereForm } from "./place-views.tsx";
import { proBookingRoutes } from "./pro-booking-routes.tsx";
import {
  bookAppointment,
  findLieu,
  findMotif,
  findSlots,
  listBookablePlaces,
  listLieuxForMotif,
  type MotifView,
} from "./service.ts";
import { sessionRoutes } from "./session-routes.tsx";
import { openingWeek, query, SlotList, WeekNavigation, weekOf, weekTitle } from "./views.tsx";

export const appointmentRoutes = new Hono<AppEnv>();
appointmentRoutes.route("/", appointmentApi);
appointmentRoutes.route("/", manageRoutes);
appointmentRoutes.route("/", proBookingRoutes);
appointmentRoutes.route("/", lieuxRoutes);
appointmentRoutes.route("/", configRoutes);
appointmentRoutes.route("/", sessionRoutes);
appointmentRoutes.route("/", agendaRoutes);

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

/** Places shown before « Voir plus de lieux »: the nearest fill a phone screen or two. */
export const NEAREST_PLACES_SHOWN = 6;

/** A coordinate from the « Autour de moi » fields; empty (no JavaScript, no permission): none. */
const coordinate = (limit: number) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().min(-limit).max(limit).optional().catch(undefined),
  );

const WhereQuery = z.object({
  ou: z.string().trim().max(100, "100 caractères au plus.").default(""),
  lat: coordinate(90),
  lon: coordinate(180),
  commune: z.literal("seule").optional().catch(undefined),
  tous: z.literal("1").optional().catch(undefined),
});

const unknownCommune = (value: string) =>
  `Nous ne trouvons pas « ${value} » dans le département. Indiquez le nom d'une commune ou son code postal, par exemple Nanterre ou 92000.`;

/**
 * Step 1 asks « où ? » (a commune, a postcode, or « Autour de moi »); step 2
 * lists the places nearest first, each with its motifs. A flat list of every
 * place and motif was 17 screens tall on a phone.
 */
appointmentRoutes.get("/rendez-vous", async (c) => {
  let input: z.infer<typeof WhereQuery> | { ou: string } = { ou: "" };
  let unreadable = false;
  try {
    input = parseQuery(c, WhereQuery);
  } catch (error) {
    // A place name too long: « où ? » asked again on the page, with its message.
    if (!formErrors(error)) throw error;
    unreadable = true;
  }
  const departement = c.var.deps.config.departementCode;
  const position =
    "lat" in input && input.lat !== undefined && input.lon !== undefined
      ? { latitude: input.lat, longitude: input.lon }
      : null;
  const commune =
    position || !input.ou ? undefined : await findPlace(c.var.db, departement, input.ou);
  const error = unreadable
    ? "Indiquez une commune ou un code postal (100 caractères au plus)."
    : input.ou && !position && !commune
      ? unknownCommune(input.ou)
      : undefined;
  const origin =
    position ??
    (commune && commune.latitude !== null && commune.longitude !== null
      ? { latitude: commune.latitude, longitude: commune.longitude }
      : null);
  if (!origin && !commune) {
    return c.html(
      <Layout
        page={pageContext(c)}
        title={error ? `Erreur : ${TITLE}` : TITLE}
        breadcrumb={crumbs()}
      >
        <h1>{TITLE}</h1>
        <p class="rdv-step">{frenchSpacing("Étape 1 sur 4 : où voulez-vous être reçu ?")}</p>
        <ErrorSummary errors={error ? { ou: error } : {}} />
        <WhereForm value={input.ou} error={error} />
        <p>
          Vous rencontrez un professionnel de la solidarité, sur place ou par téléphone. Sans
          compte : il suffit d'un nom et d'un numéro de téléphone ou d'une adresse électronique.
        </p>
      </Layout>,
      error ? 400 : 200,
    );
  }
  const onlyCommune = commune !== undefined && "commune" in input && input.commune === "seule";
  const places = orderPlaces(
    await listBookablePlaces(c.var.db),
    origin,
    onlyCommune ? commune?.inseeCode : undefined,
  );
  const showAll = "tous" in input && input.tous === "1";
  const shown = showAll ? places : places.slice(0, NEAREST_PLACES_SHOWN);
  const from = commune ? ofName(commune.name) : "de vous";
  const here = (extra: Record<string, string | undefined>) =>
    `/rendez-vous${query({
      ou: commune?.name,
      lat: position ? String(position.latitude) : undefined,
      lon: position ? String(position.longitude) : undefined,
      commune: onlyCommune ? "seule" : undefined,
      ...extra,
    })}`;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`${TITLE} : les lieux les plus proches ${from}`}
      breadcrumb={crumbs()}
    >
      <h1>{TITLE}</h1>
      <p class="rdv-step">{frenchSpacing("Étape 2 sur 4 : choisissez le lieu et le motif.")}</p>
      <p class="rdv-where-summary">
        {onlyCommune && commune
          ? `Les lieux ${atName(commune.name)}.`
          : `Les lieux les plus proches ${from} d'abord.`}{" "}
        <a href="/rendez-vous">Changer de commune</a>
        {commune && (
          <>
            {" · "}
            <a href={here({ commune: onlyCommune ? undefined : "seule" })}>
              {onlyCommune
                ? "Voir aussi les communes voisines"
                : `Seulement ${atName(commune.name)}`}
            </a>
          </>
        )}
      </p>
      {shown.length === 0 && (
        <p class="rdv-empty">
          Aucun lieu ne propose de rendez-vous en ligne {commune ? atName(commune.name) : "ici"}.{" "}
          <a href={here({ commune: undefined })}>Voir les communes voisines</a>
        </p>
      )}
      <div class="rdv-places">
        {shown.map((place) => (
          <PlaceCard place={place} />
        ))}
      </div>
      {shown.length < places.length && (
        <p>
          <a href={here({ tous: "1" })}>
            Voir plus de lieux ({places.length - shown.length} autres)
          </a>
        </p>
      )}
    </Layout>,
  );
});

appointmentRoutes.get("/rendez-vous/lieu", async (c) => {
  const motif = await requireOnlineMotif(c);
  if (motif.locationKind !== "sur_place") {
    return c.redirect(`/rendez-vous/creneaux${query({ motif: motif.id, lieu: "telephone" })}`);
  }
  const lieux = await listLieuxForMotif(c.var.db, motif.id);
  return c.html(
    <Layout page={pageContext(c)} title={`${motif.name} : le lieu`} breadcrumb={crumbs(motif.name)}>
      <h1>{motif.name}</h1>
      <p class="rdv-step">{frenchSpacing("Étape 2 sur 4 : choisissez le lieu.")}</p>
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
  const now = c.var.now;
  const lieuKey = lieuId ?? "telephone";
  const { week, slots } = await openingWeek(c.req.query("semaine"), now, (window) =>
    findSlots(requestContext(c), { motifId: motif.id, lieuId, ...window }),
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
      breadcrumb={crumbs("Choisir un créneau")}
    >
      <h1>{motif.name}</h1>
      {/* The place in one line, then the slots: the first one was at 628 px on a phone. */}
      <p class="rdv-place-line">
        {lieu ? (
          <>
            <strong>{lieu.name}</strong>, {fullAddress(lieu)}
          </>
        ) : (
          LOCATION_LABELS[motif.locationKind]
        )}
      </p>
      <p class="rdv-step">{frenchSpacing("Étape 3 sur 4 : choisissez un créneau.")}</p>
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
      {lieu && <DirectoryLink lieu={lieu} />}
    </Layout>,
  );
});

/** The name of the place of step 4: one name for a place on every step. */
async function placeName(c: AppContext, lieuId: string): Promise<string | undefined> {
  if (!lieuId || lieuId === "telephone") return undefined;
  return (await findLieu(c.var.db, lieuId))?.name;
}

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
  /** The place's name, the same as on steps 2 and 3 (undefined for a call). */
  place?: string | undefined;
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
      <p class="rdv-step">{frenchSpacing("Étape 4 sur 4 : indiquez comment vous joindre.")}</p>
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
        {motif.name}
        {props.place ? `, ${props.place}` : ""}, le{" "}
        {Number.isNaN(start.getTime()) ? "" : frenchTextDateTime(start)}.
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
  return c.html(
    <CoordonneesPage c={c} motif={motif} slot={slot} place={await placeName(c, slot.lieu)} />,
  );
});

const FORM_INCOMPLETE = "Ce formulaire est incomplet : reprenez depuis le début.";

/** Public bookings per address and hour: enough for a family or a desk, not for a script. */
export const PUBLIC_BOOKING_LIMIT = { limit: 30, windowSeconds: 3600 };

appointmentRoutes.post("/rendez-vous/reserver", async (c) => {
  const { limited, retryAfterSeconds } = await hitRateLimit(
    c.var.db,
    `rdv-booking:${clientAddress(c)}`,
    PUBLIC_BOOKING_LIMIT,
    c.var.now,
  );
  if (limited) {
    throw new TooManyRequests(
      "Trop de réservations depuis cette connexion. Réessayez plus tard ou appelez l'accueil.",
      retryAfterSeconds,
    );
  }
  const values = await formValues(c);
  const motif = await findMotif(c.var.db, values.motif ?? "");
  if (!motif) throw new Invalid({}, FORM_INCOMPLETE);
  const input = await parseForm(c, SlotHiddenFields.schema, FORM_INCOMPLETE);
  const slot = { motif: motif.id, lieu: input.lieu, agent: input.agent, debut: input.debut };
  try {
    const booked = await bookAppointment(publicBookingContext(c), {
      motifId: motif.id,
      agentId: input.agent,
      lieuId: input.lieu === "telephone" ? null : input.lieu,
      start: new Date(input.debut),
      person: values,
      idempotencyKey: input.cle,
    });
    return c.redirect(
      `/rendez-vous/gerer/${booked.id}${query({ jeton: booked.token, confirme: "1" })}`,
      303,
    );
  } catch (error) {
    // Bad details (Invalid) or a refused slot (Refused, 409 when taken): the form again, with its messages.
    const errors = formErrors(error, "creneau");
    if (!errors) throw error;
    const status = refusalStatus(error);
    const taken = status === 409;
    return c.html(
      <CoordonneesPage
        c={c}
        motif={motif}
        slot={slot}
        errors={errors}
        values={values}
        taken={taken}
        place={await placeName(c, slot.lieu)}
      />,
      status,
    );
  }
});
