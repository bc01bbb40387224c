import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BatchMetricsSchema,
  FeedTweetSchema,
  HashtagDetailSchema,
  PublicConfigSchema,
  SnapshotSchema,
  WindowUpdateSchema,
} from '@hashpulse/protocol';
import { hashtagKey } from '@hashpulse/tweets';
import type { RunningHashpulse } from '../src/start.js';
import {
  connectClient,
  getJson,
  jsonOf,
  nextEvent,
  nextEvents,
  startTestServer,
  type TestClient,
} from './support/test-server.js';

describe('the dashboard server on the bundled demo', () => {
  let server: RunningHashpulse;
  const clients: TestClient[] = [];
  const open = () => {
    const client = connectClient(server.url);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server.close();
  });

  it('answers health and serves the dashboard with a same-origin CSP', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('gives a new client the full state at once, then a window per slide and metrics per batch', async () => {
    const client = open();
    const snapshot = SnapshotSchema.parse(await nextEvent(client, 'snapshot'));
    expect(snapshot.config.window).toEqual({ batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 });
    expect(snapshot.status.kind).toBe('replay');
    const update = WindowUpdateSchema.parse(await nextEvent(client, 'window', (w) => w.tweets > 0));
    expect(update.end - update.start).toBe(60_000);
    expect(update.end % 5000).toBe(0);
    expect(update.hashtags.length).toBeGreaterThan(0);
    expect(update.join.matched).toBeGreaterThan(0);
    // Each hashtag carries its count key next to its spelling, so the client never folds a tag.
    for (const { tag, key } of [...update.hashtags, ...update.hashtagSentiment])
      expect(key).toBe(hashtagKey(tag));
    const feed = await nextEvent(client, 'tweets', (tweets) => tweets.some((t) => t.hashtags.length > 0));
    for (const { tag, key } of FeedTweetSchema.array()
      .parse(feed)
      .flatMap((t) => t.hashtags)) {
      expect(key).toBe(hashtagKey(tag));
    }
    BatchMetricsSchema.parse(await nextEvent(client, 'metrics'));
    const fresh = SnapshotSchema.parse(await getJson(`${server.url}/api/snapshot`));
    expect(fresh.windows.length).toBeGreaterThan(0);
  });

  it('shows two clients the same window updates', async () => {
    const [a, b] = [open(), open()];
    const [, snapshotOfB] = await Promise.all([nextEvent(a, 'snapshot'), nextEvent(b, 'snapshot')]);
    // b listens from before a's first window, so b's copy cannot slip past between two awaits. A
    // window published before b was greeted reaches b inside its snapshot instead.
    const seenByB: unknown[] = [...snapshotOfB.windows];
    b.on('window', (w) => seenByB.push(w));
    const first = await nextEvent(a, 'window');
    await vi.waitFor(() => expect(seenByB).toContainEqual(first), { timeout: 20_000, interval: 50 });
  });

  it('applies a new window to every client from the next slide on', async () => {
    const client = open();
    await nextEvent(client, 'snapshot');
    const response = await fetch(`${server.url}/api/window`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ batchInterval: '1s', windowLength: '2m', slide: '10s' }),
    });
    expect(response.status).toBe(200);
    expect(PublicConfigSchema.parse(await jsonOf(response)).window.windowLengthMs).toBe(120_000);
    const update = await nextEvent(client, 'window', (w) => w.config.windowLengthMs === 120_000);
    expect(update.end - update.start).toBe(120_000);
    expect(update.end % 10_000).toBe(0);
    // The snapshot a new tab gets shows the new window too (window equality with a recount
    // after reconfiguration is proven in the engine's own tests).
    const windows = (await getJson(`${server.url}/api/snapshot`)).windows as Array<{
      tweets: number;
      config: { windowLengthMs: number };
    }>;
    expect(windows.at(-1)?.config.windowLengthMs).toBe(120_000);
  });

  it('changes the batch interval at the next batch boundary, without a restart', async () => {
    const client = open();
    await nextEvent(client, 'snapshot');
    const response = await fetch(`${server.url}/api/window`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ batchInterval: '2s', windowLength: '1m', slide: '10s' }),
    });
    expect(response.status).toBe(200);
    const update = await nextEvent(client, 'window', (w) => w.config.batchIntervalMs === 2000);
    expect(update.config).toEqual({ batchIntervalMs: 2000, windowLengthMs: 60_000, slideMs: 10_000 });
    const [first, second] = await nextEvents(client, 'metrics', 2, (m) => m.batchTime > update.end);
    expect(second!.batchTime - first!.batchTime).toBe(2000);
  });

  it('refuses an invalid window with the rule it breaks and changes nothing', async () => {
    const before = await getJson(`${server.url}/api/config`);
    const response = await fetch(`${server.url}/api/window`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ batchInterval: '10s', windowLength: '45s', slide: '10s' }),
    });
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body.details).toContain('window length 45s must be a multiple of the batch interval 10s');
    expect(await getJson(`${server.url}/api/config`)).toEqual(before);
  });

  it('refuses malformed bodies with a 400 that names the field', async () => {
    const response = await fetch(`${server.url}/api/replay/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: 'demo/tweets.jsonl.gz', speed: -3 }),
    });
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body.details.join(' ')).toMatch(/files/);
  });

  it('never opens a path outside the data directory', async () => {
    for (const file of ['../package.json', '/etc/passwd', 'demo/../../package.json']) {
      const response = await fetch(`${server.url}/api/replay/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ files: [file], speed: 10 }),
      });
      expect(response.status).toBe(400);
      expect((await jsonOf(response)).message).toMatch(/data directory/i);
    }
    const snapshot = await getJson(`${server.url}/api/snapshot`);
    expect(snapshot.status.replay.files).toEqual(['demo/tweets.jsonl.gz']);
  });

  it('lists the data directory, telling tweet recordings from profile files', async () => {
    const files = (await getJson(`${server.url}/api/replay/files`)) as Array<{ name: string; kind: string }>;
    expect(files).toContainEqual(expect.objectContaining({ name: 'demo/tweets.jsonl.gz', kind: 'tweets' }));
    expect(files).toContainEqual(expect.objectContaining({ name: 'demo/users.jsonl', kind: 'profiles' }));
  });

  it('refuses to replay a profiles file, saying what it is', async () => {
    const response = await fetch(`${server.url}/api/replay/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: ['demo/users.jsonl'], speed: 10 }),
    });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).message).toMatch(
      /^demo\/users\.jsonl holds 2,762 user profiles, not tweets: /,
    );
    expect((await getJson(`${server.url}/api/snapshot`)).status.replay.files).toEqual([
      'demo/tweets.jsonl.gz',
    ]);
  });

  it('pauses, resumes and restarts the replay', async () => {
    const post = async (action: string) =>
      (
        await fetch(`${server.url}/api/replay/${action}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).json() as Promise<{
        state: string;
        replay: { pass: number; position: number };
      }>;
    expect((await post('pause')).state).toBe('paused');
    expect((await post('resume')).state).toBe('running');
    const restarted = await post('restart');
    expect(restarted.state).toBe('running');
  });

  it('drills down into a hashtag over recent windows', async () => {
    const client = open();
    const latest = await nextEvent(client, 'window', (w) => w.hashtags.length > 0);
    const top = latest.hashtags[0]!;
    const detail = HashtagDetailSchema.parse(
      await getJson(`${server.url}/api/hashtags/${encodeURIComponent(top.key)}`),
    );
    expect(detail).toMatchObject({ tag: top.tag, key: top.key });
    // One point per retained window, oldest first (a newer window may have arrived meanwhile).
    const ends = detail.points.map((point) => point.end);
    expect(ends).toEqual([...ends].sort((a, b) => a - b));
    expect(ends).toContain(latest.end);
    const point = detail.points.find((p) => p.end === latest.end);
    expect(point?.count).toBe(latest.hashtags[0]!.count);
  });

  it('exposes engine figures in Prometheus format', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^hashpulse_batches_total \d+/m);
    expect(text).toMatch(/^hashpulse_connected_clients \d+/m);
    // What each history tier retains: per-batch partials, minute and hour roll-ups.
    expect(text).toMatch(/^hashpulse_history_partials\{tier="0",resolution="batch",retention="1h"\} \d+/m);
    expect(text).toMatch(/^hashpulse_history_keys\{tier="1",resolution="1m",retention="1d"\} \d+/m);
    expect(text).toMatch(/^hashpulse_history_partials\{tier="2",resolution="1h",retention="30d"\} \d+/m);
  });

  it('takes windows past an hour from the roll-up tiers, in whole buckets', async () => {
    const client = open();
    const put = (windowLength: string, slide: string) =>
      fetch(`${server.url}/api/window`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ batchInterval: '1s', windowLength, slide }),
      });
    // Two hours per minute: from the minute roll-ups, so the window reaches back before it was set.
    expect((await put('2h', '1m')).status).toBe(200);
    const update = await nextEvent(client, 'window', (w) => w.config.windowLengthMs === 7_200_000);
    expect(update.end % 60_000).toBe(0);
    expect(update.start).toBe(update.end - 7_200_000);
    expect(update.tweets).toBeGreaterThan(0);
    // Seven days per hour is accepted; per five minutes it is not (hours are the unit past a day).
    expect((await put('7d', '1h')).status).toBe(200);
    const refused = await put('7d', '5m');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('slide 5m must be a multiple of 1h');
    expect((await put('30s', '5s')).status).toBe(200);
  });
});

