/** Every dataset of the plan and its indicators is published under the Licence Ouverte 2.0. */
export const LICENCE = {
  name: "Licence Ouverte 2.0 (Etalab)",
  url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
} as const;
