// Update latency: from the end of a batch (its batch time, on the system clock) to a socket.io
// client holding the window update of that batch, with 1 and with 200 clients on loopback.
// Tweets arrive over HTTPS from the local X API test server, as on a live deployment.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { machineInfo } from './machine.js';
import {
  connectClient,
  REPO_ROOT,
  startTestServer,
  type TestClient,
} from '../apps/server/test/support/test-server.js';
import { startXApiServer } from '../apps/server/test/support/x-api/index.js';

const MEASURE_MS = 15_000;
const TWEETS_PER_SECOND = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(clientCount: number, messages: string[]) {
  const xApi = await startXApiServer({
    keepAliveMs: 1000,
    defaultPlan: { kind: 'stream', messages, paceMs: 1000 / TWEETS_PER_SECOND, after: 'hold' },
  });
  const server = await startTestServer(
    {
      X_BEARER_TOKEN: xApi.bearerToken,
      X_API_BASE_URL: xApi.url,
      DEMO_FILES: '',
      BATCH_INTERVAL: '1s',
      WINDOW_LENGTH: '1m',
      SLIDE: '1s',
      LOG_LEVEL: 'error',
    },
    { liveCa: xApi.caPem },
  );
  const clients: TestClient[] = [];
  const latencies: number[] = [];
  let measuring = false;
  for (let i = 0; i < clientCount; i++) {
    const client = connectClient(server.url);
    client.on('window', (update) => {
      // The batch ending at `update.end` closed at that wall time (system clock).
      if (measuring) latencies.push(Date.now() - update.end);
    });
    clients.push(client);
  }
  await Promise.all(
    clients.map((client) => new Promise<void>((resolve) => client.once('snapshot', () => resolve()))),
  );
  await fetch(`${server.url}/api/live/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stream: 'sample' }),
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  measuring = false;
  for (const client of clients) client.close();
  await server.close();
  await xApi.close();
  latencies.sort((a, b) => a - b);
  return {
    clients: clientCount,
    updatesReceived: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? NaN,
  };
}

const demo = gunzipSync(readFileSync(path.join(REPO_ROOT, 'data/demo/tweets.jsonl.gz'))).toString('utf8');
const messages = demo.split('\n').filter((line) => line.trim() !== '');
const results = [];
for (const clients of [1, 200]) results.push(await measure(clients, messages));
console.log(
  JSON.stringify(
    {
      benchmark: 'batch end → socket.io client holding the window update',
      setup: {
        batchInterval: '1s',
        window: '1m',
        slide: '1s',
        tweetsPerSecond: TWEETS_PER_SECOND,
        measureMs: MEASURE_MS,
      },
      results,
      machine: machineInfo(),
    },
    null,
    2,
  ),
);
process.exit(0);
