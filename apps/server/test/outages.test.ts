// Outages of the services behind a running server: PostgreSQL (profiles) and Redis (broadcasts)
// go down mid-run and come back. The session must run on, degraded and saying so (status,
// /metrics, one log line), and recover by itself. Each service is a private one the test starts.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceStatus } from '@hashpulse/protocol';
import { importProfiles, PostgresProfileStore } from '../src/profiles/index.js';
import type { RuntimeLog } from '../src/runtime/dashboard-runtime.js';
import type { RunningHashpulse } from '../src/start.js';
import {
  startPrivatePostgres,
  startPrivateRedis,
  type PrivatePostgres,
  type PrivateRedis,
} from './support/private-services.js';
import {
  REPO_ROOT,
  connectClient,
  nextEvent,
  startTestServer,
  type TestClient,
} from './support/test-server.js';

// Short windows, so a window soon holds only tweets from after a change.
const WINDOW = { BATCH_INTERVAL: '1s', WINDOW_LENGTH: '2s', SLIDE: '1s' };
const running = (status: SourceStatus) => status.state === 'running';

async function metricsText(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

describe('PostgreSQL stopped and restarted mid-run', () => {
  let postgres: PrivatePostgres;
  let server: RunningHashpulse;
  let client: TestClient;
  const logs: RuntimeLog[] = [];

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const store = await PostgresProfileStore.open(postgres.url);
    await importProfiles(path.join(REPO_ROOT, 'data/demo/users.jsonl'), store);
    await store.close();
    server = await startTestServer({ DATABASE_URL: postgres.url, REPLAY_SPEED: '20', ...WINDOW });
    server.runtime.events.on('log', (entry) => logs.push(entry));
  }, 60_000);
  afterAll(async () => {
    client?.close();
    await server?.close();
    await postgres?.destroy();
  });

  it('ends with the session running and joins resumed', async () => {
    client = connectClient(server.url);
    await nextEvent(client, 'window', (w) => w.join.matched > 0);

    const outage = nextEvent(client, 'status', (s) => s.services?.profiles?.state === 'unavailable');
    await postgres.stop();
    const down = await outage;
    expect(down.services!.profiles!.message).toBe('profiles unavailable, retrying');
    expect(down.state).not.toMatch(/stopped|error/);
    // Tweets flow on without profiles, and are counted as such.
    await nextEvent(client, 'window', (w) => w.tweets > 0 && w.join.matched === 0);
    const counted = await nextEvent(client, 'status', (s) => (s.services?.unjoined ?? 0) > 0);
    expect(running(counted)).toBe(true);
    const duringOutage = await metricsText(server.url);
    expect(duringOutage).toMatch(/hashpulse_service_up\{service="profiles"\} 0/);
    expect(Number(/hashpulse_unjoined_tweets_total (\d+)/.exec(duringOutage)?.[1])).toBeGreaterThan(0);

    const recovery = nextEvent(client, 'status', (s) => s.services?.profiles?.state === 'ok', 60_000);
    await postgres.start();
    const up = await recovery;
    expect(running(up)).toBe(true);
    // A window of tweets looked up after the recovery has its authors' profiles again.
    await nextEvent(client, 'window', (w) => w.join.matched > 0 && w.join.missing === 0);
    const after = await metricsText(server.url);
    expect(after).toMatch(/hashpulse_service_up\{service="profiles"\} 1/);
    expect(server.runtime.snapshot().status.state).toBe('running');

    // Said once at error level however many batches and retries the outage lasted, then its end.
    const outageLines = logs.filter((entry) => entry.message.startsWith('profiles unavailable'));
    expect(outageLines).toHaveLength(1);
    expect(outageLines[0]!.level).toBe('error');
    expect(logs.filter((entry) => entry.message.startsWith('profiles available again'))).toHaveLength(1);
  }, 120_000);
});

describe('Redis stopped and restarted mid-run', () => {
  let redis: PrivateRedis;
  let server: RunningHashpulse;
  let client: TestClient;
  const logs: RuntimeLog[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    server = await startTestServer(
      { REDIS_URL: redis.url, REPLAY_SPEED: '20', ...WINDOW },
      { redisStreamName: `hashpulse-outage-${process.pid}` },
    );
    server.runtime.events.on('log', (entry) => logs.push(entry));
  }, 60_000);
  afterAll(async () => {
    client?.close();
    await server?.close();
    await redis?.destroy();
  });

  it("keeps serving this node's dashboards, says so, and reconnects by itself", async () => {
    client = connectClient(server.url);
    await nextEvent(client, 'window', (w) => w.tweets > 0);
    expect(server.runtime.snapshot().status.services?.redis?.state).toBe('ok');

    const outage = nextEvent(client, 'status', (s) => s.services?.redis?.state === 'unavailable');
    await redis.stop();
    const down = await outage;
    expect(down.services!.redis!.message).toMatch(/Redis unavailable/);
    // Served locally while Redis is down: consecutive slides keep arriving.
    const first = await nextEvent(client, 'window', (w) => w.tweets > 0);
    await nextEvent(client, 'window', (w) => w.end > first.end);
    expect(server.runtime.snapshot().status.services?.redis?.state).toBe('unavailable');
    expect(await metricsText(server.url)).toMatch(/hashpulse_service_up\{service="redis"\} 0/);

    const recovery = nextEvent(client, 'status', (s) => s.services?.redis?.state === 'ok', 60_000);
    await redis.start();
    await recovery;
    // Broadcasts go through Redis again and still reach the dashboard.
    const next = await nextEvent(client, 'window', (w) => w.tweets > 0);
    await nextEvent(client, 'window', (w) => w.end > next.end);
    expect(running(server.runtime.snapshot().status)).toBe(true);

    const outageLines = logs.filter((entry) => entry.message.startsWith('Redis unavailable'));
    expect(outageLines).toHaveLength(1);
    expect(outageLines[0]!.level).toBe('warn');
    expect(logs.filter((entry) => entry.message.startsWith('Redis is back'))).toHaveLength(1);
  }, 120_000);
});
