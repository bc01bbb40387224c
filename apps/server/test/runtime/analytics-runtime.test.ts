// The runtime treats a replay and the live stream alike: the counts it reports are the source's own
// (each problem line counted once, none lost while a replay prepares) and stream profiles reach
// the profile store once each.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BatchMetrics, SourceStatus } from '@hashpulse/protocol';
import { decodeLine, scoreSentiment, type Profile } from '@hashpulse/tweets';
import { afterEach, describe, expect, it } from 'vitest';
import { startXApiServer, type XApiServer } from '../support/x-api/index.js';
import { loadServerConfig } from '../../src/config/server-config.js';
import { generateMessages } from '../../src/generate/index.js';
import { MemoryProfileStore } from '../../src/profiles/index.js';
import { AnalyticsRuntime } from '../../src/runtime/analytics-runtime.js';

/** A memory store that counts every profile written to it, by id. */
class CountingProfileStore extends MemoryProfileStore {
  readonly writes = new Map<string, number>();
  override async add(profiles: readonly Profile[]): Promise<void> {
    for (const profile of profiles) this.writes.set(profile.id, (this.writes.get(profile.id) ?? 0) + 1);
    await super.add(profiles);
  }
}

/** Generated tweets with malformed lines and notices among them, and what is true of them. */
function mixedStream() {
  const tweets = [
    ...generateMessages({ minutes: 1, rate: 2, seed: 9, startMs: Date.UTC(2024, 0, 1, 12) }),
  ].map((item) => JSON.stringify(item.message));
  const malformed = ['not json at all', '{"data": {"id": "1", "text": ', '[1, 2, 3]'];
  const notices = [
    JSON.stringify({ data: { delete: { status: { id: '5', user_id: '6' } } } }),
    JSON.stringify({ limit: { track: 12 } }),
  ];
  const lines = [...tweets];
  lines.splice(10, 0, malformed[0]!, notices[0]!);
  lines.splice(40, 0, malformed[1]!);
  lines.splice(70, 0, notices[1]!, malformed[2]!);
  // Every profile occurrence the stream carries (includes.users), each to be written once.
  const profiles = new Map<string, number>();
  const kinds = lines.map((line, i) => decodeLine(line, i + 1));
  for (const decoded of kinds) {
    if (decoded.kind !== 'tweets') continue;
    for (const profile of decoded.profiles) profiles.set(profile.id, (profiles.get(profile.id) ?? 0) + 1);
  }
  expect(kinds.filter((d) => d.kind === 'rejected')).toHaveLength(malformed.length);
  expect(kinds.filter((d) => d.kind === 'notice')).toHaveLength(notices.length);
  expect(profiles.size).toBeGreaterThan(10);
  return { lines, tweets: tweets.length, rejected: malformed.length, skipped: notices.length, profiles };
}

