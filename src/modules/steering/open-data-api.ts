import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { NotFound } from "../../platform/errors.ts";
import { type AppEnv, requestContext } from "../../platform/http/context.ts";
import { parseParam } from "../../platform/http/forms.ts";
import {
  ERROR_SCHEMA,
  pathParameters,
  registerPath,
  registerSchema,
} from "../../platform/http/openapi.ts";
import type { IndicatorView, PublicValue } from "./indicator-store.ts";
import { LICENCE } from "./licence.ts";
import { toOpenDataCsv } from "./open-data-csv.ts";
import type { PlanView } from "./plan-store.ts";
import { SECRET_LABEL } from "./secrecy.ts";
import { findIndicator, findPlan, listIndicators, publicIndicatorValues } from "./service.ts";

/**
 * The plan and its indicators as open data: JSON under /api/v1 (in the
 * OpenAPI document) and CSV downloads of every table the pages show, under
 * the Licence Ouverte 2.0. The same service functions feed the pages, so
 * the API never says more than a page (drafts, secret figures).
 */
export const openDataRoutes = new Hono<AppEnv>();

function planJson(plan: PlanView) {
  return {
    licence: LICENCE,
    titre: plan.title,
    periode: plan.period,
    resume: plan.summary,
    source: plan.source,
    demonstration: plan.isDemo,
    axes: plan.axes.map((axis) => ({
      numero: axis.number,
      titre: axis.title,
      themes: axis.themes.map((theme) => ({
        numero: theme.number,
        titre: theme.title,
        actions: theme.actions.map((action) => ({
          numero: action.number,
          titre: action.title,
          statut: action.status,
          action_nationale_suivie: action.followedOnly,
          url: `/plan/actions/${action.number}`,
        })),
      })),
    })),
  };
}

function indicatorJson(indicator: IndicatorView) {
  return {
    code: indicator.code,
    famille: indicator.family,
    nom: indicator.name,
    definition: indicator.definition,
    unite: indicator.unit,
    source: indicator.source,
    producteur: indicator.producer,
    methode: indicator.method,
    niveau_geographique: indicator.geographicLevel,
    sens: indicator.betterWhen,
    calcule_par_relais: indicator.computedByRelais,
    nombre_de_valeurs: indicator.valueCount,
  };
}

function valueJson(value: PublicValue) {
  return {
    territoire_type: value.territoryKind,
    territoire_code: value.territoryCode,
    territoire_nom: value.territoryName,
    date: value.period,
    valeur: value.figure.kind === "value" ? value.figure.value : null,
    secret_statistique: value.figure.kind === "secret",
    objectif: value.target,
    demonstration: value.isDemo,
    remarque: value.comment,
  };
}

async function requirePlan(c: Context<AppEnv>) {
  const plan = await findPlan(requestContext(c));
  if (!plan) throw new NotFound("Aucun plan n'est publié pour le moment.");
  return plan;
}

/** The indicator's code in /api/v1/indicateurs/{code}/valeurs (and its CSV twin). */
export const IndicatorPath = z.object({
  code: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,30}$/)
    .meta({ description: "Le code de l'indicateur, en majuscules (C07, RELAIS_RDV02…)" }),
});

const UNKNOWN_INDICATOR = "Cet indicateur n'existe pas.";

/** The path's code; a malformed one is an indicator that does not exist (the same 404). */
function indicatorCode(c: Context<AppEnv>): string {
  try {
    return parseParam(c, "code", IndicatorPath.shape.code);
  } catch {
    throw new NotFound(UNKNOWN_INDICATOR);
  }
}

async function requireIndicatorValues(c: Context<AppEnv>) {
  const indicator = await findIndicator(c.var.db, indicatorCode(c));
  if (!indicator) throw new NotFound(UNKNOWN_INDICATOR);
  const values = await publicIndicatorValues(
    c.var.db,
    indicator.code,
    c.var.deps.config.departementCode,
  );
  return { indicator, values };
}

function csvResponse(c: Context<AppEnv>, name: string, body: string) {
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", `attachment; filename="${name}"`);
  return c.body(body);
}

openDataRoutes.get("/api/v1/plan", async (c) => c.json(planJson(await requirePlan(c))));

openDataRoutes.get("/api/v1/indicateurs", async (c) =>
  c.json({ licence: LICENCE, indicateurs: (await listIndicators(c.var.db)).map(indicatorJson) }),
);

openDataRoutes.get("/api/v1/indicateurs/:code/valeurs", async (c) => {
  const { indicator, values } = await requireIndicatorValues(c);
  return c.json({
    licence: LICENCE,
    indicateur: indicatorJson(indicator),
    valeurs: values.map(valueJson),
  });
});

