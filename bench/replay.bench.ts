// Replay of a large recording at 'max': generates a ~1 GB stream file (in created_at order) and a
// smaller out-of-order one (minute blocks written newest-first, so the external sort runs), plays
// each through ReplaySource into a counting sink, and prints records/s and the sampled peak heap
// and RSS as one JSON object. The files live in a temp directory that is deleted afterwards.
// Sizes: REPLAY_BENCH_MB (default 1024) and REPLAY_BENCH_UNSORTED_MB (default 256).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SourceSink } from '@hashpulse/engine';
import type { Tweet } from '@hashpulse/tweets';
import { generateMessages, writeGeneratedStream } from '../apps/server/src/generate/index.js';
import { ReplaySource } from '../apps/server/src/sources/replay/index.js';
import { machineInfo } from './machine.js';

const MiB = 2 ** 20;
const RATE = 1000;
/** Bytes per generated tweet line, measured once below to size the files. */
let bytesPerTweet = 0;

function mib(bytes: number): number {
  return Math.round((bytes / MiB) * 10) / 10;
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Samples heap and RSS every 50 ms; keeps the peaks. */
class MemorySampler {
  peakHeap = 0;
  peakRss = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  start(): void {
    this.peakHeap = 0;
    this.peakRss = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
  }

  sample(): { heapUsed: number; rss: number } {
    const { heapUsed, rss } = process.memoryUsage();
    this.peakHeap = Math.max(this.peakHeap, heapUsed);
    this.peakRss = Math.max(this.peakRss, rss);
    return { heapUsed, rss };
  }

  stop(): void {
    this.sample();
    if (this.timer) clearInterval(this.timer);
  }
}

async function measureLineSize(): Promise<void> {
  let bytes = 0;
  let count = 0;
  for (const { message } of generateMessages({
    minutes: 1,
    rate: 200,
    seed: 1,
    startMs: Date.UTC(2024, 0, 1),
  })) {
    bytes += Buffer.byteLength(JSON.stringify(message)) + 1;
    count++;
  }
  bytesPerTweet = bytes / count;
}

/** In created_at order, as a stream recording is. */
async function writeSorted(file: string, targetBytes: number): Promise<void> {
  const minutes = targetBytes / bytesPerTweet / RATE / 60;
  await writeGeneratedStream({
    out: file,
    profilesOut: null,
    minutes,
    rate: RATE,
    seed: 42,
    startMs: Date.UTC(2024, 0, 1),
  });
}

/** Minute blocks written newest-first: the reader has to sort it externally. */
async function writeUnsorted(file: string, targetBytes: number): Promise<void> {
  const blocks = Math.max(2, Math.round(targetBytes / bytesPerTweet / RATE / 60));
  const out = createWriteStream(file);
  for (let block = blocks - 1; block >= 0; block--) {
    let buffer = '';
    const startMs = Date.UTC(2024, 0, 1) + block * 60_000;
    for (const { message } of generateMessages({ minutes: 1, rate: RATE, seed: 100 + block, startMs })) {
      buffer += JSON.stringify(message) + '\n';
      if (buffer.length > MiB) {
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
    if (!out.write(buffer)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

async function replay(dataDir: string, name: string, tempDir: string) {
  collect();
  const sampler = new MemorySampler();
  const baseline = sampler.sample();
  sampler.start();
  let count = 0;
  let previous = Number.NEGATIVE_INFINITY;
  let outOfOrder = 0;
  const checkpoints: { progress: number; liveHeapMiB: number; rssMiB: number }[] = [];
  const source = new ReplaySource({ dataDir, files: [name], speed: 'max', reader: { tempDir } });
  let total = 0;
  let nextCheckpoint = 0.25;
  let ended!: () => void;
  const done = new Promise<void>((resolve) => (ended = resolve));
  const sink: SourceSink<Tweet> = {
    push: (tweet, time) => {
      count++;
      if ((time ?? tweet.createdAt) < previous) outOfOrder++;
      previous = time ?? tweet.createdAt;
      if (count >= nextCheckpoint * total) {
        // Live memory at each quarter: collected first, so garbage awaiting GC does not count.
        collect();
        const { heapUsed, rss } = sampler.sample();
        checkpoints.push({ progress: nextCheckpoint, liveHeapMiB: mib(heapUsed), rssMiB: mib(rss) });
        nextCheckpoint += 0.25;
      }
      return true;
    },
    now: () => previous,
    warn: (message) => console.error(`replay warning: ${message}`),
    fail: (error) => {
      throw error;
    },
    end: () => ended(),
  };
  const started = performance.now();
  total = (await source.prepare()).total;
  const scanned = performance.now();
  await source.start(sink);
  await done;
  const finished = performance.now();
  await source.stop();
  sampler.stop();
  const fileBytes = (await stat(path.join(dataDir, name))).size;
  return {
    fileMiB: mib(fileBytes),
    records: count,
    recordsExpected: total,
    outOfOrder,
    firstPassSeconds: Math.round((scanned - started) / 100) / 10,
    playSeconds: Math.round((finished - scanned) / 100) / 10,
    playRecordsPerSecond: Math.round(count / ((finished - scanned) / 1000)),
    overallRecordsPerSecond: Math.round(count / ((finished - started) / 1000)),
    playMiBPerSecond: Math.round((fileBytes / MiB / ((finished - scanned) / 1000)) * 10) / 10,
    baselineHeapUsedMiB: mib(baseline.heapUsed),
    baselineRssMiB: mib(baseline.rss),
    peakHeapUsedMiB: mib(sampler.peakHeap),
    peakRssMiB: mib(sampler.peakRss),
    atProgress: checkpoints,
  };
}

async function main(): Promise<void> {
  const sortedBytes = Number(process.env.REPLAY_BENCH_MB ?? 1024) * MiB;
  const unsortedBytes = Number(process.env.REPLAY_BENCH_UNSORTED_MB ?? 256) * MiB;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-replay-bench-'));
  const runs = path.join(dir, 'runs');
  try {
    await measureLineSize();
    const generateStarted = performance.now();
    await writeSorted(path.join(dir, 'sorted.jsonl'), sortedBytes);
    const generateSeconds = Math.round((performance.now() - generateStarted) / 100) / 10;
    await writeUnsorted(path.join(dir, 'unsorted.jsonl'), unsortedBytes);
    await mkdir(runs);
    const sorted = await replay(dir, 'sorted.jsonl', runs);
    const unsorted = await replay(dir, 'unsorted.jsonl', runs);
    console.log(
      JSON.stringify(
        {
          benchmark: 'replay',
          speed: 'max',
          note: 'ReplaySource into a counting sink: first pass (decode, count, order check) then play (decode again or external-sort runs, k-way merge, push)',
          sorted: { ...sorted, generateSeconds },
          unsortedMinuteBlocksNewestFirst: unsorted,
          machine: machineInfo(),
        },
        null,
        2,
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
