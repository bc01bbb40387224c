import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CheckpointError, ManualClock, StreamingContext } from '@hashpulse/engine';
import { buildJob, runAll, uninterruptedOutputs } from './fixtures/checkpoint-job.js';
import { tempDirs } from './fixtures/temp-dirs.js';

const tempDir = tempDirs('engine-checkpoint-');

describe('checkpoints and recovery', () => {
  it('recovery after a crash produces exactly the outputs of an uninterrupted run', async () => {
    const expected = await uninterruptedOutputs();

    for (const crashAt of [97, 230, 333]) {
      const dir = await tempDir();
      const outputs = new Map<string, string>();
      const crashed = buildJobWithContext(outputs, dir);
      expect((await StreamingContext.getOrCreate(dir, () => crashed.ctx)).recoveredFrom).toBeNull();
      await crashed.ctx.start();
      await runAll(crashed, 0, crashAt);
      await crashed.ctx.whenIdle();
      // Crash: the context is dropped without stop(); nothing more of it runs.
      const checkpoints = (await readdir(dir)).filter((name) => name.endsWith('.bin'));
      expect(checkpoints.length).toBeGreaterThan(0);

      const recovered = buildJobWithContext(outputs, dir);
      const ctx = await StreamingContext.getOrCreate(dir, () => recovered.ctx);
      expect(ctx.recoveredFrom).toBeGreaterThan(1_000_000);
      await ctx.start();
      await runAll(recovered); // the source skips what the checkpoint already holds
      await ctx.advanceToLastWindow();
      await ctx.stop();
      expect(new Map([...outputs].sort()), `crash after record ${crashAt}`).toEqual(
        new Map([...expected].sort()),
      );
    }
  });

  it('refuses a checkpoint written by a different job', async () => {
    const dir = await tempDir();
    const job = buildJobWithContext(new Map(), dir);
    await job.ctx.start();
    await runAll(job, 0, 50);
    await job.ctx.stop({ graceful: true });
    const other = new StreamingContext({
      batchIntervalMs: 1000,
      clock: new ManualClock(),
      checkpointDir: dir,
    });
    other
      .queueSource<number>('tweets')
      .stream.count()
      .foreachBatch(() => {});
    await expect(StreamingContext.getOrCreate(dir, () => other)).rejects.toThrow(CheckpointError);
    await expect(StreamingContext.getOrCreate(dir, () => other)).rejects.toThrow(
      /different graph of operators/,
    );
  });

  it('skips a damaged checkpoint file for the previous intact one', async () => {
    const dir = await tempDir();
    const job = buildJobWithContext(new Map(), dir);
    await job.ctx.start();
    await runAll(job, 0, 100);
    await job.ctx.stop({ graceful: true });
    const files = (await readdir(dir)).filter((name) => name.endsWith('.bin')).sort();
    expect(files).toHaveLength(2); // older ones are pruned
    await writeFile(path.join(dir, files[1]!), 'garbage');
    const again = buildJobWithContext(new Map(), dir);
    const ctx = await StreamingContext.getOrCreate(dir, () => again.ctx);
    expect(ctx.recoveredFrom).toBe(Number(files[0]!.slice('checkpoint-'.length, -'.bin'.length)));
  });
});

/** A counting job on a manual clock whose checkpoints (and their times) are recorded. */
async function countingJob(
  dir: string,
  options: { intervalMs: number; minWallMs?: number; stopwatch?: () => number },
) {
  const clock = new ManualClock();
  const ctx = new StreamingContext({
    batchIntervalMs: 1000,
    clock,
    checkpointDir: dir,
    checkpointIntervalMs: options.intervalMs,
    checkpointMinWallMs: options.minWallMs ?? 0,
    ...(options.stopwatch ? { stopwatch: options.stopwatch } : {}),
  });
  const { source, stream } = ctx.queueSource<number>('tweets');
  stream.count().foreachBatch(() => {});
  const written: number[] = [];
  ctx.events.on('checkpoint', ({ batchTime }) => void written.push(batchTime));
  await ctx.start();
  return { ctx, clock, source, written };
}

