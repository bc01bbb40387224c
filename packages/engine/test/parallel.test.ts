import { afterEach, describe, expect, it } from 'vitest';
import { BatchFailedError, defineTask, ManualClock, StreamingContext, TaskError } from '@hashpulse/engine';

const tasks = new URL('./fixtures/tasks.ts', import.meta.url);
const hashtags = defineTask<string, string[]>(tasks, 'hashtags');
const isLong = defineTask<string, boolean>(tasks, 'isLong');
const shout = defineTask<string, string>(tasks, 'shout');
const withLength = defineTask<string[], Array<[string, number]>>(tasks, 'withLength');

const contexts: StreamingContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((ctx) => ctx.stop()));
});

const lines = Array.from(
  { length: 3000 },
  (_, i) => `tweet ${i} #Tag${i % 37} #x${(i * 7) % 11} #Tag${i % 5}`,
);

async function run(workers: number) {
  const clock = new ManualClock(0);
  const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, workers, taskChunkSize: 256 });
  contexts.push(ctx);
  const { source, stream } = ctx.queueSource<string>();
  const tags = stream.flatMapParallel(hashtags);
  const out = {
    mapped: [] as string[][],
    windows: [] as Array<Array<[string, number]>>,
    perBatch: [] as unknown[],
  };
  tags
    .filterParallel(isLong)
    .mapParallel(shout)
    .foreachBatch((r) => void out.mapped.push([...r]));
  tags
    .countByValueAndWindow({ windowLengthMs: 3000, slideMs: 1000 })
    .foreachBatch((w) => void out.windows.push([...w]));
  tags
    .mapPartitionsParallel(withLength)
    .countByValue()
    .foreachBatch((r) => void out.perBatch.push(r));
  await ctx.start();
  lines.forEach((line, i) => source.push(line, Math.floor(i / 2) * 3)); // ~4.5 s of records
  await ctx.advanceToLastWindow();
  await ctx.stop();
  return out;
}

describe('worker pool', () => {
  it('parallel stages give exactly the same results with 1 and 2 workers as on the main thread', async () => {
    const [one, two] = [await run(1), await run(2)];
    expect(two).toEqual(one); // same records, same order (chunks are merged in order)
    // And the same as plain main-thread operators.
    const clock = new ManualClock(0);
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock });
    contexts.push(ctx);
    const { source, stream } = ctx.queueSource<string>();
    const tags = stream.flatMap((text) => (text.match(/#\w+/g) ?? []).map((t) => t.toLowerCase()));
    const windows: Array<Array<[string, number]>> = [];
    const mapped: string[][] = [];
    tags
      .filter((w) => w.length > 3)
      .map((w) => `${w.toUpperCase()}!`)
      .foreachBatch((r) => void mapped.push([...r]));
    tags
      .countByValueAndWindow({ windowLengthMs: 3000, slideMs: 1000 })
      .foreachBatch((w) => void windows.push([...w]));
    await ctx.start();
    lines.forEach((line, i) => source.push(line, Math.floor(i / 2) * 3));
    await ctx.advanceToLastWindow();
    expect(one.mapped).toEqual(mapped);
    expect(one.windows).toEqual(windows);
    expect(one.windows.length).toBeGreaterThan(4);
  });

  it('a task that throws fails the batch with the task named', async () => {
    const clock = new ManualClock(0);
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, workers: 1 });
    contexts.push(ctx);
    const { source, stream } = ctx.queueSource<string>();
    stream.mapParallel(defineTask<string, string>(tasks, 'explode')).foreachBatch(() => {});
    await ctx.start();
    source.push('fine', 10);
    source.push('boom', 20);
    const failure = await clock.advanceTo(1000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BatchFailedError);
    expect((failure as BatchFailedError).cause).toBeInstanceOf(TaskError);
    expect((failure as Error).message).toMatch(
      /task explode from file:.*tasks\.ts failed: RangeError: cannot handle "boom"/,
    );
    await expect(ctx.awaitTermination()).rejects.toBe(failure);
  });

  it('names a missing export and refuses relative module paths', async () => {
    expect(() => defineTask('./tasks.ts', 'x')).toThrow(/must be a file: URL or an absolute path/);
    const clock = new ManualClock(0);
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, workers: 1 });
    contexts.push(ctx);
    const { source, stream } = ctx.queueSource<string>();
    stream.mapParallel(defineTask<string, string>(tasks, 'notAFunction')).foreachBatch(() => {});
    await ctx.start();
    source.push('x', 10);
    await expect(clock.advanceTo(1000)).rejects.toThrow(
      /has no exported function "notAFunction" \(exports: .*hashtags/,
    );
  });
});
