import type { Explainer } from "./explain.ts";
import { childrenUnder, type SimulationContext } from "./foyer.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import * as PF from "./parameters/famille.ts";
import * as P from "./parameters/logement.ts";
import { type AlZone, DEFAULT_ZONE, zoneOfCommune } from "./parameters/logement-zones.ts";
import type { MonthParameters } from "./parameters/resolve.ts";

// Aide personnelle au logement of a tenant (art. L821-1 s., R823-1 s., D823-1 s. CCH; arrêté
// du 27 septembre 2019), for month M:
//   aide = loyer retenu L + forfait charges C − participation personnelle Pp, where
//   L = the rent, at most the ceiling of the zone and family (75 % in colocation, 90 % for a
//       room; two thirds of a furnished rent for the allocation de logement);
//   Pp = P0 + Tp × (R − R0): P0 = max(8.5 % of L + C, a fixed minimum), Tp = Tf (by family) +
//       TL (by the ratio of L to the zone 2 ceiling of the family), R the yearly resources
//       rounded up to 100 €, R0 a yearly abattement by family.
// Then: nothing under 10 €; a rent far above the ceiling lowers then cancels the aid
// (dégressivité, except for a disabled member); 5 € retenue; CRDS 0.5 %.
// Resources since 2021 (« contemporanéisation », art. R822-2 CCH): the 12 months M-13 to M-2,
// taxable incomes after the 10 % deductions. The engine reads the net monthly resources it
// has (salaries and unemployment benefits, pensions, maintenance, others); the RSA, the prime
// d'activité, the AAH and the family benefits are not taxable and do not count. Months not
// given are estimated from the known ones (said in the explanation).
// APL when the dwelling is conventionné (HLM…), else ALF with a dependent, else ALS.
// Not computed (said, never a silent 0): owners repaying a loan (APL accession), self-employed
// incomes, housing in a foyer; not modelled: the réduction de loyer de solidarité of HLM
// tenants (it lowers the rent and the APL together), students' flat resources, the 30 %
// abattement of an unemployed person's earnings, the dependants other than children under
// 21, the ALF of a young married couple without child, overseas rules.

export type AlKind = "apl" | "alf" | "als";

export const AL_LABELS: Readonly<Record<AlKind, string>> = {
  apl: "Aide personnalisée au logement (APL)",
  alf: "Allocation de logement familiale (ALF)",
  als: "Allocation de logement sociale (ALS)",
};

/** The month's aide au logement, every intermediate figure in cents (monthly unless said). */
export interface AlOfMonth {
  readonly kind: AlKind;
  readonly zone: AlZone;
  readonly zoneAssumed: boolean;
  readonly dependents: number;
  readonly rent: number;
  readonly ceiling: number;
  readonly retained: number;
  readonly charges: number;
  readonly p0: number;
  /** Yearly resources, rounded up to 100 €. */
  readonly resources: number;
  readonly resourcesEstimated: boolean;
  /** Yearly abattement R0. */
  readonly r0: number;
  readonly tf: number;
  readonly tl: number;
  readonly participation: number;
  /** L + C − Pp, at least 0. */
  readonly beforeThreshold: number;
  /** Coefficient of dégressivité (1 when the rent is not far above the ceiling). */
  readonly degressivity: number;
  /** After the threshold, the dégressivité and the 5 € retenue, before CRDS. */
  readonly gross: number;
  /** Paid, after CRDS (0.5 %). */
  readonly paid: number;
}

const NOT_TENANT = notEligible(
  "Les aides au logement calculées ici sont pour les personnes qui paient un loyer.",
);
const NO_RENT = notEligible("Indiquez le loyer pour calculer l'aide au logement.");
const ACCESSION = notEligible(
  "Non calculé : l'aide au logement des propriétaires qui remboursent un prêt (APL accession) n'est pas encore calculée par ce simulateur. Renseignez-vous auprès de la CAF.",
);
const FOYER = notEligible(
  "Non calculé : l'aide au logement en foyer ou en résidence sociale n'est pas encore calculée par ce simulateur. Renseignez-vous auprès de la CAF ou du foyer.",
);
const SELF_EMPLOYED = notEligible(
  "Non calculé : les revenus d'un travailleur indépendant ne sont pas encore pris en compte pour l'aide au logement. Renseignez-vous auprès de la CAF.",
);

