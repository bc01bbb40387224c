// Idle time on the engine's clocks: a clock far ahead of the next batch (a record a year later on
// the manual clock) skips the empty batches no window needs, closes the rest in bounded chunks,
// and every window holding a record is still emitted and equals a recount.
import { describe, expect, it } from 'vitest';
import { ManualClock, StreamingContext } from '@hashpulse/engine';
import { recount, windowsHolding } from './fixtures/window-recount.js';

const B = 1000;
const YEAR = 365 * 86_400_000;
const T0 = Date.UTC(2020, 0, 1);

describe('idle time on the clock', () => {
  it('crosses a year without records in a bounded number of batches, every window holding a record equal to a recount', async () => {
    const clock = new ManualClock();
    const ctx = new StreamingContext({ batchIntervalMs: B, clock, workers: 1 });
    const { source, stream } = ctx.queueSource<string>();
    const w = 10_000;
    const s = 5000;
    const out = new Map<number, Array<[string, number]>>();
    stream.countByValueAndWindow({ windowLengthMs: w, slideMs: s }).foreachBatch(
      (window, end) =>
        void out.set(
          end,
          [...window].sort(([a], [b]) => (a < b ? -1 : 1)),
        ),
    );
    let batches = 0;
    ctx.events.on('batchCompleted', () => batches++);
    await ctx.start();
    const records: Array<[string, number]> = [
      ['a', T0 + 300],
      ['b', T0 + 2_700],
      ['a', T0 + 4_100],
      ['c', T0 + YEAR + 1_200],
      ['a', T0 + YEAR + 9_999],
      ['b', T0 + 2 * YEAR + 50],
    ];
    for (const [value, time] of records) {
      source.push(value, time);
      await clock.advanceTo(time);
    }
    await ctx.advanceToLastWindow();
    await ctx.stop({ graceful: true });

    const expected = windowsHolding(records, w, s);
    for (const end of expected)
      expect(out.get(end), `window ending ${end}`).toEqual(recount(records, end, w));
    // Emitted windows that hold nothing are empty (a recount of nothing), never stale.
    for (const [end, counts] of out) expect(counts).toEqual(recount(records, end, w));
    // Two years at one batch a second would be 63 million batches; the windows need a few dozen.
    expect(batches).toBeLessThan(100);
  });

  // Seconds after T0: the batches closed and the windows emitted (end:count) around idle stretches.
  // Windows holding a record are all emitted; a stretch longer than the window skips its empty
  // batches except those of the windows reaching the next record; a stretch no longer than the
  // window (the second case: batches 5 to 10) keeps every batch and empty window.
  it.each([
    {
      records: [0.5, 60.5],
      window: [4, 2],
      batches: '1-4 59-64',
      windows: '2:1 4:1 60:0 62:1 64:1',
    },
    {
      records: [0.5, 10.5],
      window: [4, 2],
      batches: '1-14',
      windows: '2:1 4:1 6:0 8:0 10:0 12:1 14:1',
    },
    {
      records: [0.5, 30.5, 90.2],
      window: [6, 3],
      batches: '1-6 28-36 88-96',
      windows: '3:1 6:1 30:0 33:1 36:1 90:0 93:1 96:1',
    },
    {
      records: [0.5, 60.5, 200.5],
      window: [4, 2],
      batches: '1-4 59-64 199-204',
      windows: '2:1 4:1 60:0 62:1 64:1 200:0 202:1 204:1',
    },
    {
      // A tumbling window whose last one holding the record ends with the record's batch.
      records: [1.5, 60.5],
      window: [2, 2],
      batches: '2-2 61-62',
      windows: '2:1 62:1',
    },
  ])(
    'skips only the empty batches no window needs: records at $records s, window $window s',
    async ({ records, window: [w, s], batches, windows }) => {
      for (const advanceEach of [true, false]) {
        const clock = new ManualClock();
        const ctx = new StreamingContext({ batchIntervalMs: B, clock, workers: 1 });
        const { source, stream } = ctx.queueSource<string>();
        const emitted: string[] = [];
        stream
          .countByWindow({ windowLengthMs: w! * 1000, slideMs: s! * 1000 })
          .foreachBatch((n, end) => void emitted.push(`${(end - T0) / 1000}:${n}`));
        const closed: number[] = [];
        ctx.events.on('batchCompleted', (info) => void closed.push((info.batchTime - T0) / 1000));
        await ctx.start();
        // Records as they come (the clock following each), or all pushed before the clock moves.
        for (const at of records) {
          source.push('x', T0 + at * 1000);
          if (advanceEach) await clock.advanceTo(T0 + at * 1000);
        }
        await ctx.advanceToLastWindow();
        await ctx.stop({ graceful: true });
        const ranges = batches.split(' ').flatMap((range) => {
          const [from, to] = range.split('-').map(Number);
          return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
        });
        expect(closed, `batches, advancing with each record: ${advanceEach}`).toEqual(ranges);
        expect(emitted.join(' '), `windows, advancing with each record: ${advanceEach}`).toBe(windows);
      }
    },
  );

  it("skips a stretch the clock's owner advanced over without records, and emits the next record's windows", async () => {
    const clock = new ManualClock();
    const ctx = new StreamingContext({ batchIntervalMs: B, clock, workers: 1 });
    const { source, stream } = ctx.queueSource<string>();
    const emitted: string[] = [];
    stream
      .countByWindow({ windowLengthMs: 4000, slideMs: 2000 })
      .foreachBatch((n, end) => void emitted.push(`${(end - T0) / 1000}:${n}`));
    const closed: number[] = [];
    ctx.events.on('batchCompleted', (info) => void closed.push((info.batchTime - T0) / 1000));
    await ctx.start();
    source.push('x', T0 + 500);
    await clock.advanceTo(T0 + 100_500);
    source.push('x', T0 + 100_700);
    await ctx.advanceToLastWindow();
    await ctx.stop({ graceful: true });
    expect(closed).toEqual([1, 2, 3, 4, 99, 100, 101, 102, 103, 104]);
    expect(emitted.join(' ')).toBe('2:1 4:1 100:0 102:1 104:1');
  });

  it('closes at most a bounded chunk of batches synchronously when a record moves the clock far ahead', async () => {
    const clock = new ManualClock();
    const ctx = new StreamingContext({ batchIntervalMs: B, clock, workers: 1 });
    const { source, stream } = ctx.queueSource<string>();
    // An hour-long window: the batches after the first record must all close (3,600 of them).
    stream.countByValueAndWindow({ windowLengthMs: 3_600_000, slideMs: 60_000 }).foreachBatch(() => {});
    let submitted = 0;
    ctx.events.on('batchSubmitted', () => submitted++);
    await ctx.start();
    source.push('a', T0);
    source.push('b', T0 + YEAR);
    const inOneTurn = submitted;
    await clock.advanceTo(T0 + YEAR);
    const afterCrossing = submitted;
    await ctx.stop();
    expect(inOneTurn).toBeLessThanOrEqual(257);
    // The hour after the first record and the hour before the second: ~7,200 batches, not 31 million.
    expect(afterCrossing).toBeGreaterThanOrEqual(3600);
    expect(afterCrossing).toBeLessThan(7300);
  });

  it('keeps records that arrive during a catch-up in their own windows when the batch interval changes meanwhile', async () => {
    const clock = new ManualClock();
    const ctx = new StreamingContext({ batchIntervalMs: B, clock, workers: 1 });
    const { source, stream } = ctx.queueSource<string>();
    // A ten-minute window: the 600 batches after the first record all close, in chunks.
    const w = 600_000;
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
    const records: Array<[string, number]> = [
      ['a', T0 + 500],
      ['b', T0 + 3_000_000],
    ];
    source.push('a', T0 + 500);
    source.push('b', T0 + 3_000_000);
    // The generator has closed one chunk and waits for a turn, far behind the clock.
    expect(ctx.batchIntervalMs).toBe(B);
    ctx.setBatchInterval(2 * B);
    // A record behind the clock, ahead of the batches closed so far, past the first record's windows.
    source.push('c', T0 + 1_500_300);
    records.push(['c', T0 + 1_500_300]);
    await clock.advanceTo(T0 + 3_000_000);
    await ctx.advanceToLastWindow();
    await ctx.stop({ graceful: true });
    for (const end of windowsHolding(records, w, s))
      expect(out.get(end), `window ending ${end - T0}`).toEqual(recount(records, end, w));
    for (const [end, counts] of out)
      expect(counts, `window ending ${end - T0}`).toEqual(recount(records, end, w));
  });
});
