// CompactPartial: a packed partial reads back as the Map it was packed from; PackedKeys numbers
// the keys partials hold; PackedSum adds partials of one dictionary by those numbers.
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CompactPartial, PackedKeys, PackedSum, isPackedPartialData } from './compact-partial.js';
import { InlineKeys } from './inline-keys.js';

const pack = <K, V>(part: ReadonlyMap<K, V>, keys: PackedKeys<K> | null = new PackedKeys<K>()) =>
  CompactPartial.pack(part, keys);

describe('CompactPartial', () => {
  it('packs number values and reads back the same entries in the same order', () => {
    const part = new Map([
      ['b', 2],
      ['a', 0.1 + 0.2],
      ['c', -0],
    ]);
    const packed = pack(part)!;
    expect(packed).toBeInstanceOf(CompactPartial);
    expect(packed.size).toBe(3);
    expect([...packed]).toEqual([...part]);
    expect(Object.is(packed.get('c'), -0)).toBe(true);
    expect(packed.get('a')).toBe(0.1 + 0.2);
    expect(packed.has('a')).toBe(true);
    expect(packed.has('z')).toBe(false);
    expect(packed.get('z')).toBeUndefined();
  });

  it('packs vectors of one length and hands out a fresh array per read', () => {
    const part = new Map<number, number[]>([
      [7, [1, 2.5, 3]],
      [3, [4, 5, 6e300]],
    ]);
    const packed = pack(part)!;
    const seen: Array<[number, number[]]> = [];
    packed.forEach((value, key, map) => {
      expect(map).toBe(packed);
      seen.push([key, value]);
    });
    expect(seen).toEqual([...part]);
    expect([...packed.keys()]).toEqual([7, 3]);
    expect([...packed.values()]).toEqual([...part.values()]);
    const first = packed.get(7)!;
    first[0] = 99;
    expect(packed.get(7)).toEqual([1, 2.5, 3]);
  });

  it('leaves a partial it cannot pack: mixed lengths, objects, strings, empty vectors', () => {
    expect(
      pack(
        new Map([
          ['a', [1, 2]],
          ['b', [1]],
        ]),
      ),
    ).toBeNull();
    expect(
      pack(
        new Map<string, number | number[]>([
          ['a', 1],
          ['b', [1]],
        ]),
      ),
    ).toBeNull();
    expect(pack(new Map([['a', { n: 1 }]]))).toBeNull();
    expect(pack(new Map([['a', ['1']]]))).toBeNull();
    expect(pack(new Map([['a', []]]))).toBeNull();
    expect(pack(new Map())).toBeNull();
  });

  it('survives a checkpoint: its data serialises with v8 and comes back as the same entries', () => {
    const part = new Map([
      ['x', [1, 2]],
      ['y', [3, 4]],
    ]);
    const data = v8.deserialize(v8.serialize(pack(part)!.toData())) as unknown;
    expect(isPackedPartialData(data)).toBe(true);
    expect(isPackedPartialData(part)).toBe(false);
    expect(isPackedPartialData({ packed: 1, values: [1] })).toBe(false);
    expect(isPackedPartialData(null)).toBe(false);
    expect(isPackedPartialData(undefined)).toBe(false);
    expect(isPackedPartialData({ values: new Float64Array(1) })).toBe(false);
    expect(isPackedPartialData({ packed: 2, values: new Float64Array(1) })).toBe(false);
    expect([...CompactPartial.fromData<string, number[]>(data as never, new PackedKeys())]).toEqual([
      ...part,
    ]);
  });

  it('keeps each key once for all the partials holding it, and forgets it with the last of them', () => {
    const keys = new PackedKeys<string>();
    const first = pack(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
      keys,
    )!;
    const second = pack(
      new Map([
        ['b', 3],
        ['c', 4],
      ]),
      keys,
    )!;
    expect(keys.size).toBe(3);
    expect(keys.keyAt(keys.find('a'))).toBe('a');
    first.release();
    first.release(); // a second release changes nothing
    expect(keys.size).toBe(2);
    // Let go of but not swept yet: no partial holds 'a', so it is not found.
    expect(keys.find('a')).toBe(-1);
    expect(keys.keyAt(keys.find('b'))).toBe('b');
    expect(keys.find('never')).toBe(-1);
    expect([...second]).toEqual([
      ['b', 3],
      ['c', 4],
    ]);
    const third = pack(
      new Map([
        ['d', 5],
        ['a', 6],
      ]),
      keys,
    )!; // reuses the ids let go
    expect(keys.size).toBe(4);
    expect([...third]).toEqual([
      ['d', 5],
      ['a', 6],
    ]);
    second.release();
    third.release();
    expect(keys.size).toBe(0);
  });

  it('keeps a key held again before its slot was swept, through a sweep of thousands', () => {
    const keys = new PackedKeys<string>();
    const many = new Map(Array.from({ length: 3000 }, (_, i): [string, number] => [`k${i}`, i]));
    const first = pack(new Map([['kept', 1]]), keys)!;
    const bulk = pack(many, keys)!;
    first.release(); // 'kept' is held by nothing, its slot waits for a sweep
    const again = pack(new Map([['kept', 2]]), keys)!; // held again before the sweep
    bulk.release(); // 3,000 emptied slots: swept now
    expect(keys.size).toBe(1);
    expect([...again]).toEqual([['kept', 2]]);
    const later = pack(many, keys)!; // the swept keys come back under new or reused ids
    expect(keys.size).toBe(3001);
    expect(later.get('k2999')).toBe(2999);
    expect([...later].length).toBe(3000);
    expect([...again]).toEqual([['kept', 2]]);
    // The sweep gave the slots back: 3,000 other keys reuse them instead of growing the table.
    later.release();
    const others = pack(
      new Map(Array.from({ length: 3000 }, (_, i): [string, number] => [`o${i}`, i])),
      keys,
    )!;
    expect(keys.slotCount).toBeLessThanOrEqual(3001);
    expect(others.get('o2999')).toBe(2999);
    expect(keys.find('k0')).toBe(-1);
  });

  it('keeps its keys itself when given no dictionary, and reads back the same', () => {
    const part = new Map([
      ['q', [1, 2]],
      ['p', [3, 0.1 + 0.2]],
    ]);
    const inline = pack(part, null)!;
    expect(inline.dictionary).toBeNull();
    expect(inline.size).toBe(2);
    expect([...inline]).toEqual([...part]);
    expect([...inline.keys()]).toEqual(['q', 'p']);
    const seen: Array<[string, number[]]> = [];
    inline.forEach((value, key) => seen.push([key, value]));
    expect(seen).toEqual([...part]);
    expect(inline.get('p')).toEqual([3, 0.1 + 0.2]);
    expect(inline.has('z')).toBe(false);
    inline.release(); // nothing to let go of
    const data = v8.deserialize(v8.serialize(inline.toData())) as never;
    const back = CompactPartial.fromData<string, number[]>(data, null);
    expect(back.dictionary).toBeNull();
    expect([...back]).toEqual([...part]);
    // String keys are kept joined, one string for the partial (none of them wide).
    expect(inline.inline!.narrow).toBe('qp');
    expect(inline.inline!.wide).toBe('');
    expect([...inline.inline!.ends]).toEqual([1, 2]);
    expect(pack(part)!.inline).toBeNull();
  });

  it('keeps joined keys apart however they run together, and other keys as a list', () => {
    const strings = new Map([
      ['ab', 1],
      ['', 2],
      ['a', 3],
      ['bab', 4],
      ['é😀', 5],
    ]);
    const joined = pack(strings, null)!;
    // 'é' fits in one byte, the emoji does not: that key is joined apart.
    expect(joined.inline!.narrow).toBe('ababab');
    expect(joined.inline!.wide).toBe('é😀');
    expect([...joined]).toEqual([...strings]);
    expect(joined.get('a')).toBe(3);
    expect(joined.get('')).toBe(2);
    expect(joined.get('aba')).toBeUndefined();
    const numbers = new Map([
      [7, 1],
      [-0, 2],
    ]);
    const listed = pack(numbers, null)!;
    expect(listed.inline!.joined).toBe(false);
    expect(listed.inline!.narrow).toBeNull();
    expect([...listed]).toEqual([...numbers]);
    expect(
      CompactPartial.fromData<number, number>(
        v8.deserialize(v8.serialize(listed.toData())) as never,
        null,
      ).get(7),
    ).toBe(1);
  });

  it('packs a packed partial to itself', () => {
    const packed = pack(new Map([['a', 1]]))!;
    expect(pack(packed)).toBe(packed);
  });

  it('keeps keys of mixed kinds as a list, never joined', () => {
    const mixed = InlineKeys.of<string | number>(['a', 1, 'b']);
    expect(mixed.joined).toBe(false);
    expect([0, 1, 2].map((i) => mixed.keyAt(i))).toEqual(['a', 1, 'b']);
    const joined = InlineKeys.of(['a', 'bc']);
    expect(joined.joined).toBe(true);
    expect(joined.narrow).toBe('abc');
    expect(joined.keyAt(1)).toBe('bc');
  });

  it('joins keys of one-byte characters apart from the others, each read back in its place', () => {
    // Runs of each kind, a kind at the start and the end, the empty key, the widest one-byte
    // character (ÿ, U+00FF) and the narrowest wide one (Ā, U+0100).
    const keys = ['東京', 'ab', '', 'ÿ', 'Ā', '😀x', 'c', '東京', 'd', 'é', 'ДЖ', 'ДЖ'];
    const inline = InlineKeys.of(keys);
    expect(inline.narrow).toBe('abÿcdé');
    expect(inline.wide).toBe('東京Ā😀x東京ДЖДЖ');
    expect(keys.map((_, i) => inline.keyAt(i))).toEqual(keys);
    expect(keys.map((_, i) => inline.textOf(i).slice(inline.start(i), inline.end(i)))).toEqual(keys);
    expect(InlineKeys.of(['東', '京']).narrow).toBe('');
    expect([0, 1].map((i) => InlineKeys.of(['東', '京']).keyAt(i))).toEqual(['東', '京']);
  });
});

