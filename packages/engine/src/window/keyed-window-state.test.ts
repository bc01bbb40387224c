// The window state against a recount over churning key sets large enough that emptied slots are
// swept and their indexes reused by other keys (the property test's few keys never get there).
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/seeded-random.js';
import { CompactPartial, PackedKeys } from './compact-partial.js';
import { KeyedWindowState } from './keyed-window-state.js';
import type { KeyedReducer, ResolvedPartial } from './window-state.js';

/** Batch partials whose key ranges drift, so thousands of keys leave and others arrive. */
function drifting<V>(batches: number, value: (random: () => number) => V, seed: number): Map<string, V>[] {
  const random = seededRandom(seed);
  return Array.from({ length: batches }, (_, b) => {
    const part = new Map<string, V>();
    for (let i = 0; i < 1500; i++) part.set(`k${b * 400 + Math.floor(random() * 2000)}`, value(random));
    return part;
  });
}

function recount<V>(parts: ReadonlyArray<ReadonlyMap<string, V>>, reducer: KeyedReducer<V>): Map<string, V> {
  const out = new Map<string, V>();
  for (const part of parts) {
    part.forEach((value, key) => {
      const old = out.get(key);
      out.set(key, old === undefined ? value : reducer.reduce(old, value));
    });
  }
  if (reducer.isZero) for (const [key, value] of out) if (reducer.isZero(value)) out.delete(key);
  return out;
}

const info = { start: 0, end: 1, windowLengthMs: 1, slideMs: 1 };
const sorted = <V>(entries: Iterable<[string, V]>): Array<[string, V]> =>
  [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('KeyedWindowState', () => {
  it('equals a recount at every slide while emptied slots are swept and reused', () => {
    const reducer: KeyedReducer<number> = { reduce: (a, b) => a + b, inverse: (a, b) => a - b };
    const parts = drifting(40, (random) => 1 + Math.floor(random() * 5), 1);
    const state = new KeyedWindowState<string, number>(reducer);
    const width = 5;
    const resolved: ResolvedPartial[] = [];
    for (let b = 0; b < parts.length; b++) {
      if (b >= width) state.remove(parts[b - width]!, resolved[b - width]);
      resolved[b] = state.add(parts[b]!);
      const expected = recount(parts.slice(Math.max(0, b - width + 1), b + 1), reducer);
      const view = state.view(info);
      expect(view.size).toBe(expected.size);
      expect(sorted(view)).toEqual(sorted(expected));
      for (const key of ['k0', `k${b * 400 + 7}`, 'absent']) expect(view.get(key)).toBe(expected.get(key));
    }
  });

  it('takes a leaving batch out of its packed copy by the places add() resolved', () => {
    // As the window operator does: each partial is added as a Map, packed at once, and handed
    // back packed when it leaves; the state kept none of its values.
    const reducer: KeyedReducer<number[]> = {
      reduce: (a, b) => a.map((x, i) => x + b[i]!),
      inverse: (a, b) => a.map((x, i) => x - b[i]!),
      isZero: (value) => value[0] === 0,
    };
    const parts = drifting(24, (random) => [1, Math.floor(random() * 9)], 4);
    const dictionary = new PackedKeys<string>();
    const state = new KeyedWindowState<string, number[]>(reducer);
    const width = 4;
    const packed: CompactPartial<string, number[]>[] = [];
    const resolved: ResolvedPartial[] = [];
    for (let b = 0; b < parts.length; b++) {
      if (b >= width) state.remove(packed[b - width]!, resolved[b - width]);
      resolved[b] = state.add(parts[b]!);
      packed[b] = CompactPartial.pack(parts[b]!, dictionary)!;
      expect(sorted(state.view(info))).toEqual(
        sorted(recount(parts.slice(Math.max(0, b - width + 1), b + 1), reducer)),
      );
    }
  });

  it('hides zero values and drops object values of keys that left, across sweeps', () => {
    type Tally = { n: number };
    const reducer: KeyedReducer<Tally> = {
      reduce: (a, b) => ({ n: a.n + b.n }),
      inverse: (a, b) => ({ n: a.n - b.n }),
      isZero: (value) => value.n === 0,
    };
    // Values in −1..1, so windowed sums are often zero.
    const parts = drifting(30, (random) => ({ n: Math.floor(random() * 3) - 1 }), 2);
    const state = new KeyedWindowState<string, Tally>(reducer);
    const width = 4;
    const resolved: ResolvedPartial[] = [];
    for (let b = 0; b < parts.length; b++) {
      // Every other removal without the slot list: the lookup path must agree.
      if (b >= width) state.remove(parts[b - width]!, b % 2 ? resolved[b - width] : undefined);
      resolved[b] = state.add(parts[b]!);
      const expected = recount(parts.slice(Math.max(0, b - width + 1), b + 1), reducer);
      const view = state.view(info);
      expect(view.size).toBe(expected.size);
      expect(sorted(view)).toEqual(sorted(expected));
      const zeroKey = [...parts[b]!.keys()].find((key) => !expected.has(key));
      if (zeroKey !== undefined) expect(view.has(zeroKey)).toBe(false);
    }
  });

  it('restores from its checkpoint entries and keeps sliding to the same result', () => {
    const reducer: KeyedReducer<number> = { reduce: (a, b) => a + b, inverse: (a, b) => a - b };
    const parts = drifting(20, (random) => 1 + Math.floor(random() * 3), 3);
    const width = 3;
    const live = new KeyedWindowState<string, number>(reducer);
    for (let b = 0; b < 12; b++) {
      if (b >= width) live.remove(parts[b - width]!);
      live.add(parts[b]!);
    }
    const restored = new KeyedWindowState<string, number>(reducer);
    restored.fromEntries(live.toEntries());
    expect(sorted(restored.view(info))).toEqual(sorted(live.view(info)));
    for (let b = 12; b < parts.length; b++) {
      restored.remove(parts[b - width]!);
      restored.add(parts[b]!);
    }
    expect(sorted(restored.view(info))).toEqual(sorted(recount(parts.slice(-width), reducer)));
  });

  it('refuses a batch that leaves twice', () => {
    const state = new KeyedWindowState<string, number>({ reduce: (a, b) => a + b, inverse: (a, b) => a - b });
    const part = new Map([['a', 1]]);
    state.add(part);
    state.remove(part);
    expect(() => state.remove(part)).toThrow(/a batch left twice/);
  });
});
