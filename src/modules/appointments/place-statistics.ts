// The pilot's figures per place: access to a social worker differs from one
// place to the next more than from one motif to the next. Appointments
// without a place (phone, video, home) form one row of their own.

import type { ServiceContext } from "../../platform/http/context.ts";
import { findSlots } from "./service.ts";
import {
  type AppointmentCounts,
  appointmentCounts,
  statisticsScope,
  statusCounts,
} from "./statistics.ts";

export interface PlaceStatistics extends AppointmentCounts {
  /** null: the appointments without a place. */
  lieuId: string | null;
  lieuName: string;
  organisationName: string;
}

export const WITHOUT_PLACE = "Sans lieu (téléphone, visio, domicile)";

/**
 * Per place of one organisation (a responsable) or of all (a pilote), over
 * the last `days` days and the next ones: one query for the places, one for
 * the counts, one for which motifs each place offers, then a slot query per
 * place and motif (a page for a few people, not a hot path).
 */
export async function placeStatistics(
  ctx: ServiceContext,
  organisationId: string,
  days = 90,
): Promise<PlaceStatistics[]> {
  const { motifs, since, territoryWide } = await statisticsScope(ctx, organisationId, days);
  if (motifs.length === 0) return [];
  const motifIds = motifs.map((m) => m.id);
  let placesQuery = ctx.db
    .selectFrom("rdv_lieu as l")
    .innerJoin("organisation as o", "o.id", "l.organisation_id")
    .select(["l.id", "l.name", "o.name as organisationName"])
    .where("l.status", "!=", "disabled")
    .orderBy("o.name")
    .orderBy("l.name");
  if (!territoryWide) placesQuery = placesQuery.where("l.organisation_id", "=", organisationId);
  const [places, counts, offers] = await Promise.all([
    placesQuery.execute(),
    ctx.db
      .selectFrom("rdv")
      .select(["lieu_id as lieuId", ...statusCounts(ctx.now)])
      .where("motif_id", "in", motifIds)
      .where("starts_at", ">=", since)
      .groupBy("lieu_id")
      .execute(),
    ctx.db
      .selectFrom("rdv_plage as p")
      .innerJoin("rdv_plage_motif as pm", "pm.plage_id", "p.id")
      .select(["p.lieu_id as lieuId", "pm.motif_id as motifId"])
      .where("pm.motif_id", "in", motifIds)
      .distinct()
      .execute(),
  ]);
  const rows: { lieuId: string | null; lieuName: string; organisationName: string }[] = [
    ...places.map((p) => ({
      lieuId: p.id,
      lieuName: p.name,
      organisationName: p.organisationName,
    })),
  ];
  const withoutPlace =
    counts.some((c) => c.lieuId === null) || offers.some((o) => o.lieuId === null);
  if (withoutPlace) {
    rows.push({
      lieuId: null,
      lieuName: WITHOUT_PLACE,
      organisationName: territoryWide ? "Toutes" : (motifs[0]?.organisationName ?? ""),
    });
  }
  const byPlace = new Map(counts.map((row) => [row.lieuId, row]));
  const motifById = new Map(motifs.map((m) => [m.id, m]));
  const horizon = new Date(ctx.now.getTime() + 31 * 86_400_000);
  return Promise.all(
    rows.map(async (place) => {
      const offered = offers.filter((o) => o.lieuId === place.lieuId);
      const firsts = await Promise.all(
        offered.map(async ({ motifId }) => {
          const motif = motifById.get(motifId);
          if (!motif) return undefined;
          const slots = await findSlots(ctx, {
            motifId,
            lieuId: place.lieuId,
            from: ctx.now,
            to: horizon,
            forAgent: motif.bookableBy !== "everyone",
          });
          return slots[0]?.start;
        }),
      );
      const first = firsts
        .filter((start): start is Date => start !== undefined)
        .sort((a, b) => a.getTime() - b.getTime())[0];
      // The first free slot of any motif offered there.
      return { ...place, ...appointmentCounts(byPlace.get(place.lieuId), first, ctx.now) };
    }),
  );
}