openDataRoutes.get("/plan.csv", async (c) => {
  const plan = await requirePlan(c);
  const rows = plan.axes.flatMap((axis) =>
    axis.themes.flatMap((theme) =>
      theme.actions.map((action) => [
        axis.number,
        theme.number,
        theme.title,
        action.number,
        action.title,
        action.status,
        action.followedOnly ? "oui" : "non",
      ]),
    ),
  );
  return csvResponse(
    c,
    "plan-actions.csv",
    toOpenDataCsv(
      [
        "axe",
        "theme",
        "theme_titre",
        "action",
        "action_titre",
        "statut",
        "action_nationale_suivie",
      ],
      rows,
    ),
  );
});

openDataRoutes.get("/indicateurs.csv", async (c) => {
  const indicators = await listIndicators(c.var.db);
  return csvResponse(
    c,
    "indicateurs.csv",
    toOpenDataCsv(
      [
        "code",
        "famille",
        "nom",
        "definition",
        "unite",
        "source",
        "producteur",
        "methode",
        "niveau_geographique",
        "sens",
        "calcule_par_relais",
      ],
      indicators.map((i) => [
        i.code,
        i.family,
        i.name,
        i.definition,
        i.unit,
        i.source,
        i.producer,
        i.method,
        i.geographicLevel,
        i.betterWhen,
        i.computedByRelais ? "oui" : "non",
      ]),
    ),
  );
});

openDataRoutes.get("/indicateurs/:code/valeurs.csv", async (c) => {
  const { indicator, values } = await requireIndicatorValues(c);
  return csvResponse(
    c,
    `indicateur-${indicator.code}.csv`,
    toOpenDataCsv(
      [
        "territoire_type",
        "territoire_code",
        "territoire_nom",
        "date",
        "valeur",
        "objectif",
        "demonstration",
        "remarque",
      ],
      values.map((value) => [
        value.territoryKind,
        value.territoryCode,
        value.territoryName,
        value.period,
        value.figure.kind === "value"
          ? value.figure.value
          : value.figure.kind === "secret"
            ? SECRET_LABEL
            : null,
        value.target,
        value.isDemo ? "oui" : "non",
        value.comment,
      ]),
    ),
  );
});

const LICENCE_SCHEMA = {
  type: "object",
  required: ["name", "url"],
  properties: { name: { type: "string" }, url: { type: "string" } },
};
registerSchema("Licence", LICENCE_SCHEMA);
const json = (schema: Record<string, unknown>) => ({ "application/json": { schema } });
const notFound = { description: "Inconnu", content: json(ERROR_SCHEMA) };
const TAGS = ["pilotage"];

registerPath("/api/v1/plan", "get", {
  summary: "Le plan de lutte contre la pauvreté : axes, thèmes, actions et leur état",
  description: `Seules les actions publiées. ${LICENCE.name}.`,
  tags: TAGS,
  responses: {
    "200": {
      description: "Le plan publié",
      content: json({
        type: "object",
        required: ["licence", "titre", "axes"],
        properties: {
          licence: { $ref: "#/components/schemas/Licence" },
          titre: { type: "string" },
          periode: { type: "string" },
          axes: { type: "array", items: { type: "object" } },
        },
      }),
    },
    "404": notFound,
  },
});

registerPath("/api/v1/indicateurs", "get", {
  summary: "Les indicateurs du plan (définitions)",
  description: LICENCE.name,
  tags: TAGS,
  responses: {
    "200": {
      description: "Les définitions",
      content: json({
        type: "object",
        required: ["licence", "indicateurs"],
        properties: {
          licence: { $ref: "#/components/schemas/Licence" },
          indicateurs: { type: "array", items: { type: "object" } },
        },
      }),
    },
  },
});

registerPath("/api/v1/indicateurs/{code}/valeurs", "get", {
  summary: "Les valeurs datées d'un indicateur, par territoire",
  description: `Une valeur calculée sur moins de 11 personnes est null avec secret_statistique: true. ${LICENCE.name}.`,
  tags: TAGS,
  parameters: pathParameters(IndicatorPath),
  responses: {
    "200": {
      description: "Les valeurs",
      content: json({
        type: "object",
        required: ["licence", "indicateur", "valeurs"],
        properties: {
          licence: { $ref: "#/components/schemas/Licence" },
          indicateur: { type: "object" },
          valeurs: {
            type: "array",
            items: {
              type: "object",
              required: ["territoire_code", "date", "valeur", "secret_statistique"],
              properties: {
                territoire_type: { type: "string", enum: ["departement", "commune", "structure"] },
                territoire_code: { type: "string" },
                territoire_nom: { type: "string" },
                date: { type: "string", format: "date" },
                valeur: { type: ["number", "null"] },
                secret_statistique: { type: "boolean" },
                objectif: { type: ["number", "null"] },
                demonstration: { type: "boolean" },
                remarque: { type: "string" },
              },
            },
          },
        },
      }),
    },
    "404": notFound,
  },
});
