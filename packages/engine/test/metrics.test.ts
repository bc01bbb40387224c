import { describe, expect, it } from 'vitest';
import {
  type BatchInfo,
  type EngineWarning,
  ManualClock,
  ReplayClock,
  type Source,
  type SourceSink,
  StreamingContext,
} from '@hashpulse/engine';

describe('batch metrics and listeners', () => {
  it('reports submitted, started and completed per batch with records and delays', async () => {
    let wall = 0;
    const clock = new ManualClock(0);
    // Every reading of the stopwatch moves it 5 ms: delays are exact and deterministic.
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, stopwatch: () => (wall += 5) });
    const { source, stream } = ctx.queueSource<number>('numbers');
    stream.foreachBatch(() => {});
    const events: string[] = [];
    const completed: BatchInfo[] = [];
    ctx.addListener({
      onBatchSubmitted: (i) => void events.push(`submitted ${i.batchTime}`),
      onBatchStarted: (i) => void events.push(`started ${i.batchTime}`),
      onBatchCompleted: (i) => {
        events.push(`completed ${i.batchTime}`);
        completed.push(i);
      },
    });
    await ctx.start();
    source.pushAll([1, 2, 3], 100);
    source.push(4, 1100);
    await clock.advanceTo(2000);
    for (const time of [1000, 2000]) {
      expect(events.filter((e) => e.endsWith(` ${time}`))).toEqual([
        `submitted ${time}`,
        `started ${time}`,
        `completed ${time}`,
      ]);
    }
    expect(events.indexOf('completed 1000')).toBeLessThan(events.indexOf('started 2000'));
    expect(completed.map((i) => [i.batchTime, i.records, i.perSource.numbers!.records])).toEqual([
      [1000, 3, 3],
      [2000, 1, 1],
    ]);
    for (const info of completed) {
      expect(info.schedulingDelayMs).toBe(info.startedAt! - info.submittedAt);
      // Turns handed to other work between operators (the stopwatch runs fast here) are left out.
      expect(info.processingTimeMs).toBeLessThanOrEqual(info.completedAt! - info.startedAt!);
      expect(info.totalDelayMs).toBe(info.schedulingDelayMs! + info.processingTimeMs!);
      expect(info.processingTimeMs).toBeGreaterThan(0);
      expect(info.error).toBeNull();
    }
    expect(ctx.recentBatches().map((i) => i.batchTime)).toEqual([1000, 2000]);
    await ctx.stop();
  });

  it('hands the event loop a turn between the operators of a long batch, leaving it out of the processing time', async () => {
    let wall = 0;
    const clock = new ManualClock(0);
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, stopwatch: () => wall });
    const { source, stream } = ctx.queueSource<number>('numbers');
    const marks: string[] = [];
    stream.foreachBatch(() => {
      marks.push('first operator');
      // Work waiting for the event loop, queued while a 50 ms operator runs; it takes a second.
      setImmediate(() => {
        marks.push('other work');
        wall += 1000;
      });
      wall += 50;
    });
    stream.foreachBatch(() => {
      marks.push('second operator');
      wall += 5;
    });
    const completed: BatchInfo[] = [];
    ctx.addListener({ onBatchCompleted: (i) => void completed.push(i) });
    await ctx.start();
    source.push(1, 100);
    await clock.advanceTo(1000);
    expect(marks).toEqual(['first operator', 'other work', 'second operator']);
    expect(completed[0]!.processingTimeMs).toBe(55);
    await ctx.stop();
  });
});

/** A source that can neither wait nor pause (a live feed): what its full buffer refuses is lost. */
function liveSource(name: string): {
  source: Source<number>;
  push: (value: number, time?: number) => boolean;
} {
  let sink: SourceSink<number> | undefined;
  return {
    source: { name, start: (s) => void (sink = s), stop: () => void (sink = undefined) },
    push: (value, time) => sink!.push(value, time),
  };
}

