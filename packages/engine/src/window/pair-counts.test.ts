// PairCounts: counts of `first␁second` keys equal a Map of the joined strings, as a packed partial
// whose key hashes are hashOfRange's and which a roll-up sums as it sums any other.
import { describe, expect, it } from 'vitest';
import { CompactPartial } from './compact-partial.js';
import { hashOf } from './key-slots.js';
import { PairCounts } from './pair-counts.js';
import { SlotSum } from './slot-sum.js';

const SEP = '\u0001';

/** What the job counted before: a Map of the joined keys, in first-seen order. */
function mapCounts(pairs: Array<[string, string]>, separator = SEP): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [first, second] of pairs) {
    const key = first + separator + second;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function pairCounts(pairs: Array<[string, string]>, separator = SEP, expected?: number) {
  const counts = new PairCounts(separator, expected);
  for (const [first, second] of pairs) counts.add(first, second);
  return counts;
}

/** A seeded xorshift, so a failure names the pairs it failed on again. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const TAGS = ['coffee', 'café', 'コーヒー', '😀smile', 'a', 'ab', 'rocketlaunch', 'ÿ', 'Ā'];

describe('PairCounts', () => {
  it('counts as a Map of the joined keys does, keys in first-seen order, past its expected size', () => {
    const next = random(7);
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < 5_000; i++) {
      const tag = TAGS[Math.floor(next() * TAGS.length)]!;
      const author = String(1_400_000_000_000 + Math.floor(next() * 900));
      pairs.push([tag, author]);
    }
    const counts = pairCounts(pairs, SEP, 16);
    const expected = mapCounts(pairs);
    expect(counts.size).toBe(expected.size);
    const partial = counts.take();
    expect(partial).toBeInstanceOf(CompactPartial);
    expect([...partial]).toEqual([...expected]);
    expect(partial.size).toBe(expected.size);
    expect(partial.get(`café${SEP}1400000000001`)).toBe(expected.get(`café${SEP}1400000000001`));
  });

  it('keeps keys that fit in a byte apart from the others, and gives each key its hashOfRange', () => {
    const pairs: Array<[string, string]> = [
      ['ÿ', '1'],
      ['コーヒー', '2'],
      ['ÿ', '1'],
      ['x', 'Ā'],
      ['x', '3'],
    ];
    const partial = pairCounts(pairs).take();
    const keys = [...partial.keys()];
    expect(keys).toEqual([`ÿ${SEP}1`, `コーヒー${SEP}2`, `x${SEP}Ā`, `x${SEP}3`]);
    expect([...partial.values()]).toEqual([2, 1, 1, 1]);
    const inline = partial.inline!;
    expect(inline.narrow).toBe(`ÿ${SEP}1x${SEP}3`);
    expect(inline.wide).toBe(`コーヒー${SEP}2x${SEP}Ā`);
    expect([...inline.keyHashes!]).toEqual(keys.map((key) => hashOf(key)));
  });

  it('counts two pairs whose joined keys share a hash apart', () => {
    // "tag␁1400001139599" and "tag␁1400001322382" have one FNV-1a hash (found by search).
    const partial = pairCounts([
      ['tag', '1400001139599'],
      ['tag', '1400001322382'],
      ['tag', '1400001139599'],
    ]).take();
    expect(hashOf(`tag${SEP}1400001139599`)).toBe(hashOf(`tag${SEP}1400001322382`));
    expect([...partial]).toEqual([
      [`tag${SEP}1400001139599`, 2],
      [`tag${SEP}1400001322382`, 1],
    ]);
  });

  it('keeps keys narrow with a separator that fits in a byte, however high', () => {
    const partial = pairCounts([['a', '1']], '\u00ff').take();
    expect(partial.inline!.narrow).toBe('a\u00ff1');
    expect(partial.inline!.wide).toBe('');
  });

  it('makes every key wide with a separator that does not fit in a byte', () => {
    const partial = pairCounts([['a', '1']], '\u2400').take();
    expect(partial.inline!.narrow).toBe('');
    expect(partial.inline!.wide).toBe('a\u24001');
    expect([...partial.inline!.keyHashes!]).toEqual([hashOf('a\u24001')]);
  });

  it('counts parts that join to the same key as one key, and parts that only share a hash apart', () => {
    // Parts holding the separator: ("a␁b", "c") and ("a", "b␁c") are both "a␁b␁c".
    const pairs: Array<[string, string]> = [
      [`a${SEP}b`, 'c'],
      ['a', `b${SEP}c`],
      ['a', 'b'],
      [`a${SEP}`, 'b'],
      ['a', `${SEP}b`],
      ['ab', 'c'],
      ['a', 'bc'],
    ];
    expect([...pairCounts(pairs).take()]).toEqual([...mapCounts(pairs)]);
    // Two keys of one length and one hash that differ: the table compares the parts, not the hash.
    const collide = new PairCounts(SEP);
    const probe = collide as unknown as { sameKey(place: number, first: string, second: string): boolean };
    collide.add('ab', 'cd');
    expect(probe.sameKey(0, 'ab', 'cd')).toBe(true);
    expect(probe.sameKey(0, 'ab', 'ce')).toBe(false);
    expect(probe.sameKey(0, 'ac', 'cd')).toBe(false);
    expect(probe.sameKey(0, 'a', 'bcd')).toBe(false);
    expect(probe.sameKey(0, 'abc', 'd')).toBe(false);
    expect(probe.sameKey(0, 'a', 'b')).toBe(false);
  });

  it('is summed by a roll-up as the Map packed would be, with or without its hashes', () => {
    const next = random(11);
    const batches: Array<Array<[string, string]>> = [];
    for (let b = 0; b < 6; b++) {
      const pairs: Array<[string, string]> = [];
      for (let i = 0; i < 400; i++)
        pairs.push([TAGS[Math.floor(next() * TAGS.length)]!, String(Math.floor(next() * 60))]);
      batches.push(pairs);
    }
    const fromCounts = new SlotSum<string>(0);
    const withoutHashes = new SlotSum<string>(0);
    const fromMaps = new SlotSum<string>(0);
    for (const pairs of batches) {
      fromCounts.add(pairCounts(pairs).take());
      const partial = pairCounts(pairs).take();
      partial.inline!.dropHashes();
      expect(partial.inline!.keyHashes).toBeNull();
      withoutHashes.add(partial);
      fromMaps.add(CompactPartial.pack(mapCounts(pairs), null)!);
    }
    const expected = [...fromMaps.toMap<number>()];
    expect(expected.length).toBeGreaterThan(100);
    expect([...fromCounts.toMap<number>()]).toEqual(expected);
    expect([...withoutHashes.toMap<number>()]).toEqual(expected);
  });

  it('is empty after take, and counts the next batch afresh', () => {
    const counts = pairCounts([
      ['a', '1'],
      ['b', '2'],
      ['a', '1'],
    ]);
    expect([...counts.take()]).toEqual([
      [`a${SEP}1`, 2],
      [`b${SEP}2`, 1],
    ]);
    expect(counts.size).toBe(0);
    counts.add('b', '2');
    counts.add('c', '3');
    const next = counts.take();
    expect([...next]).toEqual([
      [`b${SEP}2`, 1],
      [`c${SEP}3`, 1],
    ]);
    expect([...next.inline!.keyHashes!]).toEqual([hashOf(`b${SEP}2`), hashOf(`c${SEP}3`)]);
  });

  it('gives an empty partial when nothing was counted', () => {
    const partial = new PairCounts(SEP).take();
    expect(partial.size).toBe(0);
    expect([...partial]).toEqual([]);
  });
});
