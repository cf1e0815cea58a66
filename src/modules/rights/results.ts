import type { Db } from "../../db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { parisDate } from "../../platform/time/paris.ts";
import { type LieuView, listLieuxForMotif, listMotifs } from "../appointments/service.ts";
import { type SearchHit, searchDirectory } from "../directory/service.ts";
import { findCommune, listCommunes } from "../territory/service.ts";
import type { SimulationResult } from "./engine.ts";
import { ACCESS_TO_RIGHTS_THEME } from "./guidance.ts";
import type { Household } from "./household.ts";
import { publishedLocalAids } from "./local-aid-admin.ts";
import { evaluateLocalAids, type LocalAidResult } from "./local-aids.ts";

/** What the results pages read from the other modules (directory, appointments, territory). */

/** The month simulated: the current month in Paris ("YYYY-MM"). */
export function currentMonth(now: Date): string {
  return parisDate(now).slice(0, 7);
}

/** The nearest places that help people claim their rights, around the household's commune. */
export async function placesToApply(
  { db, now }: Pick<ServiceContext, "db" | "now">,
  departementCode: string,
  communeCode: string,
): Promise<SearchHit[]> {
  try {
    const result = await searchDirectory({ db, now }, departementCode, {
      theme: ACCESS_TO_RIGHTS_THEME,
      place: communeCode || undefined,
      page: 1,
      pageSize: 3,
    });
    return result.hits;
  } catch {
    // A commune outside the territory, or an empty directory: the page says where to look.
    return [];
  }
}

/**
 * The booking link of an "accès aux droits" motif bookable online, at the place
 * nearest the household: a place in its commune first, then the nearest from
 * the commune's centre (a place's own coordinates, else its commune's centre),
 * then one linked to the nearby directory places (`places`, nearest first)
 * when distances are unknown; straight to its slots. Without any of these, the
 * motif's choice of places; without a motif, the catalogue. Until issue 20 a
 * commune without a place fell to the directory hits only, and most ended on
 * the first place in alphabetical order (29 of 36 communes sent to Antony).
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
  const commune = communeCode ? await findCommune(db, communeCode) : undefined;
  const centre =
    commune?.latitude != null && commune.longitude != null
      ? { latitude: commune.latitude, longitude: commune.longitude }
      : undefined;
  const nearby = places.flatMap((p) => [`service:${p.id}`, `structure:${p.structureId}`]);
  const rank = (lieu: LieuView): [number, number, number] => {
    const hit = lieu.directoryRef === null ? -1 : nearby.indexOf(lieu.directoryRef);
    return [
      communeCode !== "" && lieu.communeCode === communeCode ? 0 : 1,
      centre && lieu.latitude !== null && lieu.longitude !== null
        ? approximateKm(centre, { latitude: lieu.latitude, longitude: lieu.longitude })
        : Number.POSITIVE_INFINITY,
      hit < 0 ? Number.POSITIVE_INFINITY : hit,
    ];
  };
  const before = (a: [number, number, number], b: [number, number, number]) =>
    a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  let best: { motifId: string; lieuId: string; rank: [number, number, number] } | undefined;
  motifs.forEach((motif, i) => {
    for (const lieu of lieux[i] ?? []) {
      const r = rank(lieu);
      const known = r[0] === 0 || Number.isFinite(r[1]) || Number.isFinite(r[2]);
      if (known && (best === undefined || before(r, best.rank) < 0)) {
        best = { motifId: motif.id, lieuId: lieu.id, rank: r };
      }
    }
  });
  if (best !== undefined)
    return `/rendez-vous/creneaux?${new URLSearchParams({ motif: best.motifId, lieu: best.lieuId })}`;
  return `/rendez-vous/lieu?motif=${encodeURIComponent(first.id)}`;
}

/**
 * Distance in km on a local flat map (equirectangular): within a département
 * (< 100 km) it orders places as the great-circle distance does.
 */
function approximateKm(
  from: { latitude: number; longitude: number },
  to: { latitude: number; longitude: number },
): number {
  const kmPerDegree = 111.2;
  const meanLatitude = ((from.latitude + to.latitude) / 2) * (Math.PI / 180);
  const dx = (to.longitude - from.longitude) * Math.cos(meanLatitude) * kmPerDegree;
  const dy = (to.latitude - from.latitude) * kmPerDegree;
  return Math.hypot(dx, dy);
}

export async function territoryCommunes(db: Db, departementCode: string) {
  return (await listCommunes(db, departementCode)).map((c) => ({
    inseeCode: c.inseeCode,
    name: c.name,
  }));
}

/** The Département's own aids published for the simulated month, evaluated for the household. */
export async function localAidsFor(
  db: Db,
  household: Household,
  result: SimulationResult,
): Promise<LocalAidResult[]> {
  const versions = await publishedLocalAids(db, result.month);
  return evaluateLocalAids(versions, household, result.month, result.results);
}
