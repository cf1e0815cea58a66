/**
 * The last step of a directory search: the candidates fully ranked, and the
 * page asked for. The ranking the page promises: how well a service matches
 * (its match level), then, at the same level, the nearest first; the finer
 * text relevance only breaks ties after that, then the name. Ranking by a sum
 * of relevance and nearness put a food bank 4.8 km away before the CCAS 750 m
 * away; ranking by distance alone put a CCAS that mentions « droits » before
 * the « Point justice » for « avocat », and a day centre that mentions
 * « domiciliation » before the « Domiciliation administrative » (a need with
 * no theme: the name stands in for it).
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { Candidates } from "./search-candidates.ts";
import type { HitRow } from "./search-hits.ts";
import { MAX_RADIUS_KM, type SearchPlan } from "./search-plan.ts";
import { distanceKm, matchLevel, relevance } from "./search-predicates.ts";

/** The page of ranked rows, each with `total` as the candidates carried it. */
export async function rankPage(
  db: Db,
  plan: SearchPlan,
  candidates: Candidates,
): Promise<(HitRow & { total: number })[]> {
  const distance = distanceKm(plan.origin);
  const level = matchLevel(plan, "s");
  return db
    .with("c", () => candidates.rows)
    .selectFrom("c")
    .innerJoin("directory_service as s", "s.id", "c.id")
    .innerJoin("directory_structure as st", "st.id", "s.structure_id")
    .select([
      "s.id",
      "s.source",
      "s.nom",
      "s.source_id",
      "s.structure_id",
      "st.nom as structure_nom",
      "s.description",
      "s.thematiques",
      "s.publics",
      "s.modes_accueil",
      "s.modes_mobilisation",
      "s.frais",
      "s.adresse",
      "s.code_postal",
      "s.code_insee",
      "s.commune",
      "s.telephone",
      "s.latitude",
      "s.longitude",
      "s.checked_at",
      "c.total",
      sql<string | null>`coalesce(s.horaires_accueil, st.horaires_accueil)`.as("horaires"),
      distance.as("distance_km"),
      level.as("match_level"),
    ])
    .$if(plan.hasText, (query) => query.orderBy(level, "desc"))
    .$if(Boolean(plan.origin), (query) =>
      query.orderBy(sql`coalesce(${distance}, ${MAX_RADIUS_KM})`),
    )
    .orderBy(relevance(plan), "desc")
    .orderBy(sql`s.nom COLLATE "und-x-icu"`)
    .orderBy("s.source_id")
    .limit(plan.pageSize)
    .offset((plan.page - 1) * plan.pageSize)
    .execute();
}
