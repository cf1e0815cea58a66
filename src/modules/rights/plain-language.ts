import { frenchMonth } from "../../platform/time/french-dates.ts";
import type { BenefitResult } from "./engine.ts";
import type { BenefitId } from "./household.ts";

/**
 * The first sentence of a result, in plain French (FALC reading): how much, how often, and
 * why in everyday words, with no term of the trade. The calculation follows, folded.
 */

/** "531 €": rounded to the euro, as "environ" says; a narrow no-break space before €. */
export function roundEuros(cents: number): string {
  const euros = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 }).format(
    Math.round(cents / 100),
  );
  return `${euros}\u202f€`;
}

const WHY: Readonly<Record<BenefitId, string>> = {
  rsa: "parce que l'argent qui entre dans votre foyer est plus bas que le minimum prévu par la loi",
  ppa: "parce que vous travaillez et que vos revenus sont modestes",
  css: "parce que vos revenus sont modestes. Elle paie la part de vos soins que la Sécurité sociale ne rembourse pas",
  af: "parce que vous avez au moins deux enfants de moins de 20 ans",
  ars: "parce que vous avez un enfant de 6 à 18 ans qui va à l'école et que vos revenus sont modestes",
  aah: "parce que votre handicap est reconnu et que vos ressources sont modestes",
  aspa: "parce que vous avez l'âge de la retraite et que vos ressources sont faibles",
  cheque_energie:
    "pour payer l'électricité, le gaz ou le chauffage, parce que vos revenus sont modestes",
  asf: "parce que vous élevez seul votre enfant et que l'autre parent ne paie pas de pension alimentaire, ou pas assez",
  cf: "parce que vous avez au moins trois enfants de 3 ans ou plus et que vos revenus sont modestes",
  aefa: "parce que vous touchez le RSA",
  paje_base: "parce que vous avez un enfant de moins de 3 ans et que vos revenus sont modestes",
  paje_naissance: "parce que vous attendez un enfant et que vos revenus sont modestes",
  aide_logement:
    "pour vous aider à payer votre loyer, parce que vos revenus sont modestes par rapport à ce loyer",
  asi: "parce que vous touchez une pension d'invalidité et que vos ressources sont faibles. Elle complète votre pension",
  bourse_college: "parce que votre enfant va au collège et que vos revenus sont modestes",
  bourse_lycee: "parce que votre enfant va au lycée et que vos revenus sont modestes",
};

const WHAT: Readonly<Record<BenefitId, string>> = {
  rsa: "de RSA (revenu de solidarité active)",
  ppa: "de prime d'activité",
  css: "",
  af: "d'allocations familiales",
  ars: "d'allocation de rentrée scolaire",
  aah: "d'allocation aux adultes handicapés (AAH)",
  aspa: "de minimum vieillesse (ASPA)",
  cheque_energie: "",
  asf: "d'allocation de soutien familial",
  cf: "de complément familial",
  aefa: "",
  paje_base: "d'allocation de base de la PAJE (prestation d'accueil du jeune enfant)",
  paje_naissance: "de prime à la naissance",
  aide_logement: "d'aide au logement",
  asi: "d'allocation supplémentaire d'invalidité (ASI)",
  bourse_college: "de bourse de collège",
  bourse_lycee: "de bourse de lycée",
};

/** The plain first sentence of a benefit the person probably can get. */
export function plainSentence(result: BenefitResult): string {
  const b = result.benefit;
  const why = WHY[b];
  switch (b) {
    case "css":
      return result.amountCents === 0
        ? `Vous pourriez avoir la complémentaire santé solidaire sans rien payer, ${why}.`
        : `Vous pourriez avoir la complémentaire santé solidaire pour environ ${roundEuros(result.amountCents)} par mois pour tout le foyer, ${why}.`;
    case "ars": {
      const paid =
        typeof result.detail?.paid === "number" ? result.detail.paid : result.amountCents;
      return `Vous pourriez recevoir environ ${roundEuros(paid)} en août ${WHAT.ars}, ${why}.`;
    }
    case "cheque_energie":
      return `Vous pourriez recevoir un chèque énergie d'environ ${roundEuros(result.amountCents)} par an, ${why}.`;
    case "aide_logement": {
      const kind = typeof result.detail?.aide === "string" ? result.detail.aide.toUpperCase() : "";
      return `Vous pourriez recevoir environ ${roundEuros(result.amountCents)} par mois d'aide au logement${kind ? ` (${kind})` : ""}, ${why}.`;
    }
    case "paje_naissance": {
      const paid =
        typeof result.detail?.paid === "number" ? result.detail.paid : result.amountCents;
      return `Vous pourriez recevoir environ ${roundEuros(paid)} en une fois, au 7e mois de la grossesse, ${WHAT.paje_naissance}, ${why}.`;
    }
    case "bourse_college":
    case "bourse_lycee": {
      const pupils = typeof result.detail?.pupils === "number" ? result.detail.pupils : 1;
      const child = pupils > 1 ? "vos enfants vont" : "votre enfant va";
      return `Vous pourriez recevoir environ ${roundEuros(result.amountCents)} pour l'année scolaire ${WHAT[b]}, en trois fois, ${why.replace("votre enfant va", child)}.`;
    }
    case "aefa":
      return `Vous pourriez recevoir environ ${roundEuros(result.amountCents)} en décembre (la « prime de Noël »), ${why}.`;
    default:
      return `Vous pourriez recevoir environ ${roundEuros(result.amountCents)} ${result.periodicity === "annuelle" ? "par an" : "par mois"} ${WHAT[b]}, ${why}.`;
  }
}

