import { describe, expect, it } from 'vitest';
import {
  type BatchInfo,
  ContextStateError,
  ManualClock,
  QueueSource,
  type Source,
  type SourcePauseReason,
  type SourceSink,
  SourceNotPausableError,
  StreamingContext,
  UnknownSourceError,
} from '@hashpulse/engine';

/** A QueueSource that records the engine's pause() and resume() calls. */
class SpyQueue extends QueueSource<number> {
  readonly calls: string[] = [];
  override pause(): void {
    this.calls.push('pause');
    super.pause();
  }
  override resume(): void {
    this.calls.push('resume');
    super.resume();
  }
}

/**
 * A context on a ManualClock whose output holds batch 1000 until `release()`: closed batches pile
 * up behind it, and on a ManualClock only those count toward `maxBufferedRecords`.
 */
async function gatedContext(maxBufferedRecords: number) {
  const clock = new ManualClock(0);
  const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, maxBufferedRecords });
  const source = new SpyQueue('q');
  const seen: number[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  ctx.source(source).foreachBatch(async (records, time) => {
    seen.push(...records);
    if (time === 1000) await gate;
  });
  const events: Array<[paused: boolean, reason: SourcePauseReason, seen: number]> = [];
  const batches: BatchInfo[] = [];
  ctx.addListener({
    onSourcePaused: (name, paused, reason) => {
      expect(name).toBe('q');
      events.push([paused, reason, seen.length]);
    },
    onBatchSubmitted: (info) => void batches.push(info),
  });
  await ctx.start();
  return { clock, ctx, source, seen, events, batches, release };
}

const range = (n: number): number[] => [...Array(n).keys()];

