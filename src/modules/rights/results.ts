import type { Db } from "../../db/database.ts";
import { listMotifs } from "../appointments/service.ts";
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

/** The booking page of the "accès aux droits" motif when one is bookable online, else the catalogue. */
export async function accessToRightsBooking(db: Db): Promise<string> {
  const motifs = await listMotifs(db, { onlineOnly: true });
  const motif = motifs.find((m) => !m.isCollective && /acc[eè]s aux droits/i.test(m.name));
  return motif ? `/rendez-vous/lieu?motif=${encodeURIComponent(motif.id)}` : "/rendez-vous";
}

export async function territoryCommunes(db: Db, departementCode: string) {
  return (await listCommunes(db, departementCode)).map((c) => ({
    inseeCode: c.inseeCode,
    name: c.name,
  }));
}
