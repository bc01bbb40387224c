import { SourceStatusSchema, type SourceStatus } from '@hashpulse/protocol';
import type { Profile, Tweet } from '@hashpulse/tweets';
import { afterEach, describe, expect, it } from 'vitest';
import {
  collectingSink,
  fastClock,
  recordedStreamMessages,
  startXApiServer,
  type CollectingSink,
  type XApiServer,
  type XApiServerOptions,
} from '../support/x-api/index.js';
import type { SourceProblem } from '../../src/sources/tweet-source.js';
import { systemLiveClock, type LiveClock } from '../../src/sources/live/live-clock.js';
import { LiveSource, type LiveSourceOptions } from '../../src/sources/live/live-source.js';

const messages = recordedStreamMessages();
const ids = (from: number, to: number): string[] =>
  messages.slice(from, to).map((message) => message.data.id);

interface Harness {
  server: XApiServer;
  source: LiveSource;
  sink: CollectingSink<Tweet>;
  statuses: SourceStatus[];
  profiles: Profile[];
  lines: string[];
  pushedIds: () => string[];
  status: () => SourceStatus;
}

let running: Harness | undefined;

afterEach(async () => {
  if (!running) return;
  const { source, server, statuses } = running;
  running = undefined;
  await source.stop();
  await server.close();
  // Every status the source reported is one the dashboard accepts.
  for (const status of [...statuses, source.status()]) {
    expect(SourceStatusSchema.safeParse(status).error).toBeUndefined();
  }
});

async function harness(
  options: { server?: XApiServerOptions; source?: Partial<LiveSourceOptions>; clock?: LiveClock } = {},
): Promise<Harness> {
  const server = await startXApiServer({ keepAliveMs: 60_000, ...options.server });
  const source = new LiveSource({
    stream: 'filtered',
    bearerToken: server.bearerToken,
    baseUrl: server.url,
    ca: server.caPem,
    clock: options.clock ?? fastClock(),
    ...options.source,
  });
  const sink = collectingSink<Tweet>();
  const statuses: SourceStatus[] = [];
  const profiles: Profile[] = [];
  const lines: string[] = [];
  source.on('status', (status) => statuses.push(status));
  source.on('profiles', (batch) => profiles.push(...batch));
  source.on('message', (line) => lines.push(line));
  running = {
    server,
    source,
    sink,
    statuses,
    profiles,
    lines,
    pushedIds: () => sink.records.map((record) => record.value.id),
    status: () => source.status(),
  };
  return running;
}

const stream = (
  from: number,
  to: number,
  after: 'hold' | 'drop' | 'stall' | 'end' | 'operational-disconnect',
) => ({ kind: 'stream', messages: messages.slice(from, to), after }) as const;