describe('the server with ADMIN_TOKEN', () => {
  let server: RunningHashpulse;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_TOKEN: 'secret-token-for-tests' });
  });
  afterAll(async () => {
    await server.close();
  });

  const putWindow = (headers: Record<string, string>) =>
    fetch(`${server.url}/api/window`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ batchInterval: '1s', windowLength: '30s', slide: '5s' }),
    });

  it('keeps viewers read-only', async () => {
    expect((await putWindow({})).status).toBe(401);
    expect((await putWindow({ authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await fetch(`${server.url}/api/replay/pause`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${server.url}/api/snapshot`)).status).toBe(200);
    const config = await getJson(`${server.url}/api/config`);
    expect(config.adminRequired).toBe(true);
    expect(config.window.windowLengthMs).toBe(60_000);
    expect(config.sentiment).toBe('model');
  });

  it('rate-limits control routes, so the token cannot be guessed by brute force', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) {
      const response = await fetch(`${server.url}/api/replay/pause`, {
        method: 'POST',
        headers: { authorization: `Bearer guess-${i}` },
      });
      statuses.push(response.status);
    }
    // 60 control requests a minute per client (one of them may have been used by an earlier test).
    const firstLimited = statuses.indexOf(429);
    expect(firstLimited).toBeGreaterThanOrEqual(58);
    expect(statuses.slice(0, firstLimited).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(firstLimited).every((status) => status === 429)).toBe(true);
    // Viewers' read-only routes are not limited by it.
    expect((await fetch(`${server.url}/api/snapshot`)).status).toBe(200);
  });

  it('never locks the admin out, however many wrong tokens come from the same address', async () => {
    for (let i = 0; i < 70; i++) {
      await fetch(`${server.url}/api/replay/resume`, {
        method: 'POST',
        headers: { authorization: `Bearer flood-${i}`, 'content-type': 'application/json' },
        body: '{}',
      });
    }
    const refused = await fetch(`${server.url}/api/replay/resume`, {
      method: 'POST',
      headers: { authorization: 'Bearer one-more-guess', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(429);
    expect(await jsonOf(refused)).toMatchObject({
      code: 'HP_ERR_SERVER_RATE_LIMITED',
      error: 'RateLimitedError',
    });
    const admin = await fetch(`${server.url}/api/replay/resume`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-token-for-tests', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(admin.status).toBe(200);
    // The scheme is case-insensitive.
    expect((await putWindow({ authorization: 'bearer secret-token-for-tests' })).status).toBe(200);
  });

  it('lets the admin change the configuration', async () => {
    const response = await putWindow({ authorization: 'Bearer secret-token-for-tests' });
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).window.windowLengthMs).toBe(30_000);
  });
});

describe('server shutdown', () => {
  it('closes promptly while a dashboard is connected', async () => {
    const server = await startTestServer();
    const client = connectClient(server.url);
    await nextEvent(client, 'snapshot');
    const disconnected = new Promise<string>((resolve) =>
      client.on('disconnect', (reason) => resolve(reason)),
    );
    // Without ending the sockets first, close() waits for the browser to leave.
    await server.close();
    expect(await disconnected).toBe('io server disconnect');
    client.close();
  });
});
