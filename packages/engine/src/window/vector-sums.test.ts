// VectorSums: a batch's vectors summed by key equal a Map of vectors reduced one by one, as rows
// that a window packs with its dictionary (reusing their hashes) as it packs the Map.
import { describe, expect, it } from 'vitest';
import { CompactPartial, PackedKeys } from './compact-partial.js';
import { hashOf } from './key-slots.js';
import { PackedRows } from './packed-rows.js';
import { VectorSums } from './vector-sums.js';

/** What the job made before: a Map of vectors, a key's first copied and later ones added. */
function mapSums(rows: Array<[string, number[]]>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [key, vector] of rows) {
    const held = out.get(key);
    if (held === undefined) out.set(key, vector.slice());
    else for (let j = 0; j < vector.length; j++) held[j]! += vector[j]!;
  }
  return out;
}

function summed(rows: Array<[string, number[]]>, width = 2, expected?: number) {
  const sums = new VectorSums(width, expected);
  for (const [key, vector] of rows) sums.add(key, vector);
  return sums;
}

const ROWS: Array<[string, number[]]> = [];
for (let i = 0; i < 3_000; i++)
  ROWS.push([String(1_400_000_000_000 + ((i * 7919) % 700)), [1, ((i * 31) % 17) * 0.1]]);

describe('VectorSums', () => {
  it('sums as a Map of vectors reduced one by one does, keys in first-seen order, past its expected size', () => {
    const sums = summed(ROWS, 2, 8);
    expect(sums.size).toBe(700);
    const rows = sums.take();
    expect(rows).toBeInstanceOf(PackedRows);
    // toEqual compares numbers with Object.is: the sums match to the last bit.
    expect([...rows]).toEqual([...mapSums(ROWS)]);
    expect(rows.size).toBe(700);
    expect(rows.get('1400000000001')).toEqual(mapSums(ROWS).get('1400000000001'));
    expect(rows.has('nobody')).toBe(false);
    expect([...rows.hashes]).toEqual([...rows.keys()].map((key) => hashOf(key)));
  });

  it("copies a key's first vector rather than adding it to zero", () => {
    const rows = summed([
      ['a', [1, -0]],
      ['b', [2, 0.5]],
      ['a', [1, 0.25]],
    ]).take();
    expect([...rows]).toEqual([
      ['a', [2, 0.25]],
      ['b', [2, 0.5]],
    ]);
    expect(
      Object.is(
        summed([['z', [1, -0]]])
          .take()
          .get('z')![1],
        -0,
      ),
    ).toBe(true);
  });

  it('is empty after take, and sums the next batch afresh', () => {
    const sums = summed([
      ['a', [1, 1]],
      ['b', [1, 2]],
    ]);
    sums.take();
    expect(sums.size).toBe(0);
    sums.add('b', [1, 5]);
    sums.add('c', [1, 6]);
    sums.add('b', [1, 7]);
    expect([...sums.take()]).toEqual([
      ['b', [2, 12]],
      ['c', [1, 6]],
    ]);
  });

  it('takes vectors of one number, and refuses a width below one', () => {
    expect([
      ...summed(
        [
          ['a', [3]],
          ['a', [4]],
        ],
        1,
      ).take(),
    ]).toEqual([['a', [7]]]);
    expect(() => new VectorSums(0)).toThrow(RangeError);
    expect(() => new VectorSums(1.5)).toThrow(/width of 1 or more/);
  });

  it('is packed by a window with its dictionary as the Map is, keeping its values array', () => {
    const dictionary = new PackedKeys<string>();
    const fromMap = CompactPartial.pack(mapSums(ROWS), dictionary)!;
    const rows = summed(ROWS).take();
    const fromRows = CompactPartial.pack(rows, dictionary)!;
    expect(fromRows.packed).toBe(rows.packed);
    expect(fromRows.dictionary).toBe(dictionary);
    // The same keys, found by the hashes the rows lent: each id once, held by both partials.
    expect([...fromRows.ids]).toEqual([...fromMap.ids]);
    expect([...fromRows]).toEqual([...fromMap]);
    expect(dictionary.size).toBe(700);
    // Rows packed with their own keys (keysMostlyNew) join them as any partial's.
    expect([...CompactPartial.pack(summed(ROWS).take(), null)!]).toEqual([...fromMap]);
  });

  it('numbers keys new to the dictionary with the hashes lent, so later lookups find them', () => {
    const dictionary = new PackedKeys<string>();
    const first = CompactPartial.pack(summed(ROWS.slice(0, 100)).take(), dictionary)!;
    const second = CompactPartial.pack(mapSums(ROWS.slice(0, 100)), dictionary)!;
    expect([...second.ids]).toEqual([...first.ids]);
    for (const key of first.keys()) expect(dictionary.find(key)).toBeGreaterThanOrEqual(0);
  });
});