describe('live source on the local X API', () => {
  it('pushes the tweets of the filtered stream and their authors, asking for the fields the analytics need', async () => {
    const h = await harness();
    h.server.control.plan(stream(0, 20, 'hold'));
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 20, 10_000, '20 tweets');

    expect(h.pushedIds()).toEqual(ids(0, 20));
    const first = h.sink.records[0]!.value;
    expect(first.createdAt).toBe(Date.parse('2021-04-01T15:52:31.000Z'));
    expect(first.authorId).toBe('4602771083');
    expect(h.sink.records.every((record) => record.time === undefined)).toBe(true);
    expect(h.profiles.map((profile) => profile.id)).toContain('4602771083');
    expect(h.status().state).toBe('connected');

    const request = h.server.control.requests().find((r) => r.path === '/2/tweets/search/stream')!;
    expect(request.authorization).toBe(`Bearer ${h.server.bearerToken}`);
    expect(request.query['tweet.fields']!.split(',')).toEqual(
      expect.arrayContaining(['created_at', 'lang', 'entities', 'referenced_tweets', 'author_id']),
    );
    expect(request.query['user.fields']!.split(',')).toEqual(
      expect.arrayContaining(['username', 'name', 'verified', 'public_metrics', 'created_at', 'location']),
    );
    expect(request.query.expansions!.split(',')).toEqual(['author_id', 'referenced_tweets.id']);
  });

  it('reads the sample stream when asked to, with backfill after a gap', async () => {
    const h = await harness({ source: { stream: 'sample', backfillMinutes: 2 } });
    h.server.control.plan(stream(0, 5, 'hold'));
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 5, 10_000, '5 tweets');
    expect(h.server.control.requests().map((r) => r.path)).toEqual(['/2/tweets/sample/stream']);
    expect(h.server.control.requests()[0]?.query.backfill_minutes).toBe('2');
    expect(h.status().live?.stream).toBe('sample');
  });

  it('pushes tweets at their created_at time when asked to', async () => {
    const h = await harness({ source: { eventTime: 'created-at' } });
    h.server.control.plan(stream(0, 3, 'hold'));
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 3, 10_000, '3 tweets');
    expect(h.sink.records.map((record) => record.time)).toEqual(h.sink.records.map((r) => r.value.createdAt));
  });

  it('retries network errors at once, then 250 ms more per try, up to 16 s', async () => {
    const clock = fastClock();
    const h = await harness({ clock });
    h.server.control.plan(
      ...Array.from({ length: 67 }, () => ({ kind: 'reset' }) as const),
      stream(0, 3, 'hold'),
    );
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 3, 30_000, 'tweets after 67 resets');

    const expected = Array.from({ length: 67 }, (_, i) => Math.min(i * 250, 16_000));
    expect(clock.delays).toEqual(expected);
    // Literal waits too, so the test does not only repeat the formula it checks.
    expect(clock.delays.slice(0, 4)).toEqual([0, 250, 500, 750]);
    expect(clock.delays.slice(-3)).toEqual([16_000, 16_000, 16_000]);
    expect(h.server.control.stats()).toEqual({ open: 1, maxConcurrent: 1, total: 68 });
    const reconnects = h.statuses.filter((s) => s.state === 'reconnecting');
    expect(reconnects.map((s) => s.live?.reconnectAttempt)).toEqual(
      Array.from({ length: 67 }, (_, i) => i + 1),
    );
    expect(reconnects[1]?.message).toMatch(/connection failed .*reconnect attempt 2 in 250 ms/);
    expect(h.status().live?.reconnectAttempt).toBe(0);
  });

  it('retries HTTP errors from 5 s, doubling, up to 320 s', async () => {
    const clock = fastClock();
    const h = await harness({ clock });
    h.server.control.plan(
      ...Array.from(
        { length: 9 },
        (_, i) => ({ kind: 'http-error', status: i % 2 === 0 ? 503 : 500 }) as const,
      ),
      stream(0, 3, 'hold'),
    );
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 3, 10_000, 'tweets after 9 HTTP errors');
    expect(clock.delays).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 320_000, 320_000]);
    expect(h.statuses.find((s) => s.state === 'reconnecting')?.message).toMatch(
      /HTTP 503: Service Unavailable/,
    );
    expect(h.server.control.stats().maxConcurrent).toBe(1);
  });

  it('waits out a 429 from a minute, doubling, and reports when X says the limit resets', async () => {
    const now = Date.parse('2025-01-01T12:00:00.000Z');
    const clock = fastClock(() => now);
    const h = await harness({ clock });
    h.server.control.plan(
      { kind: 'http-error', status: 429, rateLimitResetAt: now + 30_000 },
      { kind: 'http-error', status: 429, rateLimitResetAt: now + 30_000 },
      { kind: 'http-error', status: 429, rateLimitResetAt: now + 500_000 },
      stream(0, 3, 'hold'),
    );
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 3, 10_000, 'tweets after three 429s');

    expect(clock.delays).toEqual([60_000, 120_000, 500_000]);
    const limited = h.statuses.filter((s) => s.state === 'rate-limited');
    expect(limited.map((s) => s.live?.rateLimitResetAt)).toEqual([now + 30_000, now + 30_000, now + 500_000]);
    expect(limited.map((s) => s.live?.nextRetryAt)).toEqual([now + 60_000, now + 120_000, now + 500_000]);
    expect(limited[0]?.message).toMatch(/HTTP 429.*limit resets at 2025-01-01T12:00:30.000Z/);
    expect(h.status().state).toBe('connected');
  });

  it('reconnects at once after a healthy connection drops, and backs off while connections die empty', async () => {
    const clock = fastClock();
    const h = await harness({ clock });
    h.server.control.plan(
      stream(0, 5, 'drop'),
      stream(5, 10, 'end'),
      stream(10, 10, 'drop'),
      stream(10, 10, 'drop'),
      stream(10, 15, 'hold'),
    );
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 15, 10_000, '15 tweets');
    expect(clock.delays).toEqual([0, 0, 250, 500]);
    expect(h.pushedIds()).toEqual(ids(0, 15));
    expect(h.server.control.stats().maxConcurrent).toBe(1);
  });

  it('drops the half message a broken connection leaves behind, without counting it as malformed', async () => {
    const h = await harness();
    h.server.control.plan(
      { ...stream(0, 5, 'drop'), partial: JSON.stringify(messages[5]).slice(0, 300) },
      stream(5, 10, 'hold'),
    );
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 10, 10_000, '10 tweets');
    expect(h.pushedIds()).toEqual(ids(0, 10));
    expect(h.status().rejected).toBe(0);
    expect(h.sink.warnings.some((w) => w.includes('rejected'))).toBe(false);
  });

  it('skips a message over the size limit in bounded memory, counts it as rejected once and stays connected', async () => {
    const h = await harness({ source: { maxMessageBytes: 20_000 } });
    const problems: SourceProblem[] = [];
    h.source.on('problem', (problem) => problems.push(problem));
    const oversized = JSON.stringify({ data: { id: '9', text: 'x'.repeat(100_000) } });
    h.server.control.plan({
      kind: 'stream',
      messages: [...messages.slice(0, 3), oversized, 'not json', ...messages.slice(3, 6)],
      after: 'hold',
    });
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 6, 10_000, '6 tweets');
    expect(h.pushedIds()).toEqual(ids(0, 6));
    expect(problems).toEqual([
      { file: null, line: 4, kind: 'rejected', message: 'message longer than 20000 bytes, skipped' },
      expect.objectContaining({ file: null, line: 5, kind: 'rejected' }),
    ]);
    expect(h.source.counts()).toEqual({ rejected: 2, skipped: 0, dropped: 0 });
    expect(h.server.control.stats().total).toBe(1);
  });

  it('detects a stalled connection and reconnects', async () => {
    const clock = fastClock();
    const h = await harness({ clock, source: { stallTimeoutMs: 300 } });
    h.server.control.plan(stream(0, 5, 'stall'), { kind: 'no-response' }, stream(5, 10, 'hold'));
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 10, 10_000, 'tweets after two stalls');

    const stalled = h.statuses.filter((s) => s.state === 'stalled');
    expect(stalled).toHaveLength(2);
    expect(stalled[0]?.message).toBe('stream stalled: no data or keep-alive for 300 ms');
    expect(clock.delays).toEqual([0, 250]);
    expect(h.pushedIds()).toEqual(ids(0, 10));
    expect(h.server.control.stats()).toEqual({ open: 1, maxConcurrent: 1, total: 3 });
  });

  it('keeps a quiet connection that sends keep-alives', async () => {
    const h = await harness({ server: { keepAliveMs: 20 }, source: { stallTimeoutMs: 1_000 } });
    h.server.control.plan(stream(0, 1, 'hold'));
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 1, 10_000, 'one tweet');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(h.statuses.some((s) => s.state === 'stalled')).toBe(false);
    expect(h.server.control.stats().total).toBe(1);
  });

  it('drops tweets it has already seen when the stream repeats them after a reconnect', async () => {
    const h = await harness();
    h.server.control.plan(stream(0, 10, 'drop'), stream(5, 15, 'hold'));
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.status().live?.duplicatesDropped === 5, 10_000, '5 duplicates');
    await h.server.control.waitFor(() => h.sink.records.length >= 15, 10_000, '15 tweets');
    expect(h.pushedIds()).toEqual(ids(0, 15));
    expect(h.lines.map((line) => (JSON.parse(line) as { data: { id: string } }).data.id)).toEqual(ids(0, 15));
  });

  it('reports an operational disconnect and reconnects', async () => {
    const clock = fastClock();
    const h = await harness({ clock });
    h.server.control.plan(stream(0, 5, 'operational-disconnect'), stream(5, 10, 'hold'));
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.sink.records.length === 10, 10_000, '10 tweets');
    const report = h.statuses.find((s) => s.state === 'reconnecting');
    expect(report?.message).toMatch(
      /^X disconnected the stream \(operational-disconnect: This stream has been disconnected for operational reasons\.\)/,
    );
    expect(h.sink.warnings.some((w) => w.includes('operational-disconnect'))).toBe(true);
    expect(clock.delays).toEqual([0]);
    expect(h.status().skipped).toBe(1);
  });

  it('reports a refused bearer token as a status, stops trying and does not crash', async () => {
    const h = await harness({ source: { bearerToken: 'not-the-token' } });
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.status().state === 'error', 10_000, 'the error status');
    expect(h.status().message).toMatch(/HTTP 401.*check X_BEARER_TOKEN/);
    expect(h.sink.warnings.some((w) => /check X_BEARER_TOKEN/.test(w))).toBe(true);
    expect(h.sink.failures).toEqual([]);
    await h.source.stop();
    expect(h.server.control.stats().total).toBe(1);
    expect(h.status().state).toBe('error');
  });

  it('stops for good when X forbids the stream to the app (403)', async () => {
    const h = await harness();
    h.server.control.plan({ kind: 'http-error', status: 403 });
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.status().state === 'error', 10_000, 'the error status');
    expect(h.status().message).toMatch(/HTTP 403.*access level/);
    await h.source.stop();
    expect(h.server.control.stats().total).toBe(1);
  });

  it('never holds two connections, even when stopped and started again at once', async () => {
    const h = await harness({
      server: { defaultPlan: { kind: 'stream', messages: messages.slice(0, 2), after: 'hold' } },
    });
    for (let round = 1; round <= 5; round++) {
      h.source.start(h.sink);
      await h.server.control.waitFor(() => h.status().state === 'connected', 10_000, `connection ${round}`);
      await h.source.stop();
    }
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.status().state === 'connected', 10_000, 'last connection');
    expect(h.server.control.stats().maxConcurrent).toBe(1);
    expect(h.statuses.some((s) => s.state === 'rate-limited')).toBe(false);
    expect(h.pushedIds()).toEqual(ids(0, 2));
  });

  it('stops promptly while waiting to reconnect', async () => {
    const h = await harness({ clock: systemLiveClock });
    h.server.control.plan({ kind: 'http-error', status: 503 });
    h.source.start(h.sink);
    await h.server.control.waitFor(() => h.status().state === 'reconnecting', 10_000, 'the reconnect wait');
    expect(h.status().live?.nextRetryAt).toBeGreaterThan(Date.now() + 1_000);
    await h.source.stop();
    expect(h.status().state).toBe('stopped');
    expect(h.server.control.stats().total).toBe(1);
  });
});
