// Top-K selection: the k entries that rank first, sorted, ties by key, from a Map, a list of
// pairs or a window; and a k that is not a whole number ≥ 0 is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareKeys, descending, selectTopK } from './top-k.js';

const byKey = (a: [string, number], b: [string, number]) => b[1] - a[1] || compareKeys(a[0], b[0]);

describe('selectTopK', () => {
  it('returns the k largest, largest first, ties broken by key', () => {
    const counts = new Map([
      ['d', 3],
      ['b', 5],
      ['a', 3],
      ['c', 1],
      ['e', 5],
    ]);
    expect(selectTopK(counts, 3, descending)).toEqual([
      ['b', 5],
      ['e', 5],
      ['a', 3],
    ]);
    expect(selectTopK(counts, 10, descending)).toEqual([
      ['b', 5],
      ['e', 5],
      ['a', 3],
      ['d', 3],
      ['c', 1],
    ]);
    expect(selectTopK(counts, 1, descending)).toEqual([['b', 5]]);
  });

  it('reads any iterable of pairs, one without forEach (a generator) too', () => {
    function* pairs(): Generator<[string, number]> {
      yield ['x', 2];
      yield ['y', 9];
      yield ['z', 4];
    }
    expect(selectTopK(pairs(), 2, descending)).toEqual([
      ['y', 9],
      ['z', 4],
    ]);
  });

  it('reads a list of pairs as well as a Map, to the same answer', () => {
    const pairs: Array<[string, number]> = [
      ['x', 2],
      ['y', 9],
      ['z', 4],
    ];
    expect(selectTopK(pairs, 2, descending)).toEqual([
      ['y', 9],
      ['z', 4],
    ]);
    expect(selectTopK(new Map(pairs), 2, descending)).toEqual(selectTopK(pairs, 2, descending));
  });

  it('ranks by the order given: smallest first', () => {
    const counts = new Map([
      ['a', 3],
      ['b', 1],
      ['c', 2],
    ]);
    expect(selectTopK(counts, 2, (a, b) => a - b)).toEqual([
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('topK(0) is empty, and k below zero or fractional is refused, naming k', () => {
    const counts = new Map([['a', 1]]);
    expect(selectTopK(counts, 0, descending)).toEqual([]);
    expect(() => selectTopK(counts, -1, descending)).toThrow('topK(k): k must be a whole number ≥ 0, got -1');
    expect(() => selectTopK(counts, 1.5, descending)).toThrow(RangeError);
    expect(() => selectTopK(counts, 1.5, descending)).toThrow(/got 1.5/);
    expect(() => selectTopK(counts, Number.NaN, descending)).toThrow(RangeError);
  });

  it('equals a full sort for any counts and k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.integer({ min: -5, max: 5 })), { maxLength: 80 }),
        fc.integer({ min: 0, max: 90 }),
        (pairs, k) => {
          const counts = new Map(pairs);
          const want = [...counts].sort(byKey).slice(0, k);
          expect(selectTopK(counts, k, descending)).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('compareKeys', () => {
  it('orders numbers numerically and everything else as strings', () => {
    expect(compareKeys(2, 10)).toBeLessThan(0);
    expect(compareKeys(10, 2)).toBeGreaterThan(0);
    expect(compareKeys(3, 3)).toBe(0);
    expect(compareKeys('10', '2')).toBeLessThan(0);
    expect(compareKeys('b', 'a')).toBeGreaterThan(0);
    expect(compareKeys('a', 'a')).toBe(0);
    expect(compareKeys(10, '2')).toBeLessThan(0); // mixed: compared as strings
    expect(compareKeys(true, 'u')).toBeLessThan(0);
    expect(compareKeys('u', true)).toBeGreaterThan(0);
  });
});
