// The place of an appointment as the person sees it: one name everywhere
// (the place's own), its address, phone and directions, and the « où ? »
// form that starts a booking. No external asset: the directions are a
// `geo:` link (phones open their map application) and an OpenStreetMap link.

import { Button, TextField } from "../../platform/ui/components.tsx";
import { frenchDistance } from "../../platform/ui/french.ts";
import { directoryPagePath } from "../directory/service.ts";
import type { LieuView } from "./agenda-store.ts";
import { LOCATION_LABELS } from "./booking-views.tsx";
import type { NearPlace } from "./nearest-places.ts";
import { query } from "./views.tsx";

/** Trade terms explained in plain words (FALC), by the kind of organisation. */
const ORGANISATION_KINDS: Record<string, string> = {
  sst: "Service social du Département (SST : service de solidarité territoriale)",
  ccas: "Service social de la mairie (CCAS : centre communal d'action sociale)",
};

export function organisationKindLabel(kind: string): string | undefined {
  return ORGANISATION_KINDS[kind];
}

/** "12 rue …, Nanterre": the commune added when the address does not name it. */
export function fullAddress(lieu: LieuView): string {
  const commune =
    lieu.communeName && !lieu.address.includes(lieu.communeName) ? `, ${lieu.communeName}` : "";
  return `${lieu.address}${commune}`;
}

/** A place's address and, when it is linked to the directory, its page there. */
export function LieuAddress({ lieu }: { lieu: LieuView }) {
  return (
    <>
      <p>{fullAddress(lieu)}</p>
      <DirectoryLink lieu={lieu} />
    </>
  );
}

/** The place's page in the directory (hours, other services), when it is linked to one. */
export function DirectoryLink({ lieu }: { lieu: LieuView }) {
  const page = directoryPagePath(lieu.directoryRef);
  return (
    <>
      {page && (
        <p>
          <a href={page}>
            Voir ce lieu dans l'annuaire<span class="visually-hidden"> : {lieu.name}</span>
          </a>
        </p>
      )}
    </>
  );
}

/** The two ways to get there: the phone's map application, or OpenStreetMap in the browser. */
export function directionLinks(lieu: LieuView): { geo: string; openStreetMap: string } | undefined {
  if (lieu.latitude === null || lieu.longitude === null) return undefined;
  const lat = lieu.latitude.toFixed(5);
  const lon = lieu.longitude.toFixed(5);
  return {
    geo: `geo:${lat},${lon}?q=${encodeURIComponent(`${lat},${lon}(${lieu.name})`)}`,
    openStreetMap: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`,
  };
}

export function Directions({ lieu }: { lieu: LieuView }) {
  const links = directionLinks(lieu);
  if (!links) return null;
  return (
    <ul class="rdv-links">
      <li>
        <a href={links.geo}>Itinéraire : ouvrir dans mon application de cartes</a>
      </li>
      <li>
        <a href={links.openStreetMap}>Voir sur OpenStreetMap</a>
      </li>
    </ul>
  );
}

/** Step 1: « où ? ». A commune or a postcode; « Autour de moi » when the browser can say. */
export function WhereForm({ value, error }: { value: string; error?: string | undefined }) {
  return (
    <form method="get" action="/rendez-vous" class="rdv-form rdv-where" novalidate>
      <TextField
        name="ou"
        label="Votre commune ou votre code postal"
        hint="Par exemple Nanterre ou 92000."
        autocomplete="address-level2"
        width="medium"
        value={value}
        error={error}
        required
      />
      <div class="directory-near-me" data-near-me hidden>
        <button type="button" class="button button--secondary" data-near-me-button>
          Autour de moi
        </button>
        <input type="hidden" name="lat" value="" data-near-me-lat />
        <input type="hidden" name="lon" value="" data-near-me-lon />
        <p class="field__hint" data-near-me-status aria-live="polite" />
      </div>
      <Button>Voir les lieux les plus proches</Button>
      <script src="/static/directory.js" defer />
    </form>
  );
}

/** One place of step 2: its name, what it is, how far, and a link per motif. */
export function PlaceCard({ place }: { place: NearPlace }) {
  const kind = organisationKindLabel(place.organisationKind);
  const headingId = `lieu-${place.lieu.id}`;
  return (
    <section class="card rdv-place" aria-labelledby={headingId}>
      <h2 class="card__title" id={headingId}>
        {place.lieu.name}
      </h2>
      {kind && <p class="rdv-place__kind">{kind}</p>}
      <p>
        {place.distanceKm !== null && <strong>À {frenchDistance(place.distanceKm)} · </strong>}
        {fullAddress(place.lieu)}
      </p>
      <ul class="rdv-place__motifs">
        {place.motifs.map(({ motif, lieuKey }) => (
          <li>
            <a
              class="rdv-motif-link"
              href={`/rendez-vous/creneaux${query({ motif: motif.id, lieu: lieuKey })}`}
            >
              {motif.name}
              <span class="visually-hidden"> : {place.lieu.name}</span>
              <span class="rdv-motif-link__meta">
                {LOCATION_LABELS[motif.locationKind]}, {motif.durationMinutes} minutes
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
