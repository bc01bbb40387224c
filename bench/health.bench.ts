// Control plane under a `max` replay: while a large generated recording plays as fast as possible
// through the real server (with 20 dashboards connected from a child process), a child process asks `/api/health` and a
// control route (PUT /api/window) every 50 ms and times the answers; the server's event-loop delay
// is sampled too. Two recordings: a sparse one (a day at 0.5 tweets/s, many empty batches between
// tweets) and a dense one (1,000 tweets/s). Goal: p99 under 100 ms for both routes.
// Sizes: HEALTH_BENCH_DENSE_MB (default 100), HEALTH_BENCH_SECONDS per run (default 20).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeGeneratedStream } from '../apps/server/src/generate/index.js';
import { spawnCrowd } from '../apps/server/test/support/socket-crowd-process.js';
import { startTestServer } from '../apps/server/test/support/test-server.js';
import { machineInfo } from './machine.js';
import { summary } from './support/percentile.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.HEALTH_BENCH_SECONDS ?? 20);
const DENSE_MB = Number(process.env.HEALTH_BENCH_DENSE_MB ?? 100);
const DASHBOARDS = 20;
const PROBE_INTERVAL_MS = 50;
const START = Date.UTC(2024, 0, 1);

function runProbe(
  url: string,
): Promise<{ latencies: Record<string, number[]>; failures: Record<string, string[]> }> {
  const plan = {
    url,
    intervalMs: PROBE_INTERVAL_MS,
    durationMs: SECONDS * 1000,
    routes: [
      { name: 'health', method: 'GET', path: '/api/health' },
      {
        name: 'control',
        method: 'PUT',
        path: '/api/window',
        body: { batchInterval: '1s', windowLength: '1m', slide: '5s' },
      },
    ],
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'support/http-probe.ts'), JSON.stringify(plan)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`probe exited with ${code}`));
      else resolve(JSON.parse(out.trim()));
    });
  });
}

async function measure(dataDir: string, file: string) {
  const server = await startTestServer({ DATA_DIR: dataDir, DEMO_FILES: '', LOG_LEVEL: 'error' });
  // The dashboards live in a child process, so their work never shares the server's event loop.
  const crowd = spawnCrowd({ url: server.url, clients: DASHBOARDS, transports: ['websocket'] });
  try {
    await crowd.settled();
    await crowd.mark();
    let processed = 0;
    const onMetrics = (metrics: { records: number }) => (processed += metrics.records);
    server.runtime.events.on('metrics', onMetrics);
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const response = await fetch(`${server.url}/api/replay/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: [file], speed: 'max', loop: true }),
    });
    if (!response.ok) throw new Error(`replay start answered ${response.status}: ${await response.text()}`);
    const started = performance.now();
    const probe = await runProbe(server.url);
    const seconds = (performance.now() - started) / 1000;
    lag.disable();
    const updates = (await crowd.report()).windowsSinceMark;
    server.runtime.events.off('metrics', onMetrics);
    const stopStarted = performance.now();
    await fetch(`${server.url}/api/replay/stop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const stopMs = performance.now() - stopStarted;
    return {
      file,
      fileMiB: Math.round(((await stat(path.join(dataDir, file))).size / 2 ** 20) * 10) / 10,
      health: summary(probe.latencies.health ?? []),
      control: summary(probe.latencies.control ?? []),
      failures: probe.failures,
      stopMs: Math.round(stopMs),
      eventLoopDelay: {
        p50Ms: Math.round(lag.percentile(50) / 1e5) / 10,
        p99Ms: Math.round(lag.percentile(99) / 1e5) / 10,
        maxMs: Math.round(lag.max / 1e5) / 10,
      },
      tweetsPerSecond: Math.round(processed / seconds),
      windowUpdatesPerDashboardPerSecond:
        Math.round((updates.reduce((sum, n) => sum + n, 0) / DASHBOARDS / seconds) * 10) / 10,
    };
  } finally {
    await crowd.close();
    await server.close();
  }
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-health-bench-'));
try {
  // A day of tweets at 0.5/s: mostly empty batches, the case that froze the control plane.
  await writeGeneratedStream({
    out: path.join(dir, 'sparse.jsonl'),
    profilesOut: null,
    minutes: 1440,
    rate: 0.5,
    seed: 7,
    startMs: START,
  });
  // ~1.1 KB a tweet at 1,000 tweets/s.
  const denseMinutes = Math.max(1, Math.round((DENSE_MB * 2 ** 20) / 1100 / 1000 / 60));
  await writeGeneratedStream({
    out: path.join(dir, 'dense.jsonl'),
    profilesOut: null,
    minutes: denseMinutes,
    rate: 1000,
    seed: 8,
    startMs: START,
  });
  const results = [];
  for (const file of ['sparse.jsonl', 'dense.jsonl']) results.push(await measure(dir, file));
  console.log(
    JSON.stringify(
      {
        benchmark: 'control plane during a max replay: /api/health and PUT /api/window latency',
        setup: {
          probeEveryMs: PROBE_INTERVAL_MS,
          secondsPerRun: SECONDS,
          dashboards: DASHBOARDS,
          goal: 'p99 < 100 ms',
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
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(0);