describe('source pause and resume', () => {
  it('pauses a pausable source that does not wait when its buffer fills, and resumes it at half', async () => {
    const { ctx, source, seen, events, batches, release } = await gatedContext(4);
    // One record per batch: each push closes the previous batch, which waits behind batch 1000.
    for (let i = 0; i < 12; i++) expect(source.push(i, i * 1000 + 500)).toBe(true);
    // Batches 1000–4000 wait (4 records, the bound): the push that closed 4000 paused the source,
    // which holds records 5–11 instead of having them dropped.
    expect(ctx.isSourcePaused('q')).toBe(true);
    expect(source.isPaused()).toBe(true);
    expect(events).toEqual([[true, 'backpressure', 1]]);
    expect(source.offset()).toBe(5); // held records are not taken yet
    release();
    // Closes batch 5000 (record 4) first: five batches wait. The source delivers its held records
    // once resumed while they are processed, and the last one's batch is closed too.
    await ctx.advanceToLastWindow();
    expect(seen).toEqual(range(12));
    // The third number is how many batches' outputs had run. Resumed only once three of the five
    // were processed (two wait: half the bound), not after the first; two records fill it again.
    expect(events).toEqual([
      [true, 'backpressure', 1],
      [false, 'backpressure', 3],
      [true, 'backpressure', 3],
      [false, 'backpressure', 5],
      [true, 'backpressure', 5],
      [false, 'backpressure', 7],
      [true, 'backpressure', 7],
      [false, 'backpressure', 9],
    ]);
    expect(source.calls).toEqual([
      'pause',
      'resume',
      'pause',
      'resume',
      'pause',
      'resume',
      'pause',
      'resume',
    ]);
    expect(ctx.isSourcePaused('q')).toBe(false);
    expect(batches.reduce((n, info) => n + info.droppedRecords, 0)).toBe(0);
    expect(batches.filter((info) => info.perSource.q!.paused).map((info) => info.batchTime)).toEqual([
      4000, 5000, 7000, 9000, 11000,
    ]);
    expect(source.offset()).toBe(12);
    await ctx.stop();
  });

  it('holds records while paused by the user and delivers them all on resumeSource', async () => {
    const { clock, ctx, source, seen, events, batches, release } = await gatedContext(100);
    release();
    source.push(1, 500);
    source.push(2, 1500); // closes batch 1000
    await ctx.whenIdle();
    ctx.pauseSource('q');
    ctx.pauseSource('q'); // idempotent
    expect(source.push(3, 2500)).toBe(true);
    expect(source.push(4, 3500)).toBe(true);
    await clock.advanceTo(2000);
    expect(seen).toEqual([1, 2]); // 3 and 4 are held by the source
    expect(ctx.isSourcePaused('q')).toBe(true);
    expect(batches.map((info) => [info.batchTime, info.perSource.q!.paused])).toEqual([
      [1000, false],
      [2000, true],
    ]);
    ctx.resumeSource('q');
    ctx.resumeSource('q'); // idempotent
    await ctx.advanceToLastWindow();
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(events).toEqual([
      [true, 'user', 1],
      [false, 'user', 2],
    ]);
    expect(source.calls).toEqual(['pause', 'resume']);
    expect(batches.reduce((n, info) => n + info.lateRecords + info.droppedRecords, 0)).toBe(0);
    await ctx.stop();
  });

  it('a drained buffer does not resume a source the user paused', async () => {
    const { ctx, source, seen, events, release } = await gatedContext(4);
    for (let i = 0; i < 5; i++) source.push(i, i * 1000 + 500); // paused by backpressure at 4
    ctx.pauseSource('q'); // already paused: no call, no event
    source.push(5, 5500);
    source.push(6, 6500);
    release();
    await ctx.whenIdle(); // batches 1000–4000 processed: the buffer is empty
    expect(seen).toEqual(range(4));
    expect(ctx.isSourcePaused('q')).toBe(true);
    expect(source.calls).toEqual(['pause']);
    expect(events).toEqual([[true, 'backpressure', 1]]);
    ctx.resumeSource('q');
    await ctx.advanceToLastWindow();
    expect(seen).toEqual(range(7));
    expect(source.calls).toEqual(['pause', 'resume']);
    expect(events).toEqual([
      [true, 'backpressure', 1],
      [false, 'user', 4],
    ]);
    await ctx.stop();
  });

  it('resumeSource does not resume a source backpressure holds', async () => {
    const { clock, ctx, source, seen, events, release } = await gatedContext(2);
    source.push(0, 500);
    source.push(1, 1500); // closes batch 1000, which waits for release()
    ctx.pauseSource('q');
    source.push(2, 2500); // held
    clock.tick(2000); // closes batch 2000: two records wait, the bound
    ctx.resumeSource('q');
    expect(ctx.isSourcePaused('q')).toBe(true);
    expect(source.calls).toEqual(['pause']);
    release();
    await ctx.advanceToLastWindow();
    expect(seen).toEqual([0, 1, 2]);
    expect(source.calls).toEqual(['pause', 'resume']);
    // Resumed once batch 1000 was processed: one record waits, half the bound.
    expect(events).toEqual([
      [true, 'user', 1],
      [false, 'backpressure', 1],
    ]);
    await ctx.stop();
  });

  it('does not resume a source after the context stopped', async () => {
    const { ctx, source, seen, events, release } = await gatedContext(4);
    for (let i = 0; i < 8; i++) source.push(i, i * 1000 + 500); // paused at 4, holds 5–7
    const stopped = ctx.stop({ graceful: true }); // processes every closed batch: the buffer drains
    release();
    await stopped;
    expect(seen).toEqual(range(4));
    expect(source.calls).toEqual(['pause']);
    expect(events).toEqual([[true, 'backpressure', 1]]);
    expect(ctx.isSourcePaused('q')).toBe(true);
  });

  it('never pauses a source that waits on whenWritable', async () => {
    const clock = new ManualClock(0);
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, maxBufferedRecords: 3 });
    let sink!: SourceSink<number>;
    const calls: string[] = [];
    const replay: Source<number> = {
      name: 'replay',
      start: async (s) => {
        sink = s;
        await s.whenWritable!(); // declares that it waits
      },
      stop: () => {},
      pause: () => void calls.push('pause'), // its own, user-visible pause: not for backpressure
      resume: () => void calls.push('resume'),
    };
    const seen: number[] = [];
    const events: unknown[] = [];
    ctx.source(replay).foreachBatch((records) => void seen.push(...records));
    ctx.addListener({ onSourcePaused: (...args) => void events.push(args) });
    await ctx.start();
    let refused = 0;
    for (let i = 0; i < 20; i++) {
      while (!sink.push(i, i * 1000 + 500)) {
        refused++;
        await sink.whenWritable!();
      }
    }
    await ctx.advanceToLastWindow();
    expect(seen).toEqual(range(20));
    expect(refused).toBeGreaterThan(0);
    expect(calls).toEqual([]);
    expect(events).toEqual([]);
    expect(ctx.isSourcePaused('replay')).toBe(false);
    await ctx.stop();
  });

  it('refuses unknown names, sources without pause/resume, and a context not running', async () => {
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock: new ManualClock(0) });
    ctx.queueSource<number>('numbers').stream.foreachBatch(() => {});
    ctx.source<number>({ name: 'live', start: () => {}, stop: () => {} }).foreachBatch(() => {});
    expect(() => ctx.pauseSource('numbers')).toThrow(ContextStateError);
    await ctx.start();
    const unknown = /no source named "nope": the sources are \["numbers","live"\]/;
    expect(() => ctx.pauseSource('nope')).toThrow(UnknownSourceError);
    expect(() => ctx.pauseSource('nope')).toThrow(
      expect.objectContaining({ code: 'HP_ERR_ENGINE_UNKNOWN_SOURCE' }),
    );
    expect(() => ctx.pauseSource('nope')).toThrow(unknown);
    expect(() => ctx.resumeSource('nope')).toThrow(unknown);
    expect(() => ctx.isSourcePaused('nope')).toThrow(unknown);
    const cannot = /source "live" cannot be paused: it does not implement pause\(\) and resume\(\)/;
    expect(() => ctx.pauseSource('live')).toThrow(SourceNotPausableError);
    expect(() => ctx.pauseSource('live')).toThrow(cannot);
    expect(() => ctx.resumeSource('live')).toThrow(cannot);
    expect(ctx.isSourcePaused('live')).toBe(false);
    await ctx.stop();
    expect(() => ctx.resumeSource('numbers')).toThrow(
      /resumeSource\(\) needs a started context \(it is stopped\)/,
    );
  });
});

