import * as aah from "./aah.ts";
import * as aefa from "./aefa.ts";
import * as asi from "./asi.ts";
import * as aspa from "./aspa.ts";
import { BOURSES_PARAMETERS } from "./bourses.ts";
import * as ce from "./cheque-energie.ts";
import * as cotisations from "./cotisations.ts";
import * as css from "./css.ts";
import * as famille from "./famille.ts";
import * as logement from "./logement.ts";
import * as ppa from "./ppa.ts";
import * as rsa from "./rsa.ts";
import * as smic from "./smic.ts";
import { type Parameter, valueOn } from "./types.ts";

/**
 * Every parameter of a month, flattened, euros converted to cents. Resolved
 * once per month and memoised: the hot path of a batch reads plain numbers.
 */
export interface MonthParameters {
  readonly day: string;
  readonly rsaBase: number;
  readonly rsaMaj2: number;
  readonly rsaMaj34: number;
  readonly rsaMajSup: number;
  readonly rsaIsoBase: number;
  readonly rsaIsoEnfant: number;
  readonly rsaIsoAgeEnfant: number;
  readonly rsaIsoDuree: number;
  readonly rsaFl: readonly [number, number, number];
  readonly rsaForfaitAsf: number;
  readonly rsaPajeMois: number;
  readonly rsaMin: number;
  readonly rsaAgeMin: number;
  readonly ppaBase: number;
  readonly ppaPente: number;
  readonly ppaBonifSeuil: number;
  readonly ppaBonifSeuilMax: number;
  readonly ppaBonifTauxMax: number;
  readonly ppaMaj2: number;
  readonly ppaMaj34: number;
  readonly ppaMajSup: number;
  readonly ppaIsoBase: number;
  readonly ppaIsoEnfant: number;
  readonly ppaFl: readonly [number, number, number];
  readonly ppaMin: number;
  readonly ppaAgeMin: number;
  readonly ppaSeuilAah: number;
  readonly smicHoraire: number;
  readonly smicHeures: number;
  readonly bmaf: number;
  readonly afTaux2: number;
  readonly afTauxSup: number;
  readonly afMajAge: number;
  readonly afMajAgeSeuil: number;
  readonly afForfait20: number;
  readonly afAgeLimite: number;
  readonly afMod2: number;
  readonly afMod3: number;
  readonly afPlafond1: number;
  readonly afPlafond2: number;
  readonly afPlafondParEnfant: number;
  readonly afComplementMois: number;
  readonly arsTaux: readonly [number, number, number];
  readonly arsPlafond: number;
  readonly arsMajPlafond: number;
  readonly arsMin: number;
  readonly crds: number;
  readonly asfTaux: number;
  readonly asfSeuil: number;
  readonly cfTaux: number;
  readonly cfTauxMajore: number;
  readonly cfAgeMin: number;
  readonly cfAgeLimite: number;
  readonly cfNombreEnfants: number;
  readonly cfPlafondBase: number;
  readonly cfPlafondMaj: number;
  readonly cfMaj12: number;
  readonly cfMaj3: number;
  readonly cfPlafondMajoreTaux: number;
  readonly cfTauxBiactivite: number;
  readonly pajeBaseTaux: number;
  readonly pajeBaseAgeLimite: number;
  readonly pajeBaseTauxPartiel: number;
  readonly pajePlafondBase: number;
  readonly pajePlafondMaj: number;
  readonly pajeNaissanceTaux: number;
  readonly cssPlafonds: css.CssCeilings;
  readonly cssParticipation: css.CssParticipation;
  readonly cssFlAvecAl: readonly number[];
  readonly cssFlSansAl: readonly number[];
  readonly aahMontant: number;
  readonly aahPlafondMois: number;
  readonly aahMajEnfant: number;
  readonly aahTaux: number;
  readonly aahTauxRsdae: number;
  readonly aahAgeMin: number;
  readonly aahAgeRetraite: number;
  readonly aahAbat1: number;
  readonly aahAbat2: number;
  readonly aahTrancheSmic: number;
  readonly aspaMontantSeul: number;
  readonly aspaMontantCouple: number;
  readonly aspaPlafondSeul: number;
  readonly aspaPlafondCouple: number;
  readonly aspaAge: number;
  readonly asiPlafondSeul: number;
  readonly asiPlafondCouple: number;
  readonly asiAgeLimite: number;
  readonly aahAgeFinScolarite: number;
  readonly aahAbatCessation: number;
  readonly ceBareme: ce.ChequeEnergieBareme;
  readonly ceUc: readonly number[];
  readonly aefaMontant: number;
  readonly aefaMaj2: number;
  readonly aefaMajSup: number;
  readonly aefaMaj3Enfant: number;
  /** Rent ceilings in cents, zones 1 to 3 × [seul, couple, 1 personne à charge, par personne en plus]. */
  readonly alPlafonds: readonly (readonly number[])[];
  readonly alCoefColoc: number;
  readonly alCoefChambre: number;
  readonly alCoefMeuble: number;
  readonly alDegressivite: readonly number[];
  /** Forfait charges in cents: [foyer, par personne à charge]. */
  readonly alCharges: readonly number[];
  /** Colocation forfait charges in cents: [seul, couple, par personne à charge]. */
  readonly alChargesColoc: readonly number[];
  readonly alP0Forfait: number;
  readonly alP0Taux: number;
  /** R0 in cents a year. */
  readonly alR0: readonly number[];
  readonly alTf: readonly number[];
  readonly alTl: readonly number[];
  readonly alMinoration: number;
  readonly alSeuil: number;
  /** [taux, minimum, plafond] in cents a year, the values of one year before the month. */
  readonly alAbatPro: readonly number[];
  readonly alAbatPensions: readonly number[];
  readonly alAgeLimite: number;
}

