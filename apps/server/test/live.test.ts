import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceStatusSchema, StreamRuleSchema } from '@hashpulse/protocol';
import type { RunningHashpulse } from '../src/start.js';
import {
  connectClient,
  getJson,
  jsonOf,
  nextEvent,
  startTestServer,
  type TestClient,
} from './support/test-server.js';
import { startXApiServer, type XApiServer } from './support/x-api/index.js';

describe('the dashboard server on the live X API (local HTTPS test server)', () => {
  let xApi: XApiServer;
  let server: RunningHashpulse;
  let client: TestClient;
  const post = (route: string, body?: unknown) =>
    fetch(`${server.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });

  beforeAll(async () => {
    xApi = await startXApiServer({ keepAliveMs: 500 });
    server = await startTestServer(
      {
        X_BEARER_TOKEN: xApi.bearerToken,
        X_API_BASE_URL: xApi.url,
        DEMO_FILES: '',
        BATCH_INTERVAL: '500ms',
        SLIDE: '1s',
      },
      { liveCa: xApi.caPem },
    );
    client = connectClient(server.url);
    await nextEvent(client, 'snapshot');
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
    await xApi?.close();
  });

  it('says the live source is available and nothing plays without a demo file', async () => {
    const config = await getJson(`${server.url}/api/config`);
    expect(config.liveAvailable).toBe(true);
    const snapshot = await getJson(`${server.url}/api/snapshot`);
    expect(snapshot.status.kind).toBe('none');
  });

  it('adds, lists and deletes filtered-stream rules through the real client', async () => {
    const created = await post('/api/live/rules', { value: '#brexit lang:en', tag: 'brexit' });
    expect(created.status).toBe(201);
    const rule = StreamRuleSchema.parse(await jsonOf(created));
    expect(rule).toMatchObject({ value: '#brexit lang:en', tag: 'brexit' });
    const listed = (await getJson(`${server.url}/api/live/rules`)) as Array<{ id: string }>;
    expect(listed.map((r) => r.id)).toContain(rule.id);
    expect((await fetch(`${server.url}/api/live/rules/${rule.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(xApi.control.rules().map((r) => r.id)).not.toContain(rule.id);
  });

  it('refuses an empty rule before calling the X API', async () => {
    const before = xApi.control.requests().length;
    const response = await post('/api/live/rules', { value: '   ' });
    expect(response.status).toBe(400);
    expect(xApi.control.requests().length).toBe(before);
  });

  it('streams live tweets into windows and the feed, with status changes', async () => {
    // Every listener is on before the start: the stream's messages come at once, and their feed can
    // arrive in the same socket read as the status (a CI run waited 20 s for a feed already gone).
    const connected = nextEvent(client, 'status', (s) => s.kind === 'live' && s.state === 'connected');
    const fed = nextEvent(client, 'tweets', (tweets) => tweets.length > 0);
    const updated = nextEvent(client, 'window', (w) => w.tweets > 0);
    const response = await post('/api/live/start', { stream: 'filtered' });
    expect(response.status).toBe(200);
    SourceStatusSchema.parse(await connected);
    const feed = await fed;
    expect(feed[0]!.text.length).toBeGreaterThan(0);
    const update = await updated;
    expect(update.end - update.start).toBe(60_000);
    expect(xApi.control.stats().maxConcurrent).toBe(1);
  });

  it('stops the live source on request and closes its connection', async () => {
    const status = await jsonOf(await post('/api/live/stop'));
    expect(status.state).toBe('stopped');
    await xApi.control.waitFor(() => xApi.control.stats().open === 0, 5000, 'the stream connection to close');
  });
});
