import { computeAf } from "./af.ts";
import { asfPaid } from "./asf.ts";
import { cfOfMonth } from "./cf.ts";
import type { Explainer } from "./explain.ts";
import { childrenUnder, housingAdvantage, type SimulationContext, sizeRate } from "./foyer.ts";
import type { MonthlyResources } from "./household.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import * as P from "./parameters/css.ts";
import { parametersFor } from "./parameters/resolve.ts";
import { ageOn, euros, monthKey, yearOf } from "./period.ts";

const ABOVE_CEILING = notEligible(
  "Les ressources du foyer dépassent le plafond de la complémentaire santé solidaire.",
);

// Complémentaire santé solidaire (L861-1 s., R861-1 s. CSS): free under the first
// ceiling, with a monthly participation by age under the second (35 % higher).
// RSA recipients get it free. Resources: the 12 months M-13..M-2 of the foyer (art. R861-8
// CSS; the engine reads the months it has and scales them to a year), family benefits
// included, plus a forfait logement; the RSA and the prime d'activité are left out
// (art. L861-2 CSS). Not modelled: the overseas ceilings, the
// abattements for AAH/ASPA recipients, the Alsace-Moselle participation.

const CHILD_AGE_LIMIT = 25;

export function computeCss(
  ctx: SimulationContext,
  rsaAmount: number,
  ex: Explainer | null,
): Outcome {
  const p = ctx.p;
  const nChildren = childrenUnder(ctx, CHILD_AGE_LIMIT);
  const persons = ctx.adults.length + nChildren;
  if (rsaAmount > 0 || ctx.household.benefitsReceived?.includes("rsa")) {
    ex?.step(
      "Le foyer perçoit le RSA : la complémentaire santé solidaire est gratuite, sans examen des ressources",
    );
    return { eligible: true, amount: 0, detail: { participation: false } };
  }

  let total = 0;
  let known = 0;
  // The months of M-13..M-2 that are known ("YYYY-MM" keys compare as strings).
  const last = ctx.key[2] as string;
  const first = ctx.key[13] as string;
  for (const a of ctx.adults) {
    const resources = a.resources;
    if (resources === undefined) continue;
    let months = 0;
    let sum = 0;
    for (const key in resources) {
      if (key < first || key > last) continue;
      const r = resources[key] as MonthlyResources;
      months++;
      sum +=
        (r.salaireNet ?? 0) +
        (r.chomageNet ?? 0) +
        (r.retraiteNette ?? 0) +
        (r.pensionsAlimentaires ?? 0) +
        (r.autres ?? 0);
    }
    // Each person's known months are scaled to a year.
    if (months > 0) total += (sum * 12) / months;
    if (months > known) known = months;
  }

  let yearly = total;
  if (ex) {
    ex.step(
      known === 12
        ? `Ressources des douze mois de ${monthKey(ctx.month - 13)} à ${monthKey(ctx.month - 2)}`
        : `Ressources sur douze mois, estimées à partir de ${known} mois connus`,
      yearly,
    );
  }
  // Family benefits and the ASF count; the AAH, ASPA and housing benefits are partly
  // or wholly excluded (R861-10 CSS), the engine leaves them out.
  const af = computeAf(ctx, null);
  let family = af.amount * 12;
  family += asfPaid(ctx, ctx.month, p, ctx.key[2]) * 12;
  family += cfOfMonth(ctx, ctx.month).amount * 12;
  if (family > 0) {
    yearly += family;
    ex?.step(
      "Prestations familiales sur douze mois (dont allocation de soutien familial et complément familial)",
      family,
    );
  }
  // The RSA and the prime d'activité are not resources of the CSS (art. L861-2 CSS).
  ex?.step(
    "La prime d'activité et le RSA ne sont pas comptés (art. L861-2 du code de la sécurité sociale)",
  );
  const advantage = housingAdvantage(ctx);
  if (advantage !== null) {
    const capped = Math.min(persons, 3);
    const rates = advantage === "aide_logement" ? p.cssFlAvecAl : p.cssFlSansAl;
    const fl =
      (rates[capped - 1] as number) *
      p.rsaBase *
      sizeRate(capped, !ctx.couple, p.rsaMaj2, p.rsaMaj34, p.rsaMajSup) *
      12;
    yearly += fl;
    ex?.step("Forfait logement sur douze mois", fl, [
      advantage === "aide_logement" ? P.cssForfaitLogementAvecAl : P.cssForfaitLogementSansAl,
    ]);
  }

  const c = p.cssPlafonds;
  const free =
    persons <= 4 ? (c.free[persons - 1] as number) : c.free[3] + (persons - 4) * c.freeExtraPerson;
  const paying =
    persons <= 4
      ? (c.withParticipation[persons - 1] as number)
      : c.withParticipation[3] + (persons - 4) * c.withParticipationExtraPerson;
  const freeCents = free * 100;
  const payingCents = paying * 100;
  ex?.step(
    `Plafonds pour ${persons} personne(s) : ${euros(freeCents)} (gratuite) et ${euros(payingCents)} (avec participation)`,
    undefined,
    [P.cssPlafonds],
  );
  if (yearly <= freeCents) {
    ex?.step("Ressources sous le premier plafond : complémentaire santé solidaire gratuite");
    return { eligible: true, amount: 0, detail: { participation: false } };
  }
  if (yearly > payingCents) return ABOVE_CEILING;

  // Participation per person by age on 1 January of the year the right starts.
  const year = yearOf(ctx.month);
  const rates = p.cssParticipation;
  let participation = 0;
  for (const m of ctx.adults.concat(
    ctx.children.filter((c) => ageOn(c.birthDate, year, 1, 1) < CHILD_AGE_LIMIT),
  )) {
    const age = ageOn(m.birthDate, year, 1, 1);
    const euro =
      age < 30
        ? rates.upTo29
        : age < 50
          ? rates.from30To49
          : age < 60
            ? rates.from50To59
            : age < 70
              ? rates.from60To69
              : rates.from70;
    participation += euro * 100;
  }
  ex?.step(
    "Ressources entre les deux plafonds : participation mensuelle selon l'âge de chaque personne au 1er janvier",
    participation,
    [P.cssParticipation],
  );
  return { eligible: true, amount: participation, detail: { participation: true } };
}

/** Exported for tests: the ceilings of a month for a household size, in euros. */
export function cssCeilingsFor(
  monthIndex: number,
  persons: number,
): { free: number; withParticipation: number } {
  const c = parametersFor(monthIndex).cssPlafonds;
  return {
    free:
      persons <= 4
        ? (c.free[persons - 1] as number)
        : c.free[3] + (persons - 4) * c.freeExtraPerson,
    withParticipation:
      persons <= 4
        ? (c.withParticipation[persons - 1] as number)
        : c.withParticipation[3] + (persons - 4) * c.withParticipationExtraPerson,
  };
}
