// Half-open time intervals [start, end) in epoch milliseconds, and the few
// set operations the slot pipeline needs. Every function returns new arrays.

export interface Interval {
  start: number;
  end: number;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Interval, inner: Interval): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Sorted, non-overlapping, non-touching union of the given intervals. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((interval) => interval.end > interval.start)
    .map((interval) => ({ start: interval.start, end: interval.end }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push(interval);
  }
  return merged;
}

/** First index whose interval ends after `instant` (binary search). */
function firstEndingAfter(sorted: readonly Interval[], instant: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as Interval).end <= instant) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * What remains of `interval` once the `blocked` intervals are removed.
 * `blocked` must be the output of `mergeIntervals` (sorted, disjoint).
 */
export function subtractIntervals(interval: Interval, blocked: readonly Interval[]): Interval[] {
  const remaining: Interval[] = [];
  let cursor = interval.start;
  for (let index = firstEndingAfter(blocked, cursor); index < blocked.length; index++) {
    const block = blocked[index] as Interval;
    if (block.start >= interval.end) break;
    if (block.start > cursor) remaining.push({ start: cursor, end: block.start });
    cursor = Math.max(cursor, block.end);
    if (cursor >= interval.end) break;
  }
  if (cursor < interval.end) remaining.push({ start: cursor, end: interval.end });
  return remaining;
}

/** Whether `interval` meets any of the sorted, disjoint `blocked` intervals. */
export function overlapsAny(interval: Interval, blocked: readonly Interval[]): boolean {
  const index = firstEndingAfter(blocked, interval.start);
  const block = blocked[index];
  return block !== undefined && block.start < interval.end;
}
