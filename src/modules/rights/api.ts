import { Hono } from "hono";
import { Invalid } from "../../platform/errors.ts";
import { acceptsBody } from "../../platform/http/body-limit.ts";
import type { AppEnv } from "../../platform/http/context.ts";
import { inputSchema, registerPath, registerSchema } from "../../platform/http/openapi.ts";
import {
  computeOpenFiscaSituation,
  KNOWN_VARIABLES,
  OpenFiscaSituationError,
  OpenFiscaSituationSchema,
} from "./service.ts";

/**
 * POST /api/v1/simulations: an OpenFisca situation in, the same structure
 * filled in out, with the explanations and warnings. Public (no personal data
 * is stored), body limited to 256 KB: a household's situation over a few years
 * is a few KB; the global 1 MB limit is for forms with attachments.
 */
export const simulationsApi = new Hono<AppEnv>();

export const SIMULATION_BODY_LIMIT = 256 * 1024;

simulationsApi.post(
  "/api/v1/simulations",
  acceptsBody({ maxBytes: SIMULATION_BODY_LIMIT }),
  async (c) => {
    let input: unknown;
    try {
      input = await c.req.json();
    } catch {
      throw new Invalid(
        { corps: "Le corps de la requête doit être un document JSON valide." },
        "Le corps de la requête n'est pas un JSON valide.",
      );
    }
    try {
      return c.json(computeOpenFiscaSituation(input));
    } catch (error) {
      if (error instanceof OpenFiscaSituationError) {
        throw new Invalid({ [error.path || "situation"]: error.message }, error.message);
      }
      throw error;
    }
  },
);

/** A lone parent with one child (OpenFisca-France famille_monoparentale_un_enfant_0.8_smic, July 2024). */
export const SIMULATION_EXAMPLE = {
  individus: {
    parent: {
      date_naissance: { ETERNITY: "1985-11-05" },
      salaire_net: {
        "2024-04": 1118.92,
        "2024-05": 1118.92,
        "2024-06": 1118.92,
        "2024-07": 1118.92,
      },
      pensions_alimentaires_percues: {
        "2024-04": 150,
        "2024-05": 150,
        "2024-06": 150,
        "2024-07": 150,
      },
    },
    enfant: { date_naissance: { ETERNITY: "2021-01-01" } },
  },
  familles: {
    famille: {
      parents: ["parent"],
      enfants: ["enfant"],
      aide_logement: { "2024-04": 211.18, "2024-05": 211.18, "2024-06": 211.18, "2024-07": 211.18 },
      ppa: { "2024-07": null },
      rsa: { "2024-07": null },
    },
  },
  foyers_fiscaux: { foyer: { declarants: ["parent"], personnes_a_charge: ["enfant"] } },
  menages: {
    menage: {
      personne_de_reference: ["parent"],
      enfants: ["enfant"],
      statut_occupation_logement: { "2024-07": "locataire_hlm" },
      loyer: { "2024-07": 400 },
      depcom: { "2024-07": "92050" },
    },
  },
};

// Generated from the schema computeOpenFiscaSituation validates the body with.
registerSchema("SituationOpenFisca", {
  ...inputSchema(OpenFiscaSituationSchema),
  description: `Situation au format OpenFisca : entités individus, familles, foyers_fiscaux, menages ; variables indexées par période (AAAA-MM, AAAA ou ETERNITY) ; les variables demandées valent null. Variables connues : ${Object.keys(KNOWN_VARIABLES).sort().join(", ")}.`,
  example: SIMULATION_EXAMPLE,
});
registerSchema("SimulationReponse", {
  type: "object",
  required: ["situation", "explanations", "warnings", "notCovered"],
  properties: {
    situation: {
      $ref: "#/components/schemas/SituationOpenFisca",
      description: "La même situation, les variables demandées remplies (montants en euros).",
    },
    explanations: {
      type: "array",
      description:
        "Pour chaque variable calculée : les étapes du calcul, en français, avec les paramètres et leurs textes.",
      items: { type: "object" },
    },
    warnings: { type: "array", items: { type: "string" } },
    notCovered: { type: "array", items: { type: "object" } },
  },
});
registerPath("/api/v1/simulations", "post", {
  summary: "Simuler des droits à partir d'une situation OpenFisca",
  description:
    "RSA, prime d'activité, complémentaire santé solidaire, allocations familiales, allocation de rentrée scolaire, AAH, ASPA et chèque énergie, de janvier 2024 aux derniers barèmes publiés. Une variable inconnue ou une période mal formée est refusée (400) avec un message en français qui la nomme. Corps limité à 256 Ko. Rien n'est enregistré.",
  tags: ["droits"],
  requestBody: {
    required: true,
    content: {
      "application/json": { schema: { $ref: "#/components/schemas/SituationOpenFisca" } },
    },
  },
  responses: {
    "200": {
      description: "La situation remplie, avec les explications",
      content: {
        "application/json": { schema: { $ref: "#/components/schemas/SimulationReponse" } },
      },
    },
    "400": {
      description:
        "Situation invalide : variable inconnue, période mal formée (message en français)",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    },
    "413": {
      description: "Corps de plus de 256 Ko",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    },
  },
});
