// The replay source inside a real StreamingContext: every tweet of the bundled demo reaches the
// engine once, in created_at order, on the manual clock ('max') and on the replay clock.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ManualClock, ReplayClock, StreamingContext } from '@hashpulse/engine';
import type { Tweet } from '@hashpulse/tweets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMessages } from '../../generate/index.js';
import { ReplaySource } from './replay-source.js';

const DATA_DIR = path.resolve(import.meta.dirname, '../../../../../data');
let tempDataDir: string;

beforeAll(async () => {
  tempDataDir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-replay-engine-'));
  const lines = [...generateMessages({ minutes: 1, rate: 20, seed: 9, startMs: Date.UTC(2024, 5, 1) })];
  await writeFile(
    path.join(tempDataDir, 'minute.jsonl.gz'),
    gzipSync(lines.map((item) => JSON.stringify(item.message)).join('\n')),
  );
});
afterAll(async () => {
  await rm(tempDataDir, { recursive: true, force: true });
});

/** Resolves when the replay has played everything; bounded so a bug fails instead of hanging. */
function whenEnded(replay: ReplaySource): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`replay did not end within 30 s (state ${replay.state})`)),
      30_000,
    );
    replay.on('status', ({ state }) => {
      if (state !== 'ended') return;
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('replay into the engine', () => {
  it('delivers every tweet of the demo recording at "max" on the manual clock, counted per batch', async () => {
    const clock = new ManualClock();
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, workers: 1 });
    const replay = new ReplaySource({
      dataDir: DATA_DIR,
      files: ['demo/tweets.jsonl.gz'],
      speed: 'max',
      timeSource: clock,
      drain: () => ctx.whenIdle(),
    });
    const seen: Tweet[] = [];
    let counted = 0;
    const stream = ctx.source(replay);
    stream.foreachBatch((tweets, batchTime) => {
      for (const tweet of tweets) {
        // Each tweet lands in the batch of its created_at: [batchTime - 1s, batchTime).
        expect(tweet.createdAt).toBeGreaterThanOrEqual(batchTime - 1000);
        expect(tweet.createdAt).toBeLessThan(batchTime);
      }
      seen.push(...tweets);
    });
    stream.count().foreachBatch(([count]) => {
      counted += count ?? 0;
    });
    const ended = whenEnded(replay);
    await ctx.start();
    await ended;
    await ctx.advanceToLastWindow();
    await ctx.stop({ graceful: true });
    const total = replay.progress().total!;
    expect(total).toBeGreaterThan(10_000);
    expect(seen).toHaveLength(total);
    expect(counted).toBe(total);
    expect(new Set(seen.map((tweet) => tweet.id)).size).toBe(total);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.createdAt).toBeGreaterThanOrEqual(seen[i - 1]!.createdAt);
  });

  it('delivers every tweet on the replay clock at 100x', async () => {
    const clock = new ReplayClock({ speed: 100 });
    // Delivery on the replay clock is what this proves; the source's response to rate limits is
    // proven on virtual time in replay-source.test.ts, so engine backpressure stays out of it here.
    const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, workers: 1, backpressure: false });
    const replay = new ReplaySource({ dataDir: tempDataDir, files: ['minute.jsonl.gz'], speed: 100, clock });
    let counted = 0;
    ctx.source(replay).foreachBatch((tweets) => {
      counted += tweets.length;
    });
    const ended = whenEnded(replay);
    await ctx.start();
    await ended;
    // The replay clock runs on after the end and closes the last batches by itself: wait for them
    // however loaded the machine is (the test's own timeout bounds a bug), not for a wall deadline.
    const total = replay.progress().total!;
    while (counted < total) await new Promise((resolve) => setTimeout(resolve, 5));
    await ctx.stop({ graceful: true });
    expect(counted).toBe(replay.progress().total);
  });
});
