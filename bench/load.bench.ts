// Connection storm during a `max` replay: 1,000 socket.io clients in a child process connect in
// steps while the bundled demo replays as fast as possible, in a loop, through the real server. Per
// run: connect success rate, p50/p99 time to the first snapshot, p99 update latency (the server
// emitting a window → a client holding it, wall clock, same machine), the server's event-loop delay
// and its tweets/s. Side by side: the dashboard as it connects (a WebSocket first, coalescing
// fan-out), clients connecting as socket.io does by default (long-polling, then the upgrade), and
// those with the fan-out's coalescing off (every update to every client as it happens, the server
// before it). LOAD_BENCH_CLIENTS (default 1000), LOAD_BENCH_HOLD_SECONDS (default 10).
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DASHBOARD_TRANSPORTS, type WindowUpdate } from '@hashpulse/protocol';
import { spawnCrowd } from '../apps/server/test/support/socket-crowd-process.js';
import { connectClient, nextEvent, startTestServer } from '../apps/server/test/support/test-server.js';
import { machineInfo } from './machine.js';
import { percentile, summary } from './support/percentile.js';

const CLIENTS = Number(process.env.LOAD_BENCH_CLIENTS ?? 1000);
const HOLD_SECONDS = Number(process.env.LOAD_BENCH_HOLD_SECONDS ?? 10);
const PER_STEP = 50;
const STEP_MS = 250;
const CONNECT_TIMEOUT_MS = 30_000;

type Transports = Array<'polling' | 'websocket'>;
const POLLING_FIRST: Transports = ['polling', 'websocket'];

async function run(coalesce: boolean, transports: Transports) {
  const server = await startTestServer({ DEMO_FILES: '', LOG_LEVEL: 'error' }, { socket: { coalesce } });
  const emittedAt = new Map<number, number>();
  const onWindow = (update: WindowUpdate) => emittedAt.set(update.end, Date.now());
  server.runtime.events.on('window', onWindow);
  let processed = 0;
  const onMetrics = (metrics: { records: number }) => (processed += metrics.records);
  server.runtime.events.on('metrics', onMetrics);
  const probe = connectClient(server.url);
  try {
    const response = await fetch(`${server.url}/api/replay/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: ['demo/tweets.jsonl.gz'], speed: 'max', loop: true }),
    });
    if (!response.ok) throw new Error(`replay start answered ${response.status}`);
    await nextEvent(probe, 'window');
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const started = performance.now();
    const crowd = spawnCrowd({
      url: server.url,
      clients: CLIENTS,
      transports,
      perStep: PER_STEP,
      stepMs: STEP_MS,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      recordReceipts: true,
    });
    try {
      await crowd.settled();
      const settledSeconds = (performance.now() - started) / 1000;
      await crowd.mark();
      await new Promise((resolve) => setTimeout(resolve, HOLD_SECONDS * 1000));
      const report = await crowd.report();
      lag.disable();
      const seconds = (performance.now() - started) / 1000;
      const latencies: number[] = [];
      for (const [end, times] of Object.entries(report.receipts)) {
        const emitted = emittedAt.get(Number(end));
        if (emitted !== undefined) for (const time of times) latencies.push(time - emitted);
      }
      const perClient = report.windowsSinceMark;
      return {
        fanOut: coalesce
          ? 'coalesced per client (the default)'
          : 'every update to every client as it happens (coalesce: false, the old behaviour)',
        transports: transports.join(', then '),
        clients: CLIENTS,
        connected: report.connected,
        connectSuccessRate: Math.round((report.connected / CLIENTS) * 1000) / 1000,
        failures: report.failures,
        secondsUntilAllSettled: Math.round(settledSeconds * 10) / 10,
        connectToSnapshot: summary(report.connectMs),
        updateLatency: summary(latencies),
        windowUpdatesPerClientPerSecondAfterConnect: {
          median: Math.round((percentile(perClient, 50) / HOLD_SECONDS) * 10) / 10,
          min:
            Math.round((perClient.reduce((min, n) => Math.min(min, n), Infinity) / HOLD_SECONDS) * 10) / 10,
        },
        eventLoopDelay: {
          p50Ms: Math.round(lag.percentile(50) / 1e5) / 10,
          p99Ms: Math.round(lag.percentile(99) / 1e5) / 10,
          maxMs: Math.round(lag.max / 1e5) / 10,
        },
        tweetsPerSecond: Math.round(processed / seconds),
      };
    } finally {
      await crowd.close();
    }
  } finally {
    server.runtime.events.off('window', onWindow);
    server.runtime.events.off('metrics', onMetrics);
    probe.close();
    await server.close();
  }
}

const results = [];
results.push(await run(true, [...DASHBOARD_TRANSPORTS]));
results.push(await run(true, POLLING_FIRST));
results.push(await run(false, POLLING_FIRST));
console.log(
  JSON.stringify(
    {
      benchmark: 'connection storm: socket.io clients connecting during a max replay',
      setup: {
        clients: CLIENTS,
        clientsPerStep: PER_STEP,
        stepMs: STEP_MS,
        handshakeDeadlineMs: CONNECT_TIMEOUT_MS,
        holdSeconds: HOLD_SECONDS,
        replay: 'data/demo/tweets.jsonl.gz at max, looping',
      },
      results,
      machine: machineInfo(),
      // Other processes' load colours every figure here: 1, 5 and 15-minute averages at the end.
      loadAverage: os.loadavg().map((load) => Math.round(load * 10) / 10),
    },
    null,
    2,
  ),
);
process.exit(0);
