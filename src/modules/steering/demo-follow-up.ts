import type { insertDemoFollowUp } from "./action-sheet.ts";

type FollowUp = Parameters<typeof insertDemoFollowUp>[3];

/**
 * DEMONSTRATION: steps, notes and budgets of two actions, invented to show
 * an action sheet followed over time (seed 002 gives no dates of steps nor
 * budget per action). Stored with is_demo; the pages say so.
 */
export const DEMO_FOLLOW_UP: [number, FollowUp][] = [
  [
    9,
    {
      steps: [
        {
          label: "Choix des prestations couvertes par le simulateur",
          plannedOn: "2016-03-31",
          doneOn: "2016-04-12",
          status: "faite",
        },
        {
          label: "Mise en ligne du simulateur",
          plannedOn: "2016-09-30",
          doneOn: "2016-10-03",
          status: "faite",
        },
        {
          label: "Premier repérage du non-recours par commune",
          plannedOn: "2026-11-30",
          doneOn: null,
          status: "en_cours",
        },
      ],
      notes: [
        {
          notedOn: "2016-10-03",
          text: "Démonstration : le simulateur est en ligne ; les travailleurs sociaux l'utilisent en entretien.",
        },
      ],
      budget: [
        {
          year: 2016,
          section: "investissement",
          plannedCents: 12_000_000,
          executedCents: 11_450_000,
          source: "Démonstration : chiffres inventés",
        },
        {
          year: 2016,
          section: "fonctionnement",
          plannedCents: 3_000_000,
          executedCents: 2_800_000,
          source: "Démonstration : chiffres inventés",
        },
        {
          year: 2017,
          section: "fonctionnement",
          plannedCents: 3_500_000,
          executedCents: null,
          source: "Démonstration : chiffres inventés",
        },
      ],
    },
  ],
  [
    15,
    {
      steps: [
        {
          label: "Appel à candidatures des Points Conseil Budget",
          plannedOn: "2015-10-31",
          doneOn: "2015-11-15",
          status: "faite",
        },
        {
          label: "Annonce des candidats retenus en COPIL",
          plannedOn: "2016-01-14",
          doneOn: "2016-01-14",
          status: "faite",
        },
      ],
      notes: [],
      budget: [
        {
          year: 2016,
          section: "fonctionnement",
          plannedCents: 5_000_000,
          executedCents: 4_200_000,
          source: "Démonstration : chiffres inventés",
        },
      ],
    },
  ],
];
