// The job generator through a context on a manual clock: which batches close and when (never
// before the clock reaches them, across catch-up turns), batch-interval changes, the latest
// record's windows, and a stopped context leaving the clock alone.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual-clock.js';
import { StreamingContext } from './streaming-context.js';
import { recount, windowsHolding } from '../../test/fixtures/window-recount.js';

const B = 1000;
const T0 = Date.UTC(2020, 0, 1);
const YEAR = 365 * 86_400_000;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A context on a manual clock counting one queue source, and the batches it completes (s after T0). */
function countingContext(options: { stopwatch?: () => number } = {}) {
  const clock = new ManualClock(T0);
  const ctx = new StreamingContext({ batchIntervalMs: B, clock, ...options });
  const { source, stream } = ctx.queueSource<string>();
  const closed: number[] = [];
  ctx.events.on('batchCompleted', (info) => void closed.push((info.batchTime - T0) / B));
  return { clock, ctx, source, stream, closed };
}

describe('the job generator', () => {
  it('applies a batch interval set before start from the first batch', async () => {
    const { clock, ctx, stream, closed } = countingContext();
    stream.count().foreachBatch(() => {});
    ctx.setBatchInterval(2 * B);
    expect(ctx.batchIntervalMs).toBe(2 * B);
    await ctx.start();
    await clock.advanceTo(T0 + 6 * B);
    expect(closed).toEqual([2, 4, 6]);
    await ctx.stop();
  });

  it('places records fed before start in the batches of their own times', async () => {
    const { clock, ctx, source, stream } = countingContext();
    const counts: string[] = [];
    stream.count().foreachBatch((n, time) => void counts.push(`${(time - T0) / B}:${n}`));
    source.push('a', T0 + 500);
    source.push('b', T0 + 5_500);
    await ctx.start();
    await clock.advanceTo(T0 + 6 * B);
    expect(counts).toEqual(['1:1', '2:0', '3:0', '4:0', '5:0', '6:1']);
    await ctx.stop();
  });

  it('changes nothing when set to the interval in effect: an idle stretch is skipped as before', async () => {
    const runs: number[][] = [];
    for (const setSame of [false, true]) {
      const { clock, ctx, source, stream, closed } = countingContext();
      stream.countByWindow({ windowLengthMs: 4 * B, slideMs: 2 * B }).foreachBatch(() => {});
      await ctx.start();
      source.push('x', T0 + 500);
      await clock.advanceTo(T0 + 4_500);
      if (setSame) ctx.setBatchInterval(B);
      await clock.advanceTo(T0 + 100_500);
      source.push('x', T0 + 100_700);
      await ctx.advanceToLastWindow();
      await ctx.stop({ graceful: true });
      runs.push(closed);
    }
    expect(runs[0]).toEqual([1, 2, 3, 4, 5, 99, 100, 101, 102, 103, 104]);
    expect(runs[1]).toEqual(runs[0]);
  });

  it('never closes a batch before the clock reaches it, however many batches ran before', async () => {
    const { clock, ctx, stream } = countingContext();
    stream.count().foreachBatch(() => {});
    await ctx.start();
    // One batch at a time, past the number a catch-up closes in one turn.
    for (let i = 1; i <= 300; i++) {
      await clock.advanceTo(T0 + i * B);
      await nextTurn();
      expect(ctx.recentBatches().at(-1)!.batchTime).toBe(T0 + i * B);
    }
    await ctx.stop();
  });

  it.each([258, 772, 1000])(
    'advanceTo resolves once every batch up to its time is processed, across catch-up turns (%i batches)',
    async (batches) => {
      // A stopwatch that never moves: processing never yields, so only the generator's own
      // catch-up turns stand between the first chunk of batches and the rest.
      const { clock, ctx, source, stream, closed } = countingContext({ stopwatch: () => 0 });
      stream.count().foreachBatch(() => {});
      await ctx.start();
      source.push('x', T0 + 500);
      await clock.advanceTo(T0 + batches * B);
      expect(closed).toHaveLength(batches);
      expect(closed.at(-1)).toBe(batches);
      await ctx.stop();
    },
  );

  it('emits every window of the latest record when an earlier one arrives after it during a catch-up', async () => {
    const clock = new ManualClock();
    const ctx = new StreamingContext({ batchIntervalMs: B, clock, workers: 1 });
    const { source, stream } = ctx.queueSource<string>();
    const w = 3_600_000;
    const s = 60_000;
    const out = new Map<number, Array<[string, number]>>();
    stream.countByValueAndWindow({ windowLengthMs: w, slideMs: s }).foreachBatch(
      (window, end) =>
        void out.set(
          end,
          [...window].sort(([a], [b]) => (a < b ? -1 : 1)),
        ),
    );
    await ctx.start();
    // The record a year on leaves the generator catching up through the first record's hour; the
    // third, earlier one lands ahead of it, in a batch still open.
    const records: Array<[string, number]> = [
      ['a', T0],
      ['b', T0 + YEAR],
      ['c', T0 + 2_000_000],
    ];
    for (const [value, time] of records) source.push(value, time);
    await ctx.advanceToLastWindow();
    await ctx.stop({ graceful: true });
    for (const end of windowsHolding(records, w, s))
      expect(out.get(end), `window ending ${end - T0}`).toEqual(recount(records, end, w));
  });

  it('keeps the windows of a batch that holds records of only one of its sources', async () => {
    const { clock, ctx, source, stream, closed } = countingContext();
    // A second source with nothing in it: the batch still holds records.
    ctx.queueSource<string>('idle');
    const emitted: string[] = [];
    stream
      .countByWindow({ windowLengthMs: 4 * B, slideMs: 2 * B })
      .foreachBatch((n, end) => void emitted.push(`${(end - T0) / B}:${n}`));
    await ctx.start();
    source.push('x', T0 + 500);
    await clock.advanceTo(T0 + 100_500);
    source.push('x', T0 + 100_700);
    await ctx.advanceToLastWindow();
    await ctx.stop({ graceful: true });
    expect(closed).toEqual([1, 2, 3, 4, 99, 100, 101, 102, 103, 104]);
    expect(emitted.join(' ')).toBe('2:1 4:1 100:0 102:1 104:1');
  });

  it('stops advancing to the last window once the context stops', async () => {
    const { clock, ctx, source, stream } = countingContext();
    // At the first slide the output feeds a record 50 s on, then stops the job.
    stream.countByWindow({ windowLengthMs: 4 * B, slideMs: 2 * B }).foreachBatch((_n, end) => {
      if (end !== T0 + 2 * B) return;
      source.push('x', T0 + 50_000);
      void ctx.stop();
    });
    await ctx.start();
    source.push('x', T0 + 500);
    await ctx.advanceToLastWindow();
    expect(clock.now()).toBe(T0 + 50_000);
  });

  it('leaves the clock alone once the context failed: advancing it closes no batch and reports nothing', async () => {
    const { clock, ctx, source, stream, closed } = countingContext();
    stream.foreachBatch((records) => {
      if (records.includes('bad')) throw new Error('output refused the batch');
    });
    await ctx.start();
    source.push('ok', T0 + 500);
    source.push('bad', T0 + 1_500);
    await expect(clock.advanceTo(T0 + 2 * B)).rejects.toThrow(/output refused the batch/);
    await expect(ctx.awaitTermination()).rejects.toThrow(/output refused the batch/);
    const after = [...closed];
    await clock.advanceTo(T0 + 10 * B);
    // Nothing is left to emit: the failure is the answer, and the clock stays where it is.
    await expect(ctx.advanceToLastWindow()).rejects.toThrow(/output refused the batch/);
    expect(clock.now()).toBe(T0 + 10 * B);
    expect(closed).toEqual(after);
  });
});
