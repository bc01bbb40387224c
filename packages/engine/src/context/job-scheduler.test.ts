// The job scheduler through a context: batches a checkpoint left queued run at start, idleness is
// refused once the context failed, and per-batch metrics (operator times, the recent 300) are kept.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual-clock.js';
import { StreamingContext } from './streaming-context.js';

const B = 1000;
const T0 = Date.UTC(2020, 0, 1);

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A context counting each batch's records into `seen` (batch number:count). `waitAt` makes the
 * output of a batch wait for a promise.
 */
function countingJob(
  seen: string[],
  checkpointDir: string,
  checkpointIntervalMs: number,
  waitAt = new Map<number, Promise<void>>(),
) {
  const clock = new ManualClock(T0);
  const ctx = new StreamingContext({
    batchIntervalMs: B,
    clock,
    checkpointDir,
    checkpointIntervalMs,
  });
  const { source, stream } = ctx.queueSource<string>('q');
  stream.count().foreachBatch(async (n, time) => {
    seen.push(`${(time - T0) / B}:${n}`);
    await waitAt.get((time - T0) / B);
  });
  return { clock, ctx, source };
}

describe('the job scheduler', () => {
  it('runs the batches a checkpoint left queued as soon as the context starts, before any new batch', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'job-scheduler-'));
    dirs.push(dir);
    // The first batch's output waits: batches 2 to 4 close meanwhile and sit in the queue when
    // the checkpoint after batch 1 is taken. The second never ends: the process crashes in it.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first: string[] = [];
    const crashed = countingJob(
      first,
      dir,
      0,
      new Map([
        [1, gate],
        [2, new Promise<void>(() => {})],
      ]),
    );
    await crashed.ctx.start();
    for (let i = 0; i < 4; i++) crashed.source.push('x', T0 + i * B + 500);
    crashed.clock.tick(T0 + 4 * B);
    await nextTurn();
    expect(first).toEqual(['1:1']);
    const checkpointed = new Promise<void>((resolve) => crashed.ctx.events.on('checkpoint', () => resolve()));
    release();
    await checkpointed;
    for (let turn = 0; turn < 20 && first.length < 2; turn++) await nextTurn();
    expect(first).toEqual(['1:1', '2:1']);
    // Crash: the context is dropped in batch 2, with the checkpoint of batch 1 on disk.

    const seen: string[] = [];
    // No checkpoint is due in the batches that follow: the queued ones run without file writes.
    const recovered = countingJob(seen, dir, 60_000);
    const ctx = await StreamingContext.getOrCreate(dir, () => recovered.ctx);
    expect(ctx.recoveredFrom).toBe(T0 + B);
    // Idle means every batch closed so far has run: the restored ones too, which wait for start.
    let idle = false;
    const whenIdle = ctx.whenIdle().then(() => void (idle = true));
    await nextTurn();
    expect(idle).toBe(false);
    await ctx.start();
    for (let turn = 0; turn < 20 && !idle; turn++) await nextTurn();
    // Nothing moved the clock: only the queued batches ran, in order, with their records.
    expect(seen).toEqual(['2:1', '3:1', '4:1']);
    await whenIdle;
    // The schedule goes on from the last batch the checkpoint's context closed.
    await recovered.clock.advanceTo(T0 + 5 * B);
    expect(seen).toEqual(['2:1', '3:1', '4:1', '5:0']);
    await ctx.stop();
  });

  it('refuses idleness with the failure once a batch failed, also while nothing runs', async () => {
    const clock = new ManualClock(T0);
    const ctx = new StreamingContext({ batchIntervalMs: B, clock });
    const { source, stream } = ctx.queueSource<string>();
    stream.foreachBatch((records) => {
      if (records.length > 0) throw new Error('output refused the batch');
    });
    await ctx.start();
    source.push('x', T0 + 500);
    await expect(clock.advanceTo(T0 + B)).rejects.toThrow(/output refused the batch/);
    await expect(ctx.awaitTermination()).rejects.toThrow(/output refused the batch/);
    await expect(ctx.whenIdle()).rejects.toThrow(/output refused the batch/);
  });

  it("times each operator of a batch on the context's stopwatch", async () => {
    let now = 50_000;
    const clock = new ManualClock(T0);
    const ctx = new StreamingContext({ batchIntervalMs: B, clock, stopwatch: () => now });
    const { source, stream } = ctx.queueSource<string>();
    // The output takes 7 ms of stopwatch time; nothing else advances it.
    stream.foreachBatch(() => void (now += 7));
    await ctx.start();
    source.push('x', T0 + 500);
    await clock.advanceTo(T0 + B);
    const [batch] = ctx.recentBatches();
    expect(Object.values(batch!.operatorMs)).toContain(7);
    expect(Math.max(...Object.values(batch!.operatorMs))).toBe(7);
    expect(batch!.processingTimeMs).toBe(7);
    await ctx.stop();
  });

  it('keeps the metrics of the latest 300 batches, oldest first', async () => {
    const clock = new ManualClock(T0);
    const ctx = new StreamingContext({ batchIntervalMs: B, clock });
    ctx
      .queueSource<string>()
      .stream.count()
      .foreachBatch(() => {});
    await ctx.start();
    for (let i = 1; i <= 302; i++) await clock.advanceTo(T0 + i * B);
    const recent = ctx.recentBatches();
    expect(recent).toHaveLength(300);
    expect(recent[0]!.batchTime).toBe(T0 + 3 * B);
    expect(recent.at(-1)!.batchTime).toBe(T0 + 302 * B);
    await ctx.stop();
  });
});
