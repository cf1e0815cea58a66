import { Hono } from "hono";
import { z } from "zod";
import { type AppEnv, requestContext } from "../../platform/http/context.ts";
import { parseQuery } from "../../platform/http/forms.ts";
import { queryParameters, registerPath, registerSchema } from "../../platform/http/openapi.ts";
import { toServiceRecord, toStructureRecord } from "./data-inclusion-records.ts";
import { SERVICE_JSON_SCHEMA, STRUCTURE_JSON_SCHEMA } from "./data-inclusion-schema.ts";
import { COUNT_LIMIT } from "./search.ts";
import {
  isStale,
  listStructureServices,
  listStructures,
  requireService,
  requireStructure,
  type SearchHit,
  searchDirectory,
} from "./service.ts";

/** GET /api/v1/services, /api/v1/services/{id}, /api/v1/structures/{id}: read-only, public. */
export const directoryApi = new Hono<AppEnv>();

/** Pages beyond this are refused (a search reads its candidates again for each page). */
export const MAX_PAGE = 1000;

/** A comma-separated list in one query parameter. */
const list = (description: string) =>
  z
    .string()
    .optional()
    .meta({ description })
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((item) => item.trim())
            .filter(Boolean)
        : undefined,
    );

export const ApiSearchQuery = z.object({
  q: z
    .string()
    .max(200, { error: "q : 200 caractères au plus" })
    .optional()
    .meta({ description: "Besoin en mots courants (« colis alimentaire »)" }),
  thematique: z
    .string()
    .max(120)
    .optional()
    .meta({ description: "Catégorie (« sante ») ou thématique data·inclusion" }),
  commune: z
    .string()
    .max(80)
    .optional()
    .meta({ description: "Nom, code INSEE ou code postal d'une commune du département" }),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
  rayon_km: z.coerce
    .number({ error: "rayon_km doit être un nombre" })
    .optional()
    .meta({ description: "Rayon autour du point en km : 5 par défaut, ramené entre 0,1 et 50" }),
  publics: list("Liste séparée par des virgules"),
  modes_accueil: list("en-presentiel, a-distance"),
  modes_mobilisation: list("Liste séparée par des virgules"),
  mobilisable_par: list("usagers, professionnels"),
  frais: z.enum(["gratuit", "payant"], { error: "frais : gratuit ou payant" }).optional(),
  ouvert: z
    .enum(["1", "true", "0", "false"])
    .optional()
    .meta({ description: "1 : ouverts maintenant" }),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  taille: z.coerce.number().int().min(1).max(100).default(20),
});

export const StructureListQuery = z.object({
  commune: z
    .string()
    .regex(/^\w{5}$/, { error: "commune : un code INSEE sur 5 caractères" })
    .optional()
    .meta({ description: "Code INSEE d'une commune" }),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  taille: z.coerce.number().int().min(1).max(100).default(20),
});

function hitJson(hit: SearchHit, now: Date) {
  return {
    id: hit.id,
    source: hit.source,
    source_id: hit.sourceId,
    identifiant: `${hit.source}--${hit.sourceId}`,
    nom: hit.nom,
    structure: { id: hit.structureId, nom: hit.structureNom },
    thematiques: hit.thematiques,
    publics: hit.publics,
    modes_accueil: hit.modesAccueil,
    modes_mobilisation: hit.modesMobilisation,
    frais: hit.frais,
    adresse: hit.adresse,
    code_postal: hit.codePostal,
    commune: hit.commune,
    telephone: hit.telephone,
    latitude: hit.latitude,
    longitude: hit.longitude,
    horaires_accueil: hit.horaires,
    distance_km: hit.distanceKm === null ? null : Math.round(hit.distanceKm * 100) / 100,
    ouvert: hit.status.kind === "unknown" ? null : hit.status.kind === "open",
    a_verifier: isStale(hit.checkedAt, now),
  };
}

