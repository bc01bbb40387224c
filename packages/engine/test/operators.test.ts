import { describe, expect, it } from 'vitest';
import { BatchFailedError, ContextStateError, ManualClock, StreamingContext } from '@hashpulse/engine';

function setup(batchIntervalMs = 1000) {
  const clock = new ManualClock(0);
  const ctx = new StreamingContext({ batchIntervalMs, clock, workers: 1 });
  const { source, stream } = ctx.queueSource<string>();
  return { clock, ctx, source, stream };
}

describe('batches', () => {
  it('batch t holds the records that arrived in [t − B, t)', async () => {
    const { clock, ctx, source, stream } = setup(1000);
    const seen: Array<[number, readonly string[]]> = [];
    stream.foreachBatch((records, time) => {
      seen.push([time, records]);
    });
    await ctx.start();
    source.push('a', 0);
    source.push('b', 999);
    source.push('c', 1000);
    source.push('d', 2500);
    await clock.advanceTo(3000);
    expect(seen).toEqual([
      [1000, ['a', 'b']],
      [2000, ['c']],
      [3000, ['d']],
    ]);
    await ctx.stop();
  });

  it('a record pushed with a time closes every batch ending at or before it', async () => {
    const { ctx, source, stream } = setup(1000);
    const times: number[] = [];
    stream.foreachBatch((_records, time) => {
      times.push(time);
    });
    await ctx.start();
    source.push('x', 3000);
    await ctx.whenIdle();
    expect(times).toEqual([1000, 2000, 3000]);
    await ctx.stop();
  });

  it('a record for a closed batch goes into the earliest open batch and is counted late', async () => {
    const { clock, ctx, source, stream } = setup(1000);
    const seen: Array<[number, readonly string[]]> = [];
    const late: number[] = [];
    ctx.addListener({ onBatchCompleted: (info) => void late.push(info.lateRecords) });
    stream.foreachBatch((records, time) => void seen.push([time, records]));
    await ctx.start();
    source.push('on-time', 2100);
    source.push('late', 500); // batch 1000 is closed by now
    await clock.advanceTo(4000);
    expect(seen).toEqual([
      [1000, []],
      [2000, []],
      [3000, ['on-time', 'late']],
      [4000, []],
    ]);
    expect(late).toEqual([0, 0, 1, 0]);
    await ctx.stop();
  });

  it('batch times are multiples of the interval aligned to the epoch', async () => {
    const clock = new ManualClock(12_345);
    const ctx = new StreamingContext({ batchIntervalMs: 10_000, clock });
    const { stream } = ctx.queueSource<number>();
    const times: number[] = [];
    stream.foreachBatch((_r, time) => void times.push(time));
    await ctx.start();
    await clock.advanceTo(45_000);
    expect(times).toEqual([20_000, 30_000, 40_000]);
    await ctx.stop();
  });
});

