import { type LegalReference, parameter } from "./types.ts";

// Allocation de solidarité aux personnes âgées. Checked against OpenFisca-France
// parameters/.../minimum_vieillesse/aspa (Cnav circulaires cited there).

const D815 = (text: string, date: string, url: string): LegalReference => ({
  text,
  date,
  article: "Art. D815-1 et D815-2 CSS",
  url,
});

const CNAV_2023 = D815(
  "Circulaire Cnav 2023/3 du 9 janvier 2023",
  "2023-01-09",
  "https://legislation.lassuranceretraite.fr/Pdf/circulaire_cnav_2023_03_09012023.pdf",
);

export const aspaMontantSeul = parameter(
  "aspa.montant.seul",
  "Montant maximal annuel de l'ASPA, personne seule",
  "EUR/an",
  [
    { from: "2023-01-01", value: 11533.02, ref: CNAV_2023 },
    {
      from: "2024-01-01",
      value: 12144.27,
      ref: D815(
        "Circulaire Cnav 2023-34 du 29 décembre 2023",
        "2023-12-29",
        "https://legislation.lassuranceretraite.fr/Pdf/circulaire_cnav_2023_34_29122023.pdf",
      ),
    },
    {
      from: "2025-01-01",
      value: 12411.44,
      ref: D815(
        "Circulaire Cnav 2024-39 du 23 décembre 2024",
        "2024-12-23",
        "https://legislation.lassuranceretraite.fr/Pdf/circulaire_cnav_2024_39_23122024.pdf",
      ),
    },
    {
      from: "2026-01-01",
      value: 12523.14,
      ref: D815(
        "Circulaire Cnav 2025-29 du 22 décembre 2025",
        "2025-12-22",
        "https://legislation.lassuranceretraite.fr/Pdf/circulaire_cnav_2025_29_22122025.pdf",
      ),
    },
  ],
);
export const aspaMontantCouple = parameter(
  "aspa.montant.couple",
  "Montant maximal annuel de l'ASPA, couple de deux allocataires",
  "EUR/an",
  [
    { from: "2023-01-01", value: 17905.06, ref: CNAV_2023 },
    {
      from: "2024-01-01",
      value: 18854.02,
      ref: D815(
        "Circulaire Cnav 2023-34 du 29 décembre 2023",
        "2023-12-29",
        "https://legislation.lassuranceretraite.fr/Pdf/circulaire_cnav_2023_34_29122023.pdf",
      ),
    },
    {
      from: "2025-01-01",
      value: 19268.8,
      ref: D815(
        "Circulaire Cnav 2024-39 du 23 décembre 2024",
        "2024-12-23",
        "https://legislation.lassuranceretraite.fr/Pdf/circulaire_cnav_2024_39_23122024.pdf",
      ),
    },
    {
      from: "2026-01-01",
      value: 19442.21,
      ref: D815(
        "Circulaire Cnav 2025-29 du 22 décembre 2025",
        "2025-12-22",
        "https://legislation.lassuranceretraite.fr/Pdf/circulaire_cnav_2025_29_22122025.pdf",
      ),
    },
  ],
);
/** The resource ceilings equal the maximal amounts since 2020 (D815-2 CSS). */
export const aspaPlafondSeul = parameter(
  "aspa.plafond.seul",
  "Plafond annuel de ressources, personne seule",
  "EUR/an",
  aspaMontantSeul.values,
);
export const aspaPlafondCouple = parameter(
  "aspa.plafond.couple",
  "Plafond annuel de ressources, couple",
  "EUR/an",
  aspaMontantCouple.values,
);
export const aspaAgeMinimum = parameter("aspa.age_minimum", "Âge minimal", "ans", [
  {
    from: "2002-01-01",
    value: 65,
    ref: { text: "Code de la sécurité sociale", article: "Art. L815-1 CSS" },
  },
]);