/** Why the aid is not computed for this household, or undefined when it is. */
export function alRefusal(ctx: SimulationContext): Outcome | undefined {
  const h = ctx.household.housing;
  if (h.status === "accedant") return ACCESSION;
  if (h.status !== "locataire") return NOT_TENANT;
  if (h.foyer === true) return FOYER;
  for (const a of ctx.adults) if (a.activity === "independant") return SELF_EMPLOYED;
  if (h.rent === undefined || h.rent <= 0) return NO_RENT;
  return undefined;
}

/** Rounds cents up to the next 100 €. */
const up100 = (c: number): number => Math.ceil(Math.round(c) / 10000) * 10000;

/**
 * Yearly resources of the foyer over M-13..M-2 after the 10 % deductions, rounded up to 100 €.
 * A member with some months unknown is scaled up from the known ones.
 */
function yearlyResources(
  ctx: SimulationContext,
  p: MonthParameters,
): { amount: number; estimated: boolean } {
  let total = 0;
  let estimated = false;
  const pro = p.alAbatPro;
  const pen = p.alAbatPensions;
  const proRate = pro[0] as number;
  const proMin = pro[1] as number;
  const proMax = pro[2] as number;
  const penRate = pen[0] as number;
  const penMin = pen[1] as number;
  const penMax = pen[2] as number;
  for (const a of ctx.adults) {
    let earnings = 0;
    let pensions = 0;
    let others = 0;
    let known = 0;
    const resources = a.resources;
    if (resources !== undefined) {
      for (let i = 2; i <= 13; i++) {
        const r = resources[ctx.key[i] as string];
        if (r === undefined) continue;
        known++;
        earnings += (r.salaireNet ?? 0) + (r.chomageNet ?? 0);
        pensions += (r.retraiteNette ?? 0) + (r.pensionsAlimentaires ?? 0);
        others += r.autres ?? 0;
      }
    }
    if (known === 0) continue;
    if (known < 12) {
      const scale = 12 / known;
      earnings *= scale;
      pensions *= scale;
      others *= scale;
      estimated = true;
    }
    if (earnings > 0)
      earnings -= Math.min(earnings, Math.min(Math.max(proRate * earnings, proMin), proMax));
    if (pensions > 0)
      pensions -= Math.min(pensions, Math.min(Math.max(penRate * pensions, penMin), penMax));
    total += earnings + pensions + others;
  }
  return { amount: up100(total), estimated };
}

/** Per-family entry of a table [seul, couple, 1, 2, …, 6 dependents, per dependent beyond 6]. */
function byFamily(table: readonly number[], couple: boolean, dependents: number): number {
  if (dependents === 0) return table[couple ? 1 : 0] as number;
  if (dependents <= 6) return table[1 + dependents] as number;
  return (table[7] as number) + (dependents - 6) * (table[8] as number);
}

/** Ceiling of a zone for a family, in cents: [seul, couple, 1 dependent, per dependent more]. */
function ceilingOf(quad: readonly number[], couple: boolean, dependents: number): number {
  if (dependents === 0) return quad[couple ? 1 : 0] as number;
  return (quad[2] as number) + (dependents - 1) * (quad[3] as number);
}