directoryApi.get("/api/v1/services", async (c) => {
  const ctx = requestContext(c);
  const query = parseQuery(c, ApiSearchQuery, "Paramètres de recherche invalides.");
  const result = await searchDirectory(ctx, c.var.deps.config.departementCode, {
    text: query.q,
    theme: query.thematique,
    place: query.commune,
    position:
      query.lat !== undefined && query.lon !== undefined
        ? { latitude: query.lat, longitude: query.lon }
        : undefined,
    radiusKm: query.rayon_km,
    publics: query.publics,
    modesAccueil: query.modes_accueil,
    modesMobilisation: query.modes_mobilisation,
    mobilisablePar: query.mobilisable_par,
    frais: query.frais,
    openNow: query.ouvert === "1" || query.ouvert === "true",
    page: query.page,
    pageSize: query.taille,
  });
  return c.json({
    total: result.total,
    total_minimum: result.totalIsLowerBound,
    page: result.page,
    taille: result.pageSize,
    recherche_elargie: result.relaxed,
    services: result.hits.map((hit) => hitJson(hit, ctx.now)),
  });
});

directoryApi.get("/api/v1/structures", async (c) => {
  const ctx = requestContext(c);
  const { commune, page, taille } = parseQuery(c, StructureListQuery, "Paramètres invalides.");
  const { rows, total } = await listStructures(ctx.db, {
    communeCode: commune,
    page,
    pageSize: taille,
  });
  return c.json({
    total,
    page,
    taille,
    items: rows.map((row) => ({ ...toStructureRecord(row), relais_id: row.id })),
  });
});

directoryApi.get("/api/v1/services/:id", async (c) => {
  const ctx = requestContext(c);
  const service = await requireService(ctx.db, c.req.param("id"));
  return c.json({
    ...toServiceRecord(service),
    relais_id: service.id,
    structure: { id: service.structure_id, nom: service.structure_nom },
    a_verifier: isStale(service.checked_at, ctx.now),
  });
});

