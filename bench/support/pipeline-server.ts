// The pipeline bench's server run: the real server (apps/server/src/main.ts, from source through
// tsx) replaying one file at `max` through its REST API, measured from outside through /proc and
// /metrics, so the figures are those of the whole process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_TRANSPORTS } from '@hashpulse/protocol';
import { io as connect, type Socket } from 'socket.io-client';
import { freePort } from '../../apps/server/test/support/private-services.js';
import { serverFlagsOf } from './node-flags.js';
import { round } from './round.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = ['--conditions=hashpulse-source', '--import', 'tsx'];
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** User + system CPU seconds from a /proc stat file: a process's (/proc/PID/stat) or a thread's. */
export function statCpuSeconds(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds (user + system) and current / peak RSS of a process, from /proc. */
function procFigures(pid: number): { cpuSeconds: number; rssMiB: number; peakRssMiB: number } {
  const cpuSeconds = statCpuSeconds(`/proc/${pid}/stat`);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { cpuSeconds, rssMiB: Math.round(kib('VmRSS') / 1024), peakRssMiB: Math.round(kib('VmHWM') / 1024) };
}

/** Per thread of a process (Linux): CPU seconds, and seconds spent runnable but waiting for a core. */
type ThreadTimes = Map<number, { cpu: number; waiting: number }>;

function threadTimes(pid: number): ThreadTimes {
  const times: ThreadTimes = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const schedstat = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
      times.set(Number(tid), {
        cpu: statCpuSeconds(`/proc/${pid}/task/${tid}/stat`),
        waiting: Number(schedstat[1]) / 1e9,
      });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return times;
}

/**
 * What each thread did between two samplings: the main thread, the busiest other (a decode thread
 * when there is one; V8's collector helpers otherwise) and all others. A thread that ended in
 * between counts with its last sampled times.
 */
function threadSplit(pid: number, before: ThreadTimes, seen: ThreadTimes) {
  const spent = [...seen].map(([tid, { cpu, waiting }]) => ({
    tid,
    cpu: cpu - (before.get(tid)?.cpu ?? 0),
    waiting: waiting - (before.get(tid)?.waiting ?? 0),
  }));
  const main = spent.find((thread) => thread.tid === pid);
  const others = spent.filter((thread) => thread.tid !== pid).sort((a, b) => b.cpu - a.cpu);
  const figures = (thread: { cpu: number; waiting: number } | undefined) => ({
    cpuSeconds: round(thread?.cpu ?? 0, 2),
    waitingForCoreSeconds: round(thread?.waiting ?? 0, 2),
  });
  return {
    main: figures(main),
    busiestOther: figures(others[0]),
    otherCpuSeconds: round(
      others.reduce((sum, thread) => sum + thread.cpu, 0),
      2,
    ),
  };
}

interface Metrics {
  records: number;
  heapUsedMiB: number;
  /** Keys each history tier holds, by its resolution label ("batch", "1m", "1h"...). */
  historyKeys: Record<string, number>;
  /** Cumulative counts per upper bound (seconds) of the batch-processing histogram. */
  buckets: Array<[number, number]>;
}

async function metrics(port: number): Promise<Metrics> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const records = Number(/^hashpulse_records_total (\S+)$/m.exec(text)?.[1] ?? 0);
  const heapUsed = Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? NaN);
  const historyKeys: Record<string, number> = {};
  for (const match of text.matchAll(/^hashpulse_history_keys\{([^}]*)\} (\S+)$/gm)) {
    const resolution = /resolution="([^"]*)"/.exec(match[1]!)?.[1] ?? match[1]!;
    historyKeys[resolution] = Number(match[2]);
  }
  const buckets: Array<[number, number]> = [];
  for (const match of text.matchAll(/^hashpulse_batch_processing_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)) {
    buckets.push([match[1] === '+Inf' ? Infinity : Number(match[1]), Number(match[2])]);
  }
  return { records, heapUsedMiB: Math.round(heapUsed / 2 ** 20), historyKeys, buckets };
}

