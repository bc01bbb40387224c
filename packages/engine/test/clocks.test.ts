import { describe, expect, it } from 'vitest';
import {
  ClockNotStartedError,
  ManualClock,
  ReplayClock,
  StreamingContext,
  SystemClock,
} from '@hashpulse/engine';

describe('ReplayClock', () => {
  it('maps wall time to recording time: start + elapsed × speed, through speed changes and pauses', () => {
    let wall = 0;
    const clock = new ReplayClock({ speed: 10, wallNow: () => wall });
    expect(clock.isStarted()).toBe(false);
    expect(() => clock.now()).toThrow(ClockNotStartedError);
    clock.start(1_000_000);
    wall = 100;
    expect(clock.now()).toBe(1_001_000);
    clock.setSpeed(100);
    wall = 200;
    expect(clock.now()).toBe(1_011_000);
    clock.pause();
    wall = 5000;
    expect(clock.now()).toBe(1_011_000);
    clock.resume();
    wall = 5010;
    expect(clock.now()).toBe(1_012_000);
    expect(() => clock.start(1_000)).toThrow(/cannot go back/);
    clock.start(2_000_000);
    expect(clock.now()).toBe(2_000_000);
    expect(() => clock.setSpeed(0)).toThrow(RangeError);
  });

  it('closes batches on its own schedule when no records arrive, and waits for start(t)', async () => {
    const clock = new ReplayClock({ speed: 2000 });
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock });
    const { stream } = ctx.queueSource<number>();
    const times: number[] = [];
    let done!: () => void;
    const fiveBatches = new Promise<void>((resolve) => (done = resolve));
    stream.foreachBatch((_records, time) => {
      times.push(time);
      if (times.length === 5) done();
    });
    await ctx.start();
    clock.start(1_700_000_000_500);
    await fiveBatches;
    await ctx.stop();
    expect(times).toEqual([1, 2, 3, 4, 5].map((i) => 1_700_000_000_000 + i * 1000));
  });
});

describe('ManualClock', () => {
  it('starts at the first record when given no start time, and never goes back', async () => {
    const clock = new ManualClock();
    const ctx = new StreamingContext({ batchIntervalMs: 10_000, clock });
    const { source, stream } = ctx.queueSource<string>();
    const seen: Array<[number, readonly string[]]> = [];
    stream.foreachBatch((records, time) => void seen.push([time, records]));
    await ctx.start();
    source.push('first', 1_600_000_003_000);
    source.push('second', 1_600_000_012_000);
    await clock.advanceTo(1_600_000_000_000); // in the past: no effect
    expect(clock.now()).toBe(1_600_000_012_000);
    await clock.advanceBy(8000);
    expect(seen).toEqual([
      [1_600_000_010_000, ['first']],
      [1_600_000_020_000, ['second']],
    ]);
    await ctx.stop();
  });

  it('advanceToLastWindow emits every window that holds a record', async () => {
    const clock = new ManualClock();
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock });
    const { source, stream } = ctx.queueSource<string>();
    const ends: Array<[number, number]> = [];
    stream
      .countByValueAndWindow({ windowLengthMs: 5000, slideMs: 2000 })
      .foreachBatch((w, end) => void ends.push([end, w.get('x') ?? 0]));
    await ctx.start();
    source.push('x', 100_500);
    await ctx.advanceToLastWindow();
    // The record is in batch 101000; windows holding it end at 102000 and 104000 (but not 106000).
    expect(ends.filter(([, n]) => n > 0).map(([end]) => end)).toEqual([102_000, 104_000]);
    expect(ends.at(-1)![0]).toBe(104_000);
    await ctx.stop();
  });
});

describe("Node's timer limit", () => {
  /** Collects TimeoutOverflowWarning while `run` runs (Node prints one and fires the timer at once). */
  async function overflowWarnings(run: () => Promise<void>): Promise<string[]> {
    const seen: string[] = [];
    const listener = (warning: Error): void => {
      if (warning.name === 'TimeoutOverflowWarning') seen.push(warning.message);
    };
    process.on('warning', listener);
    try {
      await run();
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    return seen;
  }

  it('a replay clock never arms a timer beyond 2^31-1 ms and does not fire a far callback early', async () => {
    let fired = false;
    const warnings = await overflowWarnings(async () => {
      const clock = new ReplayClock({ speed: 1, startTime: Date.UTC(2020, 0, 1) });
      // 696 days ahead at 1x, and a date at the end of what Date can hold.
      const cancelNear = clock.schedule(Date.UTC(2021, 10, 27), () => (fired = true));
      const cancelFar = clock.schedule(8.64e15, () => (fired = true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      cancelNear();
      cancelFar();
    });
    expect(warnings).toEqual([]);
    expect(fired).toBe(false);
  });

  it('the system clock never arms a timer beyond 2^31-1 ms and does not fire a far callback early', async () => {
    let fired = false;
    const warnings = await overflowWarnings(async () => {
      const cancel = new SystemClock().schedule(Date.now() + 696 * 86_400_000, () => (fired = true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      cancel();
    });
    expect(warnings).toEqual([]);
    expect(fired).toBe(false);
  });
});
