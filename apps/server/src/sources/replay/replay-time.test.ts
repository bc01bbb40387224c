// Time in a replay, on real engine contexts and clocks: gaps pass at once at any speed with no
// timer beyond Node's limit, far dates are refused, the last batch of a finite replay closes,
// duplicates play once, and stop cancels a preparation. Fixtures are written to a temp directory.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ManualClock, ReplayClock, StreamingContext, type SourceSink } from '@hashpulse/engine';
import type { SourceStatus } from '@hashpulse/protocol';
import type { Tweet } from '@hashpulse/tweets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayPreparationCancelledError } from './errors.js';
import type { WallTimer } from './playback-clock.js';
import { ReplaySource } from './replay-source.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2019, 2, 1, 12);
let dataDir: string;

function tweetLine(id: string, time: number | string, text = `tweet ${id} #replay`): string {
  const createdAt = typeof time === 'string' ? time : new Date(time).toISOString();
  return JSON.stringify({ data: { id, text, created_at: createdAt, author_id: '42' } });
}

async function writeLines(name: string, lines: string[]): Promise<void> {
  await writeFile(path.join(dataDir, name), lines.join('\n') + '\n');
}

/** Wall time that passes only when the replay sleeps: waits become exact and instant. */
class VirtualWall implements WallTimer {
  time = 0;
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    this.time += ms;
    await Promise.resolve();
  }
}

/** A sink that notes each push with the virtual wall time it came at; `afterPush(n)` runs after the n-th. */
function recordingSink(wall: WallTimer, clock: ReplayClock, afterPush: (pushes: number) => void = () => {}) {
  const pushed: Array<{ tweet: Tweet; wall: number }> = [];
  let ended!: () => void;
  const done = new Promise<void>((resolve) => (ended = resolve));
  const sink: SourceSink<Tweet> = {
    push: (tweet) => {
      pushed.push({ tweet, wall: wall.now() });
      afterPush(pushed.length);
      return true;
    },
    now: () => clock.now(),
    warn: () => {},
    fail: (error) => {
      throw error;
    },
    end: () => ended(),
  };
  return { sink, pushed, done };
}

/** Collects the TimeoutOverflowWarning Node prints when a timer is set beyond 2^31-1 ms. */
function watchTimerOverflow(): { warnings: string[]; stop: () => void } {
  const warnings: string[] = [];
  const listener = (warning: Error): void => {
    if (warning.name === 'TimeoutOverflowWarning') warnings.push(warning.message);
  };
  process.on('warning', listener);
  return { warnings, stop: () => process.off('warning', listener) };
}

function whenState(source: ReplaySource, state: SourceStatus['state']): Promise<void> {
  if (source.state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (status: SourceStatus) => {
      if (status.state !== state) return;
      source.off('status', listener);
      resolve();
    };
    source.on('status', listener);
  });
}

