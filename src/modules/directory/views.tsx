import type { Child } from "hono/jsx";
import { Alert, Tag } from "../../platform/ui/components.tsx";
import { formatDistance } from "./geo.ts";
import { describeStatus, type OpeningStatus } from "./opening-hours.ts";
import { parseQuery } from "./search-query.ts";
import type { SearchHit } from "./service.ts";
import { THESAURUS } from "./thesaurus.ts";
import { FRAIS, PUBLICS, THEMATIQUES, THEME_CATEGORIES } from "./vocabulary.ts";

export const labelOf = (vocabulary: Record<string, string>, value: string) =>
  vocabulary[value] ?? value;

export const THEME_OPTIONS = [
  { value: "", label: "Tous les thèmes" },
  ...Object.entries(THEME_CATEGORIES).map(([value, label]) => ({ value, label })),
];

/** A need that has a national emergency number, free, day and night. */
export type EmergencyNeed = "abri" | "enfance" | "violences";

const EMERGENCY_THEMES: Record<string, EmergencyNeed> = {
  "logement-hebergement--rechercher-une-solution-dhebergement-temporaire": "abri",
  "famille--soutien-a-la-parentalite-et-a-leducation": "enfance",
  "famille--surmonter-conflits-separation-violence": "violences",
};
const EMERGENCY_WORDS: Record<string, EmergencyNeed> = {
  "115": "abri",
  "119": "enfance",
  "3919": "violences",
};

/**
 * The emergency numbers a page should give first: from what the person
 * typed (« 115 », « dormir », « violences ») or from a service's thematiques.
 */
export function emergencyNeeds({
  text,
  thematiques = [],
}: {
  text?: string;
  thematiques?: string[];
}): EmergencyNeed[] {
  const query = text ? parseQuery(text, THESAURUS) : undefined;
  const needs = new Set<EmergencyNeed>();
  for (const thematique of [...thematiques, ...(query?.thematiques ?? [])]) {
    const need = EMERGENCY_THEMES[thematique];
    if (need) needs.add(need);
  }
  for (const word of query?.normalized.split(" ") ?? []) {
    const need = EMERGENCY_WORDS[word];
    if (need) needs.add(need);
  }
  return (["abri", "violences", "enfance"] as const).filter((need) => needs.has(need));
}

/** Does what the person typed concern a bed for tonight (« 115 », « dormir », « hébergement urgence »)? */
export function concernsEmergencyShelter(text: string): boolean {
  return emergencyNeeds({ text }).includes("abri");
}

const NBSP = "\u00a0";

/** The numbers first: a free call, day and night, before any place to look up. */
export function EmergencyNumbers({ needs }: { needs: EmergencyNeed[] }) {
  if (needs.length === 0) return null;
  return (
    <div class="directory-emergency">
      {needs.includes("abri") && (
        <Alert kind="warning" title={`Pour dormir à l'abri ce soir${NBSP}: appelez le 115`}>
          <p>
            Le <a href="tel:115">115</a> est le numéro du SAMU social. L'appel est gratuit, jour et
            nuit, 7 jours sur 7, même depuis un téléphone sans crédit. On vous dit où dormir ce
            soir.
          </p>
        </Alert>
      )}
      {needs.includes("violences") && (
        <Alert kind="warning" title={`Violences${NBSP}: vous n'êtes pas seule, pas seul`}>
          <p>
            En danger maintenant ? Appelez le <a href="tel:17">17</a> (police, gendarmerie) ou le{" "}
            <a href="tel:112">112</a> (urgences, depuis tout téléphone). Vous ne pouvez pas parler ?
            Envoyez un SMS au <a href="sms:114">114</a>.
          </p>
          <p>
            Pour parler de violences conjugales ou faites aux femmes, anonymement : le{" "}
            <a href="tel:3919">3919</a>, gratuit, jour et nuit, 7 jours sur 7. Il n'apparaît pas sur
            les factures de téléphone.
          </p>
        </Alert>
      )}
      {needs.includes("enfance") && (
        <Alert kind="info" title={`Un enfant en danger${NBSP}? Appelez le 119`}>
          <p>
            Le <a href="tel:119">119</a> (Allô enfance en danger) répond jour et nuit, 7 jours sur
            7. L'appel est gratuit et n'apparaît pas sur les factures de téléphone.
          </p>
        </Alert>
      )}
    </div>
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
      Informations non vérifiées depuis plus de 6{"\u00a0"}mois{"\u00a0"}: appelez avant de vous
      déplacer.
    </p>
  );
}

