import { describe, expect, it } from 'vitest';
import { InvalidWindowError, ManualClock, StreamingContext } from '@hashpulse/engine';

const B = 1000;

function setup(retentionMs?: number) {
  const clock = new ManualClock(0);
  const ctx = new StreamingContext({ batchIntervalMs: B, clock, ...(retentionMs ? { retentionMs } : {}) });
  const { source, stream } = ctx.queueSource<string>();
  return { clock, ctx, source, stream };
}

/** Brute force: counts of the records that arrived in [end − w, end). */
function recount(records: Array<[string, number]>, end: number, w: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [value, time] of records) {
    if (time >= end - w && time < end) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

const sorted = (map: ReadonlyMap<string, number>) => [...map].sort(([a], [b]) => (a < b ? -1 : 1));

const RECORDS: Array<[string, number]> = [
  ['a', 100],
  ['b', 900],
  ['a', 1500],
  ['c', 2200],
  ['a', 3100],
  ['b', 3900],
  ['c', 5500],
  ['a', 7000],
];

describe('window operators', () => {
  it('window emits the records of batches in (t − W, t] at every slide', async () => {
    const { clock, ctx, source, stream } = setup();
    const out: Array<[number, readonly string[]]> = [];
    stream
      .window({ windowLengthMs: 3000, slideMs: 2000 })
      .foreachBatch((records, end) => void out.push([end, records]));
    await ctx.start();
    for (const [v, t] of RECORDS) source.push(v, t);
    await clock.advanceTo(8000);
    expect(out).toEqual([
      [2000, ['a', 'b', 'a']],
      [4000, ['a', 'c', 'a', 'b']],
      [6000, ['a', 'b', 'c']],
      [8000, ['c', 'a']],
    ]);
    await ctx.stop();
  });

  it('countByValueAndWindow equals a recount at every slide and drops keys that leave', async () => {
    const { clock, ctx, source, stream } = setup();
    const out: Array<[number, Array<[string, number]>]> = [];
    stream
      .countByValueAndWindow({ windowLengthMs: 3000, slideMs: 1000 })
      .foreachBatch((window, end) => void out.push([end, sorted(window)]));
    await ctx.start();
    for (const [v, t] of RECORDS) source.push(v, t);
    await clock.advanceTo(12_000);
    expect(out.map(([end]) => end)).toEqual([
      1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000, 11_000, 12_000,
    ]);
    for (const [end, counts] of out) expect(counts).toEqual(sorted(recount(RECORDS, end, 3000)));
    expect(out.at(-1)![1]).toEqual([]);
    await ctx.stop();
  });

  it('combineByKeyAndWindow, fed each batch as one Map, equals countByValueAndWindow on the same records', async () => {
    const { clock, ctx, source, stream } = setup();
    const spec = { windowLengthMs: 3000, slideMs: 1000 };
    const combined: Array<[number, Array<[string, number]>]> = [];
    const counted: Array<[number, Array<[string, number]>]> = [];
    const batches: number[] = [];
    stream
      .combineByKeyAndWindow(
        (records) => {
          batches.push(records.length);
          const counts = new Map<string, number>();
          for (const value of records) counts.set(value, (counts.get(value) ?? 0) + 1);
          return counts;
        },
        { reduce: (a: number, b: number) => a + b, inverse: (a: number, b: number) => a - b },
        spec,
      )
      .foreachBatch((window, end) => void combined.push([end, sorted(window)]));
    stream
      .countByValueAndWindow(spec)
      .foreachBatch((window, end) => void counted.push([end, sorted(window)]));
    await ctx.start();
    for (const [v, t] of RECORDS) source.push(v, t);
    await clock.advanceTo(12_000);
    expect(combined).toEqual(counted);
    for (const [end, counts] of combined) expect(counts).toEqual(sorted(recount(RECORDS, end, 3000)));
    // One call per batch, with the batch's records (empty batches too).
    expect(batches.reduce((a, b) => a + b, 0)).toBe(RECORDS.length);
    expect(batches.length).toBeGreaterThanOrEqual(8);
    await ctx.stop();
  });

  it('combineByKeyAndWindow refuses options without reduce before building anything', () => {
    const { stream } = setup();
    expect(() =>
      stream.combineByKeyAndWindow(() => new Map(), {} as never, { windowLengthMs: 3000, slideMs: 1000 }),
    ).toThrow(/combineByKeyAndWindow needs \{ reduce \}/);
  });

  it('reduceByKeyAndWindow with and without inverse agree, for composite values', async () => {
    const { clock, ctx, source, stream } = setup();
    type Stats = { n: number; sum: number };
    const pairs = stream.map((v): [string, Stats] => [v, { n: 1, sum: v.charCodeAt(0) }]);
    const reduce = (a: Stats, b: Stats) => ({ n: a.n + b.n, sum: a.sum + b.sum });
    const inverse = (a: Stats, b: Stats) => ({ n: a.n - b.n, sum: a.sum - b.sum });
    const spec = ctx.windowSpec({ windowLengthMs: 4000, slideMs: 2000 });
    const withInverse: unknown[] = [];
    const without: unknown[] = [];
    pairs
      .reduceByKeyAndWindow({ reduce, inverse }, spec)
      .foreachBatch((w, end) => void withInverse.push([end, [...w]]));
    pairs.reduceByKeyAndWindow({ reduce }, spec).foreachBatch((w, end) => void without.push([end, [...w]]));
    await ctx.start();
    for (const [v, t] of RECORDS) source.push(v, t);
    await clock.advanceTo(12_000);
    const asMaps = (outs: unknown[]) =>
      outs.map((o) => [(o as [number])[0], new Map((o as [number, Array<[string, Stats]>])[1])]);
    expect(asMaps(withInverse)).toEqual(asMaps(without));
    const byKey = (entries: unknown) =>
      [...(entries as Array<[string, Stats]>)].sort(([a], [b]) => (a < b ? -1 : 1));
    expect(byKey((withInverse[2] as [number, unknown])[1])).toEqual([
      ['a', { n: 1, sum: 97 }],
      ['b', { n: 1, sum: 98 }],
      ['c', { n: 2, sum: 198 }],
    ]);
    await ctx.stop();
  });

  it('isZero hides keys whose windowed value is zero', async () => {
    const { clock, ctx, source, stream } = setup();
    const out: Array<Array<[string, number]>> = [];
    stream
      .map((v): [string, number] => (v.startsWith('-') ? [v.slice(1), -1] : [v, 1]))
      .reduceByKeyAndWindow(
        { reduce: (a, b) => a + b, inverse: (a, b) => a - b, isZero: (v) => v === 0 },
        { windowLengthMs: 2000, slideMs: 1000 },
      )
      .foreachBatch((w) => void out.push([...w]));
    await ctx.start();
    source.push('x', 100);
    source.push('-x', 1100);
    source.push('y', 1200);
    await clock.advanceTo(3000);
    expect(out).toEqual([
      [['x', 1]],
      [['y', 1]],
      [
        ['x', -1],
        ['y', 1],
      ],
    ]);
    await ctx.stop();
  });

  it('countByWindow and reduceByWindow emit one record per slide', async () => {
    const { clock, ctx, source, stream } = setup();
    const counts: Array<readonly number[]> = [];
    const longest: Array<readonly string[]> = [];
    stream.countByWindow({ windowLengthMs: 2000, slideMs: 2000 }).foreachBatch((r) => void counts.push(r));
    stream
      .reduceByWindow((a, b) => (b > a ? b : a), undefined, { windowLengthMs: 2000, slideMs: 2000 })
      .foreachBatch((r) => void longest.push(r));
    await ctx.start();
    for (const [v, t] of RECORDS) source.push(v, t);
    await clock.advanceTo(10_000);
    expect(counts).toEqual([[3], [3], [1], [1], [0]]);
    expect(longest).toEqual([['b'], ['c'], ['c'], ['a'], []]);
    await ctx.stop();
  });

  it('topK returns the k most frequent keys, ties by key', async () => {
    const { clock, ctx, source, stream } = setup();
    const tops: unknown[] = [];
    const counts = stream.countByValueAndWindow({ windowLengthMs: 10_000, slideMs: 10_000 });
    counts.foreachBatch((w) => void tops.push(w.topK(2)));
    counts.topK(3).foreachBatch((r) => void tops.push(r));
    await ctx.start();
    source.pushAll(['z', 'y', 'y', 'x', 'x', 'w', 'z', 'v'], 100);
    await clock.advanceTo(10_000);
    expect(tops).toEqual([
      [
        ['x', 2],
        ['y', 2],
      ],
      [
        ['x', 2],
        ['y', 2],
        ['z', 2],
      ],
    ]);
    await ctx.stop();
  });
});

describe('window validation', () => {
  it('refuses a window that breaks a rule, naming the rule', () => {
    const { ctx } = setup();
    const ctx10 = new StreamingContext({ batchIntervalMs: 10_000, clock: new ManualClock(0) });
    expect(() => ctx10.windowSpec({ windowLengthMs: 45_000, slideMs: 10_000 })).toThrow(
      new InvalidWindowError(['window length 45s must be a multiple of the batch interval 10s']),
    );
    expect(() => ctx.windowSpec({ windowLengthMs: 2000, slideMs: 1500 })).toThrow(
      'slide 1500ms must be a multiple of the batch interval 1s',
    );
    expect(() => ctx.windowSpec({ windowLengthMs: 2000, slideMs: 3000 })).toThrow(
      'slide 3s must not be longer than the window length 2s',
    );
    expect(() => ctx.windowSpec({ windowLengthMs: 7_200_000, slideMs: 1000 })).toThrow(
      'window length 2h must be at most the retention horizon 1h (raise the StreamingContext option retentionMs or add tiers to its history option)',
    );
    expect(() => ctx.windowSpec({ windowLengthMs: 0, slideMs: 1000 })).toThrow(InvalidWindowError);
    const { stream } = ctx.queueSource<number>('q2');
    expect(() => stream.window({ windowLengthMs: 1500, slideMs: 1000 })).toThrow(InvalidWindowError);
  });

  it('an invalid update changes nothing', () => {
    const { ctx } = setup();
    const spec = ctx.windowSpec({ windowLengthMs: 4000, slideMs: 2000 });
    expect(() => spec.update({ windowLengthMs: 4500, slideMs: 2000 })).toThrow(InvalidWindowError);
    expect(spec.config).toEqual({ windowLengthMs: 4000, slideMs: 2000 });
  });
});
