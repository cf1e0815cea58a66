import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Interval, mergeIntervals, overlapsAny, subtractIntervals } from "./intervals.ts";

const interval = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 30 }))
  .map(([start, length]): Interval => ({ start, end: start + length }));

describe("intervals", () => {
  it("merges overlapping and touching intervals", () => {
    expect(
      mergeIntervals([
        { start: 5, end: 7 },
        { start: 0, end: 2 },
        { start: 2, end: 3 },
        { start: 6, end: 9 },
        { start: 4, end: 4 },
      ]),
    ).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 9 },
    ]);
  });

  it("subtracts blocked time from an interval", () => {
    const blocked = mergeIntervals([
      { start: 2, end: 4 },
      { start: 6, end: 7 },
      { start: 9, end: 20 },
    ]);
    expect(subtractIntervals({ start: 0, end: 10 }, blocked)).toEqual([
      { start: 0, end: 2 },
      { start: 4, end: 6 },
      { start: 7, end: 9 },
    ]);
  });

  it("keeps exactly the points of the interval outside the blocked ones", () => {
    fc.assert(
      fc.property(interval, fc.array(interval, { maxLength: 8 }), (whole, blocks) => {
        const blocked = mergeIntervals(blocks);
        const left = subtractIntervals(whole, blocked);
        for (let point = whole.start; point < whole.end; point++) {
          const isBlocked = blocks.some((b) => b.start <= point && point < b.end);
          const isLeft = left.some((l) => l.start <= point && point < l.end);
          expect(isLeft).toBe(!isBlocked);
        }
        for (const piece of left) expect(overlapsAny(piece, blocked)).toBe(false);
      }),
    );
  });
});
