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
