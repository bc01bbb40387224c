// Engine benchmark: throughput of map → countByValueAndWindow on the main thread, 1 and N workers;
// per-slide cost of the incremental window against a full recount (60 batches, 100k Zipf keys);
// heap after 1M records under a 5-minute window. Prints one JSON object (figures + machine).
// This module is also the worker pool's task module (`tagOf`), hence the isMainThread guard.
import os from 'node:os';
import { isMainThread } from 'node:worker_threads';
import {
  type BatchInfo,
  defineTask,
  ManualClock,
  type Source,
  type SourceSink,
  StreamingContext,
} from '@hashpulse/engine';
import { Random, ZipfSampler } from '../apps/server/src/generate/random.js';
import { machineInfo } from './machine.js';

/** The task: a tweet-like line's first hashtag, case-folded (what the analytics job does per tweet). */
export function tagOf(line: string): string {
  const match = /#(\w+)/.exec(line);
  return match ? match[1]!.toLowerCase() : '';
}

/** Seeded Zipf(s) draws over keys 0..n-1 (the stream generator's sampler), so every run measures the same stream. */
function zipf(n: number, s: number, seed: number): () => number {
  const ranks = new ZipfSampler(n, s);
  const random = new Random(seed);
  return () => ranks.sample(random);
}

/** A source the benchmark drives directly, waiting when the engine's buffer is full. */
class DrivenSource<T> implements Source<T> {
  sink: SourceSink<T> | undefined;
  constructor(readonly name: string) {}
  start(sink: SourceSink<T>): void {
    this.sink = sink;
    void sink.whenWritable!(); // declares that this source waits: refusals are not drops
  }
  stop(): void {}
  async push(value: T, time: number): Promise<void> {
    while (!this.sink!.push(value, time)) await this.sink!.whenWritable!();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? s[s.length >> 1]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round = (x: number, digits = 3): number => Number(x.toFixed(digits));
const T0 = 1_700_000_000_000;

async function throughput(
  workers: number | null,
  lines: string[],
): Promise<{ recordsPerSecond: number; seconds: number }> {
  const clock = new ManualClock();
  const ctx = new StreamingContext({
    batchIntervalMs: 1000,
    clock,
    ...(workers ? { workers, taskChunkSize: 8192 } : {}),
    maxBufferedRecords: 200_000,
  });
  const source = new DrivenSource<string>('lines');
  const stream = ctx.source(source);
  const tags = workers
    ? stream.mapParallel(defineTask<string, string>(import.meta.url, 'tagOf'))
    : stream.map(tagOf);
  let checksum = 0;
  tags.countByValueAndWindow({ windowLengthMs: 60_000, slideMs: 10_000 }).foreachBatch((window) => {
    checksum += window.size;
  });
  await ctx.start();
  // Warm-up (workers load tsx and the task module; the JIT settles) before the clock starts.
  for (let i = 0; i < 20_000; i++) await source.push(lines[i % lines.length]!, T0 + i);
  await clock.advanceTo(T0 + 30_000);
  const start = performance.now();
  const perMs = 5; // 5,000 records per second of stream time
  for (let i = 0; i < lines.length; i++) await source.push(lines[i]!, T0 + 60_000 + Math.floor(i / perMs));
  await ctx.advanceToLastWindow();
  const seconds = (performance.now() - start) / 1000;
  await ctx.stop();
  if (checksum === 0) throw new Error('no window output');
  return { recordsPerSecond: Math.round(lines.length / seconds), seconds: round(seconds, 2) };
}

/**
 * Time per slide of a keyed window (W = 60 batches, S = 1 batch) over a Zipf stream, computed
 * incrementally (with an inverse) and by a full recount (without), side by side in one context: both
 * windows slide over the same batches, so each slide yields a paired ratio. This machine's memory
 * latency drifts by up to 5x over seconds (a shared host), so timing the two modes in separate runs
 * measured the drift as much as the engine. The recount runs first in each batch, so the incremental
 * window meets caches the recount has just flushed: the comparison errs against it.
 */
async function slideCost(keys: 'integer' | 'hashtag'): Promise<Record<string, number | string>> {
  const windowBatches = 60;
  const perBatch = 20_000;
  const measured = 40;
  const draw = zipf(100_000, 1.0, 7);
  const clock = new ManualClock(T0);
  const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, retentionMs: 120_000 });
  const source = new DrivenSource<number>('keys');
  // Hashtag keys are built per record, as decoding a tweet makes a fresh string for each tag.
  const pairs = ctx
    .source(source)
    .map((k): [number | string, number] => [keys === 'integer' ? k : `#topic${k}`, 1]);
  const add = (a: number, b: number): number => a + b;
  const window = { windowLengthMs: windowBatches * 1000, slideMs: 1000 };
  const recount = pairs.reduceByKeyAndWindow({ reduce: add }, window);
  const incremental = pairs.reduceByKeyAndWindow({ reduce: add, inverse: (a, b) => a - b }, window);
  let distinct = 0;
  const topKMs: number[] = [];
  incremental.foreachBatch((view) => {
    distinct = view.size;
    const began = performance.now();
    view.topK(50);
    topKMs.push(performance.now() - began);
  });
  recount.foreachBatch(() => {});
  const batches: BatchInfo[] = [];
  ctx.addListener({ onBatchCompleted: (info) => void batches.push(info) });
  await ctx.start();
  for (let b = 0; b < windowBatches + measured; b++) {
    for (let i = 0; i < perBatch; i++) await source.push(draw(), T0 + b * 1000 + (i % 1000));
    await clock.advanceTo(T0 + (b + 1) * 1000);
  }
  await ctx.stop();
  // Window operators in creation order: the recount's label, then the incremental's.
  const [recountLabel, incrementalLabel] = Object.keys(batches[0]!.operatorMs).filter((label) =>
    label.startsWith('reduceByKeyAndWindow ('),
  );
  const steady = batches.slice(windowBatches + 1);
  const recountMs = steady.map((info) => info.operatorMs[recountLabel!]!);
  const incrementalMs = steady.map((info) => info.operatorMs[incrementalLabel!]!);
  const ratios = steady.map((_, i) => recountMs[i]! / incrementalMs[i]!);
  return {
    keys: keys === 'integer' ? 'integers 0..99,999' : 'hashtag strings "#topic0".."#topic99999"',
    windowBatches,
    recordsPerBatch: perBatch,
    keySpace: 100_000,
    distinctKeysInWindow: distinct,
    slidesMeasured: steady.length,
    incrementalMsPerSlideMedian: round(median(incrementalMs)),
    recountMsPerSlideMedian: round(median(recountMs)),
    speedupPerSlideMedian: round(median(ratios), 1),
    speedupPerSlideMin: round(Math.min(...ratios), 1),
    speedupOfMedians: round(median(recountMs) / median(incrementalMs), 1),
    topK50MsPerSlideMedian: round(median(topKMs.slice(windowBatches + 1))),
  };
}

