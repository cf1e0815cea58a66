import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

/**
 * Search results kept in memory, per database handle: people ask the same
 * things in the same places ("manger" at Nanterre), and one search costs tens
 * of milliseconds of SQL against well under one to answer from memory.
 *
 * An entry is valid for the directory generation it was computed under
 * (migration 0102: any committed write to services, structures or communes
 * changes it, whichever process made it) and for the minute of `now`, since
 * results say whether each service is open. The generation is read before
 * the search, so an entry never holds results older than its generation.
 * Least recently used entries go first. Identical searches that arrive while
 * one is being computed wait for it instead of computing it again.
 */
export const DEFAULT_CACHE_ENTRIES = 1000;

/** hits: answered from memory; joined: waited for the same search in flight; misses: computed. */
export type CacheStats = { hits: number; joined: number; misses: number; entries: number };

class SearchCache {
  private readonly entries = new Map<string, unknown>();
  /** Searches being computed: a second identical request waits for the first. */
  readonly inFlight = new Map<string, Promise<unknown>>();
  hits = 0;
  joined = 0;
  misses = 0;

  constructor(public capacity: number) {}

  get(key: string): unknown {
    const value = this.entries.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: unknown): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
    this.hits = 0;
    this.joined = 0;
    this.misses = 0;
  }

  stats(): CacheStats {
    return {
      hits: this.hits,
      joined: this.joined,
      misses: this.misses,
      entries: this.entries.size,
    };
  }
}

const caches = new WeakMap<Db, SearchCache>();

function cacheOf(db: Db): SearchCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new SearchCache(DEFAULT_CACHE_ENTRIES);
    caches.set(db, cache);
  }
  return cache;
}

/** Sets how many searches are kept for this database (0: none). */
export function configureSearchCache(db: Db, capacity: number): void {
  const cache = cacheOf(db);
  cache.capacity = Math.max(0, Math.floor(capacity));
  if (cache.capacity === 0) cache.clear();
}

/** Empties this database's cache and its counters (benchmarks start cold). */
export function clearSearchCache(db: Db): void {
  cacheOf(db).clear();
}

export function searchCacheStats(db: Db): CacheStats {
  return cacheOf(db).stats();
}

/**
 * `compute()`'s result for `parts` at `now`'s minute, from memory when the
 * directory has not changed since. Inside a transaction nothing is cached:
 * it may see its own uncommitted writes.
 */
export async function cachedSearch<T>(
  db: Db,
  parts: unknown[],
  now: Date,
  compute: () => Promise<T>,
): Promise<T> {
  const cache = cacheOf(db);
  if (cache.capacity === 0 || db.isTransaction) return compute();
  const generation = await sql<{ value: string }>`
    SELECT value::text AS value FROM directory_generation`.execute(db);
  const key = JSON.stringify([
    generation.rows[0]?.value ?? "",
    Math.floor(now.getTime() / 60_000),
    ...parts,
  ]);
  const cached = cache.get(key);
  if (cached !== undefined) return cached as T;
  const running = cache.inFlight.get(key);
  if (running) {
    cache.misses--;
    cache.joined++;
    return running as Promise<T>;
  }
  const computing = compute();
  cache.inFlight.set(key, computing);
  try {
    const value = await computing;
    cache.set(key, value);
    return value;
  } finally {
    cache.inFlight.delete(key);
  }
}
