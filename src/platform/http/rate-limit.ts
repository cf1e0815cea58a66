import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

export type RateLimit = { limit: number; windowSeconds: number };

/** The fixed window `now` falls in, and the seconds until it ends. */
function windowAt(now: Date, windowSeconds: number) {
  const windowMs = windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const retryAfterSeconds = Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000);
  return { start, retryAfterSeconds };
}

/**
 * Counts a hit for `key` in the current fixed window, in the database so that
 * every replica shares the count. Returns whether the hit is over the limit.
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  { limit, windowSeconds }: RateLimit,
  now: Date,
): Promise<{ limited: boolean; retryAfterSeconds: number }> {
  const { start, retryAfterSeconds } = windowAt(now, windowSeconds);
  const row = await db
    .insertInto("rate_limit")
    .values({ key, window_start: start, hits: 1 })
    .onConflict((oc) =>
      oc.columns(["key", "window_start"]).doUpdateSet({ hits: sql`rate_limit.hits + 1` }),
    )
    .returning("hits")
    .executeTakeFirstOrThrow();
  return { limited: row.hits > limit, retryAfterSeconds };
}

/** Whether `key` already reached its limit in the current window, without counting a hit. */
export async function isRateLimited(
  db: Db,
  key: string,
  { limit, windowSeconds }: RateLimit,
  now: Date,
): Promise<{ limited: boolean; retryAfterSeconds: number }> {
  const { start, retryAfterSeconds } = windowAt(now, windowSeconds);
  const row = await db
    .selectFrom("rate_limit")
    .select("hits")
    .where("key", "=", key)
    .where("window_start", "=", start)
    .executeTakeFirst();
  return { limited: (row?.hits ?? 0) >= limit, retryAfterSeconds };
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom("rate_limit").where("key", "=", key).execute();
}

export async function purgeOldRateLimits(db: Db, before: Date): Promise<void> {
  await db.deleteFrom("rate_limit").where("window_start", "<", before).execute();
}
