import { type LegalReference, parameter } from "./types.ts";

// Allocation supplémentaire d'invalidité (L815-24 s. and D815-19 s. CSS). Since 1 April 2020 it is
// differential: the ceiling minus the resources of the person (and of the spouse), the ceiling being
// the maximum (L815-24-1 CSS, décret n° 2020-1251 du 13 octobre 2020). Ceilings revalued each
// 1 April (L816-3 and L161-25 CSS). Values checked against OpenFisca-France
// parameters/prestations_sociales/prestations_etat_de_sante/invalidite/asi (until 1 April 2025)
// and the Cnav circulaires cited there.

const D815_19 = "Art. L815-24-1 et D815-19 CSS";
const cnav = (text: string, date: string, url: string): LegalReference => ({
  text,
  date,
  article: D815_19,
  url,
});
const CNAV_2024 = cnav(
  "Circulaire Cnav 2024-13 du 4 avril 2024",
  "2024-04-04",
  "https://legislation.lassuranceretraite.fr/Pdf/circulaire_cnav_2024_13_04042024.pdf",
);
const CNAV_2025 = cnav(
  "Circulaire Cnav 2025-13 du 3 avril 2025",
  "2025-04-03",
  "https://legislation.lassuranceretraite.fr/Pdf/circulaire_cnav_2025_13_03042025.pdf",
);
const CNAV_2023 = cnav(
  "Circulaire Cnav 2023-9 du 11 avril 2023",
  "2023-04-11",
  "https://legislation.lassuranceretraite.fr/Pdf/circulaire_cnav_2023_09_11042023.pdf",
);
// The AAH and the ASI are revalued on 1 April by the same coefficient (L161-25 CSS): + 0.8 % in
// 2026 (AAH 1 033.32 → 1 041.59 €, décret n° 2026-229 du 30 mars 2026). The Cnav circulaire of
// April 2026 was not among the stored documents: the 2026 ceilings are the 2025 ones × 1.008,
// rounded to the cent, and say so.
const REVALORISATION_2026: LegalReference = {
  text: "Coefficient de revalorisation du 1er avril 2026 (1,008), appliqué aux plafonds de 2025",
  date: "2026-03-30",
  article: "Art. L816-3 et L161-25 CSS",
};
const NOTE_2026 =
  "Calculé : plafond 2025 × 1,008 (le coefficient de l'AAH au 1er avril 2026), arrondi au centime ; la circulaire Cnav d'avril 2026 n'a pas été consultée.";

export const asiPlafondSeul = parameter(
  "asi.plafond.seul",
  "Plafond annuel de ressources de l'ASI, personne seule ou un seul allocataire dans le couple",
  "EUR/an",
  [
    { from: "2023-04-01", value: 10320.07, ref: CNAV_2023 },
    { from: "2024-04-01", value: 10794.79, ref: CNAV_2024 },
    { from: "2025-04-01", value: 10978.3, ref: CNAV_2025 },
    { from: "2026-04-01", value: 11066.13, ref: REVALORISATION_2026, note: NOTE_2026 },
  ],
);

export const asiPlafondCouple = parameter(
  "asi.plafond.couple",
  "Plafond annuel de ressources de l'ASI, couple dont les deux membres sont allocataires",
  "EUR/an",
  [
    { from: "2023-04-01", value: 18060.13, ref: CNAV_2023 },
    { from: "2024-04-01", value: 18890.89, ref: CNAV_2024 },
    { from: "2025-04-01", value: 19212.03, ref: CNAV_2025 },
    {
      from: "2026-04-01",
      value: 19365.73,
      ref: REVALORISATION_2026,
      note: `${NOTE_2026} OpenFisca-France applique ce plafond aussi à un couple dont un seul membre est allocataire ; l'Assurance maladie (pages ASI des CPAM sur ameli.fr) retient alors le plafond d'une personne seule, ce que fait Relais.`,
    },
  ],
);

/** The ASI stops when the ASPA can take over: at the legal retirement age for an invalid person. */
export const asiAgeLimite = parameter(
  "asi.age_limite",
  "Âge à partir duquel l'ASI laisse la place à l'ASPA (âge légal de la retraite)",
  "ans",
  [
    {
      from: "2023-09-01",
      value: 64,
      ref: {
        text: "Loi n° 2023-270 du 14 avril 2023",
        date: "2023-04-14",
        article: "Art. L815-24 et L161-17-2 CSS",
      },
      note: "Âge cible ; la montée en charge par génération n'est pas modélisée.",
    },
  ],
);