describe('transformations', () => {
  it('map, flatMap, filter, union, transform, count, reduce, countByValue and reduceByKey', async () => {
    const { clock, ctx, source, stream } = setup(1000);
    const out: Record<string, unknown[]> = {};
    const collect = (name: string) => (records: readonly unknown[]) =>
      void (out[name] ??= []).push([...records]);
    const words = stream.flatMap((line) => line.split(' '));
    words.map((w) => w.toUpperCase()).foreachBatch(collect('map'));
    words.filter((w) => w.length > 1).foreachBatch(collect('filter'));
    words.union(stream).foreachBatch(collect('union'));
    words.transform((records, time) => [`${records.length}@${time}`]).foreachBatch(collect('transform'));
    words.count().foreachBatch(collect('count'));
    words.reduce((a, b) => a + b).foreachBatch(collect('reduce'));
    words.countByValue().foreachBatch(collect('countByValue'));
    words
      .map((w): [string, number] => [w[0]!, w.length])
      .reduceByKey((a, b) => a + b)
      .foreachBatch(collect('reduceByKey'));
    await ctx.start();
    source.push('a bb a', 100);
    source.push('ccc', 200);
    await clock.advanceTo(2000);
    expect(out).toEqual({
      map: [['A', 'BB', 'A', 'CCC'], []],
      filter: [['bb', 'ccc'], []],
      union: [['a', 'bb', 'a', 'ccc', 'a bb a', 'ccc'], []],
      transform: [['4@1000'], ['0@2000']],
      count: [[4], [0]],
      reduce: [['abbaccc'], []],
      countByValue: [
        [
          ['a', 2],
          ['bb', 1],
          ['ccc', 1],
        ],
        [],
      ],
      reduceByKey: [
        [
          ['a', 2],
          ['b', 2],
          ['c', 3],
        ],
        [],
      ],
    });
    await ctx.stop();
  });

  it('stream-static join looks each batch’s distinct keys up at once', async () => {
    const { clock, ctx, source, stream } = setup(1000);
    const lookups: Array<readonly string[]> = [];
    const table = async (keys: readonly string[]) => {
      lookups.push([...keys]);
      return new Map(keys.filter((k) => k !== 'ghost').map((k) => [k, k.length]));
    };
    const pairs = stream.map((user): [string, string] => [user, `tweet by ${user}`]);
    const inner: unknown[] = [];
    const outer: unknown[] = [];
    pairs.join(table).foreachBatch((r) => void inner.push(...r));
    pairs.leftOuterJoin(new Map([['ann', 1]])).foreachBatch((r) => void outer.push(...r));
    await ctx.start();
    source.pushAll(['ann', 'bob', 'ann', 'ghost'], 10);
    await clock.advanceTo(1000);
    expect(lookups).toEqual([['ann', 'bob', 'ghost']]);
    expect(inner).toEqual([
      ['ann', ['tweet by ann', 3]],
      ['bob', ['tweet by bob', 3]],
      ['ann', ['tweet by ann', 3]],
    ]);
    expect(outer).toEqual([
      ['ann', ['tweet by ann', 1]],
      ['bob', ['tweet by bob', undefined]],
      ['ann', ['tweet by ann', 1]],
      ['ghost', ['tweet by ghost', undefined]],
    ]);
    await ctx.stop();
  });

  it('async outputs are awaited in registration order', async () => {
    const { clock, ctx, source, stream } = setup(1000);
    const log: string[] = [];
    stream.foreachBatch(async (_r, time) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`slow ${time}`);
    });
    stream.foreachBatch((_r, time) => void log.push(`fast ${time}`));
    await ctx.start();
    source.push('x', 0);
    await clock.advanceTo(2000);
    expect(log).toEqual(['slow 1000', 'fast 1000', 'slow 2000', 'fast 2000']);
    await ctx.stop();
  });
});

describe('errors and lifecycle', () => {
  it('an error in a user function stops the context and rejects awaitTermination with it', async () => {
    const { clock, ctx, source, stream } = setup(1000);
    const errors: Error[] = [];
    const completed: Array<Error | null> = [];
    ctx.addListener({
      onError: (e) => void errors.push(e),
      onBatchCompleted: (i) => void completed.push(i.error),
    });
    stream
      .map((word) => {
        if (word === 'boom') throw new Error('bad record');
        return word;
      })
      .foreachBatch(() => {});
    await ctx.start();
    source.push('ok', 10);
    source.push('boom', 1010);
    await expect(clock.advanceTo(3000)).rejects.toBeInstanceOf(BatchFailedError);
    await expect(ctx.awaitTermination()).rejects.toThrow(
      /batch 1970-01-01T00:00:02.000Z failed in map \(operator #\d+\): bad record/,
    );
    expect(errors).toHaveLength(1);
    expect(completed).toEqual([null, errors[0]]);
    expect(ctx.state).toBe('stopped');
  });

  it('refuses a start without outputs and operators added after start', async () => {
    const { ctx, stream } = setup(1000);
    await expect(ctx.start()).rejects.toThrow(/no output operation/);
    const other = setup(1000);
    other.stream.foreachBatch(() => {});
    await other.ctx.start();
    expect(() => other.stream.map((x) => x)).toThrow(ContextStateError);
    await other.ctx.stop();
    void stream;
  });

  it('graceful stop processes the batches already closed', async () => {
    const { clock, ctx, source, stream } = setup(1000);
    const times: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    stream.foreachBatch(async (_r, time) => {
      if (time === 1000) await gate;
      times.push(time);
    });
    await ctx.start();
    source.push('x', 0);
    clock.tick(3000); // closes 1000, 2000, 3000; 1000 is blocked
    const stopped = ctx.stop({ graceful: true });
    release();
    await stopped;
    expect(times).toEqual([1000, 2000, 3000]);
    await expect(ctx.awaitTermination()).resolves.toBeUndefined();
  });

  it('non-graceful stop finishes the running batch and drops the queued ones', async () => {
    const { clock, ctx, source, stream } = setup(1000);
    const times: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    stream.foreachBatch(async (_r, time) => {
      if (time === 1000) await gate;
      times.push(time);
    });
    await ctx.start();
    source.push('x', 0);
    clock.tick(3000);
    const stopped = ctx.stop();
    release();
    await stopped;
    expect(times).toEqual([1000]);
  });
});
