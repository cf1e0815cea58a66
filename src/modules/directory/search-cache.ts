import { sql } from "kysely";
import { type Db, shortReads } from "../../db/database.ts";

/**
 * Search results kept in memory, per database handle: people ask the same
 * things in the same places ("manger" at Nanterre), and one search costs tens
 * of milliseconds of SQL against well under one to answer from memory.
 *
 * An entry is valid for the directory generation it was computed under
 * (migration 0102: any committed write to services, structures or communes
 * changes it, whichever process made it). The generation is read after the
 * search arrives and before it is answered, so an entry never holds results
 * older than its generation. What depends on the time (an "open now" filter)
 * is the caller's to put in the key. Least recently used entries go first.
 * Identical searches that arrive while one is being computed wait for it
 * instead of computing it again.
 */
export const DEFAULT_CACHE_ENTRIES = 1000;

/** hits: answered from memory; joined: waited for the same search in flight; misses: computed. */
export type CacheStats = { hits: number; joined: number; misses: number; entries: number };

class SearchCache {
  readonly generation: SharedRead<string>;
  private readonly entries = new Map<string, unknown>();
  /** Searches being computed: a second identical request waits for the first. */
  readonly inFlight = new Map<string, Promise<unknown>>();
  hits = 0;
  joined = 0;
  misses = 0;

  constructor(
    public capacity: number,
    db: Db,
  ) {
    this.generation = new SharedRead(async () => {
      const result = await sql<{ value: string }>`
        SELECT value::text AS value FROM directory_generation`.execute(shortReads(db));
      return result.rows[0]?.value ?? "";
    });
  }

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
    cache = new SearchCache(DEFAULT_CACHE_ENTRIES, db);
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
 * A value read again for whoever asks, but shared: a read already on its way
 * may have left before the caller arrived, so the caller waits for the next
 * one, which every caller arriving meanwhile shares. Fifty searches at once
 * cost two reads of the generation, not fifty, and each still sees every
 * write committed before it arrived.
 */
export class SharedRead<T> {
  private running: Promise<T> | undefined;
  private queued: Promise<T> | undefined;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    const running = this.running;
    if (!running) return this.start();
    this.queued ??= running.then(
      () => this.next(),
      () => this.next(),
    );
    return this.queued;
  }

  private next(): Promise<T> {
    this.queued = undefined;
    return this.start();
  }

  private start(): Promise<T> {
    const reading = this.read();
    this.running = reading;
    const done = () => {
      if (this.running === reading) this.running = undefined;
    };
    reading.then(done, done);
    return reading;
  }
}

/**
 * `compute()`'s result for `parts`, from memory when the directory has not
 * changed since. Inside a transaction nothing is cached: it may see its own
 * uncommitted writes.
 */
export async function cachedSearch<T>(
  db: Db,
  parts: unknown[],
  compute: () => Promise<T>,
): Promise<T> {
  const cache = cacheOf(db);
  if (cache.capacity === 0 || db.isTransaction) return compute();
  const key = JSON.stringify([await cache.generation.get(), ...parts]);
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
