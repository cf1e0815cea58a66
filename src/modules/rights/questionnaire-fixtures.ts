import type { Answers } from "./questionnaire.ts";

/** The household of rsa-ppa.test.ts "single parent with two children and a part-time job", as answered. */
export const SINGLE_PARENT_ANSWERS: Answers = {
  foyer: { couple: "non", enfants: "2" },
  ages: {
    naissance: "1990-04-12",
    enfant1: "2016-09-01",
    enfant2: "2019-02-15",
    isole_recent: "non",
  },
  situation: { activite: "salarie", handicap: "non" },
  ressources: { salaire: "500", chomage: "", retraite: "", autres: "", pension_alimentaire: "" },
  logement: { statut: "locataire", loyer: "650", aide_logement: "300", commune: "92050" },
  prestations: { percues: "" },
};
