import type { Explainer } from "./explain.ts";
import { familyResourcesN2, type SimulationContext } from "./foyer.ts";
import type { Schooling } from "./household.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import {
  collegePlafonds,
  collegeTaux,
  lyceePlafonds,
  lyceeTaux,
  SCHOOL_YEAR_CHECKED,
} from "./parameters/bourses.ts";
import { bmaf } from "./parameters/famille.ts";
import { MissingParameter } from "./parameters/resolve.ts";
import { smicHoraireBrut } from "./parameters/smic.ts";
import { type Parameter, valueOn } from "./parameters/types.ts";
import { euros, yearOf } from "./period.ts";

// Bourses nationales de collège (art. D531-1 to D531-12 code de l'éducation) and de lycée
// (art. D531-19 s.), computed as OpenFisca-France does (model/prestations/education.py):
// - the échelon comes from the revenu fiscal de référence of year N-2 (N = the month's year;
//   art. D531-21: "l'avant-dernière année civile par rapport à celle du dépôt de la demande")
//   against ceilings by number of dependent children, each a multiple of the SMIC horaire brut
//   of 1 July of N-2 rounded to the euro (arrêtés of 22 March 2016); a RFR equal to a ceiling
//   is within it;
// - the yearly amount per pupil is a share of the BMAF of 1 January of N (art. D531-7 and
//   D531-29), rounded to the nearest multiple of 3 € (paid in three terms);
// - the bourse is the amount per pupil times the children in collège (or lycée).
// Since July 2016 the lycée ceilings depend on the number of children only (the points de
// charge of the former barème are gone). The bourse au mérite, the prime d'équipement and the
// prime d'internat are not computed (they depend on a diploma mention, a class or a boarding).
// When the household does not give its RFR, it is estimated from the declared resources of
// N-2 (90 % of them, as the chèque énergie) and the explanation says so.

interface Kind {
  readonly schooling: Schooling;
  readonly where: string;
  readonly ceilings: readonly Parameter<readonly number[]>[];
  readonly rates: Parameter<readonly number[]>;
  readonly none: Outcome;
}

const COLLEGE: Kind = {
  schooling: "college",
  where: "au collège",
  ceilings: collegePlafonds,
  rates: collegeTaux,
  none: notEligible("Aucun enfant au collège d'après vos réponses."),
};
const LYCEE: Kind = {
  schooling: "lycee",
  where: "au lycée",
  ceilings: lyceePlafonds,
  rates: lyceeTaux,
  none: notEligible("Aucun enfant au lycée d'après vos réponses."),
};

export function computeBourseCollege(ctx: SimulationContext, ex: Explainer | null): Outcome {
  return computeBourse(ctx, ex, COLLEGE);
}

export function computeBourseLycee(ctx: SimulationContext, ex: Explainer | null): Outcome {
  return computeBourse(ctx, ex, LYCEE);
}

function need<T>(p: Parameter<T>, day: string): T {
  const v = valueOn(p, day);
  if (v === undefined) throw new MissingParameter(p.name, day);
  return v.value;
}

/** The échelon (0 = none) and the ceiling it was found under, in euros. */
export function echelonOf(
  rfrEuros: number,
  children: number,
  ceilings: readonly Parameter<readonly number[]>[],
  smicDay: string,
): { echelon: number; ceiling: number } {
  const smic = need(smicHoraireBrut, smicDay);
  const column = Math.min(Math.max(children, 1), 8) - 1;
  // The last échelon has the lowest ceiling: look from the top down.
  for (let e = ceilings.length; e >= 1; e--) {
    const ceiling = Math.round(
      (need(ceilings[e - 1] as Parameter<readonly number[]>, smicDay)[column] as number) * smic,
    );
    if (rfrEuros <= ceiling) return { echelon: e, ceiling };
  }
  return {
    echelon: 0,
    ceiling: Math.round(
      (need(ceilings[0] as Parameter<readonly number[]>, smicDay)[column] as number) * smic,
    ),
  };
}

function computeBourse(ctx: SimulationContext, ex: Explainer | null, kind: Kind): Outcome {
  let pupils = 0;
  for (const c of ctx.children) if (c.schooling === kind.schooling) pupils++;
  if (pupils === 0) return kind.none;
  const year = yearOf(ctx.month);
  const reference = year - 2;
  const declared = ctx.household.rfr?.[String(reference)];
  const rfr = declared ?? familyResourcesN2(ctx, year).amount;
  const rfrEuros = Math.round(rfr) / 100;
  const children = ctx.children.length;
  const smicDay = `${reference}-07-01`;
  const { echelon, ceiling } = echelonOf(rfrEuros, children, kind.ceilings, smicDay);
  ex?.step(
    `${pupils === 1 ? "Un enfant" : `${pupils} enfants`} ${kind.where} : la bourse est calculée pour ${pupils === 1 ? "lui" : "chacun"}`,
  );
  ex?.step(
    declared !== undefined
      ? `Revenu fiscal de référence de ${reference} (sur l'avis d'impôt ${reference + 1}), celui que vous avez indiqué`
      : `Revenu fiscal de référence de ${reference}, estimé à partir des revenus que vous avez indiqués (le vrai chiffre est sur l'avis d'impôt ${reference + 1})`,
    rfr,
  );
  if (echelon === 0) {
    ex?.step(
      `Limite de revenus pour ${children === 1 ? "un enfant" : `${children} enfants`} à charge`,
      ceiling * 100,
      kind.ceilings,
      smicDay,
    );
    return notEligible(
      `Le revenu fiscal de référence (${euros(rfr)}) dépasse la limite de ${euros(ceiling * 100)} pour ${children === 1 ? "un enfant" : `${children} enfants`} à charge.`,
    );
  }
  ex?.step(
    `Vos revenus sont sous la limite de l'échelon ${echelon} pour ${children === 1 ? "un enfant" : `${children} enfants`} à charge (plus l'échelon est haut, plus la bourse est grande)`,
    ceiling * 100,
    [kind.ceilings[echelon - 1] as Parameter<readonly number[]>, smicHoraireBrut],
    smicDay,
  );
  const bmafDay = `${year}-01-01`;
  const rate = need(kind.rates, bmafDay)[echelon - 1] as number;
  const perPupil = Math.round((rate * need(bmaf, bmafDay)) / 3) * 3 * 100;
  ex?.step(
    `Bourse pour une année scolaire, par élève, à l'échelon ${echelon} (versée en trois fois, une par trimestre)`,
    perPupil,
    [kind.rates, bmaf],
    bmafDay,
  );
  const amount = perPupil * pupils;
  if (pupils > 1) ex?.step(`Pour vos ${pupils} enfants ${kind.where}`, amount);
  ex?.step(
    `Ce calcul utilise le barème de l'année scolaire ${SCHOOL_YEAR_CHECKED}, le dernier que nous avons pu vérifier`,
  );
  return {
    eligible: true,
    amount,
    detail: {
      echelon,
      pupils,
      rfrEstimated: declared === undefined,
      schoolYear: SCHOOL_YEAR_CHECKED,
    },
  };
}