/** The aide au logement of month M, or the reason it is not computed. */
export function alOfMonth(ctx: SimulationContext): AlOfMonth | Outcome {
  const refusal = alRefusal(ctx);
  if (refusal !== undefined) return refusal;
  const p = ctx.p;
  const h = ctx.household.housing;
  const couple = ctx.couple;
  const dependents = childrenUnder(ctx, p.alAgeLimite);
  const known = h.zone ?? zoneOfCommune(ctx.household.depcom);
  const zone = known ?? DEFAULT_ZONE;
  const conventionne = h.conventionne === true;
  const kind: AlKind = conventionne ? "apl" : dependents > 0 ? "alf" : "als";

  // Ceiling: a room takes the single person's ceiling, at 90 %; colocation 75 %.
  const zoneQuad = p.alPlafonds[zone - 1] as readonly number[];
  let ceiling = h.room === true ? (zoneQuad[0] as number) : ceilingOf(zoneQuad, couple, dependents);
  if (h.room === true) ceiling *= p.alCoefChambre;
  if (h.shared === true) ceiling *= p.alCoefColoc;
  ceiling = Math.round(ceiling);
  // The rent, in whole euros; two thirds of a furnished rent (for the APL: a furnished room only).
  const furnishedCounts = h.furnished === true && (!conventionne || h.room === true);
  const rent =
    Math.round(((h.rent as number) * (furnishedCounts ? p.alCoefMeuble : 1)) / 100) * 100;
  const retained = Math.min(rent, ceiling);
  const charges =
    h.shared === true
      ? (p.alChargesColoc[couple ? 1 : 0] as number) + dependents * (p.alChargesColoc[2] as number)
      : (p.alCharges[0] as number) + dependents * (p.alCharges[1] as number);
  const p0 = Math.max(p.alP0Taux * (retained + charges), p.alP0Forfait);

  const res = yearlyResources(ctx, p);
  const r0 = byFamily(p.alR0, couple, dependents);
  const tf = byFamily(p.alTf, couple, dependents);
  // RL = L / loyer de référence (zone 2 ceiling of the family), in % rounded to 2 decimals;
  // TL in % rounded to 3 decimals.
  const reference = ceilingOf(p.alPlafonds[1] as readonly number[], couple, dependents);
  const rl = Math.round((retained / reference) * 10000) / 100;
  const tlRates = p.alTl;
  const s1 = tlRates[0] as number;
  const s2 = tlRates[1] as number;
  const t2 = tlRates[2] as number;
  const t3 = tlRates[3] as number;
  const tlPct =
    rl >= s2 * 100
      ? t3 * (rl - s2 * 100) + t2 * (s2 - s1) * 100
      : Math.max(0, t2 * (rl - s1 * 100));
  const tl = Math.round(tlPct * 1000) / 100000;
  const participation = p0 + (tf + tl) * Math.max(0, res.amount - r0);
  const beforeThreshold = Math.max(0, Math.round(retained + charges - participation));

  let degressivity = 1;
  let disabled = false;
  for (const m of ctx.household.members)
    if ((m.disabilityRate ?? 0) >= 0.8 || m.rsdae === true) disabled = true;
  if (!disabled) {
    const deg = Math.round(ceiling * (p.alDegressivite[(zone - 1) * 2] as number));
    const sup = Math.round(ceiling * (p.alDegressivite[(zone - 1) * 2 + 1] as number));
    if (rent > sup) degressivity = 0;
    else if (rent > deg) degressivity = 1 - (rent - deg) / (sup - deg);
  }
  const afterThreshold = beforeThreshold < p.alSeuil ? 0 : beforeThreshold;
  const gross = Math.max(0, Math.round(afterThreshold * degressivity) - p.alMinoration);
  const paid = Math.round(gross * (1 - p.crds));
  return {
    kind,
    zone,
    zoneAssumed: known === undefined,
    dependents,
    rent,
    ceiling,
    retained,
    charges,
    p0,
    resources: res.amount,
    resourcesEstimated: res.estimated,
    r0,
    tf,
    tl,
    participation,
    beforeThreshold,
    degressivity,
    gross,
    paid,
  };
}

function isOutcome(x: AlOfMonth | Outcome): x is Outcome {
  return (x as Outcome).eligible !== undefined;
}

const pct = (rate: number): string =>
  `${(Math.round(rate * 100000) / 1000).toLocaleString("fr-FR")} %`;
const eurosYear = (c: number): string => `${Math.round(c / 100).toLocaleString("fr-FR")} €`;

const UNDER_THRESHOLD = notEligible(
  "L'aide calculée est inférieure à 10 € par mois : elle n'est pas versée.",
);
const RENT_TOO_HIGH = notEligible(
  "Le loyer est beaucoup plus élevé que le plafond : l'aide n'est pas versée.",
);
const RESOURCES_TOO_HIGH = notEligible(
  "Les ressources du foyer sont trop élevées par rapport au loyer.",
);

const KINDS: readonly AlKind[] = ["apl", "alf", "als"];
/**
 * The detail of a granted aid, one frozen object per (kind, zone, zone assumed, resources
 * estimated): the batch grants it millions of times without allocating.
 */
const DETAILS: readonly Readonly<Record<string, string | number | boolean>>[] = KINDS.flatMap(
  (aide) =>
    [1, 2, 3].flatMap((zone) =>
      [false, true].flatMap((zoneSupposee) =>
        [false, true].map((ressourcesEstimees) =>
          Object.freeze({
            aide,
            zone,
            ...(zoneSupposee ? { zoneSupposee } : {}),
            ...(ressourcesEstimees ? { ressourcesEstimees } : {}),
          }),
        ),
      ),
    ),
);

export function computeAl(ctx: SimulationContext, ex: Explainer | null): Outcome {
  const al = alOfMonth(ctx);
  if (isOutcome(al)) return al;
  if (ex) explain(ctx, al, ex);
  if (al.paid <= 0) {
    if (al.beforeThreshold > 0 && al.beforeThreshold < ctx.p.alSeuil) return UNDER_THRESHOLD;
    return al.degressivity === 0 ? RENT_TOO_HIGH : RESOURCES_TOO_HIGH;
  }
  const index =
    ((KINDS.indexOf(al.kind) * 3 + al.zone - 1) * 2 + (al.zoneAssumed ? 1 : 0)) * 2 +
    (al.resourcesEstimated ? 1 : 0);
  return { eligible: true, amount: al.paid, detail: DETAILS[index] };
}

