import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { descending, selectTopK } from './top-k.js';
import { TopKTracker } from './top-k-tracker.js';

/** The keys that changed, as the one "partial" the tracker looks at. */
const changes = (keys: string[]) => () => [new Map(keys.map((key) => [key, 0]))];

describe('top-K across slides', () => {
  it('equals a full sort at every slide, however the counts change', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: -3, max: 3 })), {
            maxLength: 40,
          }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.integer({ min: 1, max: 12 }),
        (slides, k) => {
          // A steady base of keys, so the changed keys are few and the incremental path is taken.
          const counts = new Map<string, number>(
            Array.from({ length: 300 }, (_, i) => [`base${i}`, (i * 7) % 23]),
          );
          const tracker = new TopKTracker<string, number>(descending);
          for (const [step, slide] of slides.entries()) {
            const changed: string[] = [];
            for (const [id, delta] of slide) {
              const key = `k${id}`;
              const next = (counts.get(key) ?? 0) + delta;
              if (next <= 0) counts.delete(key);
              else counts.set(key, next);
              changed.push(key);
            }
            const got = tracker.query(k, step, counts, changes(changed));
            const want = [...counts]
              .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0))
              .slice(0, k);
            expect(got).toEqual(want);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rescans all keys only rarely when the leaders are stable', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) counts.set(`k${i}`, Math.floor(100_000 / (i + 1)));
    const tracker = new TopKTracker<string, number>(descending);
    for (let step = 0; step < 100; step++) {
      const changed = [`k${5000 + step}`, `k${(step * 37) % 10_000}`];
      for (const key of changed) counts.set(key, counts.get(key)! + 1);
      expect(tracker.query(10, step, counts, changes(changed))).toEqual(selectTopK(counts, 10, descending));
    }
    expect(tracker.fullScans).toBe(1);
  });

  it('scans every key instead when most keys changed', () => {
    const counts = new Map(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
    const tracker = new TopKTracker<string, number>(descending);
    tracker.query(5, 0, counts, null);
    for (const key of counts.keys()) counts.set(key, counts.get(key)! * 2);
    expect(tracker.query(5, 1, counts, () => [counts])).toEqual(selectTopK(counts, 5, descending));
    expect(tracker.fullScans).toBe(2);
  });
});