describe('backpressure', () => {
  it('a source that cannot slow down is buffered up to the bound, then drops with a counted warning', async () => {
    const clock = new ReplayClock({ startTime: 0 });
    clock.pause(); // time stands still: batch 1000 stays open while records pour in
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, maxBufferedRecords: 5 });
    const { source, push } = liveSource('live');
    const stream = ctx.source(source);
    const warnings: EngineWarning[] = [];
    const completed: BatchInfo[] = [];
    const seen: number[] = [];
    stream.foreachBatch((records) => void seen.push(...records));
    ctx.addListener({
      onWarning: (w) => void warnings.push(w),
      onBatchCompleted: (i) => void completed.push(i),
    });
    await ctx.start();
    const accepted = [1, 2, 3, 4, 5, 6, 7, 8].map((v) => push(v, 500));
    expect(accepted).toEqual([true, true, true, true, true, false, false, false]);
    clock.start(1000); // closes batch 1000
    await new Promise<void>((resolve) => ctx.addListener({ onBatchCompleted: () => resolve() }));
    await ctx.stop();
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(completed[0]).toMatchObject({ batchTime: 1000, records: 5, droppedRecords: 3 });
    expect(completed[0]!.perSource.live).toEqual({
      records: 5,
      lateRecords: 0,
      droppedRecords: 3,
      paused: false,
    });
    expect(warnings).toHaveLength(1); // one warning per batch, the count is in the metrics
    expect(warnings[0]).toMatchObject({ source: 'live', kind: 'dropped-records' });
    expect(warnings[0]!.message).toMatch(/dropping records: 5 records are waiting/);
  });

  it('on a manual clock only closed batches waiting for processing count toward the bound', async () => {
    const clock = new ManualClock(0);
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, maxBufferedRecords: 5 });
    const { source, push } = liveSource('live');
    const stream = ctx.source(source);
    const dropped: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    stream.foreachBatch(async (_r, time) => {
      if (time === 1000) await gate; // processing falls behind
    });
    ctx.addListener({ onWarning: () => {}, onBatchCompleted: (i) => void dropped.push(i.droppedRecords) });
    await ctx.start();
    for (const v of [1, 2, 3]) push(v, 500);
    for (const v of [4, 5, 6, 7]) push(v, 1500); // the open batch is never refused: it closes only with later records
    clock.tick(2000); // batches 1000 and 2000 now wait: 7 records
    expect([8, 9].map((v) => push(v, 2500))).toEqual([false, false]);
    release();
    await clock.advanceTo(3000);
    expect(dropped).toEqual([0, 0, 2]);
    await ctx.stop();
  });

  it('a source that can wait gets room again through whenWritable', async () => {
    const clock = new ManualClock(0);
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, maxBufferedRecords: 3 });
    let sink!: SourceSink<number>;
    const waiting: Source<number> = { name: 'replay', start: (s) => void (sink = s), stop: () => {} };
    const seen: number[] = [];
    ctx.source(waiting).foreachBatch((records) => void seen.push(...records));
    await ctx.start();
    let refused = 0;
    for (let i = 0; i < 20; i++) {
      // Each record closes the previous batch, so closed batches pile up until processing runs.
      while (!sink.push(i, i * 1000 + 500)) {
        refused++;
        await sink.whenWritable!();
      }
    }
    await ctx.advanceToLastWindow();
    expect(seen).toEqual([...Array(20).keys()]);
    expect(refused).toBeGreaterThan(0);
    await ctx.stop();
  });

  it('slows a rate-limited source when batches take longer than the batch interval', async () => {
    const clock = new ReplayClock({ speed: 10 }); // 100 ms batches take 10 ms of wall time
    const ctx = new StreamingContext({ batchIntervalMs: 100, clock });
    const limits: Array<number | null> = [];
    let sink!: SourceSink<number>;
    const replay: Source<number> = {
      name: 'replay',
      start: (s) => void (sink = s),
      stop: () => {},
      setRateLimit: (rate) => void limits.push(rate),
    };
    let batches = 0;
    let done!: () => void;
    const enough = new Promise<void>((resolve) => (done = resolve));
    ctx.source(replay).foreachBatch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 40)); // slower than the 10 ms between batches
      if (++batches === 6) done();
    });
    await ctx.start();
    clock.start(1_000_000);
    const feeder = setInterval(() => {
      for (let i = 0; i < 50; i++) sink.push(i);
    }, 5);
    await enough;
    clearInterval(feeder);
    await ctx.stop();
    expect(limits.length).toBeGreaterThan(0);
    for (const limit of limits) expect(limit === null || (Number.isFinite(limit) && limit > 0)).toBe(true);
    expect(limits[0]).not.toBeNull();
  });

  it('leaves a fast replay alone when one timer tick closes several batches', async () => {
    // At 100x, 100 ms batches close every 1 ms of wall time, often two in the same tick: the gap
    // between their submissions is ~0 ms, which must not read as falling behind.
    const clock = new ReplayClock({ speed: 100 });
    const ctx = new StreamingContext({ batchIntervalMs: 100, clock });
    const limits: Array<number | null> = [];
    let sink!: SourceSink<number>;
    const replay: Source<number> = {
      name: 'replay',
      start: (s) => void (sink = s),
      stop: () => {},
      setRateLimit: (rate) => void limits.push(rate),
    };
    let batches = 0;
    let done!: () => void;
    const enough = new Promise<void>((resolve) => (done = resolve));
    ctx.source(replay).foreachBatch(() => {
      if (++batches === 200) done();
    });
    await ctx.start();
    clock.start(1_000_000);
    const feeder = setInterval(() => {
      for (let i = 0; i < 20; i++) sink.push(i);
    }, 1);
    await enough;
    clearInterval(feeder);
    await ctx.stop();
    // Records arrive at ~20,000/s (20 per ms) and are processed far faster: a limit set while
    // timer jitter queues a batch must stay of that order, never fall towards the estimator's
    // floor (10/s), where a ~0 ms gap between two submissions used to send it. The bound is loose
    // (ten times the floor) so a loaded machine, which really does fall behind, cannot fail it.
    const lowest = Math.min(...limits.map((limit) => limit ?? Number.POSITIVE_INFINITY));
    expect(lowest).toBeGreaterThan(100);
  });
});
