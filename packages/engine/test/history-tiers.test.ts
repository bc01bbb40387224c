// History tiers: windows up to 30 days answered from per-minute and per-hour roll-ups must equal a
// brute-force recount of the batches they cover, through reconfigurations across tiers (property),
// and the tiers keep bounded memory whatever the stream's length.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type KeyedWindow,
  ManualClock,
  PairCounts,
  StreamingContext,
  historyForWindow,
} from '@hashpulse/engine';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HISTORY = [
  { resolutionMs: MINUTE, retentionMs: DAY },
  { resolutionMs: HOUR, retentionMs: 30 * DAY },
];

interface Config {
  w: number;
  s: number;
}

/** A valid window of any tier: per batch up to 1 h, whole minutes up to a day, whole hours up to 30 days. */
const windowConfig = (b: number): fc.Arbitrary<Config> =>
  fc.oneof(
    fc
      .integer({ min: 1, max: HOUR / b })
      .chain((wk) => fc.integer({ min: 1, max: wk }).map((sk) => ({ w: wk * b, s: sk * b }))),
    fc
      .integer({ min: 61, max: 24 * 60 })
      .chain((wk) =>
        fc.integer({ min: 1, max: Math.min(wk, 180) }).map((sk) => ({ w: wk * MINUTE, s: sk * MINUTE })),
      ),
    fc
      .integer({ min: 25, max: 30 * 24 })
      .chain((wk) =>
        fc.integer({ min: 1, max: Math.min(wk, 48) }).map((sk) => ({ w: wk * HOUR, s: sk * HOUR })),
      ),
  );

const scenario = fc.constantFrom(30_000, MINUTE).chain((b) =>
  fc.record({
    b: fc.constant(b),
    start: windowConfig(b),
    records: fc.array(
      fc.record({
        key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
        // Mostly dense, sometimes hours or days of nothing: up to ~35 days in all.
        dt: fc.oneof(
          { weight: 6, arbitrary: fc.integer({ min: 0, max: 5 * MINUTE }) },
          { weight: 2, arbitrary: fc.integer({ min: 0, max: 6 * HOUR }) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 * DAY }) },
        ),
      }),
      { minLength: 1, maxLength: 60 },
    ),
    changes: fc.array(fc.record({ at: fc.nat({ max: 59 }), next: windowConfig(b) }), { maxLength: 3 }),
  }),
);

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

interface WindowOut {
  end: number;
  w: number;
  counts: Array<[string, number]>;
  sums: Array<[string, number]>;
  sumsRecount: Array<[string, number]>;
  /** Summed with each packed partial keeping its own keys (keysMostlyNew). */
  sumsInline: Array<[string, number]>;
  /** Counted per batch as pairs (PairCounts: packed partials of joined keys, with their hashes). */
  pairCounts: Array<[string, number]>;
}

const SEP = '\u0001';

