// The worker pool with more than one chunk out per worker (chunksPerWorker): every chunk answered
// with its own result, chunks spread over the workers, and a worker that dies fails every chunk it
// held while the pool goes on with a new one; memory in a transfer list moves rather than copies;
// workers can run at a lower priority than the thread that feeds them (Linux).
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { defineTask, TaskError, WorkerPool } from '@hashpulse/engine';

const tasks = new URL('./fixtures/tasks.ts', import.meta.url);
const shout = defineTask<string[], string[]>(tasks, 'shoutAll');
const busyThread = defineTask<number[], number[]>(tasks, 'busyThread');
const exitWorker = defineTask<number[], number[]>(tasks, 'exitWorker');
const byteSums = defineTask<Uint8Array[], number[]>(tasks, 'byteSums');
const ownNiceness = defineTask<unknown[], number[]>(tasks, 'ownNiceness');

const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function pool(size: number, chunksPerWorker?: number): WorkerPool {
  const made = new WorkerPool(size, chunksPerWorker === undefined ? {} : { chunksPerWorker });
  pools.push(made);
  return made;
}

describe('WorkerPool with chunks queued per worker', () => {
  it('answers every chunk with its own result, however many are out at once', async () => {
    const words = Array.from({ length: 40 }, (_, i) => [`w${i}`, `x${i}`]);
    for (const depth of [1, 2, 5]) {
      const two = pool(2, depth);
      const answers = await Promise.all(words.map((chunk) => two.runTask(shout, chunk)));
      expect(answers, `chunksPerWorker ${depth}`).toEqual(
        words.map((chunk) => chunk.map((w) => `${w.toUpperCase()}!`)),
      );
    }
  });

  it('gives a new chunk to an idle worker before queueing it behind a busy one', async () => {
    const two = pool(2, 2);
    const threads = await Promise.all([two.runTask(busyThread, [150]), two.runTask(busyThread, [150])]);
    expect(new Set(threads.flat()).size).toBe(2);
  });

  it('queues chunks on one worker up to the limit, and the rest wait for it', async () => {
    const one = pool(1, 2);
    const started = Date.now();
    const threads = await Promise.all([100, 100, 100].map((ms) => one.runTask(busyThread, [ms])));
    // One thread ran all three, one after another.
    expect(new Set(threads.flat()).size).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('fails every chunk a dying worker held, then runs the next chunk on a new worker', async () => {
    const one = pool(1, 2);
    const dying = one.runTask(exitWorker, [3]);
    const queuedBehind = one.runTask(busyThread, [10]);
    await expect(dying).rejects.toThrow(TaskError);
    await expect(queuedBehind).rejects.toThrow(/exited with code 3; the chunk it ran is lost/);
    await expect(one.runTask(shout, ['after'])).resolves.toEqual(['AFTER!']);
  });

  it('moves the memory named in a transfer list to the worker instead of copying it', async () => {
    const one = pool(1, 2);
    const moved = new Uint8Array([1, 2, 3, 4]);
    const copied = new Uint8Array([5, 6]);
    // Queued behind a busy chunk: the memory is still given up when the chunk is finally sent.
    const busy = one.runTask(busyThread, [50]);
    const sums = one.runTask(byteSums, [moved, copied], [moved.buffer]);
    await busy;
    expect(await sums).toEqual([10, 11]);
    expect(moved.byteLength).toBe(0);
    expect(copied.byteLength).toBe(2);
  });
});

describe('WorkerPool niceness', () => {
  it.runIf(process.platform === 'linux')(
    'runs its workers that much nicer than this thread, this thread unchanged',
    async () => {
      const ownBefore = os.getPriority();
      const lowered = new WorkerPool(2, { niceness: 7 });
      pools.push(lowered);
      const both = await Promise.all([
        lowered.runTask(busyThread, [100]),
        lowered.runTask(busyThread, [100]),
      ]);
      expect(new Set(both.flat()).size).toBe(2);
      const lower = Math.min(19, ownBefore + 7);
      expect(
        await Promise.all([lowered.runTask(ownNiceness, [0]), lowered.runTask(ownNiceness, [0])]),
      ).toEqual([[lower], [lower]]);
      expect(await pool(1).runTask(ownNiceness, [0])).toEqual([ownBefore]);
      expect(os.getPriority()).toBe(ownBefore);
    },
  );

  it('refuses a niceness outside 0 to 19', () => {
    for (const niceness of [-1, 20, 2.5]) {
      expect(() => new WorkerPool(1, { niceness }), String(niceness)).toThrow(/0 to 19/);
    }
  });
});