function waitFor<T>(
  runtime: AnalyticsRuntime,
  event: 'status' | 'metrics',
  accept: (payload: T) => boolean,
  what: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within 20 s`)), 20_000);
    const listener = (payload: T): void => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      runtime.events.off(event, listener as never);
      resolve(payload);
    };
    runtime.events.on(event, listener as never);
  });
}

/** Resolves once the job has processed batches holding `tweets` records in all. */
function allBatches(runtime: AnalyticsRuntime, tweets: number): Promise<void> {
  let seen = 0;
  return waitFor<BatchMetrics>(
    runtime,
    'metrics',
    (metrics) => (seen += metrics.records) >= tweets,
    `batches holding ${tweets} tweets`,
  ).then(() => undefined);
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function runtimeWith(env: Record<string, string>, store: CountingProfileStore, liveCa?: string) {
  const config = loadServerConfig(
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_FILES: '', STATE_DIR: 'off', ...env },
    os.tmpdir(),
    path.join(os.tmpdir(), 'no-web-dist'),
  );
  const runtime = new AnalyticsRuntime({
    config,
    profiles: store,
    version: 'test',
    ...(liveCa !== undefined ? { liveCa } : {}),
  });
  cleanups.push(() => runtime.close());
  return runtime;
}

/** Replays the stream at "max" through the runtime, until it ended and most batches ran. */
async function replayThroughRuntime(
  stream: ReturnType<typeof mixedStream>,
  env: Record<string, string> = {},
) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-runtime-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  await writeFile(path.join(dataDir, 'mixed.jsonl'), stream.lines.join('\n') + '\n');
  const store = new CountingProfileStore();
  const runtime = runtimeWith({ DATA_DIR: dataDir, ...env }, store);
  const ended = waitFor<SourceStatus>(runtime, 'status', (s) => s.state === 'ended', 'end of the replay');
  // On the manual clock the last batch stays open after the end; most of them are enough to
  // show that the job writes no profiles of its own.
  const processed = allBatches(runtime, Math.ceil(stream.tweets / 2));
  const started = await runtime.startReplay({ files: ['mixed.jsonl'], speed: 'max', loop: false });
  const last = await ended;
  await processed;
  return { runtime, store, started, last };
}

/** Streams the lines from the local X API through the runtime, until every batch ran. */
async function liveThroughRuntime(stream: ReturnType<typeof mixedStream>) {
  const xApi: XApiServer = await startXApiServer({ keepAliveMs: 60_000, messages: stream.lines });
  cleanups.push(() => xApi.close());
  const store = new CountingProfileStore();
  const runtime = runtimeWith(
    { X_BEARER_TOKEN: xApi.bearerToken, X_API_BASE_URL: xApi.url, BATCH_INTERVAL: '200ms', SLIDE: '1s' },
    store,
    xApi.caPem,
  );
  const processed = allBatches(runtime, stream.tweets);
  await runtime.startLive('filtered');
  await processed;
  // A few more batches: nothing is counted or written again.
  await allBatches(runtime, 0);
  await allBatches(runtime, 0);
  return { runtime, store };
}

describe('analytics runtime over any tweet source', () => {
  it('each source counts a rejected line exactly once: replay, including what it finds while preparing', async () => {
    const stream = mixedStream();
    const { runtime, started, last } = await replayThroughRuntime(stream);
    // Every problem line is found by the first pass, before the first tweet plays.
    expect(started).toMatchObject({ rejected: stream.rejected, skipped: stream.skipped });
    expect(last).toMatchObject({
      kind: 'replay',
      rejected: stream.rejected,
      skipped: stream.skipped,
      dropped: 0,
    });
    expect(runtime.snapshot().status).toMatchObject({ rejected: stream.rejected, skipped: stream.skipped });
  });

  it('each source counts a rejected line exactly once: live', async () => {
    const stream = mixedStream();
    const statuses: SourceStatus[] = [];
    const { runtime } = await liveThroughRuntime(stream);
    runtime.events.on('status', (status) => statuses.push(status));
    await allBatches(runtime, 0);
    const expected = { rejected: stream.rejected, skipped: stream.skipped, dropped: 0 };
    expect(runtime.snapshot().status).toMatchObject({ kind: 'live', ...expected });
    for (const status of statuses) expect(status).toMatchObject(expected);
  });

  it('labels sentiment with the scorer SENTIMENT names, and says which in the public config', async () => {
    for (const scorer of ['model', 'lexicon'] as const) {
      const { runtime } = await replayThroughRuntime(mixedStream(), { SENTIMENT: scorer });
      expect(runtime.publicConfig().sentiment).toBe(scorer);
      const { feed } = runtime.snapshot();
      expect(feed.length).toBeGreaterThan(0);
      for (const tweet of feed)
        expect(tweet.sentiment).toEqual(scoreSentiment(tweet.text, tweet.lang, scorer));
      // The other scorer would have labelled some of these tweets otherwise: the check tells them apart.
      const other = scorer === 'model' ? 'lexicon' : 'model';
      expect(feed.some((t) => scoreSentiment(t.text, t.lang, other).score !== t.sentiment.score)).toBe(true);
    }
  });

  it('stream profiles reach the profile store once each: replay', async () => {
    const stream = mixedStream();
    const { store } = await replayThroughRuntime(stream);
    expect(Object.fromEntries(store.writes)).toEqual(Object.fromEntries(stream.profiles));
  });

  it('stream profiles reach the profile store once each: live', async () => {
    const stream = mixedStream();
    const { store } = await liveThroughRuntime(stream);
    expect(Object.fromEntries(store.writes)).toEqual(Object.fromEntries(stream.profiles));
  });
});
