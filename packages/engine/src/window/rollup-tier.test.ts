import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/seeded-random.js';
import { CompactPartial, PackedKeys } from './compact-partial.js';
import { type ClosedBucket, ROLLUP_CARRY_FACTOR, RollupTier } from './rollup-tier.js';

const add = (a: number, b: number) => a + b;
const tier = (limit?: number) =>
  new RollupTier<string, number>(
    { resolutionMs: 60, retentionMs: 600 },
    { reduce: add },
    limit === undefined ? undefined : { maxKeys: limit, order: (a, b) => b - a },
  );
const addVectors = (a: number[], b: number[]) => a.map((x, i) => x + b[i]!);
/** A tier of vectors: `sums` says whether its reducer declares that it adds (PackedSum). */
const vectorTier = (sums: boolean, limit?: number) =>
  new RollupTier<string, number[]>(
    { resolutionMs: 60, retentionMs: 600 },
    { reduce: addVectors, sums },
    limit === undefined ? undefined : { maxKeys: limit, order: (a, b) => b[0]! - a[0]! },
  );
/** Batches of 10..590 ms of float vectors over drifting keys (sums that depend on the order added). */
function vectorBatches(seed: number): Array<[number, Map<string, number[]>]> {
  const random = seededRandom(seed);
  return Array.from({ length: 59 }, (_, b) => {
    const part = new Map<string, number[]>();
    for (let i = 0; i < 40; i++)
      part.set(`k${b + Math.floor(random() * 60)}`, [1, random() * 0.3 - 0.1, -random() / 7]);
    return [10 * (b + 1), part];
  });
}
const entriesOf = (closed: Array<ClosedBucket<string, number[]>>) =>
  closed.map(([time, part]) => [time, [...part]]);
const buckets = (t: RollupTier<string, number>) =>
  t.store.entries().map(([time, part]) => [time, Object.fromEntries(part)]);