/** How the service receives people, in everyday words (the schema's « en présentiel »…). */
const RECEPTION_WORDS: Record<string, string> = {
  "en-presentiel": "sur place",
  "a-distance": "à distance (par téléphone ou par internet)",
};
/** What to do first, in everyday words (the schema's « se présenter »…). */
const FIRST_STEP_WORDS: Record<string, string> = {
  "se-presenter": "venez sur place",
  telephoner: "appelez",
  "envoyer-un-courriel": "écrivez un courriel",
  "utiliser-lien-mobilisation": "inscrivez-vous en ligne",
};

/** « ou » between the last two, commas before: « appelez, écrivez ou venez ». */
function orList(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} ou ${words.at(-1)}`;
}

/**
 * How to reach the service, in plain words: « On vous reçoit sur place. Pour
 * commencer : venez sur place ou appelez. »
 */
export function modesText(modesAccueil: string[], modesMobilisation: string[]): string {
  const reception = modesAccueil.map((mode) => RECEPTION_WORDS[mode]).filter(Boolean) as string[];
  const steps = modesMobilisation.map((mode) => FIRST_STEP_WORDS[mode]).filter(Boolean) as string[];
  return [
    reception.length > 0 && `On vous reçoit ${orList(reception)}.`,
    steps.length > 0 && `Pour commencer\u00a0: ${orList(steps)}.`,
  ]
    .filter(Boolean)
    .join(" ");
}

/** Why an item comes where it does, said on the first result. */
export type RankReason = { nearest: boolean; bestMatch: boolean; openNow: boolean };

export function rankReasonText({ nearest, bestMatch, openNow }: RankReason): string {
  const parts = [
    nearest &&
      (bestMatch ? "le plus proche des lieux qui répondent à votre besoin" : "le plus proche"),
    !nearest && bestMatch && "il répond le mieux à votre besoin",
    openNow && "ouvert maintenant",
  ].filter(Boolean);
  return parts.length > 0 ? `En premier\u00a0: ${parts.join(", ")}.` : "";
}

export function ResultItem({
  hit,
  number,
  now,
  stale,
  orient,
  why,
}: {
  hit: SearchHit;
  number: number;
  now: Date;
  stale: boolean;
  orient?: Child;
  /** Why this item comes first, in words. */
  why?: string | undefined;
}) {
  return (
    <li class="directory-result">
      <h2 class="directory-result__title">
        <span class="directory-result__number" aria-hidden="true">
          {number}
        </span>{" "}
        <a href={`/trouver-de-l-aide/services/${hit.id}`}>{hit.nom}</a>
      </h2>
      <p class="directory-result__structure">{hit.structureNom}</p>
      {why && <p class="directory-result__why">{why}</p>}
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
          Téléphone{"\u00a0"}:{" "}
          <a href={`tel:${hit.telephone.replace(/\s/g, "")}`}>{hit.telephone}</a>
        </p>
      )}
      {(hit.modesAccueil.length > 0 || hit.modesMobilisation.length > 0) && (
        <p class="directory-result__modes">{modesText(hit.modesAccueil, hit.modesMobilisation)}</p>
      )}
      {hit.publics.length > 0 && !hit.publics.includes("tous-publics") && (
        <p>
          Pour{"\u00a0"}: {hit.publics.map((p) => labelOf(PUBLICS, p)).join(", ")}
        </p>
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