/** A context with a one-minute window on `clock` that counts the tweets its batches hold. */
function countingContext(clock: ManualClock | ReplayClock) {
  const ctx = new StreamingContext({ batchIntervalMs: 1000, clock, workers: 1, backpressure: false });
  const counted = { tweets: 0, batches: 0, windowEnds: [] as number[], windowTweets: [] as number[] };
  return {
    ctx,
    counted,
    attach(source: ReplaySource) {
      const stream = ctx.source(source);
      stream.foreachBatch((tweets) => {
        counted.tweets += tweets.length;
        counted.batches++;
      });
      stream
        .map((tweet) => tweet.id)
        .countByValueAndWindow({ windowLengthMs: 60_000, slideMs: 5000 })
        .foreachBatch((window, end) => {
          counted.windowEnds.push(end);
          counted.windowTweets.push([...window.values()].reduce((sum, n) => sum + n, 0));
        });
    },
  };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-replay-time-'));
  await writeLines('gap.jsonl', [tweetLine('1', T0), tweetLine('2', T0 + 696 * DAY)]);
  await writeLines('year-gap.jsonl', [
    tweetLine('1', T0),
    tweetLine('2', T0 + 1500),
    tweetLine('3', T0 + 365 * DAY),
    tweetLine('4', T0 + 365 * DAY + 2500),
  ]);
  await writeLines('far-date.jsonl', [
    tweetLine('1', T0),
    tweetLine('2', '+275760-09-13T00:00:00.000Z'),
    tweetLine('3', T0 + 2000),
  ]);
  await writeLines(
    'thousand.jsonl',
    Array.from({ length: 1000 }, (_, i) => tweetLine(String(i + 1), T0 + i * 100)),
  );
  await writeLines(
    'one-second.jsonl',
    Array.from({ length: 5 }, (_, i) => tweetLine(String(i + 1), T0 + 200 + i * 100)),
  );
  await writeLines('duplicates.jsonl', [
    ...Array.from({ length: 5 }, () => tweetLine('7', T0)),
    tweetLine('8', T0 + 1000),
    tweetLine('7', T0 + 1000),
  ]);
  const truncated = gzipSync(
    Array.from({ length: 400 }, (_, i) => tweetLine(String(i + 1), T0 + i * 1000)).join('\n'),
  );
  // Compressed and longer than the head read before playing: streamed, its end unknown until the
  // play reads it (in batches of at most 128 lines).
  await writeFile(
    path.join(dataDir, 'paced.jsonl.gz'),
    gzipSync(Array.from({ length: 1500 }, (_, i) => tweetLine(String(i + 1), T0 + i * 1000)).join('\n')),
  );
  await writeFile(
    path.join(dataDir, 'cut.jsonl.gz'),
    truncated.subarray(0, Math.floor(truncated.length / 2)),
  );
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('replay time', () => {
  it('passes a 696-day gap at once at 10x: tweet 2 within a second of wall time, no timer warning', async () => {
    const overflow = watchTimerOverflow();
    const wall = new VirtualWall();
    const clock = new ReplayClock({ speed: 10, wallNow: () => wall.now() });
    const source = new ReplaySource({ dataDir, files: ['gap.jsonl'], speed: 10, clock, wall });
    const { sink, pushed, done } = recordingSink(wall, clock);
    await source.start(sink);
    await done;
    const status = source.status();
    await source.stop();
    await new Promise((resolve) => setImmediate(resolve));
    overflow.stop();
    expect(pushed.map((entry) => entry.tweet.id)).toEqual(['1', '2']);
    expect(pushed[1]!.wall - pushed[0]!.wall).toBeLessThan(1000);
    expect(status.replay!.gaps).toEqual([{ from: T0, to: T0 + 696 * DAY }]);
    expect(status.replay!.gapTimeMs).toBe(696 * DAY);
    expect(overflow.warnings).toEqual([]);
  });

  it('leaves gaps out of the ETA', async () => {
    const wall = new VirtualWall();
    const clock = new ReplayClock({ speed: 10, wallNow: () => wall.now() });
    const source = new ReplaySource({ dataDir, files: ['year-gap.jsonl'], speed: 10, clock, wall });
    let eta: number | null = null;
    const { sink } = recordingSink(wall, clock, (pushes) => {
      if (pushes === 1) eta = source.progress().etaMs;
    });
    await source.start(sink);
    await whenState(source, 'ended');
    await source.stop();
    // A year at 10x would be 36 days; what is left is a few seconds of tweets.
    expect(eta).not.toBeNull();
    expect(eta!).toBeLessThan(60_000);
  });

  it('reaches the tweet after a 696-day gap at 10x on a real replay clock, through the engine', async () => {
    const overflow = watchTimerOverflow();
    const clock = new ReplayClock({ speed: 10 });
    const { ctx, counted, attach } = countingContext(clock);
    const source = new ReplaySource({ dataDir, files: ['gap.jsonl'], speed: 10, clock });
    attach(source);
    await ctx.start();
    await whenState(source, 'ended');
    // The second tweet's batch closes once the clock passes it: a second of recording time at 10x.
    while (counted.tweets < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await ctx.stop();
    overflow.stop();
    expect(counted.tweets).toBe(2);
    // Each tweet's windows and no more: 696 days of empty batches were skipped.
    expect(counted.batches).toBeLessThan(400);
    expect(overflow.warnings).toEqual([]);
  });

  it('crosses a year-long gap at "max" in a bounded number of batches while the event loop keeps turning', async () => {
    const clock = new ManualClock();
    const { ctx, counted, attach } = countingContext(clock);
    const source = new ReplaySource({
      dataDir,
      files: ['year-gap.jsonl'],
      speed: 'max',
      timeSource: clock,
      drain: () => ctx.whenIdle(),
      finish: () => ctx.advanceToLastWindow(),
    });
    attach(source);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    await ctx.start();
    await whenState(source, 'ended');
    clearInterval(ticker);
    await ctx.stop({ graceful: true });
    expect(counted.tweets).toBe(4);
    expect(counted.batches).toBeLessThan(400);
    expect(turns).toBeGreaterThan(0);
    // Every window holding a tweet was emitted, with its tweets.
    expect(Math.max(...counted.windowTweets)).toBe(2);
    expect(counted.windowEnds.at(-1)!).toBeGreaterThan(T0 + 365 * DAY + 2500);
    // The clock went on to the last window's end; the recording time shown stays at the last tweet.
    expect(clock.now()).toBeGreaterThan(T0 + 365 * DAY + 2500);
    expect(source.progress().clockTime).toBe(T0 + 365 * DAY + 2500);
  });

  it('shows the clock as the recording time, ahead of the tweets read so far, and holds it still while paused', async () => {
    const wall = new VirtualWall();
    const clock = new ReplayClock({ speed: 10, wallNow: () => wall.now() });
    const source = new ReplaySource({ dataDir, files: ['paced.jsonl.gz'], speed: 10, clock, wall });
    let atPause: number | null = null;
    const { sink, pushed } = recordingSink(wall, clock, (pushes) => {
      if (pushes !== 1100) return;
      // 20 wall seconds pass (200 s of recording at 10x, past the batch read so far), then pause.
      wall.time += 20_000;
      source.pause();
      atPause = source.progress().clockTime;
    });
    await source.start(sink);
    await whenState(source, 'paused');
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
    const later = source.progress().clockTime;
    await source.stop();
    expect(pushed).toHaveLength(1100);
    expect(atPause).toBe(T0 + 1_299_000);
    expect(later).toBe(T0 + 1_299_000);
  });

  it('refuses a tweet dated +275760 as rejected, with the reason, and plays the rest', async () => {
    const clock = new ManualClock();
    const { ctx, counted, attach } = countingContext(clock);
    const source = new ReplaySource({
      dataDir,
      files: ['far-date.jsonl'],
      speed: 'max',
      timeSource: clock,
      drain: () => ctx.whenIdle(),
      finish: () => ctx.advanceToLastWindow(),
    });
    attach(source);
    await ctx.start();
    await whenState(source, 'ended');
    await ctx.stop({ graceful: true });
    expect(counted.tweets).toBe(2);
    const status = source.status();
    expect(status.rejected).toBe(1);
    expect(status.replay!.problems).toEqual([
      expect.objectContaining({
        file: 'far-date.jsonl',
        line: 2,
        kind: 'rejected',
        message: expect.stringMatching(/\+275760.*outside 1970 to 2199/),
      }),
    ]);
  });

  it.each([
    ['thousand.jsonl', 1000, T0 + 999 * 100],
    ['one-second.jsonl', 5, T0 + 600],
  ])(
    'closes the last batch of %s at "max": all %d tweets processed, the last window covers the last tweet',
    async (file, tweets, lastTweet) => {
      const clock = new ManualClock();
      const { ctx, counted, attach } = countingContext(clock);
      const source = new ReplaySource({
        dataDir,
        files: [file],
        speed: 'max',
        timeSource: clock,
        drain: () => ctx.whenIdle(),
        finish: () => ctx.advanceToLastWindow(),
      });
      attach(source);
      await ctx.start();
      await whenState(source, 'ended');
      await ctx.stop({ graceful: true });
      expect(counted.tweets).toBe(tweets);
      expect(counted.windowEnds.length).toBeGreaterThan(0);
      expect(counted.windowEnds.at(-1)!).toBeGreaterThan(lastTweet);
      expect(Math.max(...counted.windowTweets)).toBe(Math.min(tweets, 600));
    },
  );

  it('plays a tweet id once, and a file named twice once', async () => {
    const clock = new ManualClock();
    const { ctx, counted, attach } = countingContext(clock);
    const source = new ReplaySource({
      dataDir,
      files: ['duplicates.jsonl', 'duplicates.jsonl', 'thousand.jsonl'],
      speed: 'max',
      timeSource: clock,
      drain: () => ctx.whenIdle(),
      finish: () => ctx.advanceToLastWindow(),
    });
    attach(source);
    await ctx.start();
    await whenState(source, 'ended');
    await ctx.stop({ graceful: true });
    const status = source.status();
    // Ids 7 and 8 of duplicates.jsonl collide with thousand.jsonl's 7 and 8: 1,000 distinct ids.
    expect(counted.tweets).toBe(1000);
    expect(status.replay!.files).toEqual(['duplicates.jsonl', 'thousand.jsonl']);
    expect(status.replay!.duplicatesDropped).toBe(7);
    expect(status.replay!.position).toBe(status.replay!.total);
  });

  it('says a truncated .gz is truncated, with how many of its tweets play', async () => {
    const clock = new ManualClock();
    const { ctx, counted, attach } = countingContext(clock);
    const source = new ReplaySource({
      dataDir,
      files: ['cut.jsonl.gz'],
      speed: 'max',
      timeSource: clock,
      drain: () => ctx.whenIdle(),
      finish: () => ctx.advanceToLastWindow(),
    });
    attach(source);
    await ctx.start();
    await whenState(source, 'ended');
    await ctx.stop({ graceful: true });
    const status = source.status();
    expect(counted.tweets).toBeGreaterThan(0);
    expect(counted.tweets).toBeLessThan(400);
    expect(status.replay!.readErrors).toEqual([
      expect.stringMatching(
        new RegExp(`^cut\\.jsonl\\.gz is truncated or corrupt: .*its first ${counted.tweets} tweets play$`),
      ),
    ]);
    expect(status.message).toMatch(/cut\.jsonl\.gz is truncated or corrupt/);
  });

  it('stops a looping replay in the middle of a later pass (cancelling preparation ends only preparation)', async () => {
    const clock = new ManualClock();
    const { ctx, attach } = countingContext(clock);
    const source = new ReplaySource({
      dataDir,
      files: ['thousand.jsonl'],
      speed: 'max',
      loop: true,
      timeSource: clock,
      drain: () => ctx.whenIdle(),
    });
    attach(source);
    const thirdPass = new Promise<void>((resolve) =>
      source.on('status', (status) => {
        if ((status.replay?.pass ?? 0) >= 3) resolve();
      }),
    );
    await ctx.start();
    await thirdPass;
    await ctx.stop();
    expect(source.state).toBe('stopped');
  });

  it('stop during preparation cancels it at once', async () => {
    const clock = new ManualClock();
    const source = new ReplaySource({ dataDir, files: ['thousand.jsonl'], speed: 'max', timeSource: clock });
    const preparing = source.prepare();
    const stopped = source.stop();
    await expect(preparing).rejects.toBeInstanceOf(ReplayPreparationCancelledError);
    await stopped;
    expect(source.state).toBe('stopped');
  });
});
