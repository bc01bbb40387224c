import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHashpulse } from '../src/start.js';
import { connectClient, nextEvent, startTestServer, type TestClient } from './support/test-server.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('two web nodes sharing Redis', () => {
  const streamName = `hashpulse-test-${randomUUID()}`;
  let producer: RunningHashpulse;
  let webNode: RunningHashpulse;
  let client: TestClient;

  beforeAll(async () => {
    producer = await startTestServer({ REDIS_URL }, { redisStreamName: streamName });
    webNode = await startTestServer({ REDIS_URL, DEMO_FILES: '' }, { redisStreamName: streamName });
  });
  afterAll(async () => {
    client?.close();
    await webNode?.close();
    await producer?.close();
  });

  it('delivers the updates of one node to a dashboard connected to another', async () => {
    client = connectClient(webNode.url);
    await nextEvent(client, 'snapshot');
    const update = await nextEvent(client, 'window', (w) => w.tweets > 0);
    expect(update.hashtags.length).toBeGreaterThan(0);
  });
});

describe('an unreachable Redis', () => {
  it('stops start-up with a message that names REDIS_URL and what to do', async () => {
    await expect(startTestServer({ REDIS_URL: 'redis://127.0.0.1:1', DEMO_FILES: '' })).rejects.toThrow(
      /cannot reach Redis at 127\.0\.0\.1:1 \(REDIS_URL\).*unset REDIS_URL/,
    );
  });
});
