import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { descending, selectTopK } from './top-k';
import { TopKTracker } from './top-k-tracker';

/** A plain map as the tracker's source. */
function sourceOf(map: Map<string, number>) {
  return { get: (k: string) => map.get(k), entries: () => map.entries(), get size() { return map.size; } };
}

describe('top-K across slides', () => {
  it('equals a full sort at every slide, however the counts change', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: -3, max: 3 })), { maxLength: 40 }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 12 }),
        (slides, k) => {
          const counts = new Map<string, number>();
          const tracker = new TopKTracker<string, number>(descending);
          for (const [step, changes] of slides.entries()) {
            const changed: string[] = [];
            for (const [id, delta] of changes) {
              const key = `k${id}`;
              const next = (counts.get(key) ?? 0) + delta;
              if (next <= 0) counts.delete(key);
              else counts.set(key, next);
              changed.push(key);
            }
            const got = tracker.query(k, step, sourceOf(counts), () => changed);
            const want = [...counts].sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0)).slice(0, k);
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
      expect(tracker.query(10, step, sourceOf(counts), () => changed)).toEqual(selectTopK(counts, 10, descending));
    }
    expect(tracker.fullScans).toBe(1);
  });
});
