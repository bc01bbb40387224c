// A window computed on demand (KeyedWindowStream.onDemand): each read equals a recount of the latest
// slide's window, however many slides went unread; slides do no window work; a state left unread
// holds no history back; the stream has no consumers at slides.
import { describe, expect, it } from 'vitest';
import { ContextStateError, ManualClock, StreamingContext } from '@hashpulse/engine';

const B = 1000;

function job(retentionMs: number, window = { windowLengthMs: 5000, slideMs: 2000 }, recountLimit?: number) {
  const clock = new ManualClock(0);
  const ctx = new StreamingContext({ batchIntervalMs: B, clock, retentionMs });
  const { source, stream } = ctx.queueSource<string>();
  const win = ctx.windowSpec(window);
  const batches = new Map<number, readonly string[]>();
  stream.foreachBatch((records, time) => void batches.set(time, records));
  const calls = { inverse: 0 };
  const windowed = stream
    .map((v): [string, number] => [v, 1])
    .reduceByKeyAndWindow(
      {
        reduce: (a, b) => a + b,
        inverse: (a, b) => {
          calls.inverse++;
          return a - b;
        },
      },
      win,
    );
  const reader = windowed.onDemand(recountLimit === undefined ? {} : { recountLimit });
  /** Brute force over the batches as cut: those with times in (end − w, end]. */
  const oracle = (end: number, w: number) => {
    const counts = new Map<string, number>();
    for (const [time, records] of batches)
      if (time > end - w && time <= end) for (const r of records) counts.set(r, (counts.get(r) ?? 0) + 1);
    return counts;
  };
  return { clock, ctx, source, win, windowed, reader, calls, oracle };
}

function feed(source: { push(v: string, t: number): boolean }, from: number, to: number) {
  for (let t = from, i = 0; t < to; t += 170, i++) source.push('abcdefg'[(i * 5 + (t % 3)) % 7]!, t);
}

describe('a window computed on demand', () => {
  it('reads the latest slide’s window, equal to a recount, after any number of unread slides', async () => {
    const { clock, ctx, source, win, reader, oracle } = job(60_000);
    expect(reader.read()).toBeNull(); // no slide yet
    await ctx.start();
    // Reads after every slide, then after gaps of a few slides, then after gaps longer than the window.
    let at = 0;
    for (const advance of [2000, 2000, 2000, 6000, 4000, 12_000, 30_000, 2000, 2000]) {
      feed(source, at, at + advance);
      at += advance;
      await clock.advanceTo(at);
      const view = reader.read()!;
      expect(view.end).toBe(Math.floor(at / 2000) * 2000);
      expect(new Map(view), `window ending ${view.end}`).toEqual(oracle(view.end, 5000));
      expect(reader.read()!.size).toBe(view.size); // a second read of the same slide moves nothing
    }
    // A reconfigured window is read from the history at once.
    win.update({ windowLengthMs: 20_000, slideMs: 4000 });
    feed(source, at, 84_000);
    await clock.advanceTo(84_000);
    const grown = reader.read()!;
    expect([grown.windowLengthMs, grown.slideMs, grown.end]).toEqual([20_000, 4000, 84_000]);
    expect(new Map(grown)).toEqual(oracle(84_000, 20_000));
    await ctx.stop();
  });

  it('does no window work at slides nobody reads', async () => {
    const { clock, ctx, source, reader, calls, oracle } = job(60_000);
    await ctx.start();
    feed(source, 0, 10_000);
    await clock.advanceTo(10_000);
    reader.read();
    const afterRead = calls.inverse;
    feed(source, 10_000, 40_000);
    await clock.advanceTo(40_000); // 15 slides, each removing batches from an eager window
    expect(calls.inverse).toBe(afterRead);
    expect(new Map(reader.read()!)).toEqual(oracle(40_000, 5000));
    await ctx.stop();
  });

  it('keeps a window longer than the recount limit current at every slide, so no read recounts it', async () => {
    const { clock, ctx, source, win, reader, calls, oracle } = job(60_000, undefined, 4);
    await ctx.start();
    feed(source, 0, 10_000);
    await clock.advanceTo(10_000);
    const before = calls.inverse;
    feed(source, 10_000, 20_000);
    await clock.advanceTo(20_000); // the 5-batch window is past the limit of 4: slides remove batches
    expect(calls.inverse).toBeGreaterThan(before);
    expect(new Map(reader.read()!)).toEqual(oracle(20_000, 5000));
    win.update({ windowLengthMs: 4000, slideMs: 2000 }); // within the limit: computed on demand again
    feed(source, 20_000, 24_000);
    await clock.advanceTo(24_000);
    const within = calls.inverse;
    feed(source, 24_000, 40_000);
    await clock.advanceTo(40_000);
    expect(calls.inverse).toBe(within);
    expect(new Map(reader.read()!)).toEqual(oracle(40_000, 4000));
    await ctx.stop();
  });

  it('holds no history back for a state left unread', async () => {
    const { clock, ctx, source, reader, oracle } = job(10_000);
    await ctx.start();
    feed(source, 0, 6000);
    await clock.advanceTo(6000);
    expect(new Map(reader.read()!)).toEqual(oracle(6000, 5000));
    feed(source, 6000, 100_000);
    await clock.advanceTo(100_000);
    // An eager window would have kept its partials from 1 s on; this one keeps the retention's.
    const batchTier = ctx.historyStats().find((tier) => tier.tier === 0)!;
    expect(batchTier.partials).toBeLessThanOrEqual(10_000 / B + 1);
    expect(new Map(reader.read()!)).toEqual(oracle(100_000, 5000));
    await ctx.stop();
  });

  it('has no consumers at slides', () => {
    const { ctx, windowed } = job(60_000);
    expect(() => windowed.foreachBatch(() => {})).toThrow(ContextStateError);
    expect(() => windowed.toStream()).toThrow(/computed on demand/);
    expect(() => windowed.topK(3)).toThrow(/computed on demand/);
    expect(() => ctx.foreachSlide([windowed], () => {})).toThrow(/WindowReader, not with foreachSlide/);
    const clock = new ManualClock(0);
    const other = new StreamingContext({ batchIntervalMs: B, clock });
    const counted = other
      .queueSource<string>()
      .stream.countByValueAndWindow({ windowLengthMs: 2000, slideMs: 1000 });
    counted.foreachBatch(() => {});
    expect(() => counted.onDemand()).toThrow(/already has a consumer at every slide/);
  });
});
