// What a windowed keyed result answers: membership (has/get) agrees with iteration and size, keys
// that left or sum to zero are absent everywhere, and the view carries its window's times.
import { describe, expect, it } from 'vitest';
import { KeyedWindowState } from './keyed-window-state.js';
import type { KeyedReducer, WindowInfo } from './window-state.js';

const info: WindowInfo = { start: 1000, end: 61_000, windowLengthMs: 60_000, slideMs: 5000 };
const counts: KeyedReducer<number> = { reduce: (a, b) => a + b, inverse: (a, b) => a - b };
/** Net counts whose keys vanish from the result at zero (e.g. +1 then −1 in one window). */
const netCounts: KeyedReducer<number> = { ...counts, isZero: (value) => value === 0 };

const batch = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries));

/** Every way a reader can see the view, so membership can be checked against all of them. */
function readAll(view: ReadonlyMap<string, number>) {
  const visited: Array<[string, number]> = [];
  view.forEach((value, key, map) => {
    expect(map).toBe(view);
    visited.push([key, value]);
  });
  return {
    size: view.size,
    entries: [...view.entries()],
    iterated: [...view],
    keys: [...view.keys()],
    values: [...view.values()],
    visited,
  };
}

describe('window membership', () => {
  it('has() and get() answer only for keys some window batch holds', () => {
    const state = new KeyedWindowState<string, number>(counts);
    state.add(batch({ a: 2, b: 1 }));
    state.add(batch({ b: 3, c: 5 }));
    const view = state.view(info);
    expect(view.has('a')).toBe(true);
    expect(view.has('b')).toBe(true);
    expect(view.has('never')).toBe(false);
    expect(view.get('a')).toBe(2);
    expect(view.get('b')).toBe(4);
    expect(view.get('c')).toBe(5);
    expect(view.get('never')).toBeUndefined();
    expect(readAll(view)).toEqual({
      size: 3,
      entries: [
        ['a', 2],
        ['b', 4],
        ['c', 5],
      ],
      iterated: [
        ['a', 2],
        ['b', 4],
        ['c', 5],
      ],
      keys: ['a', 'b', 'c'],
      values: [2, 4, 5],
      visited: [
        ['a', 2],
        ['b', 4],
        ['c', 5],
      ],
    });
  });

  it('a key whose every batch left is absent from has, get, iteration and size', () => {
    const state = new KeyedWindowState<string, number>(counts);
    const first = batch({ gone: 1, stays: 1 });
    const resolved = state.add(first);
    state.add(batch({ stays: 2 }));
    state.remove(first, resolved);
    const view = state.view(info);
    expect(view.has('gone')).toBe(false);
    expect(view.get('gone')).toBeUndefined();
    expect(view.has('stays')).toBe(true);
    expect(view.get('stays')).toBe(2);
    expect(readAll(view)).toMatchObject({ size: 1, keys: ['stays'], values: [2], visited: [['stays', 2]] });
    expect(state.toEntries()).toEqual([['stays', 2, 1]]);
  });

  it('a key whose value sums to zero is hidden from has, get, iteration and size, but comes back', () => {
    const state = new KeyedWindowState<string, number>(netCounts);
    const plus = batch({ flat: 1, up: 2 });
    const plusSlots = state.add(plus);
    const minus = batch({ flat: -1 });
    state.add(minus);
    let view = state.view(info);
    expect(view.has('flat')).toBe(false);
    expect(view.get('flat')).toBeUndefined();
    expect(view.has('up')).toBe(true);
    expect(readAll(view)).toMatchObject({ size: 1, keys: ['up'], values: [2], visited: [['up', 2]] });
    expect(view.topK(5)).toEqual([['up', 2]]);
    // The +1 batch leaves: the window now holds only −1, which is not zero.
    state.remove(plus, plusSlots);
    view = state.view(info);
    expect(view.has('flat')).toBe(true);
    expect(view.get('flat')).toBe(-1);
    expect(view.has('up')).toBe(false);
    expect(readAll(view)).toMatchObject({ size: 1, keys: ['flat'], values: [-1] });
  });

  it('without an isZero rule a value of zero is an ordinary member', () => {
    const state = new KeyedWindowState<string, number>(counts);
    state.add(batch({ zero: 0, one: 1 }));
    state.add(batch({ one: -1 }));
    const view = state.view(info);
    expect(view.has('zero')).toBe(true);
    expect(view.get('zero')).toBe(0);
    expect(view.has('one')).toBe(true);
    expect(view.get('one')).toBe(0);
    expect(view.size).toBe(2);
  });

  it('a key that is zero in its first batch is hidden, and counted once it is not', () => {
    const state = new KeyedWindowState<string, number>(netCounts);
    state.add(batch({ z: 0, n: 3 }));
    expect(state.view(info).size).toBe(1);
    expect(state.view(info).has('z')).toBe(false);
    state.add(batch({ z: 4 }));
    const view = state.view(info);
    expect(view.size).toBe(2);
    expect(view.get('z')).toBe(4);
  });

  it('a zero key that leaves the window is no longer counted as hidden', () => {
    const state = new KeyedWindowState<string, number>(netCounts);
    const first = batch({ z: 0 });
    const firstSlots = state.add(first);
    const second = batch({ z: 0, n: 1 });
    const secondSlots = state.add(second);
    expect(state.view(info).size).toBe(1);
    state.remove(first, firstSlots);
    expect(state.view(info).size).toBe(1);
    state.remove(second, secondSlots);
    expect(state.view(info).size).toBe(0);
    state.add(batch({ z: 2 }));
    expect(state.view(info).size).toBe(1);
    expect(state.zeroKeys).toBe(0);
  });

  it('carries the times of its window', () => {
    const view = new KeyedWindowState<string, number>(counts).view(info);
    expect({
      start: view.start,
      end: view.end,
      windowLengthMs: view.windowLengthMs,
      slideMs: view.slideMs,
    }).toEqual(info);
  });

  it('ranks its top keys largest first, ties by key, or by the order given', () => {
    const state = new KeyedWindowState<string, number>(counts);
    state.add(batch({ c: 2, a: 5, b: 2, d: 1 }));
    const view = state.view(info);
    expect(view.topK(3)).toEqual([
      ['a', 5],
      ['b', 2],
      ['c', 2],
    ]);
    expect(view.topK(2, (x, y) => x - y)).toEqual([
      ['d', 1],
      ['b', 2],
    ]);
    const calls: Array<[number, unknown]> = [];
    const tracked = state.view(info, (v, k, compare) => {
      calls.push([k, compare]);
      expect(v).toBeInstanceOf(Object);
      return [['x', 9]];
    });
    expect(tracked.topK(1)).toEqual([['x', 9]]);
    expect(calls).toEqual([[1, undefined]]);
  });
});