const sorted = <V>(entries: Iterable<[string, V]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
const START = 1_700_000_000_000;

async function run(sc: Scenario) {
  const clock = new ManualClock(START);
  const ctx = new StreamingContext({ batchIntervalMs: sc.b, clock, retentionMs: HOUR, history: HISTORY });
  const { source, stream } = ctx.queueSource<string>();
  const win = ctx.windowSpec({ windowLengthMs: sc.start.w, slideMs: sc.start.s });
  const batches = new Map<number, readonly string[]>();
  stream.foreachBatch((records, time) => {
    if (records.length > 0) batches.set(time, records);
  });
  const outs = new Map<number, Partial<WindowOut>>();
  const at = (end: number) => outs.get(end) ?? outs.set(end, {}).get(end)!;
  stream.countByValueAndWindow(win).foreachBatch((view: KeyedWindow<string, number>, end) => {
    expect([view.start, view.end]).toEqual([end - view.windowLengthMs, end]);
    Object.assign(at(end), { end, w: view.windowLengthMs, counts: sorted(view) });
  });
  const pairs = stream.map((k): [string, number] => [k, k.charCodeAt(0) - 96]);
  pairs
    .reduceByKeyAndWindow({ reduce: (x, y) => x + y, inverse: (x, y) => x - y }, win)
    .foreachBatch((view) => void (at(view.end).sums = sorted(view)));
  pairs
    .reduceByKeyAndWindow({ reduce: (x, y) => x + y }, win)
    .foreachBatch((view) => void (at(view.end).sumsRecount = sorted(view)));
  pairs
    .reduceByKeyAndWindow(
      { reduce: (x, y) => x + y, inverse: (x, y) => x - y, sums: true, keysMostlyNew: true },
      win,
    )
    .foreachBatch((view) => void (at(view.end).sumsInline = sorted(view)));
  stream
    .combineByKeyAndWindow(
      (records) => {
        const counts = new PairCounts(SEP, 1);
        for (const r of records) counts.add(r, r === 'e' ? 'ÿĀ' : 'x');
        return counts.take();
      },
      { reduce: (x, y) => x + y, inverse: (x, y) => x - y, sums: true, keysMostlyNew: true },
      win,
    )
    .foreachBatch((view) => void (at(view.end).pairCounts = sorted(view)));
  await ctx.start();
  let time = START;
  let change = 0;
  const ordered = [...sc.changes].sort((x, y) => x.at - y.at);
  for (const [i, { key, dt }] of sc.records.entries()) {
    while (ordered[change] && ordered[change]!.at === i) {
      const { w, s } = ordered[change++]!.next;
      await ctx.whenIdle();
      win.update({ windowLengthMs: w, slideMs: s });
    }
    time += dt;
    source.push(key, time);
  }
  await ctx.advanceToLastWindow();
  const stats = ctx.historyStats();
  await ctx.stop();
  return { batches, outs: [...outs.values()] as WindowOut[], stats };
}

function check({ batches, outs }: Awaited<ReturnType<typeof run>>): void {
  expect(outs.length).toBeGreaterThan(0);
  for (const out of outs) {
    const counts = new Map<string, number>();
    const sums = new Map<string, number>();
    for (const [time, records] of batches) {
      if (time <= out.end - out.w || time > out.end) continue;
      for (const r of records) {
        counts.set(r, (counts.get(r) ?? 0) + 1);
        sums.set(r, (sums.get(r) ?? 0) + r.charCodeAt(0) - 96);
      }
    }
    expect(out.counts, `counts of the ${out.w} ms window ending ${out.end}`).toEqual(sorted(counts));
    expect(out.sums).toEqual(sorted(sums));
    expect(out.sumsRecount).toEqual(sorted(sums));
    expect(out.sumsInline).toEqual(sorted(sums));
    const pairs = [...counts].map(([r, n]): [string, number] => [r + SEP + (r === 'e' ? 'ÿĀ' : 'x'), n]);
    expect(out.pairCounts).toEqual(sorted(pairs));
  }
}

describe('history tiers', () => {
  it('every window up to 30 days equals a recount of its batches, through reconfigurations across tiers', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => check(await run(sc))),
      { numRuns: 25 },
    );
  });

  it('a 7-day window reads 168 hourly buckets, not every batch', async () => {
    const clock = new ManualClock(START);
    const ctx = new StreamingContext({ batchIntervalMs: MINUTE, clock, retentionMs: HOUR, history: HISTORY });
    const { source, stream } = ctx.queueSource<string>();
    const win = ctx.windowSpec({ windowLengthMs: 7 * DAY, slideMs: DAY });
    const windowed = stream.countByValueAndWindow(win);
    const ends: Array<[number, number]> = [];
    windowed.foreachBatch((view, end) => void ends.push([end, view.get('x') ?? 0]));
    await ctx.start();
    // One record every 10 minutes for 9 days.
    const times: number[] = [];
    for (let t = START; t < START + 9 * DAY; t += 10 * MINUTE) times.push(t);
    for (const t of times) source.push('x', t);
    await clock.advanceTo(START + 9 * DAY);
    const stats = ctx.historyStats();
    await ctx.stop();
    expect(ends.length).toBeGreaterThanOrEqual(9);
    // Each window (end − 7d, end] holds the records that arrived in [end − 7d, end).
    for (const [end, count] of ends) {
      expect(count, `window ending ${end}`).toBe(times.filter((t) => t >= end - 7 * DAY && t < end).length);
    }
    // Bounded by the tiers (a record every 10 minutes): the last hour's 6 batches, the last day's
    // 144 minute buckets, 9 days of hour buckets; each holding the one key.
    expect(stats.map(({ tier, operators, partials, keys }) => [tier, operators, partials, keys])).toEqual([
      [0, 1, 6, 6],
      [1, 1, 144, 144],
      [2, 1, 9 * 24, 9 * 24],
    ]);
    expect(stats.map((tier) => [tier.resolutionMs, tier.retentionMs, tier.keysTrimmed])).toEqual([
      [null, HOUR, 0],
      [MINUTE, DAY, 0],
      [HOUR, 30 * DAY, 0],
    ]);
  });

  it('bounds roll-up buckets to their largest keys when asked, and counts what it left out', async () => {
    const clock = new ManualClock(START);
    const ctx = new StreamingContext({ batchIntervalMs: MINUTE, clock, retentionMs: HOUR, history: HISTORY });
    const { source, stream } = ctx.queueSource<string>();
    const win = ctx.windowSpec({ windowLengthMs: 2 * HOUR, slideMs: HOUR });
    const outs = new Map<number, Map<string, number>>();
    stream
      .countByValueAndWindow(win, { rollupMaxKeys: 2 })
      .foreachBatch((view, end) => void outs.set(end, new Map(view)));
    await ctx.start();
    // Per minute: 'big' 3 times, 'mid' twice, then a new key seen once.
    for (let m = 0; m < 180; m++) {
      const t = START + m * MINUTE + 1;
      for (const key of ['big', 'big', 'big', 'mid', 'mid', `tail${m}`]) source.push(key, t);
    }
    await ctx.advanceToLastWindow();
    const stats = ctx.historyStats();
    await ctx.stop();
    // A 2-hour window reads minute buckets kept to their 2 largest keys: the tail is left out.
    // The first window ending on the hour whose two hours lie inside the three hours of data.
    const end = Math.ceil((START + 2 * HOUR) / HOUR) * HOUR;
    expect(outs.get(end)).toEqual(
      new Map([
        ['big', 3 * 120],
        ['mid', 2 * 120],
      ]),
    );
    expect(stats[1]!.keysTrimmed).toBeGreaterThanOrEqual(180);
  });
});

