import type { Child } from "hono/jsx";
import { Alert, Tag } from "../../platform/ui/components.tsx";
import { formatDistance } from "./geo.ts";
import { describeStatus, type OpeningStatus } from "./opening-hours.ts";
import { parseQuery } from "./search-query.ts";
import type { SearchHit } from "./service.ts";
import { THESAURUS } from "./thesaurus.ts";
import {
  FRAIS,
  MODES_ACCUEIL,
  MODES_MOBILISATION,
  PUBLICS,
  THEMATIQUES,
  THEME_CATEGORIES,
} from "./vocabulary.ts";

export const labelOf = (vocabulary: Record<string, string>, value: string) =>
  vocabulary[value] ?? value;

export const THEME_OPTIONS = [
  { value: "", label: "Tous les thèmes" },
  ...Object.entries(THEME_CATEGORIES).map(([value, label]) => ({ value, label })),
];

const EMERGENCY_SHELTER = "logement-hebergement--rechercher-une-solution-dhebergement-temporaire";

/** Does what the person typed concern a bed for tonight (« 115 », « dormir », « hébergement urgence »)? */
export function concernsEmergencyShelter(text: string): boolean {
  const query = parseQuery(text, THESAURUS);
  return (
    query.thematiques.includes(EMERGENCY_SHELTER) || query.normalized.split(" ").includes("115")
  );
}

/** The 115 first: a free call, day and night, before any place to look up. */
export function Emergency115() {
  return (
    <Alert kind="warning" title={"Pour dormir à l'abri ce soir\u00a0: appelez le 115"}>
      <p>
        Le <a href="tel:115">115</a> est le numéro du SAMU social. L'appel est gratuit, jour et
        nuit, 7 jours sur 7, même depuis un téléphone sans crédit. On vous dit où dormir ce soir.
      </p>
    </Alert>
  );
}

export function StatusTag({ status, now }: { status: OpeningStatus; now: Date }) {
  const kind =
    status.kind === "open" ? "success" : status.kind === "closed" ? "warning" : "neutral";
  return <Tag kind={kind}>{describeStatus(status, now)}</Tag>;
}

export function StaleNotice({ stale }: { stale: boolean }) {
  if (!stale) return null;
  return (
    <p class="directory-stale">
      Informations non vérifiées depuis plus de 6 mois : appelez avant de vous déplacer.
    </p>
  );
}

/** How to reach the service, in words: on site, by phone, online. */
export function modesText(modesAccueil: string[], modesMobilisation: string[]): string {
  const parts = [
    ...modesAccueil.map((mode) => labelOf(MODES_ACCUEIL, mode).toLowerCase()),
    ...modesMobilisation.map((mode) => labelOf(MODES_MOBILISATION, mode).toLowerCase()),
  ];
  return [...new Set(parts)].join(" · ");
}

export function ResultItem({
  hit,
  number,
  now,
  stale,
  orient,
}: {
  hit: SearchHit;
  number: number;
  now: Date;
  stale: boolean;
  orient?: Child;
}) {
  return (
    <li class="directory-result">
      <h3 class="directory-result__title">
        <span class="directory-result__number" aria-hidden="true">
          {number}
        </span>{" "}
        <a href={`/trouver-de-l-aide/services/${hit.id}`}>{hit.nom}</a>
      </h3>
      <p class="directory-result__structure">{hit.structureNom}</p>
      <p class="directory-result__meta">
        <StatusTag status={hit.status} now={now} />
        {hit.distanceKm !== null && <span> · à {formatDistance(hit.distanceKm)}</span>}
        {hit.frais && <span> · {labelOf(FRAIS, hit.frais)}</span>}
      </p>
      <p>
        {[hit.adresse, [hit.codePostal, hit.commune].filter(Boolean).join(" ")]
          .filter(Boolean)
          .join(", ")}
      </p>
      {hit.telephone && (
        <p>
          Téléphone : <a href={`tel:${hit.telephone.replace(/\s/g, "")}`}>{hit.telephone}</a>
        </p>
      )}
      {(hit.modesAccueil.length > 0 || hit.modesMobilisation.length > 0) && (
        <p class="directory-result__modes">{modesText(hit.modesAccueil, hit.modesMobilisation)}</p>
      )}
      {hit.publics.length > 0 && !hit.publics.includes("tous-publics") && (
        <p>Pour : {hit.publics.map((p) => labelOf(PUBLICS, p)).join(", ")}</p>
      )}
      <StaleNotice stale={stale} />
      {orient}
    </li>
  );
}

export function ThemeList({ thematiques }: { thematiques: string[] }) {
  if (thematiques.length === 0) return null;
  return (
    <ul class="directory-themes">
      {thematiques.map((thematique) => (
        <li>
          <Tag>{labelOf(THEMATIQUES, thematique)}</Tag>
        </li>
      ))}
    </ul>
  );
}

export function Definition({ term, children }: { term: string; children: Child }) {
  if (children === null || children === undefined || children === "") return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