describe('window state bookkeeping', () => {
  it('refuses remove() without an inverse function', () => {
    const state = new KeyedWindowState<string, number>({ reduce: (a, b) => a + b });
    const part = batch({ a: 1 });
    state.addUntracked(part);
    expect(() => state.remove(part)).toThrow('remove() needs an inverse function');
  });

  it('names the key when a batch leaves that was never in the window', () => {
    const state = new KeyedWindowState<string, number>(counts);
    state.add(batch({ a: 1 }));
    expect(() => state.remove(batch({ a: 1, stranger: 1 }))).toThrow(
      'window state lost key stranger: a batch left twice',
    );
  });

  it('names the key when a tracked batch leaves twice', () => {
    const state = new KeyedWindowState<string, number>(counts);
    const part = batch({ once: 1 });
    const resolved = state.add(part);
    state.remove(part, resolved);
    expect(() => state.remove(part, resolved)).toThrow('window state lost key once: a batch left twice');
  });

  it('names the key in the first slot when it is the one that leaves twice, whatever the batch order', () => {
    const state = new KeyedWindowState<string, number>(counts);
    const first = batch({ a: 1 });
    const firstSlots = state.add(first);
    // a holds slot 0 but comes second in the batch's own key order.
    const part = batch({ b: 1, a: 1 });
    const resolved = state.add(part);
    state.remove(first, firstSlots);
    state.remove(part, resolved);
    expect(() => state.remove(part, resolved)).toThrow('window state lost key a: a batch left twice');
  });

  it('names the key of its own slot when a tracked batch of several keys leaves twice', () => {
    const state = new KeyedWindowState<string, number>(counts);
    state.add(batch({ a: 1 }));
    // a holds slot 0 and b gets slot 1: slot order (a, b) differs from the batch's key order (b, a).
    const part = batch({ b: 1, a: 1 });
    const resolved = state.add(part);
    state.remove(part, resolved);
    expect(() => state.remove(part, resolved)).toThrow('window state lost key b: a batch left twice');
  });

  it('an untracked add can be removed by lookup, to the same result', () => {
    const state = new KeyedWindowState<string, number>(counts);
    const first = batch({ a: 1, b: 2 });
    state.addUntracked(first);
    state.addUntracked(batch({ b: 3 }));
    state.remove(first);
    expect([...state.view(info)]).toEqual([['b', 3]]);
  });

  it("resolves a batch to its keys' slots in ascending order with their places in the batch", () => {
    const state = new KeyedWindowState<string, number>(counts);
    state.add(batch({ a: 1, b: 1, c: 1 }));
    const resolved = state.add(batch({ c: 30, a: 10 }));
    expect([...resolved.slots]).toEqual([0, 2]);
    expect([...resolved.positions]).toEqual([1, 0]);
  });

  it('clear() empties the window and starts numbering keys again', () => {
    const state = new KeyedWindowState<string, number>(netCounts);
    state.add(batch({ a: 1, z: 0 }));
    state.clear();
    const view = state.view(info);
    expect(view.size).toBe(0);
    expect(view.has('a')).toBe(false);
    expect(state.slotCount).toBe(0);
    expect(state.zeroKeys).toBe(0);
    state.add(batch({ b: 2 }));
    expect([...state.view(info)]).toEqual([['b', 2]]);
  });

  it('restores keys, values, batch counts and hidden zeros from checkpoint entries', () => {
    const state = new KeyedWindowState<string, number>(netCounts);
    state.add(batch({ a: 1, z: 1 }));
    state.add(batch({ a: 2, z: -1 }));
    expect(state.toEntries()).toEqual([
      ['a', 3, 2],
      ['z', 0, 2],
    ]);
    const restored = new KeyedWindowState<string, number>(netCounts);
    restored.add(batch({ old: 7 })); // replaced by the restore
    restored.fromEntries(state.toEntries());
    expect(restored.toEntries()).toEqual(state.toEntries());
    const view = restored.view(info);
    expect(view.size).toBe(1);
    expect(view.has('z')).toBe(false);
    expect(view.has('old')).toBe(false);
    expect(view.get('a')).toBe(3);
    // Each key is held by two batches: one leaving keeps it, the second takes it out.
    restored.remove(batch({ a: 1, z: 1 }));
    expect(restored.toEntries()).toEqual([
      ['a', 2, 1],
      ['z', -1, 1],
    ]);
    expect(restored.view(info).size).toBe(2);
    restored.remove(batch({ a: 2, z: -1 }));
    expect(restored.view(info).size).toBe(0);
  });

  it('restores object values from entries without sharing slots between keys', () => {
    const state = new KeyedWindowState<number, { n: number }>({
      reduce: (a, b) => ({ n: a.n + b.n }),
      inverse: (a, b) => ({ n: a.n - b.n }),
    });
    const entries = Array.from({ length: 3000 }, (_, i) => [i, { n: i }, 1] as const);
    state.fromEntries(entries);
    state.fromEntries(entries.slice(0, 2000)); // restoring over a restore reuses the value array
    expect(state.view(info).size).toBe(2000);
    expect(state.view(info).get(1999)).toEqual({ n: 1999 });
    expect(state.view(info).has(2500)).toBe(false);
  });
});
