// SlotSum: a roll-up bucket's sum of packed partials that keep their own keys equals a Map fold.
import { describe, expect, it } from 'vitest';
import { CompactPartial, PackedKeys } from './compact-partial.js';
import { hashOf } from './key-slots.js';
import { SlotSum } from './slot-sum.js';
import { descending, selectTopK } from './top-k.js';

const inline = <V>(entries: Array<[string, V]>) => CompactPartial.pack(new Map(entries), null)!;

/** The Map fold a bucket would make of the same partials: first value copied, later ones added. */
function mapFold(parts: Array<Array<[string, number[]]>>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const part of parts)
    for (const [key, value] of part) {
      const old = out.get(key);
      out.set(key, old === undefined ? value.slice() : old.map((x, i) => x + value[i]!));
    }
  return out;
}

describe('SlotSum', () => {
  it('sums vectors by key, keys in the order they first came, as a Map fold does', () => {
    const parts: Array<Array<[string, number[]]>> = [
      [
        ['b', [1, 0.1]],
        ['a', [2, 0.2]],
      ],
      [
        ['c', [3, 0.3]],
        ['b', [4, 0.7]],
      ],
      [['a', [5, 1e-17]]],
    ];
    const sum = new SlotSum<string>(2);
    for (const part of parts) sum.add(inline(part));
    expect(sum.size).toBe(3);
    expect([...sum.toMap<number[]>()]).toEqual([...mapFold(parts)]);
    const lent: Array<[string, number[]]> = [];
    sum.forEachLent<number[]>((value, key) => lent.push([key, value.slice()]));
    expect(lent).toEqual([...mapFold(parts)]);
  });

  it('sums numbers, across more keys than its first arrays hold', () => {
    const sum = new SlotSum<string>(0);
    const keys = Array.from({ length: 3000 }, (_, i) => `k${i}`);
    sum.add(inline(keys.map((key, i): [string, number] => [key, i])));
    sum.add(inline(keys.slice(0, 1500).map((key): [string, number] => [key, 0.5])));
    // Every key once (a key the second partial did not find again would be summed twice over).
    expect(sum.size).toBe(3000);
    const summed = sum.toMap<number>();
    expect([...summed]).toEqual(keys.map((key, i) => [key, i < 1500 ? i + 0.5 : i]));
  });

  it('sums keys of wide characters with the others, wherever each partial holds them', () => {
    // Each partial joins its one-byte keys apart from the others (InlineKeys): a key is found
    // again in the other string of another partial only by its text, and runs of either kind
    // leave the next key's start where the last one of its own kind ended.
    const parts: Array<Array<[string, number[]]>> = [
      [
        ['東京\u0001x', [1, 1]],
        ['ab', [2, 2]],
        ['😀', [3, 3]],
        ['', [4, 4]],
        ['ÿ', [5, 5]],
      ],
      [
        ['ab', [10, 10]],
        ['Ā', [20, 20]],
        ['東京\u0001x', [30, 30]],
        ['c', [40, 40]],
        ['😀', [50, 50]],
      ],
      [
        ['ÿ', [100, 100]],
        ['', [200, 200]],
        ['Ā', [300, 300]],
      ],
    ];
    const sum = new SlotSum<string>(2);
    for (const part of parts) sum.add(inline(part));
    expect(sum.size).toBe(7);
    expect([...sum.toMap<number[]>()]).toEqual([...mapFold(parts)]);
  });

  it('tells keys apart by their text alone: where they lie, run-together neighbours, equal hashes', () => {
    const sum = new SlotSum<string>(0);
    // Two keys of one length and one hash, found by a birthday search over `tag${i}` names.
    const [twin, other] = ['tag1712299', 'tag2422232'];
    expect(hashOf(twin)).toBe(hashOf(other));
    sum.add(
      inline([
        ['ab', 1],
        ['c', 2],
        [twin, 3],
        ['', 4],
      ]),
    );
    sum.add(
      inline([
        ['a', 10],
        ['bc', 20],
        [other, 30],
        ['c', 40],
        ['', 50],
      ]),
    );
    sum.add(
      inline([
        ['x', 0],
        ['ab', 100],
        [twin, 300],
      ]),
    );
    expect([...sum.toMap<number>()]).toEqual([
      ['ab', 101],
      ['c', 42],
      [twin, 303],
      ['', 54],
      ['a', 10],
      ['bc', 20],
      [other, 30],
      ['x', 0],
    ]);
  });

  it('tells apart keys of one hash and different lengths', () => {
    // Found by a birthday search over two sets of names.
    const [short, long] = ['q42809', 'r5918xyz'];
    expect(hashOf(short)).toBe(hashOf(long));
    const sum = new SlotSum<string>(0);
    sum.add(
      inline([
        [long, 1],
        [short, 2],
      ]),
    );
    sum.add(inline([[short, 3]]));
    expect([...sum.toMap<number>()]).toEqual([
      [long, 1],
      [short, 5],
    ]);
  });

  it('sums what came after a read with what came before, as one fold (a checkpoint reads an open minute)', () => {
    let state = 3;
    const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const parts = Array.from({ length: 8 }, () => {
      const part = new Map<string, number[]>();
      for (let i = 0; i < 300; i++)
        part.set(`t${Math.floor(rand() * 40)}\u0001${Math.floor(rand() * 90)}`, [1, rand()]);
      return [...part];
    });
    const sum = new SlotSum<string>(2);
    parts.forEach((part, i) => {
      sum.add(inline(part));
      // Read after some partials only: each read sums all that came so far.
      if (i % 3 === 0) expect([...sum.toMap<number[]>()]).toEqual([...mapFold(parts.slice(0, i + 1))]);
    });
    expect(sum.size).toBe(mapFold(parts).size);
    expect([...sum.toMap<number[]>()]).toEqual([...mapFold(parts)]);
  });

  it('takes only packed partials that keep their own string keys, of its width', () => {
    const sum = new SlotSum<string>(2);
    expect(sum.accepts(inline([['a', [1, 2]]]))).toBe(true);
    expect(sum.accepts(inline([['a', 1]]))).toBe(false);
    expect(new SlotSum<number>(0).accepts(CompactPartial.pack(new Map([[1, 1]]), null)!)).toBe(false);
    expect(sum.accepts(CompactPartial.pack(new Map([['a', [1, 2]]]), new PackedKeys<string>())!)).toBe(false);
  });

  it('starts again empty once cleared, holding none of the keys it held before', () => {
    const sum = new SlotSum<string>(0);
    const many = (n: number, value: number) =>
      inline(Array.from({ length: n }, (_, i): [string, number] => [`k${i}`, value]));
    sum.add(many(3000, 1));
    sum.clear();
    expect(sum.size).toBe(0);
    sum.add(inline([['b', 2]]));
    sum.add(many(20, 5));
    expect(sum.size).toBe(21);
    const summed = sum.toMap<number>();
    expect(summed.get('b')).toBe(2);
    expect(summed.get('k0')).toBe(5);
    expect(summed.get('k19')).toBe(5);
    expect(summed.has('k20')).toBe(false);
  });

  describe('topEntries', () => {
    // Keys that tie on value and are told apart by their characters only: one the start of another,
    // keys differing in a wide character, keys of either string of a partial, as pairs are; the
    // empty key, and keys a NUL longer than another (which rank after it, as strings compare).
    const names = [
      'a',
      'ab',
      'abc',
      'b',
      'ba',
      'é',
      'éa',
      '東',
      '東京',
      'z\u0001',
      'z\u0001y',
      '\u0001',
      '',
      '\u0000',
      'a\u0000',
      'ab\u0000',
      '\uffff\uffff\uffff',
    ];
    let seed = 11;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const parts = Array.from({ length: 6 }, () => {
      const part = new Map<string, number[]>();
      for (let i = 0; i < 40; i++) {
        const key =
          names[Math.floor(next() * names.length)]! + (next() < 0.5 ? '' : String(Math.floor(next() * 5)));
        part.set(key, [Math.floor(next() * 3), Math.floor(next() * 2)]);
      }
      return [...part];
    });

    it('ranks numbers as selectTopK ranks the sum, ties by key, for every k', () => {
      const sum = new SlotSum<string>(0);
      for (const part of parts)
        sum.add(inline(part.map(([key, value]): [string, number] => [key, value[0]!])));
      const byCount = (a: number, b: number) => b - a;
      const all = sum.toMap<number>();
      for (let k = 0; k <= all.size + 2; k++)
        expect(sum.topEntries<number>(k, byCount)).toEqual(selectTopK(all, k, byCount));
      // Mostly ties: the order of the characters decides.
      expect(new Set([...all.values()]).size).toBeLessThan(all.size / 4);
    });

    it('ranks counts by `descending` as the heap does, for every k (the counting path)', () => {
      const sum = new SlotSum<string>(0);
      for (const part of parts)
        sum.add(inline(part.map(([key, value]): [string, number] => [key, value[0]!])));
      const all = sum.toMap<number>();
      for (let k = 0; k <= all.size + 2; k++)
        expect(sum.topEntries<number>(k, descending), `k = ${k}`).toEqual(selectTopK(all, k, descending));
    });

    it('cuts large groups of tied counts by key, however long the keys share their start', () => {
      // Pairs as a minute holds them: a few tags, each with thousands of authors counted once or
      // twice, tags that start alike or one another, so the cut falls inside groups the radix must
      // split several characters deep (and past the end of the shorter keys).
      let state = 5;
      const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
      const tags = ['art', 'arts', 'artist', 'ar', 'b', 'bé', '東京', ''];
      const batches = Array.from({ length: 12 }, () => {
        const part = new Map<string, number>();
        for (let i = 0; i < 500; i++) {
          const tag = tags[Math.floor(rand() ** 2 * tags.length)]!;
          const author = String(Math.floor(rand() * 3000)).padStart(rand() < 0.5 ? 4 : 1, '0');
          const key = `${tag}\u0001${author}`;
          part.set(key, (part.get(key) ?? 0) + 1);
        }
        return part;
      });
      const sum = new SlotSum<string>(0);
      for (const part of batches) sum.add(inline([...part]));
      const all = sum.toMap<number>();
      expect(all.size).toBeGreaterThan(2000);
      for (const k of [1, 7, 31, 32, 33, 100, 500, 1000, 1999, all.size - 1, all.size])
        expect(sum.topEntries<number>(k, descending), `k = ${k}`).toEqual(selectTopK(all, k, descending));
    });

    it('ranks through the heap when a count is no whole number up to 65536, with the same result', () => {
      for (const odd of [1.5, -1, 70_000]) {
        const sum = new SlotSum<string>(0);
        sum.add(
          inline<number>([
            ['a', 2],
            ['b', odd],
            ['c', 2],
            ['d', 1],
          ]),
        );
        const all = sum.toMap<number>();
        for (let k = 0; k <= 5; k++)
          expect(sum.topEntries<number>(k, descending)).toEqual(selectTopK(all, k, descending));
      }
    });

    it('ranks vectors by an order over both slots, each a vector of its own', () => {
      const sum = new SlotSum<string>(2);
      for (const part of parts) sum.add(inline(part));
      const byReach = (a: number[], b: number[]) => b[1]! - a[1]! || b[0]! - a[0]!;
      const all = sum.toMap<number[]>();
      const top = sum.topEntries<number[]>(9, byReach);
      expect(top).toEqual(selectTopK(all, 9, byReach));
      expect(new Set(top.map(([, value]) => value)).size).toBe(9);
    });

    it('refuses a k that is not a whole number ≥ 0', () => {
      expect(() => new SlotSum<string>(0).topEntries(-1, (a: number, b: number) => b - a)).toThrow(
        RangeError,
      );
      expect(() => new SlotSum<string>(0).topEntries(1.5, (a: number, b: number) => b - a)).toThrow(
        RangeError,
      );
    });
  });
});