describe('history stats', () => {
  it('sum the window operators of a context tier by tier', async () => {
    const clock = new ManualClock(START);
    const ctx = new StreamingContext({ batchIntervalMs: MINUTE, clock, retentionMs: HOUR, history: HISTORY });
    const { source, stream } = ctx.queueSource<string>();
    const win = ctx.windowSpec({ windowLengthMs: 10 * MINUTE, slideMs: MINUTE });
    stream.countByValueAndWindow(win).foreachBatch(() => {});
    stream
      .map((k): [string, number] => [k, 1])
      .reduceByKeyAndWindow({ reduce: (a, b) => a + b }, win)
      .foreachBatch(() => {});
    expect(ctx.historyStats().map(({ operators, partials }) => [operators, partials])).toEqual([
      [2, 0],
      [2, 0],
      [2, 0],
    ]);
    await ctx.start();
    for (let m = 0; m < 3; m++) for (const key of ['a', 'b']) source.push(key, START + m * MINUTE + 1);
    await clock.advanceTo(START + 3 * MINUTE + 1);
    const stats = ctx.historyStats();
    await ctx.stop();
    expect(stats.map(({ tier, operators, partials, keys }) => [tier, operators, partials, keys])).toEqual([
      [0, 2, 6, 12],
      [1, 2, 6, 12],
      [2, 2, 0, 0],
    ]);
  });
});

describe('the least history for one fixed window', () => {
  const history = { retentionMs: HOUR, rollups: HISTORY };

  it('keeps per-batch partials for the window alone, or only the tier that answers it', () => {
    expect(historyForWindow(10 * MINUTE, 1000, history)).toEqual({ retentionMs: 10 * MINUTE, rollups: [] });
    expect(historyForWindow(2 * HOUR, 1000, history)).toEqual({ retentionMs: 1000, rollups: [HISTORY[0]] });
    expect(historyForWindow(7 * DAY, 1000, history)).toEqual({ retentionMs: 1000, rollups: [HISTORY[1]] });
  });

  it.each([
    ['per batch', 30 * MINUTE, 10 * MINUTE],
    ['per minute', 6 * HOUR, 30 * MINUTE],
    ['per hour', 3 * DAY, 6 * HOUR],
  ])('answers a %s window exactly as the full history does', async (_tier, w, s) => {
    const outputs = async (tiers: { retentionMs: number; rollups?: readonly (typeof HISTORY)[number][] }) => {
      const clock = new ManualClock(START);
      const ctx = new StreamingContext({
        batchIntervalMs: MINUTE,
        clock,
        retentionMs: tiers.retentionMs,
        history: tiers.rollups ?? [],
      });
      const { source, stream } = ctx.queueSource<string>();
      const out: Array<[number, Array<[string, number]>]> = [];
      stream
        .countByValueAndWindow({ windowLengthMs: w, slideMs: s })
        .foreachBatch((view, end) => void out.push([end, sorted(view)]));
      await ctx.start();
      for (let i = 0; i < 400; i++) source.push(`k${(i * 7) % 5}`, START + i * i * 1000);
      await ctx.advanceToLastWindow();
      await ctx.stop();
      return out;
    };
    const full = await outputs(history);
    expect(full.some(([, counts]) => counts.length > 0)).toBe(true);
    expect(await outputs(historyForWindow(w, MINUTE, history))).toEqual(full);
  });
});
