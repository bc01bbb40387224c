// The top-K tracker on windows small enough that it holds every key (its exhaustive path), and
// its per-slide cache: asking again in the same slide answers from it, a larger k recomputes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareKeys, descending } from './top-k.js';
import { TopKTracker } from './top-k-tracker.js';

const fullSort = (counts: Map<string, number>, k: number) =>
  [...counts].sort(([ka, a], [kb, b]) => b - a || compareKeys(ka, kb)).slice(0, k);

describe('top-K on small windows', () => {
  it('equals a full sort at every slide while keys come, go and change', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: -4, max: 4 })), {
            maxLength: 3,
          }),
          {
            minLength: 1,
            maxLength: 25,
          },
        ),
        fc.integer({ min: 1, max: 6 }),
        (slides, k) => {
          const counts = new Map<string, number>(Array.from({ length: 12 }, (_, i) => [`base${i}`, i % 5]));
          const tracker = new TopKTracker<string, number>(descending);
          for (const [step, slide] of slides.entries()) {
            const changed = new Map<string, number>();
            for (const [id, delta] of slide) {
              const key = `k${id}`;
              const next = (counts.get(key) ?? 0) + delta;
              if (next <= 0) counts.delete(key);
              else counts.set(key, next);
              changed.set(key, 0);
            }
            expect(tracker.query(k, step, counts, () => [changed])).toEqual(fullSort(counts, k));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('holding every key, it follows small changes without rescanning', () => {
    // 30 keys: few enough for its buffer at k = 3, enough that 3 changes are worth checking.
    const counts = new Map(Array.from({ length: 30 }, (_, i) => [`k${i}`, i + 1]));
    const tracker = new TopKTracker<string, number>(descending);
    expect(tracker.query(3, 0, counts, null)).toEqual(fullSort(counts, 3));
    counts.set('k0', 100);
    counts.delete('k29');
    counts.set('new', 50);
    const changed = new Map([
      ['k0', 0],
      ['k29', 0],
      ['new', 0],
    ]);
    expect(tracker.query(3, 1, counts, () => [changed])).toEqual([
      ['k0', 100],
      ['new', 50],
      ['k28', 29],
    ]);
    expect(tracker.fullScans).toBe(1);
  });

  it('holding every key, it takes in a newcomer ranking after the old last key without rescanning', () => {
    const counts = new Map(Array.from({ length: 20 }, (_, i) => [`k${i}`, i + 1]));
    const tracker = new TopKTracker<string, number>(descending);
    expect(tracker.query(20, 0, counts, null)).toEqual(fullSort(counts, 20));
    // Twice over, the last key leaves and a newcomer ties its count but sorts after it: only a
    // tracker that knows it holds every key can rank the newcomer without a scan.
    for (const [step, [gone, newcomer]] of [
      ['k0', 'zz0'],
      ['zz0', 'zz1'],
    ].entries()) {
      counts.set(newcomer!, counts.get(gone!)!);
      counts.delete(gone!);
      const changed = new Map([
        [gone!, 0],
        [newcomer!, 0],
      ]);
      expect(tracker.query(20, step + 1, counts, () => [changed])).toEqual(fullSort(counts, 20));
    }
    expect(tracker.fullScans).toBe(1);
  });

  it('answers from a cache the caller cannot change through the list it got', () => {
    const counts = new Map(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const tracker = new TopKTracker<string, number>(descending);
    const first = tracker.query(5, 0, counts, null);
    first.length = 0;
    expect(tracker.query(5, 0, counts, null)).toEqual(fullSort(counts, 5));
    expect(tracker.fullScans).toBe(1);
  });

  it('answers a repeated query of the same slide from its cache, a larger k afresh', () => {
    const counts = new Map(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const tracker = new TopKTracker<string, number>(descending);
    const first = tracker.query(5, 0, counts, null);
    counts.set('k0', 1000); // not reported as changed: a cached answer does not see it
    const again = tracker.query(3, 0, counts, null);
    expect(again).toEqual(first.slice(0, 3));
    expect(tracker.fullScans).toBe(1);
    again.pop(); // the caller owns the copy it gets
    expect(tracker.query(5, 0, counts, null)).toEqual(first);
    expect(tracker.query(6, 0, counts, null)).toEqual(fullSort(counts, 6));
    expect(tracker.fullScans).toBe(2);
  });

  it('rescans when a slide was skipped or the changes are unknown', () => {
    const counts = new Map(Array.from({ length: 200 }, (_, i) => [`k${i}`, i]));
    const tracker = new TopKTracker<string, number>(descending);
    tracker.query(2, 0, counts, null);
    counts.set('k5', 500);
    const changed = () => [new Map([['k5', 0]])];
    expect(tracker.query(2, 2, counts, changed)).toEqual(fullSort(counts, 2));
    expect(tracker.fullScans).toBe(2);
    expect(tracker.query(2, 3, counts, null)).toEqual(fullSort(counts, 2));
    expect(tracker.fullScans).toBe(3);
    counts.set('k6', 600);
    expect(tracker.query(2, 4, counts, () => [new Map([['k6', 0]])])).toEqual(fullSort(counts, 2));
    expect(tracker.fullScans).toBe(3);
  });

  it('rescans when too few of the leaders remain certain', () => {
    const counts = new Map(Array.from({ length: 300 }, (_, i) => [`k${i}`, 1000 - i]));
    const tracker = new TopKTracker<string, number>(descending);
    tracker.query(2, 0, counts, null);
    // Every buffered leader drops below keys the tracker never buffered.
    const changed = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      counts.set(`k${i}`, 1);
      changed.set(`k${i}`, 0);
    }
    expect(tracker.query(2, 1, counts, () => [changed])).toEqual(fullSort(counts, 2));
    expect(tracker.fullScans).toBe(2);
  });
});
