import type { Db } from "../../db/database.ts";
import { type LieuView, listLieuxForMotif, listMotifs } from "../appointments/service.ts";
import { type SearchHit, searchDirectory } from "../directory/service.ts";
import { listCommunes } from "../territory/service.ts";
import { ACCESS_TO_RIGHTS_THEME } from "./guidance.ts";

/** What the results pages read from the other modules (directory, appointments, territory). */

/** The month simulated: the current month in Paris ("YYYY-MM"). */
export function currentMonth(now: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
  }).formatToParts(now);
  const year = parts.find((p) => p.type === "year")?.value ?? "2026";
  const month = parts.find((p) => p.type === "month")?.value ?? "01";
  return `${year}-${month}`;
}

/** The nearest places that help people claim their rights, around the household's commune. */
export async function placesToApply(
  db: Db,
  departementCode: string,
  communeCode: string,
  now: Date,
): Promise<SearchHit[]> {
  try {
    const result = await searchDirectory(
      db,
      departementCode,
      { theme: ACCESS_TO_RIGHTS_THEME, place: communeCode || undefined, page: 1, pageSize: 3 },
      now,
    );
    return result.hits;
  } catch {
    // A commune outside the territory, or an empty directory: the page says where to look.
    return [];
  }
}

/**
 * The booking link of an "accès aux droits" motif bookable online, at the place
 * nearest the household: a place in its commune first, then one linked to the
 * nearby directory places (`places`, nearest first); straight to its slots.
 * Without such a place, the motif's choice of places; without a motif, the catalogue.
 */
export async function accessToRightsBooking(
  db: Db,
  communeCode: string,
  places: readonly SearchHit[] = [],
): Promise<string> {
  const motifs = (await listMotifs(db, { onlineOnly: true })).filter(
    (m) => !m.isCollective && /acc[eè]s aux droits/i.test(m.name),
  );
  const first = motifs[0];
  if (first === undefined) return "/rendez-vous";
  // One query per motif offering it (a handful: one per service territorial de solidarité).
  const lieux = await Promise.all(motifs.map((m) => listLieuxForMotif(db, m.id)));
  const nearby = places.flatMap((p) => [`service:${p.id}`, `structure:${p.structureId}`]);
  const rank = (lieu: LieuView): number => {
    if (communeCode !== "" && lieu.communeCode === communeCode) return 0;
    const i = lieu.directoryRef === null ? -1 : nearby.indexOf(lieu.directoryRef);
    return i < 0 ? Number.POSITIVE_INFINITY : 1 + i;
  };
  let best: { motifId: string; lieuId: string; rank: number } | undefined;
  motifs.forEach((motif, i) => {
    for (const lieu of lieux[i] ?? []) {
      const r = rank(lieu);
      if (r < (best?.rank ?? Number.POSITIVE_INFINITY))
        best = { motifId: motif.id, lieuId: lieu.id, rank: r };
    }
  });
  if (best !== undefined)
    return `/rendez-vous/creneaux?${new URLSearchParams({ motif: best.motifId, lieu: best.lieuId })}`;
  return `/rendez-vous/lieu?motif=${encodeURIComponent(first.id)}`;
}

export async function territoryCommunes(db: Db, departementCode: string) {
  return (await listCommunes(db, departementCode)).map((c) => ({
    inseeCode: c.inseeCode,
    name: c.name,
  }));
}
