// The reducing window operator beyond its window contents: what a slide costs (the batches that
// enter and leave, a recount only when cheaper), top-K by a custom order, its name in the batch
// metrics, history stats summed over operators, and a roll-up window resumed from a checkpoint.
import { describe, expect, it } from 'vitest';
import { type KeyedWindowStream, ManualClock, StreamingContext } from '@hashpulse/engine';
import { tempDirs } from './fixtures/temp-dirs.js';

const SECOND = 1000;
const START = 1_000_000;
const add = (a: number, b: number) => a + b;
const subtract = (a: number, b: number) => a - b;

interface Step {
  mode: 'incremental' | 'recount';
  batchesAdded: number;
  batchesRemoved: number;
}

/** The operator's account of its last slide (a field kept for tests and the benchmark). */
const lastStep = (stream: KeyedWindowStream<string, number>): Step => ({
  ...(stream.node as unknown as { lastStep: Step }).lastStep,
});

/** Batches 1..12 after START, each holding records, through one window; each slide's step. */
async function slideSteps(windowLengthMs: number, slideMs: number, inverse: boolean): Promise<Step[]> {
  const clock = new ManualClock(START);
  const ctx = new StreamingContext({ batchIntervalMs: SECOND, clock, retentionMs: 60 * SECOND });
  const { source, stream } = ctx.queueSource<string>();
  const windowed = stream
    .map((key): [string, number] => [key, 1])
    .reduceByKeyAndWindow(inverse ? { reduce: add, inverse: subtract } : { reduce: add }, {
      windowLengthMs,
      slideMs,
    });
  const steps: Step[] = [];
  windowed.foreachBatch(() => void steps.push(lastStep(windowed)));
  await ctx.start();
  for (let i = 1; i <= 12; i++) source.push(`k${i % 3}`, START + i * SECOND - 500);
  await clock.advanceTo(START + 12 * SECOND);
  await ctx.stop();
  return steps;
}

const incremental = (batchesAdded: number, batchesRemoved: number): Step => ({
  mode: 'incremental',
  batchesAdded,
  batchesRemoved,
});
const recount = (batchesAdded: number): Step => ({ mode: 'recount', batchesAdded, batchesRemoved: 0 });

describe('what a slide of a reducing window costs', () => {
  it('with an inverse, a slide adds the batches that enter and removes those that leave', async () => {
    // W = 4 batches, S = 2: after the first window, each slide swaps 2 batches for 2 (a cost of 4,
    // no more than the recount's 4: a tie goes to the incremental step).
    expect(await slideSteps(4 * SECOND, 2 * SECOND, true)).toEqual([
      recount(2),
      incremental(2, 0),
      incremental(2, 2),
      incremental(2, 2),
      incremental(2, 2),
      incremental(2, 2),
    ]);
  });

  it('moves one batch at a time when the window slides by one', async () => {
    expect(await slideSteps(3 * SECOND, SECOND, true)).toEqual([
      recount(1),
      incremental(1, 0),
      incremental(1, 0),
      ...Array.from({ length: 9 }, () => incremental(1, 1)),
    ]);
  });

  it('recounts tumbling windows: removing the whole old window and adding the new costs more', async () => {
    expect(await slideSteps(4 * SECOND, 4 * SECOND, true)).toEqual([recount(4), recount(4), recount(4)]);
  });

  it('recounts every slide without an inverse', async () => {
    expect(await slideSteps(4 * SECOND, 2 * SECOND, false)).toEqual([
      recount(2),
      recount(4),
      recount(4),
      recount(4),
      recount(4),
      recount(4),
    ]);
  });
});

