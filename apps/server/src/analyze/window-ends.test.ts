import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForceEnds } from '../../test/support/recount.js';
import { windowEnds } from './window-ends.js';

describe('windowEnds', () => {
  it('gives every window meeting the span, first and last included', () => {
    // Tweets at 12:00:05 and 12:00:35, 30s windows every 10s: ends 12:00:10 ... 12:01:00.
    const t0 = Date.UTC(2024, 0, 1, 12);
    expect(windowEnds(t0 + 5000, t0 + 35_000, 30_000, 10_000)).toEqual({
      first: t0 + 10_000,
      last: t0 + 60_000,
      count: 6,
    });
  });

  it('a tweet exactly on a slide boundary opens the window that starts there, not the one that ends there', () => {
    const t = 1_700_000_000_000;
    expect(windowEnds(t, t, 10_000, 10_000)).toEqual({ first: t + 10_000, last: t + 10_000, count: 1 });
  });

  it('equals an enumeration of all windows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(1, 100, 1000),
        (first, span, w, s, unit) => {
          const slide = s * unit;
          const length = Math.max(w, s) * unit;
          const ends = bruteForceEnds(first, first + span, length, slide);
          const got = windowEnds(first, first + span, length, slide);
          expect(got.count).toBe(ends.length);
          expect([got.first, got.last]).toEqual([ends[0], ends.at(-1)]);
        },
      ),
    );
  });
});
