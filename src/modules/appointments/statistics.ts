// What the seeds ask about access to a social worker: how long until the
// first free slot, how many appointments, how many missed.

import { sql } from "kysely";
import { authorize } from "../../platform/access/policy.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { listMotifs, type MotifView } from "./agenda-store.ts";
import { appointmentRules, seesEveryOrganisationStatistics } from "./policy.ts";
import { findSlots } from "./service.ts";

/** What every breakdown (per motif, per place) shows of its appointments. */
export interface AppointmentCounts {
  /** Days from now to the first free slot offered, null when none within 31 days. */
  daysToFirstSlot: number | null;
  past: number;
  seen: number;
  noShow: number;
  cancelled: number;
  upcoming: number;
  /** No-shows among the appointments that took place or should have (seen + no-show). */
  noShowRate: number | null;
}

export interface MotifStatistics extends AppointmentCounts {
  motif: MotifView;
}

type CountRow = { past: number; seen: number; noShow: number; cancelled: number; upcoming: number };

/** The counts of one row of `statusCounts` (none: zeros), with the first free slot and the no-show rate. */
export function appointmentCounts(
  row: CountRow | undefined,
  firstSlot: Date | undefined,
  now: Date,
): AppointmentCounts {
  const seen = row?.seen ?? 0;
  const noShow = row?.noShow ?? 0;
  return {
    daysToFirstSlot: firstSlot ? daysUntil(now, firstSlot) : null,
    past: row?.past ?? 0,
    seen,
    noShow,
    cancelled: row?.cancelled ?? 0,
    upcoming: row?.upcoming ?? 0,
    noShowRate: seen + noShow > 0 ? noShow / (seen + noShow) : null,
  };
}

/** The counts every breakdown shows, as columns of a grouped query on `rdv`. */
export function statusCounts(now: Date) {
  return [
    sql<number>`count(*) FILTER (WHERE starts_at < ${now})::int`.as("past"),
    sql<number>`count(*) FILTER (WHERE status = 'seen')::int`.as("seen"),
    sql<number>`count(*) FILTER (WHERE status = 'noshow')::int`.as("noShow"),
    sql<number>`count(*) FILTER (WHERE status IN ('excused', 'revoked'))::int`.as("cancelled"),
    sql<number>`count(*) FILTER (WHERE starts_at >= ${now} AND status = 'unknown')::int`.as(
      "upcoming",
    ),
  ];
}

/**
 * What a breakdown may count, after the policy: the individual motifs of the
 * responsable's organisation (all of them for a pilote), and since when.
 */
export async function statisticsScope(
  ctx: ServiceContext,
  organisationId: string,
  days: number,
): Promise<{ motifs: MotifView[]; since: Date; territoryWide: boolean }> {
  const { actor } = ctx;
  authorize(actor, appointmentRules.viewStatistics, { organisationId });
  const territoryWide = seesEveryOrganisationStatistics(actor);
  const motifs = (await listMotifs(ctx.db, territoryWide ? {} : { organisationId })).filter(
    (m) => !m.isCollective,
  );
  return { motifs, since: new Date(ctx.now.getTime() - days * 86_400_000), territoryWide };
}

/** Days from now to a slot, to one decimal. */
export function daysUntil(now: Date, start: Date): number {
  return Math.round(((start.getTime() - now.getTime()) / 86_400_000) * 10) / 10;
}

/**
 * Per motif of one organisation (a responsable) or of all (a pilote), over
 * the last `days` days and the next ones. One query for the counts; the
 * first free slot is computed per motif (a slot query each: a page for a
 * few people, not a hot path).
 */
export async function appointmentStatistics(
  ctx: ServiceContext,
  organisationId: string,
  days = 90,
): Promise<MotifStatistics[]> {
  const { motifs, since } = await statisticsScope(ctx, organisationId, days);
  if (motifs.length === 0) return [];
  const counts = await ctx.db
    .selectFrom("rdv")
    .select(["motif_id as motifId", ...statusCounts(ctx.now)])
    .where(
      "motif_id",
      "in",
      motifs.map((m) => m.id),
    )
    .where("starts_at", ">=", since)
    .groupBy("motif_id")
    .execute();
  const byMotif = new Map(counts.map((row) => [row.motifId, row]));
  const horizon = new Date(ctx.now.getTime() + 31 * 86_400_000);
  return Promise.all(
    motifs.map(async (motif) => {
      const row = byMotif.get(motif.id);
      const slots = await findSlots(ctx, {
        motifId: motif.id,
        from: ctx.now,
        to: horizon,
        forAgent: motif.bookableBy !== "everyone",
      });
      return { motif, ...appointmentCounts(row, slots[0]?.start, ctx.now) };
    }),
  );
}