describe('PackedSum', () => {
  const vectors = (n: number, scale: number) =>
    new Map(Array.from({ length: n }, (_, i): [string, number[]] => [`k${i}`, [i * scale, 1]]));

  it('sums vectors by key over thousands of keys, the same as a Map fold', () => {
    const keys = new PackedKeys<string>();
    const sum = new PackedSum(keys, 2);
    const first = pack(vectors(3000, 1), keys)!;
    const second = pack(vectors(1500, 0.5), keys)!;
    sum.add(first);
    sum.add(second);
    expect(sum.size).toBe(3000);
    const summed = sum.toMap<number[]>();
    expect(summed.get('k0')).toEqual([0, 2]);
    expect(summed.get('k1499')).toEqual([1499 * 1.5, 2]);
    expect(summed.get('k2999')).toEqual([2999, 1]);
    expect([...summed.keys()]).toEqual([...vectors(3000, 1).keys()]);
  });

  it('holds its keys in the dictionary until cleared, and sums from nothing after', () => {
    const keys = new PackedKeys<string>();
    const part = pack(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
      keys,
    )!;
    const sum = new PackedSum(keys, 0);
    sum.add(part);
    expect(keys.size).toBe(2); // the same two keys, held twice
    part.release();
    expect(keys.size).toBe(2); // still held by the sum
    expect(sum.toMap<number>()).toEqual(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    sum.clear();
    expect(keys.size).toBe(0);
    expect(sum.size).toBe(0);
    const next = pack(new Map([['b', 5]]), keys)!;
    sum.add(next);
    expect(sum.toMap<number>()).toEqual(new Map([['b', 5]]));
  });

  it('takes only partials packed with its dictionary and of its width', () => {
    const keys = new PackedKeys<string>();
    const sum = new PackedSum(keys, 2);
    expect(sum.accepts(pack(vectors(2, 1), keys))).toBe(true);
    expect(sum.accepts(pack(vectors(2, 1), new PackedKeys<string>()))).toBe(false);
    expect(sum.accepts(pack(new Map([['a', [1, 2, 3]]]), keys))).toBe(false);
    expect(sum.accepts(pack(new Map([['a', 1]]), keys))).toBe(false);
    expect(sum.accepts(pack(vectors(2, 1), null))).toBe(false);
    expect(sum.accepts(vectors(2, 1))).toBe(false);
  });
});