describe('a job with several sources', () => {
  /** Records of sources a and b in time order, over ~8 batches. */
  const FEED: Array<['a' | 'b', number]> = Array.from({ length: 24 }, (_, i) => [
    i % 3 === 0 ? 'b' : 'a',
    1_000_000 + i * 350,
  ]);

  /** Two queue sources counted together per batch, checkpointing after every batch. */
  function twoSourceJob(counts: Map<number, number>, dir?: string) {
    const ctx = new StreamingContext({
      batchIntervalMs: 1000,
      clock: new ManualClock(),
      ...(dir !== undefined ? { checkpointDir: dir, checkpointIntervalMs: 0 } : {}),
    });
    const a = ctx.queueSource<number>('a');
    const b = ctx.queueSource<number>('b');
    a.stream
      .union(b.stream)
      .count()
      .foreachBatch((n, time) => void counts.set(time, n[0] ?? 0));
    const feed = async (to = FEED.length) => {
      for (const [name, time] of FEED.slice(0, to)) (name === 'a' ? a : b).source.push(1, time);
      await ctx.whenIdle();
    };
    return { ctx, feed };
  }

  it('resumes from its own checkpoint with the same counts as a run without a stop', async () => {
    const expected = new Map<number, number>();
    const plain = twoSourceJob(expected);
    await plain.ctx.start();
    await plain.feed();
    await plain.ctx.stop({ graceful: true });

    const dir = await tempDir();
    const counts = new Map<number, number>();
    const first = twoSourceJob(counts, dir);
    await first.ctx.start();
    await first.feed(11);
    await first.ctx.stop({ graceful: true });
    const second = twoSourceJob(counts, dir);
    const ctx = await StreamingContext.getOrCreate(dir, () => second.ctx);
    expect(ctx.recoveredFrom).not.toBeNull();
    await ctx.start();
    await second.feed(); // each source skips what the checkpoint already holds
    await ctx.stop({ graceful: true });
    expect(counts).toEqual(expected);
  });
});

describe('when checkpoints are written', () => {
  it('after the first batch, then once every checkpointIntervalMs of batches and never between', async () => {
    const { ctx, clock, source, written } = await countingJob(await tempDir(), { intervalMs: 3000 });
    source.push(1, 10_500);
    await clock.advanceTo(21_000);
    await ctx.stop();
    expect(written).toEqual([11_000, 14_000, 17_000, 20_000]);
  });

  it('no sooner than checkpointMinWallMs of wall time after the last, even when the batches are due', async () => {
    let wall = 0;
    const job = await countingJob(await tempDir(), { intervalMs: 0, minWallMs: 5000, stopwatch: () => wall });
    job.source.push(1, 10_500);
    await job.clock.advanceTo(13_000);
    expect(job.written).toEqual([11_000]);
    wall = 4999;
    await job.clock.advanceTo(14_000);
    expect(job.written).toEqual([11_000]);
    wall = 5000;
    await job.clock.advanceTo(15_000);
    expect(job.written).toEqual([11_000, 15_000]);
    await job.ctx.stop();
  });

  it('after every batch with both intervals 0, however fast the batches come', async () => {
    const { ctx, clock, source, written } = await countingJob(await tempDir(), {
      intervalMs: 0,
      stopwatch: () => 7,
    });
    source.push(1, 10_500);
    await clock.advanceTo(14_000);
    await ctx.stop();
    expect(written).toEqual([11_000, 12_000, 13_000, 14_000]);
  });
});

