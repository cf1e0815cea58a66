/**
 * The results of a simulation, shared by the resident questionnaire and the
 * professional form: each benefit with its amount, why, and how to apply.
 */

import type { Child } from "hono/jsx";
import { frenchMonth } from "../../platform/time/french-dates.ts";
import { Alert } from "../../platform/ui/components.tsx";
import { telHref } from "../../platform/ui/french.ts";
import type { SearchHit } from "../directory/service.ts";
import { assumedValuesNotice, formatEuros } from "./format.ts";
import { GUIDANCE } from "./guidance.ts";
import type { LocalAidResult } from "./local-aids.ts";
import { LocalAidsView } from "./local-aids-views.tsx";
import {
  plainSentence,
  plainStepText,
  roundEuros,
  stepsByMonth,
  termsIn,
  withoutMonth,
} from "./plain-language.ts";
import { BENEFITS, type BenefitResult, type SimulationResult } from "./service.ts";

/** The results: benefits probably entitled first, with amounts and why; then the others. */
export function ResultsView({
  result,
  places,
  bookingHref,
  headingLevel = 2,
  localAids = [],
}: {
  result: SimulationResult;
  places: readonly SearchHit[];
  bookingHref?: string;
  headingLevel?: 2 | 3;
  /** The Département's own aids valid in the month, shown apart from the national ones. */
  localAids?: readonly LocalAidResult[];
}) {
  const all = BENEFITS.map((b) => result.results[b]);
  const entitled = all.filter((r) => r.eligible && !r.alreadyReceived);
  const received = all.filter((r) => r.alreadyReceived);
  const others = all.filter((r) => !r.eligible && !r.alreadyReceived);
  const H = headingLevel === 2 ? "h2" : "h3";
  const H2 = headingLevel === 2 ? "h3" : "h4";
  return (
    <div class="rights-results">
      <p class="lead">
        Estimation pour <strong>{frenchMonth(result.month)}</strong>, à partir de vos réponses. Ce
        n'est pas une décision{"\u00a0"}: l'organisme qui verse l'aide étudie votre demande.
      </p>
      {result.valuesOf && (
        <Alert kind="warning" title="Montants pas encore publiés">
          <p>{assumedValuesNotice(result.month, result.valuesOf)}</p>
        </Alert>
      )}
      {entitled.length > 0 && (
        <div class="rights-summary">
          <p class="rights-benefit__subtitle">En bref, vous pourriez recevoir{"\u00a0"}:</p>
          <ul>
            {entitled.map((r) => (
              <li>
                <a href={`#aide-${r.benefit}`}>{shortAmount(r)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <H>Les aides auxquelles vous avez probablement droit</H>
      {entitled.length === 0 ? (
        <p>D'après vos réponses, aucune nouvelle aide parmi celles que nous savons calculer.</p>
      ) : (
        <ul class="rights-list">
          {entitled.map((r) => (
            <li class="rights-benefit rights-benefit--yes" id={`aide-${r.benefit}`}>
              <BenefitCard result={r} level={H2} places={places} month={result.month} />
            </li>
          ))}
        </ul>
      )}
      {received.length > 0 && (
        <>
          <H>Les aides que vous percevez déjà</H>
          <ul class="rights-list">
            {received.map((r) => (
              <li class="rights-benefit">
                <BenefitCard result={r} level={H2} places={places} month={result.month} />
              </li>
            ))}
          </ul>
        </>
      )}
      <H>Les autres aides</H>
      <ul class="rights-list rights-list--others">
        {others.map((r) => (
          <li class="rights-benefit rights-benefit--no">
            <p>
              <strong>{r.label}</strong>
              {"\u00a0"}: probablement pas.{" "}
              {r.reason ? `${r.reason.charAt(0).toUpperCase()}${r.reason.slice(1)}` : ""}
            </p>
          </li>
        ))}
      </ul>
      <OthersTerms others={others} />
      <LocalAidsView aids={localAids} headingLevel={headingLevel} />
      <H>Ce que ce simulateur ne calcule pas encore</H>
      <details class="rights-why">
        <summary>
          {result.notCovered.length} situations ou aides à voir avec l'organisme qui les verse
        </summary>
        {result.notCovered.map((n) => (
          <p>{n.message}</p>
        ))}
      </details>
      <H id="ou-etre-aide">Où être aidé pour faire vos demandes</H>
      {places.length > 0 ? (
        <ul class="rights-places">
          {places.map((p) => (
            <li>
              <a href={`/trouver-de-l-aide/services/${p.id}`}>{p.nom}</a> — {p.structureNom}
              {p.adresse && (
                <>
                  <br />
                  {p.adresse}, {p.codePostal} {p.commune}
                </>
              )}
              {p.telephone && (
                <>
                  <br />
                  Téléphone{"\u00a0"}: <a href={telHref(p.telephone)}>{p.telephone}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          Cherchez un lieu d'accès aux droits près de chez vous dans{" "}
          <a href="/trouver-de-l-aide">l'annuaire</a>.
        </p>
      )}
      {bookingHref && (
        <p class="no-print">
          <a class="button button--primary" href={bookingHref}>
            Prendre rendez-vous pour faire le point sur vos droits
          </a>
        </p>
      )}
    </div>
  );
}

const PER = { mensuelle: "par mois", annuelle: "par an", ponctuelle: "en une fois" } as const;

/** « Prime d'activité : environ 310 € par mois », for the summary at the top. */
function shortAmount(r: BenefitResult): string {
  const paid = typeof r.detail?.paid === "number" ? r.detail.paid : r.amountCents;
  const name = SHORT_NAMES[r.benefit] ?? r.label;
  if (r.benefit === "css")
    return r.amountCents === 0
      ? `${name}, gratuite`
      : `${name}, environ ${roundEuros(r.amountCents)} par mois à payer`;
  const when =
    r.benefit === "ars"
      ? "en août"
      : r.benefit === "aefa"
        ? "en décembre"
        : r.benefit === "bourse_college" || r.benefit === "bourse_lycee"
          ? "pour l'année scolaire"
          : PER[r.periodicity];
  return `${name}${"\u00a0"}: environ ${roundEuros(paid)} ${when}`;
}

const SHORT_NAMES: Partial<Record<BenefitResult["benefit"], string>> = {
  rsa: "RSA",
  css: "Complémentaire santé solidaire",
  aefa: "Prime de Noël",
  paje_base: "Allocation de base de la PAJE",
};

/** The terms of the trade the « probably not » reasons use, explained once under them. */
function OthersTerms({ others }: { others: readonly BenefitResult[] }) {
  const terms = termsIn(others.map((r) => r.reason ?? ""));
  if (terms.length === 0) return null;
  return (
    <details class="rights-why">
      <summary>Les mots utilisés dans cette liste</summary>
      <dl class="rights-terms">
        {terms.map((t) => (
          <>
            <dt>{t.term}</dt>
            <dd>{t.meaning}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}

function BenefitCard({
  result,
  level,
  places,
  month,
}: {
  result: BenefitResult;
  level: "h3" | "h4";
  places: readonly SearchHit[];
  month: string;
}) {
  const H = level;
  const guidance = GUIDANCE[result.benefit];
  // ARS: the CAF pays it net of the 0.5 % CRDS (service-public fiche F1878).
  const paid = typeof result.detail?.paid === "number" ? result.detail.paid : undefined;
  const amount =
    result.benefit === "css"
      ? result.amountCents === 0
        ? "gratuite"
        : `participation de ${formatEuros(result.amountCents)} par mois`
      : typeof paid === "number"
        ? `${formatEuros(paid)} ${result.periodicity === "ponctuelle" ? "en une fois" : result.benefit === "ars" ? "en août" : "par an"}`
        : result.benefit === "bourse_college" || result.benefit === "bourse_lycee"
          ? `${formatEuros(result.amountCents)} pour l'année scolaire`
          : `${formatEuros(result.amountCents)} ${PER[result.periodicity]}`;
  return (
    <>
      <H class="rights-benefit__title">
        {result.label}
        {"\u00a0"}: <span class="rights-benefit__amount">{amount}</span>
      </H>
      {result.alreadyReceived ? (
        <p>Vous la percevez déjà : rien à faire, sauf changement.</p>
      ) : (
        <p class="rights-benefit__sentence">{plainSentence(result)}</p>
      )}
      {result.detail?.schoolYear !== undefined && (
        <p>
          Calcul fait avec le barème de l'année scolaire {String(result.detail.schoolYear)}, le
          dernier que nous avons pu vérifier sur un texte officiel.
        </p>
      )}
      <Calculation result={result} month={month} />
      {!result.alreadyReceived && (
        <>
          <p class="rights-benefit__subtitle">Que faire maintenant{"\u202f"}?</p>
          <p>
            <a href={guidance.procedure.href}>{guidance.procedure.text}</a>. Qui verse l'aide
            {"\u00a0"}: {guidance.payer}.
            {places.length > 0 && (
              <>
                {" "}
                <a href="#ou-etre-aide">Où être aidé pour la demande</a>.
              </>
            )}
          </p>
          <details class="rights-why">
            <summary>Les papiers à préparer ({guidance.documents.length})</summary>
            <ul>
              {guidance.documents.map((d) => (
                <li>{d}</li>
              ))}
            </ul>
          </details>
        </>
      )}
    </>
  );
}

/**
 * The calculation, folded (a `<details>`: it opens without JavaScript): the simulated month's
 * steps in words, the other months on demand, then the meaning of every term of the trade it
 * uses, and the legal texts.
 */
function Calculation({ result, month }: { result: BenefitResult; month: string }) {
  if (result.steps.length === 0) return null;
  const { current, earlier } = stepsByMonth(result.steps);
  const texts = [
    ...result.steps.map((s) => s.text),
    plainSentence(result),
    ...GUIDANCE[result.benefit].documents,
    GUIDANCE[result.benefit].procedure.text,
  ];
  const terms = termsIn(texts);
  return (
    <details class="rights-why">
      <summary>Le détail du calcul pour {frenchMonth(month)}</summary>
      <ol class="rights-steps">
        {current.map((s) => (
          <li>{plainStepText(withoutMonth(s.text))}</li>
        ))}
      </ol>
      {earlier.length > 0 && (
        <details class="rights-why rights-why--months">
          <summary>Le calcul des mois d'avant</summary>
          {earlier.map((m) => (
            <>
              <p class="rights-benefit__subtitle">{frenchMonth(m.month)}</p>
              <ol class="rights-steps">
                {m.steps.map((s) => (
                  <li>{plainStepText(withoutMonth(s.text))}</li>
                ))}
              </ol>
            </>
          ))}
        </details>
      )}
      {terms.length > 0 && (
        <>
          <p class="rights-benefit__subtitle">Les mots du calcul{"\u00a0"}:</p>
          <dl class="rights-terms">
            {terms.map((t) => (
              <>
                <dt>{t.term}</dt>
                <dd>{t.meaning}</dd>
              </>
            ))}
          </dl>
        </>
      )}
      <References result={result} />
    </details>
  );
}

function References({ result }: { result: BenefitResult }) {
  const seen = new Map<string, string>();
  for (const step of result.steps)
    for (const p of step.parameters ?? []) {
      const text = p.reference.article ?? p.reference.text;
      if (text) seen.set(text, text);
    }
  if (seen.size === 0) return null;
  return <p class="rights-refs">Textes appliqués : {[...seen.keys()].slice(0, 6).join(" ; ")}.</p>;
}

export function PrintNote({ children }: { children?: Child }) {
  return (
    <p class="no-print rights-print">
      Pour garder ces résultats, imprimez la page ou choisissez « Enregistrer au format PDF » dans
      la fenêtre d'impression de votre navigateur.
      {children}
    </p>
  );
}
