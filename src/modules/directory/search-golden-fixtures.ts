/**
 * A fixed set of directory searches and a digest of their results (ids in
 * order, counts, rings, levels, distances), so that a change to how search
 * runs can show it gives the same answers: search-golden.test.ts compares
 * the digest with the one recorded before the change. Test support only.
 */
import type { Db } from "../../db/database.ts";
import type { DirectorySearchInput } from "./service.ts";
import { searchDirectory } from "./service.ts";

/** The bench's needs (bench/directory.ts), each with the theme a helper would pick. */
export const BENCH_NEEDS: { q: string; thematique: string }[] = [
  { q: "manger", thematique: "equipement-et-alimentation" },
  { q: "colis alimentaire", thematique: "equipement-et-alimentation" },
  { q: "domiciliation", thematique: "difficultes-administratives-ou-juridiques" },
  { q: "aide facture électricité", thematique: "difficultes-financieres" },
  { q: "avocat gratuit", thematique: "difficultes-administratives-ou-juridiques" },
  { q: "emploi", thematique: "trouver-un-emploi" },
  { q: "internet ordinateur", thematique: "numerique" },
  { q: "logement", thematique: "logement-hebergement" },
  { q: "médecin", thematique: "sante" },
  { q: "domicilation", thematique: "difficultes-administratives-ou-juridiques" },
  { q: "vestiaire", thematique: "equipement-et-alimentation" },
];

/** Dense and sparse places: the prefecture, big towns, the smallest, a postcode. */
export const SOME_PLACES = [
  "Nanterre",
  "Boulogne-Billancourt",
  "Antony",
  "Marnes-la-Coquette",
  "92110",
];

export type GoldenSearch = { name: string; input: DirectorySearchInput };

/**
 * The searches: every bench need in every commune with its theme (the
 * bench's mix), then variations on a few places (no theme, open now, radius,
 * pages, a position, filters only, words that match nothing together).
 */
export function goldenSearches(communes: string[], places = SOME_PLACES): GoldenSearch[] {
  const searches: GoldenSearch[] = [];
  const add = (name: string, input: DirectorySearchInput) => searches.push({ name, input });
  for (const need of BENCH_NEEDS) {
    for (const commune of communes) {
      add(`bench ${need.q} @ ${commune}`, {
        text: need.q,
        place: commune,
        theme: need.thematique,
        pageSize: 20,
      });
    }
  }
  for (const need of BENCH_NEEDS) {
    add(`${need.q} anywhere`, { text: need.q, pageSize: 20 });
    add(`${need.q} anywhere, theme`, { text: need.q, theme: need.thematique, pageSize: 20 });
    for (const place of places) {
      const base = { text: need.q, place };
      add(`${need.q} @ ${place}`, { ...base, pageSize: 20 });
      add(`${need.q} @ ${place} open now`, { ...base, openNow: true, pageSize: 20 });
      add(`${need.q} @ ${place} theme open now`, {
        ...base,
        theme: need.thematique,
        openNow: true,
      });
      add(`${need.q} @ ${place} 1 km`, { ...base, radiusKm: 1 });
      add(`${need.q} @ ${place} 2 km`, { ...base, radiusKm: 2 });
      add(`${need.q} @ ${place} 12 km`, { ...base, radiusKm: 12, pageSize: 10 });
      add(`${need.q} @ ${place} page 2`, { ...base, page: 2, pageSize: 10 });
      add(`${need.q} @ ${place} page 3 of 100`, { ...base, page: 3, pageSize: 100 });
    }
  }
  for (const place of places) {
    add(`nothing typed @ ${place}`, { place });
    add(`theme only @ ${place}`, { place, theme: "equipement-et-alimentation" });
    add(`full thematique @ ${place}`, {
      place,
      theme: "equipement-et-alimentation--alimentation",
    });
    add(`open now only @ ${place}`, { place, openNow: true, pageSize: 50 });
    add(`remote @ ${place}`, { place, modesAccueil: ["a-distance"] });
    add(`free, young @ ${place}`, { place, frais: "gratuit", publics: ["jeunes"] });
    add(`mobilisation @ ${place}`, {
      place,
      text: "emploi",
      modesMobilisation: ["se-presenter"],
      mobilisablePar: ["usagers"],
    });
    add(`relaxed @ ${place}`, { place, text: "manger avocat" });
    add(`no match @ ${place}`, { place, text: "zzqxw" });
  }
  add("nothing at all", {});
  add("page 4 of everything", { page: 4, pageSize: 25 });
  add("position, colis", { text: "colis", position: { latitude: 48.8924, longitude: 2.2071 } });
  add("position, 3 km, emploi", {
    text: "emploi",
    radiusKm: 3,
    position: { latitude: 48.8353, longitude: 2.2419 },
  });
  add("position, open now", {
    openNow: true,
    position: { latitude: 48.7536, longitude: 2.2975 },
  });
  return searches;
}

/** What a search answered, without what does not depend on how it ran (opening texts). */
export async function digestOf(
  db: Db,
  search: GoldenSearch,
  now: Date,
): Promise<Record<string, unknown>> {
  const result = await searchDirectory({ db: db, now: now }, "92", search.input);
  return {
    total: result.total,
    totalIsLowerBound: result.totalIsLowerBound,
    ringKm: result.ringKm ?? null,
    relaxed: result.relaxed,
    bestLevel: result.bestLevel,
    page: result.page,
    pageSize: result.pageSize,
    thematiques: result.query.thematiques,
    hits: result.hits.map(
      (hit) =>
        `${hit.source}--${hit.sourceId} L${hit.matchLevel} ${
          hit.distanceKm === null ? "-" : hit.distanceKm.toFixed(6)
        } ${hit.status.kind}`,
    ),
  };
}