// ---- the calculation, for a resident (FALC reading) ----

/** A term of the trade that may appear in a calculation, and what it means in everyday words. */
export interface TermMeaning {
  readonly term: string;
  readonly pattern: RegExp;
  readonly meaning: string;
}

/**
 * Every term of the trade the calculations use, explained in short, everyday sentences. The
 * results page lists, under each calculation, the terms that appear in it (plain-language.test.ts
 * checks that none is left unexplained).
 */
export const GLOSSARY: readonly TermMeaning[] = [
  {
    term: "montant forfaitaire",
    pattern: /montant forfaitaire/i,
    meaning:
      "La somme de départ fixée par la loi pour un foyer comme le vôtre. On en retire ensuite vos ressources.",
  },
  {
    term: "forfait logement",
    pattern: /forfait logement/i,
    meaning:
      "Une somme retirée du RSA ou de la prime d'activité quand vous recevez une aide au logement ou que vous êtes logé gratuitement. La loi considère qu'une partie de vos frais de logement est déjà payée.",
  },
  {
    term: "BMAF",
    pattern: /BMAF|base mensuelle de calcul/i,
    meaning:
      "Base mensuelle de calcul des allocations familiales. C'est un montant fixé par l'État chaque année. Les aides de la CAF pour les familles en sont une part.",
  },
  {
    term: "abattement",
    pattern: /abattement|somme non comptée|déduction de 10/i,
    meaning: "Une partie de vos revenus que la loi ne compte pas. L'aide est calculée sans elle.",
  },
  {
    term: "ressources",
    pattern: /ressources|base ressources/i,
    meaning:
      "Tout l'argent qui entre dans le foyer : salaires, allocations chômage, pensions, certaines aides.",
  },
  {
    term: "CRDS",
    pattern: /CRDS/,
    meaning:
      "Une petite contribution de 0,5 % retirée de certaines aides. Elle sert à rembourser la dette de la Sécurité sociale.",
  },
  {
    term: "unité de consommation",
    pattern: /unités? de consommation/i,
    meaning:
      "Une façon de compter les personnes du logement : 1 pour la première, 0,5 pour la deuxième, 0,3 pour chaque autre.",
  },
  {
    term: "revenu fiscal de référence",
    pattern: /[Rr]evenu fiscal de référence|\bRFR\b/,
    meaning:
      "Un chiffre écrit sur votre avis d'impôt, à la ligne « Revenu fiscal de référence ». Il résume les revenus de l'année.",
  },
  {
    term: "plafond",
    pattern: /plafond|limite de revenus/i,
    meaning: "La limite à ne pas dépasser : au-dessus, l'aide baisse ou n'est pas versée.",
  },
  {
    term: "majoration",
    pattern: /majoration|majoré/i,
    meaning: "Une somme en plus, par exemple pour un enfant ou pour un parent seul.",
  },
  {
    term: "échelon",
    pattern: /échelon/i,
    meaning:
      "Un niveau de la bourse. Plus vos revenus sont bas, plus l'échelon est haut et plus la bourse est grande.",
  },
  {
    term: "participation personnelle",
    pattern: /participation (personnelle|minimale)|payez vous-même/i,
    meaning: "La part du loyer qui reste à payer par vous, même avec l'aide.",
  },
  {
    term: "zone",
    pattern: /\bzone [123]\b/i,
    meaning:
      "Le secteur de votre commune pour l'aide au logement. Dans les grandes villes (zone 1), on compte des loyers plus hauts.",
  },
  {
    term: "prestations familiales",
    pattern: /prestations familiales/i,
    meaning:
      "Les aides de la CAF pour les enfants : allocations familiales, complément familial, allocation de soutien familial…",
  },
  {
    term: "ASF",
    pattern: /\bASF\b|soutien familial/,
    meaning:
      "Allocation de soutien familial : une aide de la CAF pour un parent qui élève seul son enfant, quand l'autre parent ne paie pas de pension alimentaire.",
  },
  {
    term: "revenus d'activité",
    pattern: /revenus d'activité/i,
    meaning: "L'argent gagné en travaillant : salaire, revenu d'un travailleur indépendant.",
  },
  {
    term: "bonification",
    pattern: /bonification/i,
    meaning:
      "Une somme en plus dans la prime d'activité pour une personne qui gagne à peu près la moitié du SMIC ou plus.",
  },
  {
    term: "SMIC",
    pattern: /\bSMIC\b/,
    meaning: "Le salaire minimum fixé par la loi.",
  },
  {
    term: "à charge",
    pattern: /à charge/i,
    meaning: "Un enfant à charge : un enfant que vous élevez et qui vit chez vous.",
  },
  {
    term: "foyer",
    pattern: /\bfoyer\b/i,
    meaning:
      "Les personnes qui comptent pour l'aide : vous, votre conjoint s'il y en a un, et vos enfants à charge.",
  },
  {
    term: "taux d'incapacité",
    pattern: /taux d'incapacité/i,
    meaning:
      "Le pourcentage de handicap reconnu par la MDPH (maison départementale des personnes handicapées).",
  },
  {
    term: "MDPH",
    pattern: /\bMDPH\b/,
    meaning: "Maison départementale des personnes handicapées : elle reconnaît le handicap.",
  },
  {
    term: "CAF",
    pattern: /\bCAF\b/,
    meaning: "Caisse d'allocations familiales : elle verse la plupart des aides aux familles.",
  },
  {
    term: "différentielle",
    pattern: /différentiel/i,
    meaning: "Une aide réduite, versée quand les revenus dépassent un peu la limite.",
  },
  {
    term: "Cerfa",
    pattern: /Cerfa/,
    meaning:
      "Le numéro d'un formulaire officiel. Vous le trouvez en tapant ce numéro sur internet.",
  },
  {
    term: "allocataire",
    pattern: /allocataire/i,
    meaning: "Une personne qui reçoit déjà une aide de la CAF.",
  },
];

