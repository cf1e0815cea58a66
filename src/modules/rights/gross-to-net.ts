import * as C from "./parameters/cotisations.ts";
import { type Parameter, valueOn } from "./parameters/types.ts";

/**
 * Net salary from a gross monthly salary (OpenFisca's `salaire_de_base`), for
 * a private-sector non-managerial employee of the régime général outside
 * Alsace-Moselle, up to the plafond mensuel de la sécurité sociale: gross
 * minus the employee contributions of `parameters/cotisations.ts`, each
 * rounded to the cent as on a payslip. Above the plafond the tranche 2 rates
 * apply, which this engine does not model: it returns `undefined` and the
 * caller refuses the situation rather than guess. The plafond is the full-time
 * one: for a part-time job whose plafond is reduced pro rata (art. R242-7 CSS),
 * a salary between the reduced and the full plafond is slightly over-estimated.
 */
export function netSalaryFromGross(grossCents: number, day: string): number | undefined {
  const rate = (p: Parameter) => {
    const found = valueOn(p, day);
    if (found === undefined) throw new Error(`Paramètre « ${p.name} » inconnu au ${day}.`);
    return found.value;
  };
  const plafond = Math.round(rate(C.plafondMensuelSecuriteSociale) * 100);
  if (grossCents > plafond) return undefined;
  const csgBase = grossCents * rate(C.assietteCsgCrds);
  const contributions = [
    grossCents * rate(C.cotisationVieillessePlafonnee),
    grossCents * rate(C.cotisationVieillesseDeplafonnee),
    grossCents * rate(C.cotisationAgircArrcoT1),
    grossCents * rate(C.contributionEquilibreGeneralT1),
    csgBase * rate(C.csgActivite),
    csgBase * rate(C.crdsActivite),
  ];
  // Rounded to 1e-6 first so that 22 597.5 cents stays .5 despite binary floating point.
  const rounded = contributions.map((c) => Math.round(Math.round(c * 1e6) / 1e6));
  return grossCents - rounded.reduce((a, b) => a + b, 0);
}

/** The monthly plafond in euros, for the refusal message. */
export function plafondOn(day: string): number | undefined {
  return valueOn(C.plafondMensuelSecuriteSociale, day)?.value;
}