describe('QueueSource pause', () => {
  function recordingSink(onPush: (value: number) => void = () => {}) {
    const got: number[] = [];
    let ended = 0;
    const sink: SourceSink<number> = {
      push: (value) => {
        got.push(value);
        onPush(value);
        return true;
      },
      now: () => 0,
      warn: () => {},
      fail: () => {},
      end: () => void ended++,
    };
    return { sink, got, ended: () => ended };
  }

  it('holds records while paused, in order; its offset counts only what it handed on', () => {
    const queue = new QueueSource<number>('q');
    queue.restore(2);
    queue.pushAll([1, 2, 3, 4]); // 1 and 2 are in the checkpoint; 3 and 4 wait for start
    expect(queue.offset()).toBe(2);
    // The engine pauses it again from inside a push (its buffer filled), as a context does.
    const { sink, got, ended } = recordingSink((value) => {
      if (value === 5) queue.pause();
    });
    queue.start(sink);
    expect(got).toEqual([3, 4]);
    expect(queue.offset()).toBe(4);
    queue.pause();
    queue.pushAll([5, 6, 7]);
    queue.end(); // deferred until the held records are delivered
    expect(got).toEqual([3, 4]);
    expect(queue.offset()).toBe(4);
    queue.resume(); // 5 pauses it again: 6 and 7 stay held
    expect(got).toEqual([3, 4, 5]);
    expect(queue.offset()).toBe(5);
    expect(ended()).toBe(0);
    queue.resume();
    expect(got).toEqual([3, 4, 5, 6, 7]);
    expect(queue.offset()).toBe(7);
    expect(ended()).toBe(1);
  });
});