/** The quantile from histogram buckets as Prometheus' histogram_quantile estimates it (linear within a bucket). */
function histogramQuantile(q: number, buckets: Array<[number, number]>): number | null {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [bound, count] of buckets) {
    if (count >= rank) {
      if (bound === Infinity) return lower;
      return lower + ((bound - lower) * (rank - below)) / Math.max(1, count - below);
    }
    lower = bound;
    below = count;
  }
  return lower;
}

/** A quantile of a cumulative histogram in ms (null when empty). */
function quantileMs(q: number, buckets: Array<[number, number]>): number | null {
  const seconds = histogramQuantile(q, buckets);
  return seconds === null ? null : round(seconds * 1000);
}

/**
 * The slowest `batches` of a replay's histogram: the others (the empty batches after the last
 * record, up to the last window's end) are the fastest, so they are taken off its bottom before the
 * quantiles. Batches over `intervalS` are read off that bucket exactly.
 */
export function slowestBatches(buckets: Array<[number, number]>, batches: number, intervalS: number) {
  const counted = buckets.at(-1)?.[1] ?? 0;
  const kept = Math.min(counted, batches);
  const empty = counted - kept;
  const slowest = buckets.map(([bound, count]): [number, number] => [bound, Math.max(0, count - empty)]);
  const within = buckets.find(([bound]) => bound === intervalS)?.[1] ?? 0;
  return {
    batches: kept,
    overInterval: counted - within,
    p90Ms: quantileMs(0.9, slowest),
    p99Ms: quantileMs(0.99, slowest),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ServerReplayOptions {
  /** The repository whose server runs (a baseline's, to compare). Default: this one. */
  checkout?: string;
  /** More settings for the server (DECODE_THREADS, say). */
  env?: Record<string, string>;
  /** Play the file in a loop (each pass after the last) until `tweets` records are counted. */
  loop?: boolean;
  /** RSS samples, evenly spaced over the `tweets` records. Default 4 (each quarter). */
  samples?: number;
}

/**
 * The real server (apps/server/src/main.ts) replaying the file at `max` (POST /api/replay/start):
 * CPU seconds from the start request until /metrics counts `tweets` records, RSS and V8 heap
 * sampled `samples` times, per-batch processing p90/p99 from the /metrics histogram, and the wall
 * time from the start request to the first processed batch and to the first window a dashboard
 * (a socket.io client connected before the start) receives.
 */
export async function serverReplay(
  file: string,
  profiles: string | null,
  tweets: number,
  options: ServerReplayOptions = {},
) {
  const { checkout = root, env = {}, loop = false, samples = 4 } = options;
  // A port the OS picked as free: a random one could be the local port of a connection open now.
  const port = await freePort();
  // PIPELINE_BENCH_SERVER_FLAGS: more node flags for the server (`--cpu-prof --cpu-prof-dir=DIR`,
  // which NODE_OPTIONS does not take), to see where a server run's time goes.
  const extra = (process.env.PIPELINE_BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const flags = [...(await serverFlagsOf(checkout)), ...extra];
  const proc = spawn(process.execPath, [...flags, ...TSX, path.join(checkout, 'apps/server/src/main.ts')], {
    cwd: checkout,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.dirname(file),
      DEMO_FILES: '',
      STATE_DIR: 'off',
      PROFILES_FILE: profiles ?? '',
      LOG_LEVEL: 'warn',
      BATCH_INTERVAL: '1s',
      WINDOW_LENGTH: '1m',
      SLIDE: '5s',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = once(proc, 'exit');
  let dashboard: Socket | null = null;
  try {
    for (let i = 0; ; i++) {
      if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
      try {
        const health = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (health.ok) break;
      } catch {
        // not listening yet
      }
      if (i > 600) throw new Error('server did not start within 60 s');
      await sleep(100);
    }
    dashboard = connect(`http://127.0.0.1:${port}`, { transports: [...DASHBOARD_TRANSPORTS] });
    const connected = dashboard;
    await new Promise((resolve) => connected.once('snapshot', resolve));
    let firstWindowSeconds: number | null = null;
    const before = procFigures(proc.pid!);
    const threadsBefore = threadTimes(proc.pid!);
    // Last times seen per thread: a decode pool's threads end with the pass, before the last sample.
    const threadsSeen: ThreadTimes = new Map(threadsBefore);
    const startedWall = performance.now();
    // The first window with the recording's tweets in it (an idle server may send empty ones).
    const onWindow = (update: { tweets: number }) => {
      if (update.tweets === 0) return;
      firstWindowSeconds = round((performance.now() - startedWall) / 1000, 2);
      connected.off('window', onWindow);
    };
    connected.on('window', onWindow);
    // The idle server has run empty batches since it started: the replay's are those counted after.
    const idleBuckets = (await metrics(port)).buckets;
    const response = await fetch(`http://127.0.0.1:${port}/api/replay/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: [path.basename(file)], speed: 'max', loop }),
    });
    if (!response.ok) throw new Error(`replay start: ${response.status} ${await response.text()}`);
    let firstBatchSeconds: number | null = null;
    const rssAt: Array<{
      progress: number;
      records: number;
      rssMiB: number;
      heapUsedMiB: number;
      historyKeys: Record<string, number>;
    }> = [];
    let nextSample = 1;
    let last: Metrics = { records: 0, heapUsedMiB: 0, historyKeys: {}, buckets: [] };
    let lastChange = performance.now();
    for (;;) {
      const previous = last.records;
      last = await metrics(port);
      if (last.records !== previous) lastChange = performance.now();
      // A replay that counts fewer records than analyze did (it drops duplicate ids) ends here.
      if (performance.now() - lastChange > (last.records === 0 ? 900_000 : 30_000)) {
        console.error(`pipeline: the server stalled at ${last.records} of ${tweets} records`);
        break;
      }
      if (firstBatchSeconds === null && last.records > 0)
        firstBatchSeconds = round((performance.now() - startedWall) / 1000, 2);
      while (nextSample <= samples && last.records >= (nextSample / samples) * tweets) {
        rssAt.push({
          progress: round(nextSample / samples, 3),
          records: last.records,
          rssMiB: procFigures(proc.pid!).rssMiB,
          heapUsedMiB: last.heapUsedMiB,
          historyKeys: last.historyKeys,
        });
        nextSample++;
      }
      for (const [tid, times] of threadTimes(proc.pid!)) threadsSeen.set(tid, times);
      if (last.records >= tweets) break;
      if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
      await sleep(firstBatchSeconds === null ? 20 : 250);
    }
    const after = procFigures(proc.pid!);
    const cpuSeconds = after.cpuSeconds - before.cpuSeconds;
    const buckets = last.buckets.map(([bound, count], i): [number, number] => [
      bound,
      count - (idleBuckets[i]?.[1] ?? 0),
    ]);
    return {
      tweets: last.records,
      cpuSeconds: round(cpuSeconds, 2),
      /** Per thread (Linux /proc): on a core, and runnable but waiting for one. */
      threads: threadSplit(proc.pid!, threadsBefore, threadsSeen),
      wallSeconds: round((performance.now() - startedWall) / 1000, 1),
      tweetsPerCpuSecond: Math.round(last.records / cpuSeconds),
      firstBatchSeconds,
      firstWindowSeconds,
      batchProcessingP90Ms: quantileMs(0.9, buckets),
      batchProcessingP99Ms: quantileMs(0.99, buckets),
      /** The replay's batches in the /metrics histogram: [upper bound in seconds, batches at or under it]. */
      batchProcessingBuckets: buckets,
      rssBeforeMiB: before.rssMiB,
      rssAt,
      peakRssMiB: after.peakRssMiB,
    };
  } finally {
    dashboard?.close();
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
