import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ReplayClock, type SourceSink } from '@hashpulse/engine';
import type { ReplayProgress, SourceState, SourceStatus } from '@hashpulse/protocol';
import type { Tweet } from '@hashpulse/tweets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathOutsideDataDirError } from '../../files/index.js';
import { generateMessages } from '../../generate/index.js';
import type { SourceProblem } from '../tweet-source.js';
import { ReplayConfigError, ReplayOffsetError } from './errors.js';
import type { WallTimer } from './playback-clock.js';
import type { ReplaySourceOptions } from './replay-options.js';
import { ReplaySource } from './replay-source.js';

const RECORDINGS = path.resolve(import.meta.dirname, '../../../../../test-data/x-api-v2');
const START = Date.UTC(2024, 0, 1, 12);
let dataDir: string;

/** Wall time that passes only when the replay sleeps: schedules become exact and instant. */
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

interface Pushed {
  tweet: Tweet;
  time: number;
  wall: number;
  clock: number | null;
}

/** A sink that records what the engine would receive, and when (wall and replay-clock time). */
class RecordingSink implements SourceSink<Tweet> {
  readonly pushed: Pushed[] = [];
  readonly warnings: string[] = [];
  ended = false;
  failure: Error | null = null;
  refuse = 0;
  refused = 0;
  onPush: ((entry: Pushed) => void) | null = null;
  private endWaiters: Array<() => void> = [];

  constructor(
    private readonly wall: WallTimer,
    private readonly clock: ReplayClock | null,
  ) {}

  push(tweet: Tweet, time?: number): boolean {
    if (this.refuse > 0) {
      this.refuse--;
      this.refused++;
      return false;
    }
    const entry = {
      tweet,
      time: time!,
      wall: this.wall.now(),
      clock: this.clock?.isStarted() ? this.clock.now() : null,
    };
    this.pushed.push(entry);
    this.onPush?.(entry);
    return true;
  }
  now(): number {
    return this.clock?.now() ?? Date.now();
  }
  warn(message: string): void {
    this.warnings.push(message);
  }
  fail(error: Error): void {
    this.failure = error;
    for (const waiter of this.endWaiters.splice(0)) waiter();
  }
  end(): void {
    this.ended = true;
    for (const waiter of this.endWaiters.splice(0)) waiter();
  }
  whenEnded(): Promise<void> {
    if (this.ended || this.failure) return Promise.resolve();
    return new Promise((resolve) => this.endWaiters.push(resolve));
  }
}

function waitForState(source: ReplaySource, state: SourceState): Promise<void> {
  if (source.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`replay did not reach state ${state} (it is ${source.state})`)),
      20_000,
    );
    const listener = (event: SourceStatus): void => {
      if (event.state !== state) return;
      clearTimeout(timer);
      source.off('status', listener);
      resolve();
    };
    source.on('status', listener);
  });
}

