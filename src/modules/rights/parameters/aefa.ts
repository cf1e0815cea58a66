import { type LegalReference, parameter, revaluations } from "./types.ts";

// Aide exceptionnelle de fin d'année (« prime de Noël »): renewed each year by a décret for
// the RSA recipients of November (or, failing that, December), one per foyer. Its amounts
// have not changed since 1998 (1 000 francs): 152.45 € for one person, + 50 % for the second
// person, + 30 % for each further one, + 40 % from the third child or dependent person under
// 25. The décret of December 2024 and that of December 2025 were not found in the stored
// texts: their amounts are those published by service-public.fr (fiche F1325) and the
// ministries' announcements, unchanged. No décret for December 2026 had been published
// when this was written: the engine keeps the 2025 amounts and says so.

const DECRET_2023: LegalReference = {
  text: "Décret n° 2023-1184 du 14 décembre 2023 portant attribution d'une aide exceptionnelle de fin d'année aux bénéficiaires du revenu de solidarité active et aux bénéficiaires de l'allocation de solidarité spécifique, de la prime forfaitaire pour reprise d'activité et de l'allocation équivalent retraite",
  date: "2023-12-14",
  article: "Art. 2",
  url: "https://www.legifrance.gouv.fr/eli/decret/2023/12/14/2023-1184/jo/texte",
};
const DECRET_2022: LegalReference = {
  text: "Décret n° 2022-1568 du 14 décembre 2022 portant attribution d'une aide exceptionnelle de fin d'année aux bénéficiaires du revenu de solidarité active et aux bénéficiaires de l'allocation de solidarité spécifique, de la prime forfaitaire pour reprise d'activité et de l'allocation équivalent retraite",
  date: "2022-12-14",
  url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046738342",
};
const F1325 = (year: number): LegalReference => ({
  text: `Décret de décembre ${year} portant attribution d'une aide exceptionnelle de fin d'année (montants publiés par service-public.fr, fiche F1325)`,
  url: "https://www.service-public.fr/particuliers/vosdroits/F1325",
});

/** Each year's prime de Noël: the décret of the year, then (from 2024) service-public.fr. */
const onChristmasDecrees = revaluations([
  { from: "2022-12-01", ref: DECRET_2022 },
  { from: "2023-12-01", ref: DECRET_2023 },
  { from: "2024-12-01", ref: F1325(2024) },
  { from: "2025-12-01", ref: F1325(2025) },
]);

export const aefaMontant = parameter(
  "aefa.montant",
  "Prime de Noël d'une personne seule au RSA",
  "EUR",
  onChristmasDecrees([152.45, 152.45, 152.45, 152.45]),
);
export const aefaMajorationDeuxiemePersonne = parameter(
  "aefa.majoration.deuxieme_personne",
  "Prime de Noël : majoration pour la deuxième personne du foyer",
  "taux",
  onChristmasDecrees([0.5, 0.5, 0.5, 0.5]),
);
export const aefaMajorationPersonneSupplementaire = parameter(
  "aefa.majoration.personne_supplementaire",
  "Prime de Noël : majoration pour chaque personne en plus",
  "taux",
  onChristmasDecrees([0.3, 0.3, 0.3, 0.3]),
);
export const aefaMajorationTroisiemeEnfant = parameter(
  "aefa.majoration.troisieme_enfant",
  "Prime de Noël : majoration à partir du troisième enfant ou de la troisième personne à charge",
  "taux",
  onChristmasDecrees([0.4, 0.4, 0.4, 0.4]),
);
/** The last December whose décret is known: a later December keeps its amounts. */
export const AEFA_LAST_DECREE_YEAR = 2025;