directoryApi.get("/api/v1/structures/:id", async (c) => {
  const ctx = requestContext(c);
  const structure = await requireStructure(ctx.db, c.req.param("id"));
  const services = await listStructureServices(ctx.db, structure.id);
  return c.json({
    ...toStructureRecord(structure),
    relais_id: structure.id,
    services: services.map((service) => ({ id: service.id, nom: service.nom })),
  });
});

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({
  type: [type, "null"],
  ...extra,
});
const strings = { type: "array", items: { type: "string" } };
registerSchema("ServiceResume", {
  type: "object",
  required: [
    "id",
    "source",
    "source_id",
    "identifiant",
    "nom",
    "structure",
    "thematiques",
    "publics",
    "modes_accueil",
    "modes_mobilisation",
    "a_verifier",
  ],
  properties: {
    id: { type: "string", format: "uuid", description: "Identifiant Relais" },
    source: { type: "string", description: "Producteur data·inclusion" },
    source_id: { type: "string", description: "Identifiant data·inclusion chez le producteur" },
    identifiant: {
      type: "string",
      description: "{source}--{source_id} : utilisable dans /api/v1/services/{id}",
    },
    nom: { type: "string" },
    structure: {
      type: "object",
      required: ["id", "nom"],
      properties: { id: { type: "string", format: "uuid" }, nom: { type: "string" } },
    },
    thematiques: strings,
    publics: strings,
    modes_accueil: strings,
    modes_mobilisation: strings,
    frais: nullable("string"),
    adresse: nullable("string"),
    code_postal: nullable("string"),
    commune: nullable("string"),
    telephone: nullable("string"),
    latitude: nullable("number"),
    longitude: nullable("number"),
    horaires_accueil: nullable("string", { description: "Format OpenStreetMap opening_hours" }),
    distance_km: nullable("number"),
    ouvert: nullable("boolean", {
      description: "Ouvert maintenant (Europe/Paris) ; null si inconnu.",
    }),
    a_verifier: { type: "boolean", description: "Pas vérifié depuis plus de 6 mois." },
  },
});
const withoutDialect = ({ $schema: _dialect, ...schema }: Record<string, unknown>) => schema;
const serviceRecord = withoutDialect(SERVICE_JSON_SCHEMA) as {
  properties: Record<string, unknown>;
  required: string[];
};
const structureRecord = withoutDialect(STRUCTURE_JSON_SCHEMA) as {
  properties: Record<string, unknown>;
  required: string[];
};
registerSchema("ServiceDataInclusion", {
  ...serviceRecord,
  description: "Un service au format data·inclusion 1.0.8, et ce que Relais y ajoute.",
  required: [...serviceRecord.required, "relais_id", "structure", "a_verifier"],
  properties: {
    ...serviceRecord.properties,
    relais_id: { type: "string", format: "uuid" },
    structure: {
      type: "object",
      required: ["id", "nom"],
      properties: { id: { type: "string", format: "uuid" }, nom: { type: "string" } },
    },
    a_verifier: { type: "boolean", description: "Pas vérifié depuis plus de 6 mois." },
  },
});
registerSchema("StructureDataInclusion", {
  ...structureRecord,
  description: "Une structure au format data·inclusion 1.0.8, et son identifiant Relais.",
  required: [...structureRecord.required, "relais_id"],
  properties: { ...structureRecord.properties, relais_id: { type: "string", format: "uuid" } },
});
const json = (ref: string) => ({
  "application/json": { schema: { $ref: `#/components/schemas/${ref}` } },
});
const errors = {
  "400": { description: "Paramètres invalides (message en français)", content: json("Error") },
  "404": { description: "Introuvable", content: json("Error") },
};
registerPath("/api/v1/services", "get", {
  summary: "Rechercher des services d'insertion et de solidarité",
  description:
    "Recherche plein texte en français (accents ignorés, synonymes, fautes de frappe tolérées), filtres et tri par pertinence et distance. Données au format data·inclusion 1.0.8.",
  tags: ["annuaire"],
  parameters: queryParameters(ApiSearchQuery),
  responses: {
    "200": {
      description: "Une page de résultats",
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: ["total", "page", "services"],
            properties: {
              total: {
                type: "integer",
                description: `Nombre de services trouvés, compté jusqu'à ${COUNT_LIMIT}`,
              },
              total_minimum: {
                type: "boolean",
                description: `Vrai quand plus de ${COUNT_LIMIT} services correspondent : total vaut alors ${COUNT_LIMIT}`,
              },
              page: { type: "integer" },
              taille: { type: "integer" },
              recherche_elargie: { type: "boolean" },
              services: { type: "array", items: { $ref: "#/components/schemas/ServiceResume" } },
            },
          },
        },
      },
    },
    "400": errors["400"],
  },
});
const idParameter = [
  {
    name: "id",
    in: "path" as const,
    required: true,
    description: "Identifiant Relais (UUID) ou data·inclusion : {source}--{id}",
    schema: { type: "string" },
  },
];
registerPath("/api/v1/services/{id}", "get", {
  summary: "Un service, au format data·inclusion 1.0.8",
  tags: ["annuaire"],
  parameters: idParameter,
  responses: {
    "200": { description: "Le service", content: json("ServiceDataInclusion") },
    "404": errors["404"],
  },
});
registerPath("/api/v1/structures", "get", {
  summary: "Les structures de l'annuaire, par page, au format data·inclusion 1.0.8",
  tags: ["annuaire"],
  parameters: queryParameters(StructureListQuery),
  responses: {
    "200": {
      description: "Une page de structures",
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: ["total", "page", "taille", "items"],
            properties: {
              total: { type: "integer" },
              page: { type: "integer" },
              taille: { type: "integer" },
              items: {
                type: "array",
                items: { $ref: "#/components/schemas/StructureDataInclusion" },
              },
            },
          },
        },
      },
    },
    "400": errors["400"],
  },
});
registerPath("/api/v1/structures/{id}", "get", {
  summary: "Une structure, au format data·inclusion 1.0.8, avec la liste de ses services",
  tags: ["annuaire"],
  parameters: idParameter,
  responses: {
    "200": {
      description: "La structure",
      content: {
        "application/json": {
          schema: {
            allOf: [
              { $ref: "#/components/schemas/StructureDataInclusion" },
              {
                type: "object",
                required: ["services"],
                properties: {
                  services: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["id", "nom"],
                      properties: {
                        id: { type: "string", format: "uuid" },
                        nom: { type: "string" },
                      },
                    },
                  },
                },
              },
            ],
          },
        },
      },
    },
    "404": errors["404"],
  },
});
