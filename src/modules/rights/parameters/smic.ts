import { parameter } from "./types.ts";

// SMIC horaire brut (PPA bonification, AAH abattements). Checked against
// OpenFisca-France parameters/marche_travail/salaire_minimum/smic.
export const smicHoraireBrut = parameter("smic.horaire_brut", "SMIC horaire brut", "EUR", [
  // 2022 values: the bourses de collège and de lycée read the SMIC of 1 July of year N-2.
  {
    from: "2022-05-01",
    value: 10.85,
    ref: {
      text: "Arrêté du 19 mai 2022 relatif au relèvement du salaire minimum de croissance",
      date: "2022-05-19",
      url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000045602317",
    },
  },
  {
    from: "2022-08-01",
    value: 11.07,
    ref: {
      text: "Arrêté du 29 juillet 2022 relatif au relèvement du salaire minimum de croissance",
      date: "2022-07-29",
      url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046113517",
    },
  },
  {
    from: "2023-01-01",
    value: 11.27,
    ref: {
      text: "Décret n° 2022-1608 du 22 décembre 2022 portant relèvement du salaire minimum de croissance",
      date: "2022-12-22",
      url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046780043",
    },
  },
  {
    from: "2023-05-01",
    value: 11.52,
    ref: {
      text: "Arrêté du 26 avril 2023",
      date: "2023-04-26",
      url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000047495817",
    },
  },
  {
    from: "2024-01-01",
    value: 11.65,
    ref: {
      text: "Décret du 20 décembre 2023 portant relèvement du SMIC",
      date: "2023-12-20",
      url: "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000048604684",
    },
  },
  {
    from: "2024-11-01",
    value: 11.88,
    ref: {
      text: "Décret n° 2024-951 du 23 octobre 2024",
      date: "2024-10-23",
      url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000050392683",
    },
  },
  {
    from: "2026-01-01",
    value: 12.02,
    ref: {
      text: "Décret n° 2025-1228 du 17 décembre 2025",
      date: "2025-12-17",
      url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000053042520",
    },
  },
  {
    from: "2026-06-01",
    value: 12.31,
    ref: {
      text: "Arrêté du 22 mai 2026 relatif au relèvement du salaire minimum de croissance",
      date: "2026-05-22",
      url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000054126589",
    },
  },
]);
export const smicHeuresMensuelles = parameter(
  "smic.heures_mensuelles",
  "Durée mensuelle légale du travail (heures)",
  "personnes",
  [
    {
      from: "2002-01-01",
      value: 151.67,
      ref: { text: "Code du travail", article: "Art. L3121-27 C. trav." },
    },
  ],
);