describe('a roll-up tier', () => {
  it('sums the partials of (T − r, T] into bucket T and closes it with its last batch', () => {
    const t = tier();
    const closed: Array<ClosedBucket<string, number>> = [];
    t.fold(10, new Map([['a', 1]]), closed);
    t.fold(
      50,
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
      closed,
    );
    expect(closed).toEqual([]);
    t.fold(60, new Map([['b', 4]]), closed);
    expect(closed.map(([time, part]) => [time, Object.fromEntries(part)])).toEqual([[60, { a: 3, b: 5 }]]);
    expect(buckets(t)).toEqual([[60, { a: 3, b: 5 }]]);
    expect(t.keys).toBe(2);
  });

  it('closes a bucket whose last batch never came once time passes it, and skips empty ones', () => {
    const t = tier();
    const closed: Array<ClosedBucket<string, number>> = [];
    t.fold(70, new Map([['a', 1]]), closed);
    t.fold(200, null, closed);
    t.fold(250, new Map(), closed);
    expect(closed.map(([time]) => time)).toEqual([120]);
    t.fold(300, new Map([['c', 1]]), closed);
    expect(closed.map(([time]) => time)).toEqual([120, 300]);
    expect(buckets(t)).toEqual([
      [120, { a: 1 }],
      [300, { c: 1 }],
    ]);
  });

  it('never changes the partials it is given', () => {
    const t = tier();
    const first = new Map([['a', 1]]);
    t.fold(10, first, []);
    t.fold(20, new Map([['a', 5]]), []);
    t.fold(60, null, []);
    expect(first).toEqual(new Map([['a', 1]]));
    expect(buckets(t)).toEqual([[60, { a: 6 }]]);
  });

  it('keeps a bucket to its largest keys under a limit, passing a wider cut on and counting the rest', () => {
    const t = tier(2);
    const closed: Array<ClosedBucket<string, number>> = [];
    t.fold(
      60,
      new Map([
        ['a', 5],
        ['b', 1],
        ['c', 3],
        ['d', 3],
      ]),
      closed,
    );
    expect(Object.fromEntries(closed[0]![1])).toEqual({ a: 5, b: 1, c: 3, d: 3 });
    // Ties go by key, so the result never depends on arrival order.
    expect(buckets(t)).toEqual([[60, { a: 5, c: 3 }]]);
    expect(t.keysTrimmed).toBe(2);
    expect(t.keys).toBe(2);
    t.fold(120, new Map([['a', 1]]), closed);
    expect(t.keysTrimmed).toBe(2);
  });

  it('hands the next tier at most maxKeys × ROLLUP_CARRY_FACTOR keys, the largest, ties by key', () => {
    const t = tier(1);
    const closed: Array<ClosedBucket<string, number>> = [];
    const keys = ROLLUP_CARRY_FACTOR + 3;
    // k0 has the largest value; the rest tie at 1, so the cut goes by key.
    const part = new Map(
      Array.from({ length: keys }, (_, i) => [`k${String(i).padStart(2, '0')}`, i === 0 ? 9 : 1]),
    );
    t.fold(60, part, closed);
    const carried = [...closed[0]![1].keys()];
    expect(carried).toHaveLength(ROLLUP_CARRY_FACTOR);
    expect(carried).toEqual([...part.keys()].slice(0, ROLLUP_CARRY_FACTOR));
    expect(buckets(t)).toEqual([[60, { k00: 9 }]]);
    expect(t.keysTrimmed).toBe(keys - 1);
    // Under no limit the whole sum goes on, however large.
    const open = tier();
    const all: Array<ClosedBucket<string, number>> = [];
    open.fold(60, part, all);
    expect(all[0]![1]).toEqual(part);
  });

  it('evicts buckets up to a time, with their keys', () => {
    const t = tier();
    for (const time of [60, 120, 180])
      t.fold(
        time,
        new Map([
          ['a', 1],
          [`k${time}`, 1],
        ]),
        [],
      );
    expect(t.keys).toBe(6);
    t.evictUpTo(120);
    expect(buckets(t).map(([time]) => time)).toEqual([180]);
    expect(t.keys).toBe(2);
  });

  it('restores what it snapshotted, the open bucket included', () => {
    const t = tier(1);
    t.fold(
      60,
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
      [],
    );
    t.fold(90, new Map([['b', 7]]), []);
    const copy = tier(1);
    copy.restore(JSON.parse(JSON.stringify(t.snapshot())));
    expect(buckets(copy)).toEqual(buckets(t));
    expect([copy.keys, copy.keysTrimmed]).toEqual([1, 1]);
    const a: Array<ClosedBucket<string, number>> = [];
    const b: Array<ClosedBucket<string, number>> = [];
    t.fold(120, new Map([['b', 1]]), a);
    copy.fold(120, new Map([['b', 1]]), b);
    expect(b).toEqual(a);
    expect(Object.fromEntries(a[0]![1])).toEqual({ b: 8 });
  });

  describe('summing packed partials in typed arrays', () => {
    it('closes the same buckets, bit for bit and in the same key order, as reducing the Maps', () => {
      // Keys numbered by the operator (PackedSum), or kept with each partial (SlotSum, ranked in place).
      for (const [limit, numbered] of [
        [undefined, true],
        [5, true],
        [undefined, false],
        [5, false],
      ] as const) {
        const dictionary = numbered ? new PackedKeys<string>() : null;
        const typed = vectorTier(true, limit);
        const plain = vectorTier(false, limit);
        const a: Array<ClosedBucket<string, number[]>> = [];
        const b: Array<ClosedBucket<string, number[]>> = [];
        for (const [time, part] of [
          ...vectorBatches(7),
          ...vectorBatches(8).map(([t, p]) => [t + 590, p] as const),
        ]) {
          typed.fold(time, CompactPartial.pack(part, dictionary), a);
          plain.fold(time, part, b);
        }
        typed.fold(1200, null, a);
        plain.fold(1200, null, b);
        expect(a.length).toBeGreaterThan(5);
        // toEqual would let 0.30000000000000004 pass for 0.3 only by luck; compare the bits.
        expect(JSON.stringify(entriesOf(a))).toBe(JSON.stringify(entriesOf(b)));
        expect(typed.store.entries()).toEqual(plain.store.entries());
      }
    });

    it('goes on in a Map when a partial that is not packed joins the open bucket', () => {
      const dictionary = new PackedKeys<string>();
      const typed = vectorTier(true);
      const plain = vectorTier(false);
      const a: Array<ClosedBucket<string, number[]>> = [];
      const b: Array<ClosedBucket<string, number[]>> = [];
      vectorBatches(9).forEach(([time, part], i) => {
        typed.fold(time, i % 7 === 3 ? part : CompactPartial.pack(part, dictionary), a);
        plain.fold(time, part, b);
      });
      typed.fold(600, null, a);
      plain.fold(600, null, b);
      expect(JSON.stringify(entriesOf(a))).toBe(JSON.stringify(entriesOf(b)));
    });

    it('holds the keys it sums until the bucket closes, though their partials are evicted', () => {
      const dictionary = new PackedKeys<string>();
      const t = vectorTier(true);
      const closed: Array<ClosedBucket<string, number[]>> = [];
      const first = CompactPartial.pack(new Map([['a', [1, 2]]]), dictionary)!;
      t.fold(10, first, closed);
      // The partial leaves the per-batch history; a key sweep may reuse freed ids.
      first.release();
      const second = CompactPartial.pack(new Map([['b', [1, 5]]]), dictionary)!;
      t.fold(20, second, closed);
      second.release();
      expect(dictionary.size).toBe(2);
      t.fold(60, null, closed);
      expect(entriesOf(closed)).toEqual([
        [
          60,
          [
            ['a', [1, 2]],
            ['b', [1, 5]],
          ],
        ],
      ]);
      expect(dictionary.size).toBe(0);
    });

    it('snapshots an open typed sum and restores it as a Map that closes alike', () => {
      const dictionary = new PackedKeys<string>();
      const t = vectorTier(true);
      const batches = vectorBatches(10).slice(0, 4);
      for (const [time, part] of batches) t.fold(time, CompactPartial.pack(part, dictionary), []);
      const copy = vectorTier(true);
      copy.restore(JSON.parse(JSON.stringify(t.snapshot())));
      const a: Array<ClosedBucket<string, number[]>> = [];
      const b: Array<ClosedBucket<string, number[]>> = [];
      t.fold(60, null, a);
      copy.fold(60, null, b);
      expect(JSON.stringify(entriesOf(b))).toBe(JSON.stringify(entriesOf(a)));
      expect(a[0]![1].size).toBeGreaterThan(20);
    });
  });
});

