import type { Actor } from "../../platform/access/actor.ts";
import { can } from "../../platform/access/policy.ts";
import { frenchLongDate } from "../../platform/time/french-dates.ts";
import { telHref } from "../../platform/ui/french.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import type { PageContext } from "../../platform/ui/page-context.ts";
import { openingStatus, regionOfPlace, weekSchedule } from "./opening-hours.ts";
import { canOrient, directoryRules } from "./policy.ts";
import { isStale, type ServiceDetail, type StructureDetail } from "./service.ts";
import {
  Definition,
  EmergencyNumbers,
  emergencyNeeds,
  labelOf,
  modesText,
  StaleNotice,
  StatusTag,
  ThemeList,
} from "./views.tsx";
import { FRAIS, PUBLICS, TYPES_DE_SERVICES } from "./vocabulary.ts";

const NBSP = "\u00a0";

/**
 * Directions: a `geo:` link (phones open it in their map application) and
 * the same place on OpenStreetMap, for a computer or a phone without one.
 */
export function directionLinks(place: {
  latitude: number | null;
  longitude: number | null;
  address: string;
}): { geo: string; openStreetMap: string } | undefined {
  const { latitude, longitude } = place;
  if (latitude === null || longitude === null) return undefined;
  const lat = latitude.toFixed(6);
  const lon = longitude.toFixed(6);
  return {
    geo: `geo:${lat},${lon}?q=${encodeURIComponent(place.address || `${lat},${lon}`)}`,
    openStreetMap: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`,
  };
}

export type OnlineBooking = {
  motifId: string;
  motifName: string;
  lieuId: string;
  lieuName: string;
};

/**
 * What a person needs first, on the first screen of a phone (360 × 640):
 * where it is, how to call, how to get there, and « Prendre rendez-vous »
 * when the place takes bookings online. Lower down, these were at 870 px
 * (address), 974 px (directions) and 1,096 px (phone) on an SST's page.
 */
function PlaceEssentials({
  place,
  phone,
  directions,
  bookings,
}: {
  place: string;
  phone: string | null;
  directions: { geo: string; openStreetMap: string } | undefined;
  bookings: OnlineBooking[];
}) {
  if (!place && !phone && bookings.length === 0) return null;
  return (
    <section class="directory-essentials" aria-labelledby="y-aller">
      <h2 id="y-aller" class="visually-hidden">
        Adresse, téléphone et itinéraire
      </h2>
      {place && (
        <p class="directory-essentials__address">
          <strong>Adresse{NBSP}:</strong> {place}
        </p>
      )}
      <ul class="directory-essentials__actions">
        {phone && (
          <li>
            <a href={telHref(phone)} class="button button--secondary">
              Appeler le {phone.replace(/ /g, NBSP)}
            </a>
          </li>
        )}
        {directions && (
          <>
            <li>
              <a href={directions.geo} class="button button--secondary">
                Itinéraire
                <span class="visually-hidden">{NBSP}: ouvrir dans mon application de cartes</span>
              </a>
            </li>
            <li>
              <a href={directions.openStreetMap} class="button button--secondary">
                <span class="visually-hidden">Voir sur </span>OpenStreetMap
              </a>
            </li>
          </>
        )}
      </ul>
      {bookings.length > 0 && (
        <div class="directory-booking no-print">
          {bookings.map((booking) => (
            <p>
              <a
                class="button button--primary"
                href={`/rendez-vous/creneaux?${new URLSearchParams({ motif: booking.motifId, lieu: booking.lieuId })}`}
              >
                Prendre rendez-vous
                <span class="visually-hidden">
                  {NBSP}: {booking.motifName}, {booking.lieuName}
                </span>
              </a>{" "}
              <span class="directory-booking__motif">{booking.motifName}</span>
            </p>
          ))}
        </div>
      )}
    </section>
  );
}

/** A service's page: it prints well, and shares by link or SMS. */
export function ServicePage({
  page,
  actor,
  service,
  bookings,
  url,
  now,
}: {
  page: PageContext;
  actor: Actor;
  service: ServiceDetail;
  bookings: OnlineBooking[];
  /** The page's public address, to share. */
  url: string;
  now: Date;
}) {
  const hours = service.horaires_accueil ?? service.structure_horaires;
  const region = regionOfPlace(service);
  const status = openingStatus(hours, now, region);
  const place = [service.adresse, [service.code_postal, service.commune].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");
  const directions = directionLinks({
    latitude: service.latitude,
    longitude: service.longitude,
    address: place,
  });
  const smsText = [
    service.nom,
    service.structure_nom,
    place,
    service.telephone ? `Tél. ${service.telephone}` : "",
    url,
  ]
    .filter(Boolean)
    .join(" — ");
  return (
    <Layout
      page={page}
      title={service.nom}
      breadcrumb={[
        { label: "Trouver de l'aide", href: "/trouver-de-l-aide" },
        { label: service.nom },
      ]}
    >
      <article class="directory-service">
        <h1>{service.nom}</h1>
        <EmergencyNumbers needs={emergencyNeeds({ thematiques: service.thematiques ?? [] })} />
        <p class="lead directory-service__from">
          <a href={`/trouver-de-l-aide/structures/${service.structure_id}`}>
            {service.structure_nom}
          </a>{" "}
          <StatusTag status={status} now={now} />
        </p>
        <PlaceEssentials
          place={place}
          phone={service.telephone}
          directions={directions}
          bookings={bookings}
        />
        <StaleNotice stale={isStale(service.checked_at, now)} />
        {service.is_demo && (
          <p class="directory-demo">Donnée de démonstration{NBSP}: ce lieu est fictif.</p>
        )}
        <p>{service.description}</p>
        <ThemeList thematiques={service.thematiques ?? []} />
        <HowToReach service={service} />
        <h2>Horaires</h2>
        <WeekHours hours={hours} now={now} region={region} />
        <Conditions service={service} />
        <p class="directory-checked">
          Mis à jour le {frenchLongDate(new Date(service.date_maj))} · vérifié le{" "}
          {frenchLongDate(service.checked_at)}
        </p>
        <Share url={url} smsText={smsText} />
        <ProActions actor={actor} service={service} />
      </article>
      <script src="/static/directory.js" defer />
    </Layout>
  );
}

/** How to reach the service: what to do first, its e-mail, its link. */
function HowToReach({ service }: { service: ServiceDetail }) {
  return (
    <>
      <h2>Comment faire, comment le joindre</h2>
      <dl class="directory-facts">
        <Definition term="Comment faire">
          {modesText(service.modes_accueil ?? [], service.modes_mobilisation ?? [])}
        </Definition>
        <Definition term="Courriel">
          {service.courriel && <a href={`mailto:${service.courriel}`}>{service.courriel}</a>}
        </Definition>
        <Definition term="En ligne">
          {service.lien_mobilisation && (
            <a href={service.lien_mobilisation}>{service.lien_mobilisation}</a>
          )}
        </Definition>
        <Definition term="Précisions">{service.mobilisation_precisions}</Definition>
      </dl>
    </>
  );
}

/** The opening hours of the next 7 days, or a word to call first. */
function WeekHours({ hours, now, region }: { hours: string | null; now: Date; region: string }) {
  return hours ? (
    <table class="directory-hours">
      <caption class="visually-hidden">Horaires des 7 prochains jours</caption>
      <tbody>
        {weekSchedule(hours, now, region).map((line) => (
          <tr>
            <th scope="row">{line.day}</th>
            <td>{line.hours}</td>
          </tr>
        ))}
      </tbody>
    </table>
  ) : (
    <p>Horaires non renseignés{NBSP}: appelez avant de vous déplacer.</p>
  );
}

/** Who the service is for, on what conditions, at what cost. */
function Conditions({ service }: { service: ServiceDetail }) {
  return (
    <>
      <h2>Pour qui, à quelles conditions</h2>
      <dl class="directory-facts">
        <Definition term="Publics">
          {(service.publics ?? []).map((p) => labelOf(PUBLICS, p)).join(", ")}
        </Definition>
        <Definition term="Précisions">{service.publics_precisions}</Definition>
        <Definition term="Conditions">{service.conditions_acces}</Definition>
        <Definition term="Coût">
          {[service.frais && labelOf(FRAIS, service.frais), service.frais_precisions]
            .filter(Boolean)
            .join(" — ")}
        </Definition>
        <Definition term="Type">
          {service.type && labelOf(TYPES_DE_SERVICES, service.type)}
        </Definition>
      </dl>
    </>
  );
}

/** The page's link and an SMS to send it (the text also shown to copy). */
function Share({ url, smsText }: { url: string; smsText: string }) {
  return (
    <>
      <h2 class="no-print">Partager</h2>
      <ul class="directory-share no-print">
        <li>
          Lien{NBSP}: <a href={url}>{url}</a>
        </li>
        <li>
          <a href={`sms:?&body=${encodeURIComponent(smsText)}`}>Envoyer par SMS</a>
        </li>
      </ul>
      <p class="no-print">
        <button type="button" class="button button--secondary" data-print hidden>
          Imprimer cette fiche
        </button>
        <span data-print-fallback>
          Pour imprimer cette fiche, utilisez la fonction « Imprimer » de votre navigateur.
        </span>
      </p>
      <details class="no-print">
        <summary>Texte à copier pour un SMS</summary>
        <p>{smsText}</p>
      </details>
    </>
  );
}

/** What a professional may do from the page: orient a person, edit the service. */
function ProActions({ actor, service }: { actor: Actor; service: ServiceDetail }) {
  return (
    <>
      {canOrient(actor) && (
        <p class="no-print">
          <a
            class="button button--primary"
            href={`/pro/orientations/nouvelle?service=${service.id}`}
          >
            Orienter une personne vers ce service
          </a>
        </p>
      )}
      {can(actor, directoryRules.editStructure, {
        organisationId: service.structure_organisation_id,
      }) && (
        <p class="no-print">
          <a href={`/pro/annuaire/services/${service.id}`}>Modifier ce service</a>
        </p>
      )}
    </>
  );
}

/** A structure's page: where it is, how to reach it, its services. */
export function StructurePage({
  page,
  structure,
  services,
  bookings,
  now,
}: {
  page: PageContext;
  structure: StructureDetail;
  services: { id: string; nom: string; checked_at: Date }[];
  bookings: OnlineBooking[];
  now: Date;
}) {
  const place = [
    structure.adresse,
    [structure.code_postal, structure.commune].filter(Boolean).join(" "),
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <Layout
      page={page}
      title={structure.nom}
      breadcrumb={[
        { label: "Trouver de l'aide", href: "/trouver-de-l-aide" },
        { label: structure.nom },
      ]}
    >
      <h1>{structure.nom}</h1>
      <p>
        <StatusTag
          status={openingStatus(structure.horaires_accueil, now, regionOfPlace(structure))}
          now={now}
        />
      </p>
      <PlaceEssentials
        place={place}
        phone={structure.telephone}
        directions={directionLinks({
          latitude: structure.latitude,
          longitude: structure.longitude,
          address: place,
        })}
        bookings={bookings}
      />
      {structure.is_demo && (
        <p class="directory-demo">Donnée de démonstration{NBSP}: cette structure est fictive.</p>
      )}
      {structure.description && <p>{structure.description}</p>}
      <dl class="directory-facts">
        <Definition term="Site web">
          {structure.site_web && <a href={structure.site_web}>{structure.site_web}</a>}
        </Definition>
      </dl>
      <h2>Services proposés</h2>
      <ul>
        {services.map((service) => (
          <li>
            <a href={`/trouver-de-l-aide/services/${service.id}`}>{service.nom}</a>
            {isStale(service.checked_at, now) && " (à vérifier)"}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
