/** How a simulated month and amounts read, in French, on the results pages. */

const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

export function formatEuros(cents: number): string {
  return `${new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;
}

/**
 * Said wherever a simulation is shown for a month whose legal amounts are not
 * known yet (see valuesAssumedFrom): the amounts are those of an earlier month.
 */
export function assumedValuesNotice(month: string, valuesOf: string): string {
  return `Les montants officiels de ${monthLabel(month)} ne sont pas encore connus de ce simulateur : le calcul utilise les derniers montants connus, ceux de ${monthLabel(valuesOf)}. Le résultat peut changer quand les nouveaux montants seront publiés.`;
}