async function writeGenerated(name: string, minutes: number, rate: number, seed: number): Promise<void> {
  const lines = [...generateMessages({ minutes, rate, seed, startMs: START })].map((item) =>
    JSON.stringify(item.message),
  );
  await writeFile(path.join(dataDir, name), gzipSync(lines.join('\n') + '\n'));
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-replay-'));
  await mkdir(path.join(dataDir, 'recordings'));
  for (const name of ['brexit.jsonl', 'streaming_output_with_error.jsonl']) {
    await copyFile(path.join(RECORDINGS, name), path.join(dataDir, 'recordings', name));
  }
  await writeGenerated('ten-minutes.jsonl.gz', 10, 5, 11);
  await writeGenerated('one-minute.jsonl.gz', 1, 10, 12);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function timed(files: string[], speed: number, extra: Partial<ReplaySourceOptions> = {}) {
  const wall = new VirtualWall();
  const clock = new ReplayClock({ speed, wallNow: () => wall.now() });
  const source = new ReplaySource({ dataDir, files, speed, clock, wall, ...extra });
  const sink = new RecordingSink(wall, clock);
  return { wall, clock, source, sink };
}

function expectNonDecreasing(values: number[]): void {
  for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
}

describe('replay source', () => {
  it.each([
    [1, 600_000],
    [10, 60_000],
    [100, 6_000],
  ])(
    'plays a 10-minute recording at %dx over about %d ms of wall time, each record when the clock reaches it',
    async (speed, wallMs) => {
      const { source, sink, clock } = timed(['ten-minutes.jsonl.gz'], speed);
      await source.start(sink);
      await sink.whenEnded();
      await source.stop();
      const { pushed } = sink;
      expect(pushed.length).toBe((await source.prepare()).total);
      expect(pushed.length).toBeGreaterThan(2500);
      expectNonDecreasing(pushed.map((entry) => entry.time));
      const span = pushed.at(-1)!.time - pushed[0]!.time;
      expect(span).toBeGreaterThan(590_000);
      const wallSpan = pushed.at(-1)!.wall - pushed[0]!.wall;
      expect(wallSpan).toBeCloseTo(span / speed, 0);
      expect(wallSpan).toBeGreaterThan(wallMs * 0.98);
      expect(wallSpan).toBeLessThanOrEqual(wallMs);
      for (const entry of pushed) {
        // Never early, and on time: the clock is at the record's time when it is pushed.
        expect(entry.clock!).toBeGreaterThanOrEqual(entry.time);
        expect(entry.clock! - entry.time).toBeLessThan(1);
        expect(entry.wall).toBeCloseTo((entry.time - pushed[0]!.time) / speed, 3);
      }
      expect(clock.isStarted()).toBe(true);
      expect(source.state).toBe('stopped');
    },
  );

  it('plays search recordings forward and several files as one time-ordered stream', async () => {
    const { source, sink } = timed(
      ['recordings/brexit.jsonl', 'recordings/streaming_output_with_error.jsonl', 'one-minute.jsonl.gz'],
      1e9,
    );
    const problems: SourceProblem[] = [];
    source.on('problem', (problem) => problems.push(problem));
    await source.start(sink);
    await sink.whenEnded();
    await source.stop();
    expectNonDecreasing(sink.pushed.map((entry) => entry.tweet.createdAt));
    expect(sink.pushed.length).toBe(100 + 7 + (await source.prepare()).scans[2]!.tweets);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'recordings/streaming_output_with_error.jsonl',
        line: 8,
        kind: 'rejected',
      }),
    ]);
    expect(source.status()).toMatchObject({ kind: 'replay', state: 'stopped', rejected: 1 });
    // The search recording runs backwards but was sorted before playing: nothing played late.
    expect(sink.warnings).toEqual([]);
  });

  it('plays as fast as possible at "max" without a clock, in order', async () => {
    const wall = new VirtualWall();
    const source = new ReplaySource({ dataDir, files: ['ten-minutes.jsonl.gz'], speed: 'max', wall });
    const sink = new RecordingSink(wall, null);
    let profiles = 0;
    source.on('profiles', (batch) => (profiles += batch.length));
    await source.start(sink);
    await sink.whenEnded();
    expect(sink.pushed.length).toBe(source.progress().total);
    // Retweeted, replied-to, quoted and mentioned users come with their tweets (includes.users).
    expect(profiles).toBeGreaterThan(sink.pushed.length / 4);
    expect(sink.pushed.every((entry) => entry.wall === 0)).toBe(true);
    expectNonDecreasing(sink.pushed.map((entry) => entry.time));
    expect(source.progress()).toMatchObject({
      position: sink.pushed.length,
      etaMs: 0,
      pass: 1,
      speed: 'max',
    });
    await source.stop();
  });

  it('pauses the replay clock, resumes where it was, and follows a speed change', async () => {
    const { source, sink, wall, clock } = timed(['ten-minutes.jsonl.gz'], 100);
    sink.onPush = () => {
      if (sink.pushed.length === 500) source.pause();
    };
    await source.start(sink);
    await waitForState(source, 'paused');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sink.pushed).toHaveLength(500);
    const frozen = clock.now();
    wall.time += 60_000; // a minute of wall time passes while paused
    expect(clock.now()).toBe(frozen);
    const progress = source.progress();
    expect(progress).toMatchObject({ position: 500, pass: 1, clockTime: frozen });
    const last = (await source.prepare()).lastTime!;
    expect(progress.etaMs).toBeCloseTo((last - frozen) / 100, 3);

    sink.onPush = () => {
      if (sink.pushed.length === 1000) source.setSpeed(10);
    };
    source.resume();
    await sink.whenEnded();
    await source.stop();
    const [a, b] = [sink.pushed[499]!, sink.pushed[500]!];
    // The pause added its wall time and nothing else: the next record came at its recording gap.
    expect(b.wall - a.wall).toBeCloseTo(60_000 + (b.time - a.time) / 100, 3);
    const [c, d] = [sink.pushed[1000]!, sink.pushed.at(-1)!];
    expect(d.wall - c.wall).toBeCloseTo((d.time - c.time) / 10, 3);
    expectNonDecreasing(sink.pushed.map((entry) => entry.time));
    // Streamed (its head is in order): the count is known once the first pass has read it all.
    expect(progress.total).toBeNull();
    expect(sink.pushed.length).toBe(source.progress().total);
  });

  it('loops with every pass shifted after the previous one, gaps kept, engine time never going back', async () => {
    const { source, sink } = timed(['one-minute.jsonl.gz'], 100, { loop: true, loopGapMs: 1000 });
    const total = (await source.prepare()).total;
    sink.onPush = () => {
      if (sink.pushed.length === 2 * total + 10) source.pause();
    };
    await source.start(sink);
    await waitForState(source, 'paused');
    await source.stop();
    const { pushed } = sink;
    expectNonDecreasing(pushed.map((entry) => entry.time));
    const first = pushed.slice(0, total);
    const second = pushed.slice(total, 2 * total);
    expect(second.map((entry) => entry.tweet.id)).toEqual(first.map((entry) => entry.tweet.id));
    expect(second[0]!.time).toBe(first.at(-1)!.time + 1000);
    const shift = second[0]!.time - first[0]!.time;
    expect(second.map((entry) => entry.time)).toEqual(first.map((entry) => entry.time + shift));
    // The tweet itself carries the shifted time, so the feed agrees with the engine clock.
    expect(second.every((entry) => entry.tweet.createdAt === entry.time)).toBe(true);
    expect(source.progress()).toMatchObject({ pass: 3, position: 10, loop: true });
  });

  it('restarts from the first record, continuing after the current clock time', async () => {
    const { source, sink, clock } = timed(['one-minute.jsonl.gz'], 100);
    let clockAtRestart = 0;
    sink.onPush = () => {
      if (sink.pushed.length === 200) {
        clockAtRestart = clock.now();
        source.restart();
      }
    };
    await source.start(sink);
    await sink.whenEnded();
    await source.stop();
    const total = source.progress().total!;
    expect(sink.pushed).toHaveLength(200 + total);
    const again = sink.pushed.slice(200);
    expect(again[0]!.tweet.id).toBe(sink.pushed[0]!.tweet.id);
    expect(again[0]!.time).toBe(clockAtRestart);
    expectNonDecreasing(sink.pushed.map((entry) => entry.time));
    expect(source.progress()).toMatchObject({ pass: 2, position: total });
  });

  it('emits its status (with progress) at most 4 times a second of wall time, plus state changes', async () => {
    const { source, sink } = timed(['ten-minutes.jsonl.gz'], 100);
    const events: ReplayProgress[] = [];
    source.on('status', (status) => events.push(status.replay!));
    await source.start(sink);
    await sink.whenEnded();
    await source.stop();
    // 6 s of (virtual) wall time: at most 24 throttled events, plus starting/running/ended/stopped.
    expect(events.length).toBeLessThanOrEqual(6 * 4 + 5);
    expect(events.length).toBeGreaterThan(10);
    expectNonDecreasing(events.map((event) => event.position));
    expect(events.at(-1)).toMatchObject({
      position: sink.pushed.length,
      total: sink.pushed.length,
      etaMs: 0,
    });
  });

  it('slows the replay clock under a rate limit so records stay on time, and restores the speed after', async () => {
    const { source, sink, clock } = timed(['one-minute.jsonl.gz'], 100);
    const total = (await source.prepare()).total;
    sink.onPush = () => {
      if (sink.pushed.length === 50) source.setRateLimit(5);
      if (sink.pushed.length === 400) source.setRateLimit(null);
    };
    await source.start(sink);
    await sink.whenEnded();
    await source.stop();
    expect(sink.pushed).toHaveLength(total);
    // The recording has about 10 tweets per second: a 5/s limit slows the clock to about 0.5x.
    const limited = sink.pushed.slice(150, 400);
    const wallSeconds = (limited.at(-1)!.wall - limited[0]!.wall) / 1000;
    expect(limited.length / wallSeconds).toBeLessThan(5 * 1.3);
    expect(limited.length / wallSeconds).toBeGreaterThan(5 * 0.7);
    // Every record is pushed when the clock reaches its time: none early, none late.
    for (const entry of sink.pushed) {
      expect(entry.clock!).toBeGreaterThanOrEqual(entry.time);
      expect(entry.clock! - entry.time).toBeLessThan(1);
    }
    // After the limit is lifted the rest follows the clock at 100x again.
    const [c, d] = [sink.pushed[420]!, sink.pushed.at(-1)!];
    expect(d.wall - c.wall).toBeCloseTo((d.time - c.time) / 100, 3);
    expect(clock.getSpeed()).toBe(100);
  });

  it('spaces records in wall time under a rate limit at "max"', async () => {
    const wall = new VirtualWall();
    const source = new ReplaySource({ dataDir, files: ['one-minute.jsonl.gz'], speed: 'max', wall });
    const sink = new RecordingSink(wall, null);
    source.setRateLimit(20);
    sink.onPush = () => {
      if (sink.pushed.length === 100) source.setRateLimit(null);
    };
    await source.start(sink);
    await sink.whenEnded();
    await source.stop();
    const limited = sink.pushed.slice(1, 100);
    for (let i = 1; i < limited.length; i++)
      expect(limited[i]!.wall - limited[i - 1]!.wall).toBeGreaterThanOrEqual(50 - 1e-6);
    const after = sink.pushed.slice(101);
    expect(after.every((entry) => entry.wall === after[0]!.wall)).toBe(true);
  });

  it('waits and retries when the engine refuses a push, losing nothing', async () => {
    const wall = new VirtualWall();
    const source = new ReplaySource({ dataDir, files: ['one-minute.jsonl.gz'], speed: 'max', wall });
    const sink = new RecordingSink(wall, null);
    sink.refuse = 5;
    await source.start(sink);
    await sink.whenEnded();
    await source.stop();
    expect(sink.refused).toBe(5);
    expect(sink.pushed).toHaveLength(source.progress().total!);
    expect(wall.time).toBeGreaterThan(0);
  });

  it('resumes from a checkpoint offset with the same records and times as an uninterrupted run', async () => {
    const files = ['one-minute.jsonl.gz'];
    const straight = new ReplaySource({ dataDir, files, speed: 'max', loop: true, wall: new VirtualWall() });
    const straightSink = new RecordingSink(new VirtualWall(), null);
    const total = (await straight.prepare()).total;
    straightSink.onPush = () => {
      if (straightSink.pushed.length === total + 300) straight.pause();
    };
    await straight.start(straightSink);
    await waitForState(straight, 'paused');
    await straight.stop();

    const first = new ReplaySource({ dataDir, files, speed: 'max', loop: true, wall: new VirtualWall() });
    const firstSink = new RecordingSink(new VirtualWall(), null);
    firstSink.onPush = () => {
      if (firstSink.pushed.length === total + 120) first.pause();
    };
    await first.start(firstSink);
    await waitForState(first, 'paused');
    const offset = first.offset();
    expect(offset).toMatchObject({ files, pass: 2, position: 120 });
    await first.stop();

    const second = new ReplaySource({ dataDir, files, speed: 'max', loop: true, wall: new VirtualWall() });
    second.restore(JSON.parse(JSON.stringify(offset)));
    const secondSink = new RecordingSink(new VirtualWall(), null);
    secondSink.onPush = () => {
      if (secondSink.pushed.length === 180) second.pause();
    };
    await second.start(secondSink);
    await waitForState(second, 'paused');
    await second.stop();
    const resumed = [...firstSink.pushed, ...secondSink.pushed].map((entry) => [entry.tweet.id, entry.time]);
    expect(resumed).toEqual(straightSink.pushed.map((entry) => [entry.tweet.id, entry.time]));
  });

  it('drops a tweet repeated after the checkpoint when resuming, as an uninterrupted run does', async () => {
    // The first 50 tweets again, 40 s later: their copies come long after the checkpoint.
    const messages = [...generateMessages({ minutes: 1, rate: 10, seed: 13, startMs: START })].map(
      (item) => item.message as { data: { created_at: string } },
    );
    const copies = messages.slice(0, 50).map((message) => {
      const copy = structuredClone(message);
      copy.data.created_at = new Date(Date.parse(message.data.created_at) + 40_000).toISOString();
      return copy;
    });
    const lines = [...messages, ...copies].map((message) => JSON.stringify(message));
    await writeFile(path.join(dataDir, 'repeats.jsonl'), lines.join('\n') + '\n');
    const files = ['repeats.jsonl'];

    const straight = new ReplaySource({ dataDir, files, speed: 'max', wall: new VirtualWall() });
    const straightSink = new RecordingSink(new VirtualWall(), null);
    await straight.start(straightSink);
    await straightSink.whenEnded();
    await straight.stop();
    expect(straightSink.pushed).toHaveLength(messages.length);

    const first = new ReplaySource({ dataDir, files, speed: 'max', wall: new VirtualWall() });
    const firstSink = new RecordingSink(new VirtualWall(), null);
    firstSink.onPush = () => {
      if (firstSink.pushed.length === 100) first.pause();
    };
    await first.start(firstSink);
    await waitForState(first, 'paused');
    const offset = first.offset();
    await first.stop();

    const second = new ReplaySource({ dataDir, files, speed: 'max', wall: new VirtualWall() });
    second.restore(JSON.parse(JSON.stringify(offset)));
    const secondSink = new RecordingSink(new VirtualWall(), null);
    await second.start(secondSink);
    await secondSink.whenEnded();
    await second.stop();
    const resumed = [...firstSink.pushed, ...secondSink.pushed].map((entry) => [entry.tweet.id, entry.time]);
    expect(resumed).toEqual(straightSink.pushed.map((entry) => [entry.tweet.id, entry.time]));
  });

  it('refuses a checkpoint offset from other files', () => {
    const source = new ReplaySource({ dataDir, files: ['one-minute.jsonl.gz'], speed: 'max' });
    expect(() => source.restore({ files: ['other.jsonl'], pass: 1, position: 3, shiftMs: 0 })).toThrow(
      ReplayOffsetError,
    );
    expect(() => source.restore('nonsense')).toThrow(/not a replay offset/);
  });

  it.each(['../outside.jsonl', '/etc/passwd', 'recordings/../../x.jsonl', 'a\0b.jsonl'])(
    'refuses %j outside the data directory before playing anything',
    async (name) => {
      const { source, sink } = timed([name], 10);
      await expect(source.prepare()).rejects.toBeInstanceOf(PathOutsideDataDirError);
      await expect(source.start(sink)).rejects.toBeInstanceOf(PathOutsideDataDirError);
      expect(source.state).toBe('error');
      expect(sink.pushed).toEqual([]);
    },
  );

  it('refuses a timed speed without a replay clock, a bad speed, and switching to max while playing', () => {
    expect(() => new ReplaySource({ dataDir, files: ['one-minute.jsonl.gz'], speed: 10 })).toThrow(
      ReplayConfigError,
    );
    expect(() => new ReplaySource({ dataDir, files: ['one-minute.jsonl.gz'], speed: 0 })).toThrow(
      /positive number/,
    );
    expect(() => new ReplaySource({ dataDir, files: [], speed: 'max' })).toThrow(/no files/);
    const { source } = timed(['one-minute.jsonl.gz'], 10);
    expect(() => source.setSpeed('max')).toThrow(/cannot switch/);
  });

  it('plays what a truncated gzip holds and warns the engine once', async () => {
    const lines = [...generateMessages({ minutes: 1, rate: 20, seed: 5, startMs: START })].map((item) =>
      JSON.stringify(item.message),
    );
    const whole = gzipSync(lines.join('\n') + '\n');
    await writeFile(path.join(dataDir, 'cut.jsonl.gz'), whole.subarray(0, Math.floor(whole.length * 0.7)));
    const wall = new VirtualWall();
    const source = new ReplaySource({ dataDir, files: ['cut.jsonl.gz'], speed: 'max', wall });
    const sink = new RecordingSink(wall, null);
    await source.start(sink);
    await sink.whenEnded();
    await source.stop();
    expect(sink.warnings).toHaveLength(1);
    expect(sink.warnings[0]).toMatch(/cut\.jsonl\.gz: the gzip stream ends early/);
    expect(sink.pushed.length).toBeGreaterThan(lines.length / 2);
    expect(sink.pushed.map((entry) => entry.tweet.id)).toEqual(
      lines
        .slice(0, sink.pushed.length)
        .map((line) => (JSON.parse(line) as { data: { id: string } }).data.id),
    );
  });

  it('plays a recording in order at once, and says when a tweet far in came after later ones', async () => {
    const lines = [...generateMessages({ minutes: 2, rate: 20, seed: 6, startMs: START })].map((item) =>
      JSON.stringify(item.message),
    );
    // The head (over a thousand tweets) is in order; one tweet of the first minute sits at the end.
    const [moved] = lines.splice(1200, 1);
    lines.push(moved!);
    await writeFile(path.join(dataDir, 'late.jsonl'), lines.join('\n') + '\n');
    const wall = new VirtualWall();
    const source = new ReplaySource({ dataDir, files: ['late.jsonl'], speed: 'max', wall, loop: true });
    const sink = new RecordingSink(wall, null);
    const totals: Array<number | null> = [];
    source.on('status', (status) => totals.push(status.replay?.total ?? null));
    sink.onPush = () => {
      if (sink.pushed.length === 2 * lines.length) void source.stop();
    };
    await source.start(sink);
    // Playing before the file was read through: its count was not known yet.
    expect(totals[0]).toBeNull();
    await waitForState(source, 'stopped');
    expect(source.progress().total).toBe(lines.length);
    expect(sink.warnings).toEqual([expect.stringMatching(/late\.jsonl: a tweet came after later ones/)]);
    expect(source.status().replay?.readErrors).toEqual(sink.warnings);
    const first = sink.pushed.slice(0, lines.length).map((entry) => entry.tweet.createdAt);
    const second = sink.pushed.slice(lines.length).map((entry) => entry.tweet.createdAt);
    // The first pass played the late tweet where it was; the second plays the file sorted.
    expect(first.at(-1)).toBeLessThan(first.at(-2)!);
    expectNonDecreasing(second);
  });

  it('resumes a later pass of a streamed file found out of order in its sorted order, as it played', async () => {
    const lines = [...generateMessages({ minutes: 2, rate: 20, seed: 7, startMs: START })].map((item) =>
      JSON.stringify(item.message),
    );
    // Well past the head a tweet from near the start: sorted, it plays 100th; streamed, 1500th.
    const [moved] = lines.splice(100, 1);
    lines.splice(1500, 0, moved!);
    await writeFile(path.join(dataDir, 'late-resume.jsonl'), lines.join('\n') + '\n');
    const files = ['late-resume.jsonl'];
    const n = lines.length;
    const run = async (pauseAt: number, offset?: unknown) => {
      const source = new ReplaySource({ dataDir, files, speed: 'max', loop: true, wall: new VirtualWall() });
      if (offset) source.restore(JSON.parse(JSON.stringify(offset)));
      const sink = new RecordingSink(new VirtualWall(), null);
      sink.onPush = () => {
        if (sink.pushed.length === pauseAt) source.pause();
      };
      await source.start(sink);
      await waitForState(source, 'paused');
      const at = source.offset();
      await source.stop();
      return { pushed: sink.pushed.map((entry) => [entry.tweet.id, entry.time]), offset: at };
    };
    const straight = await run(n + 300);
    const first = await run(n + 120);
    expect(first.offset).toMatchObject({ files, pass: 2, position: 120 });
    const second = await run(180, first.offset);
    expect([...first.pushed, ...second.pushed]).toEqual(straight.pushed);
  });
});
