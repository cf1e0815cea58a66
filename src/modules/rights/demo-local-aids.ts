/**
 * Two local aids for the demonstration, in the style of what a Département
 * such as the Hauts-de-Seine gives. Their ceilings and amounts are invented
 * for the demo and say so everywhere they are shown (`demo: true`, and the
 * source reads « exemple de démonstration »): no délibération is cited
 * because none was checked.
 */
import type { Tx } from "../../db/database.ts";
import { seedLocalAids } from "./local-aid-admin.ts";
import type { LocalAidDefinition } from "./local-aids.ts";

const DEMO_SOURCE = {
  text: "Exemple de démonstration : conditions et montants inventés pour montrer le simulateur, pas une délibération du conseil départemental.",
};

export function demoLocalAids(
  departementCode: string,
): readonly { definition: LocalAidDefinition; validFrom: string }[] {
  return [
    {
      validFrom: "2024-01",
      definition: {
        name: "Fonds de solidarité pour le logement (FSL) : aide pour payer l'énergie",
        description:
          "Une aide du Département pour payer une facture d'électricité, de gaz ou d'eau que vous n'arrivez pas à régler. Une commission décide du montant après avoir regardé votre facture et votre budget.",
        giver: "Département (Fonds de solidarité pour le logement)",
        conditions: [
          { type: "residence", departement: departementCode },
          {
            type: "ressources",
            ceilings: [120_000, 180_000, 216_000, 252_000],
            perExtraPerson: 36_000,
          },
          { type: "logement", statuses: ["locataire", "proprietaire", "heberge_gratuitement"] },
        ],
        amount: {
          kind: "non_chiffre",
          text: "Montant décidé au cas par cas par la commission, selon la facture",
        },
        apply: {
          text: "Demandez à un travailleur social de votre service de solidarité territoriale ou de votre CCAS de monter le dossier avec vous",
          href: "/trouver-de-l-aide",
          documents: [
            "La facture impayée ou la lettre du fournisseur",
            "Vos justificatifs de ressources des 3 derniers mois",
            "Un relevé d'identité bancaire",
          ],
        },
        source: DEMO_SOURCE,
        demo: true,
      },
    },
    {
      validFrom: "2024-01",
      definition: {
        name: "Aide départementale à la restauration scolaire au collège",
        description:
          "Une aide du Département pour payer la cantine de vos enfants au collège public. Elle est versée au collège, qui baisse d'autant votre facture.",
        giver: "Département",
        conditions: [
          { type: "residence", departement: departementCode },
          {
            type: "ressources",
            ceilings: [110_000, 160_000, 190_000, 220_000],
            perExtraPerson: 30_000,
          },
          { type: "enfants", minimum: 1, ageBelow: 16 },
        ],
        amount: {
          kind: "bareme",
          bySize: [15_000, 15_000, 20_000, 25_000, 30_000],
          periodicity: "annuelle",
        },
        apply: {
          text: "Remplissez le dossier auprès du secrétariat du collège de votre enfant, à la rentrée",
          documents: ["Votre avis d'imposition", "Un justificatif de domicile"],
        },
        source: DEMO_SOURCE,
        demo: true,
      },
    },
  ];
}

/** The demo seed's local aids, published from January 2024. */
export async function seedLocalAidsDemo(tx: Tx, departementCode: string, now: Date): Promise<void> {
  await seedLocalAids(tx, demoLocalAids(departementCode), now);
}
