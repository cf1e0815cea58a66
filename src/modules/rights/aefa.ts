import type { Explainer } from "./explain.ts";
import { childrenUnder, type SimulationContext } from "./foyer.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import * as P from "./parameters/aefa.ts";
import { parametersFor } from "./parameters/resolve.ts";
import { yearOf } from "./period.ts";

// Prime de Noël (aide exceptionnelle de fin d'année, décret renewed each December): paid in
// December, once per foyer, to the foyers whose RSA is due (not nil) for November or, failing
// that, December. The engine estimates it from the RSA of the month simulated, with the
// composition of that month and the amounts of that year's December. Amounts are truncated to
// the cent as published (228.67 € for two persons, 320.14 € for a couple with two children).
// Not modelled: the flat 152.45 € of the ASS and AER recipients (those allocations are not
// computed), Mayotte.

const CHILD_AGE_LIMIT = 25;
const NO_RSA = notEligible(
  "La prime de Noël est versée aux foyers qui touchent le RSA en novembre ou en décembre.",
);

/** Rate of the single person's amount for a foyer (conjoint or not, children under 25). */
export function aefaRate(
  couple: boolean,
  children: number,
  maj2: number,
  majSup: number,
  maj3: number,
): number {
  let rate = 1;
  let persons = 1;
  if (couple) {
    rate += maj2;
    persons++;
  }
  for (let i = 1; i <= children; i++) {
    rate += persons === 1 ? maj2 : i >= 3 ? maj3 : majSup;
    persons++;
  }
  return rate;
}

export function computeAefa(
  ctx: SimulationContext,
  rsaAmount: number,
  ex: Explainer | null,
): Outcome {
  const receivesRsa = rsaAmount > 0 || ctx.household.benefitsReceived?.includes("rsa") === true;
  if (!receivesRsa) return NO_RSA;
  const year = yearOf(ctx.month);
  const p = parametersFor(year * 12 + 11);
  const children = childrenUnder(ctx, CHILD_AGE_LIMIT);
  const rate = aefaRate(ctx.couple, children, p.aefaMaj2, p.aefaMajSup, p.aefaMaj3Enfant);
  const amount = Math.floor(Math.round(p.aefaMontant * rate * 1000) / 1000);
  if (ex) {
    ex.step(
      "Le foyer touche le RSA : la prime de Noël est versée en décembre, sans démarche, si le RSA est encore versé en novembre ou en décembre",
    );
    ex.step(
      `Prime de Noël ${year} pour ${ctx.couple ? "un couple" : "une personne seule"}${children > 0 ? ` avec ${children} enfant(s) ou personne(s) à charge de moins de 25 ans` : ""}`,
      amount,
      [
        P.aefaMontant,
        P.aefaMajorationDeuxiemePersonne,
        P.aefaMajorationPersonneSupplementaire,
        P.aefaMajorationTroisiemeEnfant,
      ],
      p.day,
    );
    if (year > P.AEFA_LAST_DECREE_YEAR)
      ex.step(
        `Le décret de fin ${year} n'est pas encore connu : ce sont les montants de décembre ${P.AEFA_LAST_DECREE_YEAR} (inchangés depuis 1998)`,
      );
  }
  return { eligible: true, amount, detail: { year } };
}
