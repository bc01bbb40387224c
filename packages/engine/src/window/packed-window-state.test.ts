// The packed window state answers exactly as the keyed one on the same packed partials, whatever
// enters and leaves (vectors and numbers, zero values, a reducer that only `reduce`s, one that
// multiplies), lends vectors only to lending scans, takes a checkpoint's state only when its keys
// are numbered (its values at their keys' places), and refuses partials packed elsewhere or of
// another width.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactPartial, PackedKeys } from './compact-partial.js';
import { KeyedWindowState } from './keyed-window-state.js';
import type { KeyedReducer, WindowInfo } from './window-state.js';
import { PackedWindowState } from './packed-window-state.js';
import { selectTopK } from './top-k.js';
import { TopKTracker } from './top-k-tracker.js';

const info: WindowInfo = { start: 0, end: 10, windowLengthMs: 10, slideMs: 1 };

/** Vector sums as the job keeps them: a key whose count (slot 0) falls to 0 is hidden. */
const vectors: KeyedReducer<number[]> = {
  reduce: (a, b) => a.map((x, i) => x + b[i]!),
  inverse: (a, b) => a.map((x, i) => x - b[i]!),
  isZero: (v) => v[0] === 0,
  sums: true,
};
/** The same sums through reduce itself (no `sums`): the state must call it. */
const vectorsByReduce: KeyedReducer<number[]> = { ...vectors, sums: false };
const netCounts: KeyedReducer<number> = {
  reduce: (a, b) => a + b,
  inverse: (a, b) => a - b,
  isZero: (v) => v === 0,
  sums: true,
};

const packed = <V>(entries: Array<[string, V]>, keys: PackedKeys<string>) =>
  CompactPartial.pack(new Map(entries), keys)! as CompactPartial<string, V>;

/** Everything a reader sees, in key order (the two states number keys differently). */
function seen<V>(state: KeyedWindowState<string, V> | PackedWindowState<string, V>, keys: string[]) {
  const view = state.view(info, undefined);
  const sorted = [...view.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    size: view.size,
    entries: sorted,
    gets: keys.map((key) => [view.has(key), view.get(key)]),
    live: state.liveKeys,
    zero: state.zeroKeys,
    checkpoint: state.toEntries().sort(([a], [b]) => (a < b ? -1 : 1)),
  };
}

/** Batches of [key, value] entries with distinct keys from a small alphabet, so keys come back. */
const batches = (value: fc.Arbitrary<number>) =>
  fc.array(
    fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), value), {
      selector: ([key]) => key,
      minLength: 1,
      maxLength: 5,
    }),
    { minLength: 1, maxLength: 30 },
  );

/**
 * Slides both states over the same partials (each leaves `length` partials after it came) and
 * checks that a reader sees the same in both after every step.
 */
function slideBoth<V>(
  keyed: KeyedWindowState<string, V>,
  state: PackedWindowState<string, V>,
  parts: Array<CompactPartial<string, V>>,
  length: number,
  probe: string[],
): void {
  const resolved: Array<ReturnType<KeyedWindowState<string, V>['add']>> = [];
  parts.forEach((part, i) => {
    resolved.push(keyed.add(part));
    state.add(part);
    if (i >= length) {
      keyed.remove(parts[i - length]!, resolved[i - length]);
      state.remove(parts[i - length]!);
    }
    expect(seen(state, probe)).toEqual(seen(keyed, probe));
  });
}

