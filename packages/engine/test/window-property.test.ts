// Property: whatever the stream, the (B, W, S) and the reconfigurations, every incremental window
// output equals a brute-force recount of the batches it covers; with 1 and 2 workers alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineTask, type KeyedWindow, ManualClock, StreamingContext } from '@hashpulse/engine';

const identity = defineTask<string, string>(new URL('./fixtures/tasks.ts', import.meta.url), 'identity');

interface Scenario {
  b: number;
  w: number;
  s: number;
  records: Array<{ key: string; dt: number }>;
  changes: Array<{ at: number; b: number; w: number; s: number }>;
}

const unit = 100;
/** (B, W, S) with W, S multiples of B and S ≤ W. */
const config = fc
  .record({
    b: fc.integer({ min: 1, max: 4 }),
    wk: fc.integer({ min: 1, max: 8 }),
    sf: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ b, wk, sf }) => {
    const sk = Math.max(1, Math.ceil(sf * wk));
    return { b: b * unit, w: b * unit * wk, s: b * unit * sk };
  });

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    start: config,
    records: fc.array(
      fc.record({
        key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
        // mostly forward, sometimes a gap, sometimes late (an earlier time)
        dt: fc.oneof(
          fc.integer({ min: 0, max: 150 }),
          fc.integer({ min: 0, max: 2000 }),
          fc.integer({ min: -300, max: 0 }),
        ),
      }),
      { minLength: 1, maxLength: 120 },
    ),
    changes: fc.array(fc.record({ at: fc.nat({ max: 119 }), keepB: fc.boolean(), next: config }), {
      maxLength: 3,
    }),
  })
  .map(({ start, records, changes }) => {
    let b = start.b;
    const resolved = changes
      .sort((x, y) => x.at - y.at)
      .map(({ at, keepB, next }) => {
        const nb = keepB ? b : next.b;
        b = nb;
        const wk = next.w / next.b;
        const sk = next.s / next.b;
        return { at, b: nb, w: nb * wk, s: nb * sk };
      });
    return { ...start, records, changes: resolved };
  });

interface WindowOut {
  end: number;
  w: number;
  counts: Array<[string, number]>;
  sums: Array<[string, number]>;
  sumsRecount: Array<[string, number]>;
  total: number;
  top: Array<[string, number]>;
}

const sorted = <V>(entries: Iterable<[string, V]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : 1));

async function run(sc: Scenario, workers?: number) {
  const clock = new ManualClock(1_000_000);
  const ctx = new StreamingContext({
    batchIntervalMs: sc.b,
    clock,
    retentionMs: 60_000,
    ...(workers ? { workers, taskChunkSize: 7 } : {}),
  });
  const { source, stream } = ctx.queueSource<string>();
  const win = ctx.windowSpec({ windowLengthMs: sc.w, slideMs: sc.s });
  const batches = new Map<number, readonly string[]>();
  stream.foreachBatch((records, time) => void batches.set(time, records));
  const keys = workers ? stream.mapParallel(identity) : stream;
  const outs = new Map<number, Partial<WindowOut>>();
  const at = (end: number) => outs.get(end) ?? outs.set(end, {}).get(end)!;
  keys.countByValueAndWindow(win).foreachBatch((view: KeyedWindow<string, number>, end) => {
    Object.assign(at(end), { end, w: view.windowLengthMs, counts: sorted(view), top: view.topK(3) });
  });
  const pairs = stream.map((k): [string, number] => [k, k.charCodeAt(0) - 100]);
  pairs
    .reduceByKeyAndWindow({ reduce: (x, y) => x + y, inverse: (x, y) => x - y }, win)
    .foreachBatch((view) => void (at(view.end).sums = sorted(view)));
  pairs
    .reduceByKeyAndWindow({ reduce: (x, y) => x + y }, win)
    .foreachBatch((view) => void (at(view.end).sumsRecount = sorted(view)));
  stream.countByWindow(win).foreachBatch((r, end) => void (at(end).total = r[0]!));
  await ctx.start();
  let time = 1_000_000;
  let change = 0;
  for (const [i, { key, dt }] of sc.records.entries()) {
    while (sc.changes[change] && sc.changes[change]!.at === i) {
      const { b, w, s } = sc.changes[change++]!;
      await ctx.whenIdle();
      win.update({ windowLengthMs: w, slideMs: s, batchIntervalMs: b });
    }
    time = Math.max(1_000_000, time + dt);
    source.push(key, time);
  }
  await ctx.advanceToLastWindow();
  await ctx.stop();
  return { batches, outs: [...outs.values()] as WindowOut[] };
}

function check({ batches, outs }: Awaited<ReturnType<typeof run>>) {
  expect(outs.length).toBeGreaterThan(0);
  for (const out of outs) {
    const counts = new Map<string, number>();
    const sums = new Map<string, number>();
    for (const [time, records] of batches) {
      if (time <= out.end - out.w || time > out.end) continue;
      for (const r of records) {
        counts.set(r, (counts.get(r) ?? 0) + 1);
        sums.set(r, (sums.get(r) ?? 0) + r.charCodeAt(0) - 100);
      }
    }
    expect(out.counts, `counts of window ending ${out.end}`).toEqual(sorted(counts));
    expect(out.sums).toEqual(sorted(sums));
    expect(out.sumsRecount).toEqual(sorted(sums));
    expect(out.total).toBe([...counts.values()].reduce((a, b) => a + b, 0));
    const top = [...counts].sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1)).slice(0, 3);
    expect(out.top).toEqual(top);
  }
}

describe('incremental windows (property)', () => {
  it('every window output equals a brute-force recount of its batches, through reconfigurations', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        check(await run(sc));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same outputs with 1 and 2 workers, equal to the recount', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const one = await run(sc, 1);
        const two = await run(sc, 2);
        check(one);
        expect(two.outs).toEqual(one.outs);
        expect(two.batches).toEqual(one.batches);
      }),
      { numRuns: 8 },
    );
  });
});