function explain(ctx: SimulationContext, al: AlOfMonth, ex: Explainer): void {
  const h = ctx.household.housing;
  const zoneParam =
    al.zone === 1 ? P.alPlafondZone1 : al.zone === 2 ? P.alPlafondZone2 : P.alPlafondZone3;
  ex.step(
    al.kind === "apl"
      ? "Logement HLM ou conventionné : c'est l'APL (aide personnalisée au logement)"
      : al.kind === "alf"
        ? "Logement privé avec un enfant à charge : c'est l'ALF (allocation de logement familiale)"
        : "Logement privé sans enfant à charge : c'est l'ALS (allocation de logement sociale)",
  );
  ex.step(
    al.zoneAssumed
      ? `Commune inconnue du simulateur : zone ${al.zone} supposée (les plafonds dépendent de la zone)`
      : `Votre commune est en zone ${al.zone} (les plafonds dépendent de la zone)`,
  );
  if (al.dependents > 0)
    ex.step(`Enfants de moins de 21 ans à charge : ${al.dependents}`, undefined, [P.alAgeLimite]);
  ex.step(
    h.furnished === true && al.rent !== h.rent
      ? "Loyer retenu (logement meublé : les deux tiers du loyer)"
      : "Loyer, sans les charges",
    al.rent,
    h.furnished === true ? [P.alCoefMeuble] : undefined,
  );
  ex.step(
    `Loyer maximum pris en compte pour votre foyer${h.shared === true ? " (colocation : 75 %)" : ""}${h.room === true ? " (chambre : 90 %)" : ""}`,
    al.ceiling,
    [
      zoneParam,
      ...(h.shared === true ? [P.alCoefColocation] : []),
      ...(h.room === true ? [P.alCoefChambre] : []),
    ],
  );
  if (al.retained < al.rent)
    ex.step("Votre loyer dépasse ce maximum : c'est le maximum qui compte", al.retained);
  ex.step("Somme fixe pour les charges (eau, chauffage…), ajoutée au loyer", al.charges, [
    h.shared === true ? P.alChargesColocation : P.alCharges,
  ]);
  ex.step(
    `Revenus du foyer sur 12 mois (${ctx.key[13]} à ${ctx.key[2]}), après la déduction de 10 %, arrondis à la centaine d'euros au-dessus : ${eurosYear(al.resources)} par an${al.resourcesEstimated ? " (des mois manquent : estimés à partir des mois connus)" : ""}`,
    undefined,
    [P.alAbattementPro, P.alAbattementPensions],
  );
  ex.step(
    `Somme non comptée sur ces revenus pour votre foyer : ${eurosYear(al.r0)} par an`,
    undefined,
    [P.alR0],
  );
  ex.step(
    `Part des revenus qui reste à votre charge : ${pct(al.tf + al.tl)} du reste par an, chaque mois (${pct(al.tf)} selon la famille, ${pct(al.tl)} selon le loyer)`,
    undefined,
    [P.alTf, P.alTl],
  );
  ex.step("Participation minimale (au moins 8,5 % du loyer et des charges)", al.p0, [
    P.alP0Forfait,
    P.alP0Taux,
  ]);
  ex.step("Ce que vous payez vous-même (participation personnelle)", al.participation);
  ex.step(
    "Aide avant retenue : le loyer pris en compte, plus la somme pour les charges, moins ce que vous payez vous-même",
    al.beforeThreshold,
  );
  if (al.beforeThreshold > 0 && al.beforeThreshold < ctx.p.alSeuil)
    ex.step("Moins de 10 € : l'aide n'est pas versée", undefined, [P.alSeuilVersement]);
  if (al.degressivity < 1)
    ex.step(
      `Loyer très au-dessus du maximum : l'aide est réduite (${pct(al.degressivity)} gardés)`,
      undefined,
      [P.alDegressivite],
    );
  if (al.gross > 0 || al.beforeThreshold >= ctx.p.alSeuil)
    ex.step("Retenue forfaitaire de 5 € sur toutes les aides au logement", ctx.p.alMinoration, [
      P.alMinoration,
    ]);
  if (al.paid > 0) ex.step("Aide au logement du mois, après la CRDS de 0,5 %", al.paid, [PF.crds]);
}