async function heapBound(): Promise<Record<string, unknown>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)');
  const keys = zipf(100_000, 1.0, 11);
  const clock = new ManualClock(T0);
  const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, retentionMs: 300_000 });
  const source = new DrivenSource<string>('tags');
  let size = 0;
  ctx
    .source(source)
    .countByValueAndWindow({ windowLengthMs: 300_000, slideMs: 10_000 })
    .foreachBatch((window) => void (size = window.size));
  await ctx.start();
  gc();
  const baseline = process.memoryUsage().heapUsed;
  const samples: Array<{
    records: number;
    streamMinutes: number;
    heapUsedMiB: number;
    keysInWindow: number;
  }> = [];
  const total = 1_000_000;
  const perSecond = 1000; // 1M records = 16.7 minutes of stream, the window holds 5
  for (let i = 1; i <= total; i++) {
    await source.push(`tag${keys()}`, T0 + Math.floor(((i - 1) * 1000) / perSecond));
    if (i % 250_000 === 0) {
      await ctx.whenIdle();
      gc();
      samples.push({
        records: i,
        streamMinutes: round(i / perSecond / 60, 1),
        heapUsedMiB: round((process.memoryUsage().heapUsed - baseline) / 2 ** 20, 1),
        keysInWindow: size,
      });
    }
  }
  await ctx.stop();
  return { windowMinutes: 5, retentionMinutes: 5, heapAboveBaselineMiB: samples };
}

async function main(): Promise<void> {
  const began = performance.now();
  // The slide comparison runs first, on a fresh heap (before the throughput input exists);
  // then throughput; the heap figure last.
  const slides = { integerKeys: await slideCost('integer'), hashtagKeys: await slideCost('hashtag') };
  const tagIds = zipf(100_000, 1.0, 3);
  const users = new Random(5);
  const lines = Array.from(
    { length: 400_000 },
    () => `@user${users.int(50_000)} watching the match tonight #Tag${tagIds()} so good`,
  );
  const cores = os.availableParallelism();
  const mainThread = await throughput(null, lines);
  const oneWorker = await throughput(1, lines);
  const nWorkers = await throughput(cores, lines);
  const heap = await heapBound();
  console.log(
    JSON.stringify(
      {
        benchmark: 'engine',
        throughput: {
          pipeline:
            'map(first hashtag, case-folded) → countByValueAndWindow(60s / 10s), batch 1s, 400k records',
          mainThread,
          oneWorker,
          [`${cores}Workers`]: nWorkers,
        },
        incrementalVsRecount: slides,
        heap,
        runSeconds: round((performance.now() - began) / 1000, 1),
        machine: machineInfo(),
      },
      null,
      2,
    ),
  );
}

if (isMainThread) await main();