describe('PackedWindowState', () => {
  it.each([
    ['sums', vectors],
    ['reduce', vectorsByReduce],
  ])('equals the keyed state on vector partials at every step (%s)', (_name, reducer) => {
    fc.assert(
      fc.property(
        batches(fc.integer({ min: -2, max: 3 })),
        fc.integer({ min: 1, max: 6 }),
        (input, length) => {
          const keys = new PackedKeys<string>();
          const keyed = new KeyedWindowState<string, number[]>(reducer);
          const state = new PackedWindowState<string, number[]>(reducer, keys);
          const parts = input.map((entries) =>
            packed(
              entries.map(([key, n]): [string, number[]] => [key, [n, n * 0.1, 1]]),
              keys,
            ),
          );
          slideBoth(keyed, state, parts, length, ['a', 'd', 'z']);
        },
      ),
    );
  });

  it('equals the keyed state with a reducer that does not add and has no zero (products)', () => {
    // Powers of two multiply and divide exactly, so the two states must agree bit for bit.
    const products: KeyedReducer<number[]> = {
      reduce: (a, b) => a.map((x, i) => x * b[i]!),
      inverse: (a, b) => a.map((x, i) => x / b[i]!),
    };
    fc.assert(
      fc.property(batches(fc.constantFrom(0.5, 2, 4, 8)), fc.integer({ min: 1, max: 6 }), (input, length) => {
        const keys = new PackedKeys<string>();
        const keyed = new KeyedWindowState<string, number[]>(products);
        const state = new PackedWindowState<string, number[]>(products, keys);
        const parts = input.map((entries) =>
          packed(
            entries.map(([key, n]): [string, number[]] => [key, [n, 1 / n]]),
            keys,
          ),
        );
        slideBoth(keyed, state, parts, length, ['a', 'g']);
      }),
    );
  });

  it('equals the keyed state over thousands of keys, past the arrays it starts with', () => {
    const keys = new PackedKeys<string>();
    const keyed = new KeyedWindowState<string, number[]>(vectors);
    const state = new PackedWindowState<string, number[]>(vectors, keys);
    const names = Array.from({ length: 3000 }, (_, i) => `k${i}`);
    const parts = [0, 1, 2].map((round) =>
      packed(
        names.slice(round * 500).map((key, i): [string, number[]] => [key, [1, i + round, -i]]),
        keys,
      ),
    );
    const resolved = parts.map((part) => {
      state.add(part);
      return keyed.add(part);
    });
    expect(seen(state, ['k0', 'k1499', 'k2999'])).toEqual(seen(keyed, ['k0', 'k1499', 'k2999']));
    keyed.remove(parts[0]!, resolved[0]);
    state.remove(parts[0]!);
    expect(seen(state, ['k0', 'k1499', 'k2999'])).toEqual(seen(keyed, ['k0', 'k1499', 'k2999']));
    expect(state.liveKeys).toBe(2500);
  });

  it('equals the keyed state on number partials with zero values', () => {
    fc.assert(
      fc.property(
        batches(fc.integer({ min: -2, max: 2 })),
        fc.integer({ min: 1, max: 6 }),
        (input, length) => {
          const keys = new PackedKeys<string>();
          const keyed = new KeyedWindowState<string, number>(netCounts);
          const state = new PackedWindowState<string, number>(netCounts, keys);
          slideBoth(
            keyed,
            state,
            input.map((entries) => packed(entries, keys)),
            length,
            ['a', 'b'],
          );
        },
      ),
    );
  });

  it('keeps a top-K tracker equal to a full ranking at every slide', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: -1, max: 5 })), {
            selector: ([key]) => key,
            minLength: 1,
            maxLength: 12,
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        (input, length, k) => {
          const keys = new PackedKeys<string>();
          const state = new PackedWindowState<string, number[]>(vectors, keys);
          const byReach = (a: number[], b: number[]) => b[1]! - a[1]! || b[0]! - a[0]!;
          const tracker = new TopKTracker<string, number[]>(byReach);
          const parts = input.map((entries) =>
            packed(
              entries.map(([key, n]): [string, number[]] => [`k${key}`, [Math.max(n, 0) + 1, n * 7]]),
              keys,
            ),
          );
          parts.forEach((part, step) => {
            const changed = [part];
            state.add(part);
            if (step >= length) {
              state.remove(parts[step - length]!);
              changed.push(parts[step - length]!);
            }
            const view = state.view(info);
            expect(tracker.query(k, step, view, () => changed)).toEqual(selectTopK(view, k, byReach));
          });
        },
      ),
    );
  });

  it('lends one vector to lending scans and gives readers their own', () => {
    const keys = new PackedKeys<string>();
    const state = new PackedWindowState<string, number[]>(vectors, keys);
    state.add(
      packed(
        [
          ['a', [1, 2]],
          ['b', [3, 4]],
        ],
        keys,
      ),
    );
    const lent: number[][] = [];
    state.forEachLent((value) => lent.push(value));
    expect(lent).toHaveLength(2);
    expect(lent[0]).toBe(lent[1]);
    const owned: number[][] = [];
    state.forEachLive((value) => owned.push(value));
    expect(owned).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(owned[0]).not.toBe(owned[1]);
    owned[0]![0] = 99;
    expect(state.lookup('a')).toEqual([1, 2]);
    // Views lend through the state, hiding zero values.
    state.add(packed([['a', [-1, 0]]], keys));
    const visited: string[] = [];
    (
      state.view(info) as unknown as { forEachLent(v: (value: number[], key: string) => void): void }
    ).forEachLent((_value, key) => visited.push(key));
    expect(visited).toEqual(['b']);
  });

  it('refuses partials packed with another dictionary, kept inline, of another width, or as Maps', () => {
    const keys = new PackedKeys<string>();
    const state = new PackedWindowState<string, number[]>(vectors, keys);
    const first = packed([['a', [1, 2]]], keys);
    expect(state.accepts(first)).toBe(true);
    state.add(first);
    expect(state.accepts(packed([['a', [1, 2, 3]]], keys))).toBe(false);
    expect(state.accepts(packed([['a', [1, 2]]], new PackedKeys<string>()))).toBe(false);
    expect(state.accepts(CompactPartial.pack(new Map([['a', [1, 2]]]), null)!)).toBe(false);
    expect(state.accepts(new Map([['a', [1, 2]]]))).toBe(false);
    expect(() => state.add(new Map([['a', [1, 2]]]))).toThrow(TypeError);
    // After a clear any width is taken again.
    state.clear();
    expect(state.accepts(packed([['a', [1, 2, 3]]], keys))).toBe(true);
  });

  it('names the key of a batch that leaves twice', () => {
    const keys = new PackedKeys<string>();
    const state = new PackedWindowState<string, number>(netCounts, keys);
    const part = packed([['tag', 1]], keys);
    state.add(part);
    state.remove(part);
    expect(() => state.remove(part)).toThrow(/lost key tag/);
  });

  it('takes a checkpoint state whose keys are numbered, and refuses one that it cannot hold', () => {
    const keys = new PackedKeys<string>();
    const state = new PackedWindowState<string, number[]>(vectors, keys);
    const part = packed(
      [
        ['a', [2, 1]],
        ['b', [0, 5]],
      ],
      keys,
    );
    expect(
      state.fromEntries([
        ['a', [2, 1], 1],
        ['b', [0, 5], 1],
      ]),
    ).toBe(true);
    expect(seen(state, ['a', 'b'])).toMatchObject({ size: 1, live: 2, zero: 1 });
    expect(state.view(info, undefined).get('a')).toEqual([2, 1]);
    state.remove(part);
    expect(state.liveKeys).toBe(0);
    expect(state.fromEntries([['unknown', [1, 1], 1]])).toBe(false);
    expect(state.liveKeys).toBe(0);
    expect(
      state.fromEntries([
        ['a', [1, 1], 1],
        ['b', [1, 1, 1], 1],
      ]),
    ).toBe(false);
    expect(state.fromEntries([['a', 'text' as unknown as number[], 1]])).toBe(false);
    // Values land at their own key's place, whatever its number.
    expect(
      state.fromEntries([
        ['b', [3, 4], 2],
        ['a', [5, 6], 1],
      ]),
    ).toBe(true);
    const restored = state.view(info, undefined);
    expect([restored.get('a'), restored.get('b')]).toEqual([
      [5, 6],
      [3, 4],
    ]);
    expect(state.toEntries().sort(([x], [y]) => (x < y ? -1 : 1))).toEqual([
      ['a', [5, 6], 1],
      ['b', [3, 4], 2],
    ]);
    // Numbers (width 0) are taken too.
    const counts = new PackedWindowState<string, number>(netCounts, keys);
    expect(
      counts.fromEntries([
        ['a', 7, 1],
        ['b', 0, 1],
      ]),
    ).toBe(true);
    expect(seen(counts, ['a', 'b'])).toMatchObject({
      size: 1,
      live: 2,
      zero: 1,
      gets: [
        [true, 7],
        [false, undefined],
      ],
    });
  });
});