export class MissingParameter extends Error {
  constructor(
    readonly parameterName: string,
    readonly day: string,
  ) {
    super(`Aucune valeur du paramètre « ${parameterName} » n'est connue au ${day}.`);
    this.name = "MissingParameter";
  }
}

function at<T>(p: Parameter<T>, day: string): T {
  const found = valueOn(p, day);
  if (found === undefined) throw new MissingParameter(p.name, day);
  return found.value;
}
const cents = (euros: number): number => Math.round(euros * 100);

/** The same day one year earlier ("2025-11-01" → "2024-11-01"). */
function yearBefore(day: string): string {
  return `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
}
const rateMinMax = ([rate, min, max]: readonly [number, number, number]): readonly number[] => [
  rate,
  cents(min),
  cents(max),
];

/** Month index: year × 12 + (month − 1). */
export function firstDayOf(monthIndex: number): string {
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return `${year}-${month < 10 ? "0" : ""}${month}-01`;
}

function build(day: string): MonthParameters {
  return {
    day,
    rsaBase: cents(at(rsa.rsaMontantForfaitaire, day)),
    rsaMaj2: at(rsa.rsaMajorationDeuxiemePersonne, day),
    rsaMaj34: at(rsa.rsaMajorationTroisiemeQuatriemePersonne, day),
    rsaMajSup: at(rsa.rsaMajorationEnfantSupplementaire, day),
    rsaIsoBase: at(rsa.rsaIsolementBase, day),
    rsaIsoEnfant: at(rsa.rsaIsolementParEnfant, day),
    rsaIsoAgeEnfant: at(rsa.rsaIsolementAgeEnfant, day),
    rsaIsoDuree: at(rsa.rsaIsolementDureeMois, day),
    rsaFl: [
      at(rsa.rsaForfaitLogement1, day),
      at(rsa.rsaForfaitLogement2, day),
      at(rsa.rsaForfaitLogement3, day),
    ],
    rsaForfaitAsf: at(rsa.rsaForfaitAsf, day),
    rsaPajeMois: at(rsa.rsaPajeNonCompteeMois, day),
    rsaMin: cents(at(rsa.rsaMontantMinimum, day)),
    rsaAgeMin: at(rsa.rsaAgeMinimum, day),
    ppaBase: cents(at(ppa.ppaMontantForfaitaire, day)),
    ppaPente: at(ppa.ppaPente, day),
    ppaBonifSeuil: at(ppa.ppaBonificationSeuil, day),
    ppaBonifSeuilMax: at(ppa.ppaBonificationSeuilMax, day),
    ppaBonifTauxMax: at(ppa.ppaBonificationTauxMax, day),
    ppaMaj2: at(ppa.ppaMajorationDeuxiemePersonne, day),
    ppaMaj34: at(ppa.ppaMajorationTroisiemeQuatriemePersonne, day),
    ppaMajSup: at(ppa.ppaMajorationEnfantSupplementaire, day),
    ppaIsoBase: at(ppa.ppaIsolementBase, day),
    ppaIsoEnfant: at(ppa.ppaIsolementParEnfant, day),
    ppaFl: [
      at(ppa.ppaForfaitLogement1, day),
      at(ppa.ppaForfaitLogement2, day),
      at(ppa.ppaForfaitLogement3, day),
    ],
    ppaMin: cents(at(ppa.ppaMontantMinimum, day)),
    ppaAgeMin: at(ppa.ppaAgeMinimum, day),
    ppaSeuilAah: at(ppa.ppaSeuilAahActivite, day),
    smicHoraire: cents(at(smic.smicHoraireBrut, day)),
    smicHeures: at(smic.smicHeuresMensuelles, day),
    bmaf: cents(at(famille.bmaf, day)),
    afTaux2: at(famille.afTauxDeuxEnfants, day),
    afTauxSup: at(famille.afTauxEnfantSupplementaire, day),
    afMajAge: at(famille.afMajorationAge, day),
    afMajAgeSeuil: at(famille.afMajorationAgeSeuil, day),
    afForfait20: at(famille.afForfait20Ans, day),
    afAgeLimite: at(famille.afAgeLimite, day),
    afMod2: at(famille.afModulationTranche2, day),
    afMod3: at(famille.afModulationTranche3, day),
    afPlafond1: cents(at(famille.afPlafond1DeuxEnfants, day)),
    afPlafond2: cents(at(famille.afPlafond2DeuxEnfants, day)),
    afPlafondParEnfant: cents(at(famille.afPlafondParEnfant, day)),
    afComplementMois: at(famille.afComplementDegressifMois, day),
    arsTaux: [
      at(famille.arsTaux6a10, day),
      at(famille.arsTaux11a14, day),
      at(famille.arsTaux15a18, day),
    ],
    arsPlafond: cents(at(famille.arsPlafond, day)),
    arsMajPlafond: at(famille.arsMajorationPlafond, day),
    arsMin: cents(at(famille.arsMontantMinimum, day)),
    crds: at(famille.crds, day),
    asfTaux: at(famille.asfTaux, day),
    asfSeuil: cents(at(famille.asfSeuilVersement, day)),
    cfTaux: at(famille.cfTaux, day),
    cfTauxMajore: at(famille.cfTauxMajore, day),
    cfAgeMin: at(famille.cfAgeMinimum, day),
    cfAgeLimite: at(famille.cfAgeLimite, day),
    cfNombreEnfants: at(famille.cfNombreEnfants, day),
    cfPlafondBase: cents(at(famille.cfPlafondBase, day)),
    cfPlafondMaj: cents(at(famille.cfPlafondMajorationBiactifsIsoles, day)),
    cfMaj12: at(famille.cfPlafondMajorationDeuxPremiersEnfants, day),
    cfMaj3: at(famille.cfPlafondMajorationEnfantSuivant, day),
    cfPlafondMajoreTaux: at(famille.cfPlafondMajoreTaux, day),
    cfTauxBiactivite: at(famille.cfTauxBiactivite, day),
    pajeBaseTaux: at(famille.pajeBaseTauxPlein, day),
    pajeBaseAgeLimite: at(famille.pajeBaseAgeLimite, day),
    pajeBaseTauxPartiel: at(famille.pajeBaseTauxPartiel, day),
    pajePlafondBase: cents(at(famille.pajePlafondBase, day)),
    pajePlafondMaj: cents(at(famille.pajePlafondMajorationBiactifsIsoles, day)),
    pajeNaissanceTaux: at(famille.pajeNaissanceTaux, day),
    cssPlafonds: at(css.cssPlafonds, day),
    cssParticipation: at(css.cssParticipation, day),
    cssFlAvecAl: at(css.cssForfaitLogementAvecAl, day),
    cssFlSansAl: at(css.cssForfaitLogementSansAl, day),
    aahMontant: cents(at(aah.aahMontant, day)),
    aahPlafondMois: at(aah.aahPlafondMois, day),
    aahMajEnfant: at(aah.aahMajorationParEnfant, day),
    aahTaux: at(aah.aahTauxIncapacite, day),
    aahTauxRsdae: at(aah.aahTauxIncapaciteRsdae, day),
    aahAgeMin: at(aah.aahAgeMinimal, day),
    aahAgeRetraite: at(aah.aahAgeRetraite, day),
    aahAbat1: at(aah.aahAbattementTranche1, day),
    aahAbat2: at(aah.aahAbattementTranche2, day),
    aahTrancheSmic: at(aah.aahTrancheSmic, day),
    aspaMontantSeul: cents(at(aspa.aspaMontantSeul, day)),
    aspaMontantCouple: cents(at(aspa.aspaMontantCouple, day)),
    aspaPlafondSeul: cents(at(aspa.aspaPlafondSeul, day)),
    aspaPlafondCouple: cents(at(aspa.aspaPlafondCouple, day)),
    aspaAge: at(aspa.aspaAgeMinimum, day),
    asiPlafondSeul: cents(at(asi.asiPlafondSeul, day)),
    asiPlafondCouple: cents(at(asi.asiPlafondCouple, day)),
    asiAgeLimite: at(asi.asiAgeLimite, day),
    aahAgeFinScolarite: at(aah.aahAgeFinObligationScolaire, day),
    aahAbatCessation: at(aah.aahAbattementCessationActivite, day),
    ceBareme: at(ce.chequeEnergieBareme, day),
    ceUc: at(ce.chequeEnergieUc, day),
    aefaMontant: cents(at(aefa.aefaMontant, day)),
    aefaMaj2: at(aefa.aefaMajorationDeuxiemePersonne, day),
    aefaMajSup: at(aefa.aefaMajorationPersonneSupplementaire, day),
    aefaMaj3Enfant: at(aefa.aefaMajorationTroisiemeEnfant, day),
    alPlafonds: [
      at(logement.alPlafondZone1, day).map(cents),
      at(logement.alPlafondZone2, day).map(cents),
      at(logement.alPlafondZone3, day).map(cents),
    ],
    alCoefColoc: at(logement.alCoefColocation, day),
    alCoefChambre: at(logement.alCoefChambre, day),
    alCoefMeuble: at(logement.alCoefMeuble, day),
    alDegressivite: at(logement.alDegressivite, day),
    alCharges: at(logement.alCharges, day).map(cents),
    alChargesColoc: at(logement.alChargesColocation, day).map(cents),
    alP0Forfait: cents(at(logement.alP0Forfait, day)),
    alP0Taux: at(logement.alP0Taux, day),
    alR0: at(logement.alR0, day).map(cents),
    alTf: at(logement.alTf, day),
    alTl: at(logement.alTl, day),
    alMinoration: cents(at(logement.alMinoration, day)),
    alSeuil: cents(at(logement.alSeuilVersement, day)),
    alAbatPro: rateMinMax(at(logement.alAbattementPro, yearBefore(day))),
    alAbatPensions: rateMinMax(at(logement.alAbattementPensions, yearBefore(day))),
    alAgeLimite: at(logement.alAgeLimite, day),
  };
}

/** First month the engine covers, and the last one it vouches for. */
export const FIRST_MONTH = "2024-01";
export const LAST_PUBLISHED_VALUES = "2026-06";

/**
 * The last month whose legal values are all known: the next revaluations had
 * not been published when these values were entered — the SMIC and the ASPA
 * on 1 January 2027 (art. L3231-5 code du travail; art. L816-2 CSS), the RSA,
 * the prime d'activité, the AAH and the BMAF on 1 April 2027 (art. L161-25 CSS).
 */
export const VALUES_KNOWN_UNTIL = "2026-12";

/**
 * A month after VALUES_KNOWN_UNTIL is computed with the latest values known
 * (every parameter keeps its last value) and the user is told so. Returns the
 * month whose values stand in, or undefined when the month's own are known.
 */
export function valuesAssumedFrom(month: string): string | undefined {
  return month > VALUES_KNOWN_UNTIL ? VALUES_KNOWN_UNTIL : undefined;
}

const cache = new Map<number, MonthParameters>();
/** Months 2000-01 to 2099-12 by index − TABLE_FROM: the formulas' lookups are an array read. */
const TABLE_FROM = 2000 * 12;
const table: (MonthParameters | undefined)[] = new Array(100 * 12).fill(undefined);

/** Parameters in force on the first day of a month (memoised). */
export function parametersFor(monthIndex: number): MonthParameters {
  const slot = monthIndex - TABLE_FROM;
  const tabled = table[slot];
  if (tabled !== undefined) return tabled;
  let p = cache.get(monthIndex);
  if (p === undefined) {
    p = build(firstDayOf(monthIndex));
    cache.set(monthIndex, p);
  }
  if (slot >= 0 && slot < table.length && Number.isInteger(slot)) table[slot] = p;
  return p;
}

/** Every parameter, for listing them with their sources (pages, API). */
export const ALL_PARAMETERS: readonly Parameter<unknown>[] = (
  [
    rsa,
    ppa,
    famille,
    css,
    aah,
    aspa,
    asi,
    ce,
    smic,
    cotisations,
    aefa,
    logement,
  ] as readonly Record<string, unknown>[]
)
  .flatMap((module) => Object.values(module))
  .filter(
    (v): v is Parameter<unknown> =>
      typeof v === "object" && v !== null && "values" in v && "name" in v,
  )
  .concat(BOURSES_PARAMETERS);
