/** How amounts read, in French, on the results pages (months: platform/time frenchMonth). */
import { frenchMonth } from "../../platform/time/french-dates.ts";

export function formatEuros(cents: number): string {
  return `${new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;
}

/**
 * Said wherever a simulation is shown for a month whose legal amounts are not
 * known yet (see valuesAssumedFrom): the amounts are those of an earlier month.
 */
export function assumedValuesNotice(month: string, valuesOf: string): string {
  return `Les montants officiels de ${frenchMonth(month)} ne sont pas encore connus de ce simulateur : le calcul utilise les derniers montants connus, ceux de ${frenchMonth(valuesOf)}. Le résultat peut changer quand les nouveaux montants seront publiés.`;
}
