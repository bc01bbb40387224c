import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointError, ManualClock, StreamingContext } from '@hashpulse/engine';
import { buildJob, runAll } from './fixtures/checkpoint-job.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'engine-checkpoint-'));
  dirs.push(dir);
  return dir;
}

describe('checkpoints and recovery', () => {
  it('recovery after a crash produces exactly the outputs of an uninterrupted run', async () => {
    const expected = new Map<string, string>();
    const plain = buildJob(expected);
    await plain.ctx.start();
    await runAll(plain);
    await plain.ctx.advanceToLastWindow();
    await plain.ctx.stop();

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

function buildJobWithContext(outputs: Map<string, string>, checkpointDir: string) {
  return buildJob(outputs, { checkpointDir });
}