describe('the keys a roll-up tier keeps', () => {
  /** V8's collector, for a test of what a structure keeps alive (the test process has no --expose-gc). */
  function collector(): () => void {
    v8.setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  }

  /** Heap bytes `make` leaves reachable through what it returns. */
  function heldBy(make: () => unknown): number {
    const gc = collector();
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = make();
    gc();
    const held = process.memoryUsage().heapUsed - before;
    expect(kept).toBeDefined();
    return held;
  }

  const MB = 1_000_000;
  /** A tier fed packed partials that keep their keys joined (as the drill-down's pairs are). */
  function feed(limit: number, batches: Array<[number, Array<[string, number]>]>) {
    const t = new RollupTier<string, number>(
      { resolutionMs: 60, retentionMs: 60 * 1000 },
      { reduce: add, sums: true },
      { maxKeys: limit, order: (a, b) => b - a },
    );
    const closed: Array<ClosedBucket<string, number>> = [];
    for (const [time, keys] of batches) t.fold(time, CompactPartial.pack(new Map(keys), null)!, closed);
    return t;
  }

  it('hold no batch of joined keys alive once the batch is gone, when a bucket is cut', () => {
    // Per bucket, one batch: a key of 2M characters that ranks last and a short one that ranks
    // first. Kept as a slice of the batch's joined keys, the short key would hold all 2 MB: 80 MB.
    const held = heldBy(() => {
      const t = feed(
        1,
        Array.from({ length: 40 }, (_, i) => [
          60 * (i + 1),
          [
            [`${'x'.repeat(2 * MB)}${i}`, 0],
            [`pair\u0001author-${i}`, 1],
          ],
        ]),
      );
      expect(t.store.size).toBe(40);
      expect([...t.store.entries()[39]![1]]).toEqual([['pair\u0001author-39', 1]]);
      return t;
    });
    expect(held).toBeLessThan(20 * MB);
  });

  it('hold no batch of joined keys alive once the batch is gone, when a bucket is kept whole', () => {
    // Per bucket, two batches of the same 1M-character key and a short key each: the long key is
    // read out of the first batch, the second batch's short key out of the second, whose joined keys
    // repeat the long one. Kept as slices, 2 MB a bucket; as keys of their own, 1 MB. (V8 slices
    // strings of 13 characters or more; it copies shorter ones, so the short keys are longer.)
    const held = heldBy(() => {
      const t = feed(
        4,
        Array.from({ length: 20 }, (_, i) => {
          const long = `${'y'.repeat(MB)}${i}`;
          return [
            [
              60 * (i + 1) - 30,
              [
                [long, 1],
                [`first-key-of-bucket-${i}`, 1],
              ],
            ],
            [
              60 * (i + 1),
              [
                [long, 1],
                [`second-key-of-bucket-${i}`, 1],
              ],
            ],
          ] as Array<[number, Array<[string, number]>]>;
        }).flat(),
      );
      expect(t.store.size).toBe(20);
      expect(t.store.entries()[19]![1].get('second-key-of-bucket-19')).toBe(1);
      return t;
    });
    expect(held).toBeLessThan(30 * MB);
  });
});
