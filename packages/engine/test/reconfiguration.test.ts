import { describe, expect, it } from 'vitest';
import { InvalidWindowError, type KeyedWindow, ManualClock, StreamingContext } from '@hashpulse/engine';

interface Output {
  end: number;
  w: number;
  s: number;
  counts: Map<string, number>;
}

/** A job with two operators on one shared spec, plus the oracle: every batch's records as cut. */
function job(batchIntervalMs: number, window: { windowLengthMs: number; slideMs: number }) {
  const clock = new ManualClock(0);
  const ctx = new StreamingContext({ batchIntervalMs, clock, retentionMs: 600_000 });
  const { source, stream } = ctx.queueSource<string>();
  const win = ctx.windowSpec(window);
  const batches = new Map<number, readonly string[]>();
  const incremental: Output[] = [];
  const recounted: Output[] = [];
  const capture = (into: Output[]) => (w: KeyedWindow<string, number>, end: number) =>
    void into.push({ end, w: w.windowLengthMs, s: w.slideMs, counts: new Map(w) });
  stream.foreachBatch((records, time) => void batches.set(time, records));
  stream.countByValueAndWindow(win).foreachBatch(capture(incremental));
  stream
    .map((v): [string, number] => [v, 1])
    .reduceByKeyAndWindow({ reduce: (a, b) => a + b }, win)
    .foreachBatch(capture(recounted));
  /** Brute force over the batches as they were cut: those with times in (end − w, end]. */
  const oracle = (end: number, w: number) => {
    const counts = new Map<string, number>();
    for (const [time, records] of batches) {
      if (time > end - w && time <= end) for (const r of records) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    return counts;
  };
  return { clock, ctx, source, win, batches, incremental, recounted, oracle };
}

const letters = 'abcdefg';
const pushed: number[] = [];
function feed(source: { push(v: string, t: number): boolean }, from: number, to: number, step: number) {
  for (let t = from, i = 0; t < to; t += step, i++) {
    source.push(letters[(i * 7 + (t % 5)) % letters.length]!, t);
    pushed.push(t);
  }
}

describe('live window reconfiguration', () => {
  it('window equals a recount after reconfiguration, for every operator sharing the spec', async () => {
    const { clock, ctx, source, win, incremental, recounted, oracle } = job(1000, {
      windowLengthMs: 5000,
      slideMs: 1000,
    });
    pushed.length = 0;
    await ctx.start();
    feed(source, 0, 20_000, 130);
    await clock.advanceTo(20_000);
    win.update({ windowLengthMs: 12_000, slideMs: 2000 }); // grow: answered from retained partials
    feed(source, 20_000, 40_000, 170);
    await clock.advanceTo(40_000);
    win.update({ windowLengthMs: 3000, slideMs: 3000 }); // shrink
    feed(source, 40_000, 60_000, 90);
    await clock.advanceTo(60_000);
    win.update({ windowLengthMs: 60_000, slideMs: 1000 }); // beyond everything seen so far
    await clock.advanceTo(63_000);

    expect(incremental.length).toBeGreaterThan(30);
    expect(incremental.map(({ end, w, s }) => [end, w, s])).toEqual(
      recounted.map(({ end, w, s }) => [end, w, s]),
    );
    for (const [i, out] of incremental.entries()) {
      expect(out.counts, `window ending ${out.end}`).toEqual(oracle(out.end, out.w));
      expect(recounted[i]!.counts).toEqual(out.counts);
    }
    // The first output after each update already uses the new window: no gap, no restart.
    const firstWith = (w: number) => incremental.find((o) => o.w === w)!.end;
    expect(firstWith(12_000)).toBe(22_000);
    expect(firstWith(3000)).toBe(42_000);
    expect(firstWith(60_000)).toBe(61_000);
    const big = incremental.find((o) => o.w === 60_000)!;
    const total = [...big.counts.values()].reduce((a, b) => a + b, 0);
    // nothing dropped, nothing counted twice: exactly the records that arrived in [end − W, end)
    expect(total).toBe(pushed.filter((t) => t >= big.end - big.w && t < big.end).length);
    await ctx.stop();
  });

  it('an update made during a batch applies to all operators from the next batch on', async () => {
    const { clock, ctx, source, win, incremental, recounted } = job(1000, {
      windowLengthMs: 4000,
      slideMs: 1000,
    });
    await ctx.start();
    feed(source, 0, 5000, 100);
    await clock.advanceTo(5000);
    // Between the two operators of batch 6000: the second must still use the old window.
    ctx.addListener({
      onBatchStarted: (info) => {
        if (info.batchTime === 6000) win.update({ windowLengthMs: 2000, slideMs: 1000 });
      },
    });
    feed(source, 5000, 10_000, 100);
    await clock.advanceTo(10_000);
    expect(incremental.map((o) => [o.end, o.w])).toEqual(recounted.map((o) => [o.end, o.w]));
    expect(incremental.filter((o) => o.end >= 5000 && o.end <= 8000).map((o) => [o.end, o.w])).toEqual([
      [5000, 4000],
      [6000, 4000],
      [7000, 2000],
      [8000, 2000],
    ]);
    await ctx.stop();
  });

  it('batch interval changes at the next batch boundary and windows stay exact', async () => {
    const { clock, ctx, source, win, batches, incremental, oracle } = job(1000, {
      windowLengthMs: 6000,
      slideMs: 3000,
    });
    await ctx.start();
    feed(source, 0, 10_500, 70);
    await clock.advanceTo(10_000);
    expect(() => ctx.setBatchInterval(4000)).toThrow(InvalidWindowError);
    expect(() => ctx.setBatchInterval(4000)).toThrow(
      'window length 6s must be a multiple of the batch interval 4s (a window in use; change it together: spec.update({ windowLengthMs, slideMs, batchIntervalMs }))',
    );
    ctx.setBatchInterval(3000);
    expect(ctx.batchIntervalMs).toBe(1000); // not before the boundary
    feed(source, 10_500, 30_000, 70);
    await clock.advanceTo(30_000);
    expect(ctx.batchIntervalMs).toBe(3000);
    // Batch 11000 closed with the old interval; the next ends at the first multiple of 3s: 12000.
    expect([...batches.keys()].filter((t) => t > 9000)).toEqual([
      10_000, 11_000, 12_000, 15_000, 18_000, 21_000, 24_000, 27_000, 30_000,
    ]);
    win.update({ windowLengthMs: 10_000, slideMs: 5000, batchIntervalMs: 5000 });
    feed(source, 30_000, 50_000, 70);
    await clock.advanceTo(50_000);
    expect(ctx.batchIntervalMs).toBe(5000);
    for (const out of incremental)
      expect(out.counts, `window ending ${out.end}`).toEqual(oracle(out.end, out.w));
    const all = [...batches.values()].reduce((n, r) => n + r.length, 0);
    expect(all).toBe(Math.ceil(50_000 / 70));
    await ctx.stop();
  });
});