describe('a checkpoint that cannot be taken', () => {
  it('stops the context with a CheckpointError when the state cannot be copied, naming the batch', async () => {
    const clock = new ManualClock();
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, checkpointDir: await tempDir() });
    ctx
      .queueSource<number>('tweets')
      .stream.count()
      .foreachBatch(() => {});
    ctx.checkpointState('callbacks', { snapshot: () => () => 'a function', restore: () => {} });
    await ctx.start();
    await clock.advanceTo(10_500);
    await clock.advanceTo(11_000).catch(() => {});
    const error = await ctx.awaitTermination().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as Error).message).toMatch(
      /^cannot checkpoint batch 1970-01-01T00:00:11\.000Z: .+ \(records and state must be structured-cloneable/,
    );
  });

  it('stops the context with a CheckpointError naming the directory when it cannot be written', async () => {
    const file = path.join(await tempDir(), 'not-a-directory');
    await writeFile(file, 'x');
    const clock = new ManualClock();
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, checkpointDir: file });
    ctx
      .queueSource<number>('tweets')
      .stream.count()
      .foreachBatch(() => {});
    await ctx.start();
    await clock.advanceTo(10_500);
    await clock.advanceTo(11_000).catch(() => {});
    const error = await ctx.awaitTermination().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as Error).message).toMatch(new RegExp(`^cannot write the checkpoint to ${file}: E`));
  });
});

/** The parts of a checkpoint's payload the refusal tests change. */
interface EditablePayload {
  version: number;
  sources: Array<{ name: string }>;
  windows: unknown[];
  nodes: Array<{ id: number; kind: string; state: unknown }>;
}

describe('a checkpoint this job cannot resume from', () => {
  /** Runs the checkpoint job a while, then rewrites its newest checkpoint's payload (format kept intact). */
  async function edited(edit: (payload: EditablePayload) => void) {
    const dir = await tempDir();
    const job = buildJobWithContext(new Map(), dir);
    await job.ctx.start();
    await runAll(job, 0, 60);
    await job.ctx.stop({ graceful: true });
    const newest = (await readdir(dir))
      .filter((name) => name.endsWith('.bin'))
      .sort()
      .at(-1)!;
    const file = path.join(dir, newest);
    const data = await readFile(file);
    expect(data.subarray(0, 6).toString()).toBe('HPCK1\n');
    const payload = v8.deserialize(data.subarray(38)) as EditablePayload;
    edit(payload);
    const body = v8.serialize(payload);
    await writeFile(
      file,
      Buffer.concat([data.subarray(0, 6), createHash('sha256').update(body).digest(), body]),
    );
    const error = await StreamingContext.getOrCreate(
      dir,
      () => buildJobWithContext(new Map(), dir).ctx,
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CheckpointError);
    return { file, error: error as CheckpointError, payload };
  }
  const advice = '; run the same job code, or delete the checkpoint directory to start over';

  it('is refused when written in another format version', async () => {
    const { file, error } = await edited((payload) => (payload.version = 2));
    expect(error.message).toBe(
      `cannot recover from ${file}: it has format version 2, this engine reads 1${advice}`,
    );
  });

  it("is refused when its sources are not this job's, naming both", async () => {
    const { file, error } = await edited((payload) => (payload.sources[0]!.name = 'other'));
    expect(error.message).toBe(
      `cannot recover from ${file}: its sources are ["other"], this job has ["tweets"]${advice}`,
    );
  });

  it("is refused when its source names run together into this job's", async () => {
    const { file, error } = await edited((payload) => {
      payload.sources = [
        { ...payload.sources[0]!, name: 'twe' },
        { ...payload.sources[0]!, name: 'ets' },
      ];
    });
    expect(error.message).toBe(
      `cannot recover from ${file}: its sources are ["twe","ets"], this job has ["tweets"]${advice}`,
    );
  });

  it('is refused when it has another number of window specs than this job', async () => {
    const { file, error, payload } = await edited((payload) => void payload.windows.pop());
    const specs = payload.windows.length;
    expect(error.message).toBe(
      `cannot recover from ${file}: it has ${specs} window specs, this job ${specs + 1}${advice}`,
    );
  });

  it('names the file and keeps the cause when the state cannot be put back', async () => {
    const { file, error } = await edited((payload) =>
      payload.nodes.push({ id: 9999, kind: 'x', state: null }),
    );
    expect(error.message).toMatch(
      new RegExp(`^cannot recover from ${file}: .+; delete the checkpoint directory to start over$`),
    );
    expect(error.cause).toBeInstanceOf(TypeError);
  });
});

function buildJobWithContext(outputs: Map<string, string>, checkpointDir: string) {
  return buildJob(outputs, { checkpointDir });
}