/** The terms of the trade used in these texts, in the glossary's order. */
export function termsIn(texts: readonly string[]): TermMeaning[] {
  const all = texts.join(" \n ");
  return GLOSSARY.filter((t) => t.pattern.test(all));
}

/**
 * A calculation step as a resident reads it: months in words (« septembre 2026 », not
 * « 2026-09 »), the symbols of a formula in words, « personne(s) » in plain words, and French
 * spacing (a non-breaking space before « : », a narrow one before « ; ? ! »).
 */
export function plainStepText(text: string): string {
  return (
    text
      .replace(/\b(\d{4})-(0[1-9]|1[0-2])\b/g, (key) => frenchMonth(key))
      .replace(/ − /g, " moins ")
      .replace(/ \+ /g, " plus ")
      .replace(/ × /g, " fois ")
      // « 3 personne(s) » → « 3 personnes », « 1 enfant(s) » → « 1 enfant »; alone, the plural.
      .replace(
        /(\d+(?:,\d+)?)(\s+)([\p{L}'’]+)\(s\)/gu,
        (_, n: string, space: string, word: string) =>
          Number(n.replace(",", ".")) >= 2 ? `${n}${space}${word}s` : `${n}${space}${word}`,
      )
      .replace(/\(s\)/g, "s")
      .replace(/[ \u00a0\u202f]+:(?=\s|$)/g, "\u00a0:")
      .replace(/[ \u00a0\u202f]+([;?!])/g, "\u202f$1")
  );
}

/**
 * The steps of the month shown first, and the other months' steps for who wants them: a step
 * written « 2026-09 — … » belongs to that month (the prime d'activité reads three months);
 * the steps without a month are shown with the latest month.
 */
export function stepsByMonth<T extends { readonly text: string }>(
  steps: readonly T[],
): { current: T[]; earlier: { month: string; steps: T[] }[] } {
  const byMonth = new Map<string, T[]>();
  const general: { index: number; step: T }[] = [];
  steps.forEach((step, index) => {
    const match = /^(\d{4}-\d{2}) — /.exec(step.text);
    if (match?.[1] === undefined) general.push({ index, step });
    else byMonth.set(match[1], [...(byMonth.get(match[1]) ?? []), step]);
  });
  const months = [...byMonth.keys()].sort();
  const latest = months.at(-1);
  const latestSteps = latest === undefined ? [] : (byMonth.get(latest) ?? []);
  // Steps without a month that come before the monthly ones stay first; the others (the
  // average, the total) come after the latest month's.
  const firstMonthly = steps.findIndex((s) => /^\d{4}-\d{2} — /.test(s.text));
  const before = general
    .filter((g) => firstMonthly < 0 || g.index < firstMonthly)
    .map((g) => g.step);
  const after = general
    .filter((g) => firstMonthly >= 0 && g.index > firstMonthly)
    .map((g) => g.step);
  return {
    current: [...before, ...latestSteps, ...after],
    earlier: months.slice(0, -1).map((month) => ({ month, steps: byMonth.get(month) ?? [] })),
  };
}

/** The month written at the head of a step (« 2026-09 — »), dropped when the month is shown apart. */
export function withoutMonth(text: string): string {
  return text.replace(/^\d{4}-\d{2} — /, "");
}