describe('the reducing window operator', () => {
  it('ranks top-K by the order asked for, not the default largest first', async () => {
    const clock = new ManualClock(START);
    const ctx = new StreamingContext({ batchIntervalMs: SECOND, clock });
    const { source, stream } = ctx.queueSource<string>();
    const windowed = stream
      .map((key): [string, number] => [key, 1])
      .reduceByKeyAndWindow(
        { reduce: add, inverse: subtract },
        { windowLengthMs: 4 * SECOND, slideMs: SECOND },
      );
    const ranked: Array<Array<[string, number]>> = [];
    windowed.foreachBatch((view) => {
      ranked.push(view.topK(2, (a, b) => a - b));
      ranked.push(view.topK(2));
    });
    await ctx.start();
    for (const key of ['a', 'a', 'a', 'b', 'c', 'c', 'd', 'd']) source.push(key, START + 500);
    await clock.advanceTo(START + SECOND);
    await ctx.stop();
    expect(ranked).toEqual([
      [
        ['b', 1],
        ['c', 2],
      ],
      [
        ['a', 3],
        ['c', 2],
      ],
    ]);
  });

  it('is named reduceByKeyAndWindow in the batch metrics', async () => {
    const clock = new ManualClock(START);
    const ctx = new StreamingContext({ batchIntervalMs: SECOND, clock });
    const { source, stream } = ctx.queueSource<string>();
    stream
      .map((key): [string, number] => [key, 1])
      .reduceByKeyAndWindow({ reduce: add }, { windowLengthMs: SECOND, slideMs: SECOND })
      .foreachBatch(() => {});
    await ctx.start();
    source.push('a', START + 500);
    await clock.advanceTo(START + SECOND);
    const operators = ctx.recentBatches().flatMap((info) => Object.keys(info.operatorMs));
    await ctx.stop();
    expect(operators.some((label) => /^reduceByKeyAndWindow \(operator #\d+\)$/.test(label))).toBe(true);
  });

  it('history stats add up the keys each operator trimmed from its roll-up buckets', async () => {
    const clock = new ManualClock(START);
    const ctx = new StreamingContext({
      batchIntervalMs: SECOND,
      clock,
      retentionMs: 10 * SECOND,
      history: [{ resolutionMs: 10 * SECOND, retentionMs: 60 * SECOND }],
    });
    const { source, stream } = ctx.queueSource<string>();
    const win = ctx.windowSpec({ windowLengthMs: 30 * SECOND, slideMs: 10 * SECOND });
    // Each operator keeps one key per 10 s bucket: of the 3 keys, 2 are trimmed, twice over.
    stream.countByValueAndWindow(win, { rollupMaxKeys: 1 }).foreachBatch(() => {});
    stream.countByValueAndWindow(win, { rollupMaxKeys: 1 }).foreachBatch(() => {});
    await ctx.start();
    for (const key of ['a', 'a', 'b', 'c']) source.push(key, START + 500);
    await clock.advanceTo(START + 10 * SECOND);
    const stats = ctx.historyStats();
    await ctx.stop();
    expect(stats[1]).toMatchObject({ tier: 1, operators: 2, partials: 2, keys: 2, keysTrimmed: 4 });
  });
});

const tempDir = tempDirs('engine-window-operator-');

/** A job whose 30 s windows are answered from 10 s roll-up buckets, fed 90 s of records. */
function rollupJob(outputs: Map<number, string>, checkpointDir?: string) {
  const clock = new ManualClock(START);
  const ctx = new StreamingContext({
    batchIntervalMs: SECOND,
    clock,
    retentionMs: 10 * SECOND,
    history: [{ resolutionMs: 10 * SECOND, retentionMs: 60 * SECOND }],
    checkpointIntervalMs: 5 * SECOND,
    ...(checkpointDir === undefined ? {} : { checkpointDir }),
  });
  const { source, stream } = ctx.queueSource<string>('keys');
  stream
    .countByValueAndWindow({ windowLengthMs: 30 * SECOND, slideMs: 10 * SECOND })
    .foreachBatch((view, end) => void outputs.set(end, JSON.stringify([...view].sort())));
  const feed = (from: number, to: number) => {
    for (let i = from; i < to; i++) source.push(`k${(i * 7) % 5}`, START + i * 450 + 1);
  };
  return { ctx, clock, feed };
}
const RECORDS = 200;

describe('a window answered from roll-up tiers', () => {
  it('resumes from a checkpoint with the outputs of an uninterrupted run', async () => {
    const expected = new Map<number, string>();
    const plain = rollupJob(expected);
    await plain.ctx.start();
    plain.feed(0, RECORDS);
    await plain.ctx.advanceToLastWindow();
    await plain.ctx.stop();
    expect(expected.size).toBeGreaterThan(5);

    const dir = await tempDir();
    const outputs = new Map<number, string>();
    const crashed = rollupJob(outputs, dir);
    await StreamingContext.getOrCreate(dir, () => crashed.ctx);
    await crashed.ctx.start();
    // Past a bucket's close and into the next: the checkpoint holds closed and open buckets.
    crashed.feed(0, 120);
    await crashed.ctx.whenIdle();

    const recovered = rollupJob(outputs, dir);
    const ctx = await StreamingContext.getOrCreate(dir, () => recovered.ctx);
    expect(ctx.recoveredFrom).toBeGreaterThan(START);
    await ctx.start();
    recovered.feed(0, RECORDS);
    await ctx.advanceToLastWindow();
    await ctx.stop();
    expect(new Map([...outputs].sort(([a], [b]) => a - b))).toEqual(
      new Map([...expected].sort(([a], [b]) => a - b)),
    );
  });
});
