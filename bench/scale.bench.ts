// Scale-out benchmark (`npm run bench -- scale`): tweets/s end to end on real-size X API v2
// messages, side by side in one run:
// - the server in ROLE=all on the main thread alone and with decode threads (DECODE_THREADS), with
//   each thread's CPU and time spent waiting for a core (from /proc), on the demo stream repeated
//   to SCALE_BENCH_TWEETS tweets (default 100,000) and on the test-data recordings (search pages
//   with full expansions, repeated to SCALE_BENCH_REAL_MB, default 300);
// - beside each, the parallel ceiling of the same file: the bare read + JSON.parse loop alone and
//   with one worker thread (bench/support/bare-threads.ts), what a second thread can give here;
// - a cluster of an ingest node, one or two workers and a web node (real child processes on the
//   real Redis) on the same demo stream, with each process's CPU seconds;
// - the merge cost per batch as partitions grow (P = 1, 4, 16, 64), and a capacity table
//   projected from the measured per-core rates for the 143,199 tweets/s peak.
// SCALE_BENCH_REPEATS (default 2) repeats each ROLE=all and bare run, in turn, and keeps the
// fastest; SCALE_BENCH_DIR keeps the stream files there for the next run. Prints one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { BatchPartialSchema, type BatchPartial } from '@hashpulse/protocol';
import { analyzeTweet, decodeLine, type Tweet } from '@hashpulse/tweets';
import { ClusterKeys, partitionOf } from '../apps/server/src/cluster/cluster-keys.js';
import { readLines } from '../apps/server/src/files/index.js';
import { buildPartial, mergePartials } from '../apps/server/src/job/batch-partial.js';
import { SERVER_NODE_FLAGS } from '../apps/server/src/runtime/node-flags.js';
import { machineInfo } from './machine.js';
import { inTurn } from './support/in-turn.js';
import { bareCeiling } from './support/parallel-ceiling.js';
import { serverReplay, statCpuSeconds } from './support/pipeline-server.js';
import { demoStream, realRecording } from './support/real-size-stream.js';
import { round } from './support/round.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PEAK = 143_199;
const STREAM_TWEETS = Number(process.env.SCALE_BENCH_TWEETS ?? 100_000);
const REAL_MB = Number(process.env.SCALE_BENCH_REAL_MB ?? 300);
const REPEATS = Math.max(1, Number(process.env.SCALE_BENCH_REPEATS ?? 2));
/** DECODE_THREADS of the ROLE=all runs: the main thread alone, then with one and two decode threads. */
const DECODE_THREADS = [0, 1, 2];
const SETTINGS = {
  DEMO_LOOP: 'false',
  REPLAY_SPEED: 'max',
  STATE_DIR: 'off',
  BATCH_INTERVAL: '1s',
  WINDOW_LENGTH: '60s',
  SLIDE: '5s',
};
const TWEETS = decodeDemo();

function decodeDemo(): Tweet[] {
  const text = gunzipSync(readFileSync(path.join(repoRoot, 'data/demo/tweets.jsonl.gz'))).toString('utf8');
  const tweets: Tweet[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const decoded = decodeLine(line, i + 1);
    if (decoded.kind === 'tweets') tweets.push(...decoded.tweets);
  }
  return tweets;
}

/** Tweets of a recording, decoded as the server decodes them (line by line: a file may pass 512 MiB). */
async function tweetsIn(file: string): Promise<number> {
  let tweets = 0;
  for await (const { text, lineNumber } of readLines(file)) {
    if (text.trim() === '') continue;
    const decoded = decodeLine(text, lineNumber);
    if (decoded.kind === 'tweets') tweets += decoded.tweets.length;
  }
  return tweets;
}

/**
 * The real server (ROLE=all) replaying `file` once at `max` with `threads` decode threads, in a
 * process of its own, measured from the start request (start-up left out) until every tweet is counted.
 */
async function allInOne(file: string, tweets: number, threads: number) {
  const run = await serverReplay(file, path.join(repoRoot, 'data/demo/users.jsonl'), tweets, {
    env: { DECODE_THREADS: String(threads) },
  });
  return {
    setup: `ROLE=all, ${threads === 0 ? 'main thread only' : `main thread + ${threads} decode thread${threads > 1 ? 's' : ''}`}`,
    threads: threads + 1,
    tweets: run.tweets,
    wallSeconds: run.wallSeconds,
    tweetsPerSecond: Math.round(run.tweets / run.wallSeconds),
    cpuSeconds: { all: run.cpuSeconds },
    tweetsPerCpuSecond: run.tweetsPerCpuSecond,
    // Where the CPU went, and how long the threads were ready to run but found both cores taken.
    perThread: run.threads,
    peakRssMiB: run.peakRssMiB,
  };
}

/** Each DECODE_THREADS setting REPEATS times, in turn (so drift on a shared machine hits all alike); the fastest of each. */
async function allInOneSeries(file: string) {
  const tweets = await tweetsIn(file);
  const series = await inTurn(
    REPEATS,
    'wallSeconds',
    Object.fromEntries(
      DECODE_THREADS.map((threads) => [
        String(threads),
        async () => {
          const run = await allInOne(file, tweets, threads);
          console.error(`scale: ${path.basename(file)} ${run.setup}: ${run.tweetsPerSecond} tweets/s`);
          return run;
        },
      ]),
    ),
  );
  const runs = DECODE_THREADS.map((threads) => series[String(threads)]!.fastest);
  const ceiling = await bareCeiling(file, REPEATS);
  const speedup = runs.map((run) => round(run.tweetsPerSecond / runs[0]!.tweetsPerSecond, 2));
  return {
    file: path.basename(file),
    tweets,
    runs,
    speedup: runs.map((run, i) => ({ setup: run.setup, overMainThreadOnly: speedup[i] })),
    ceiling,
    /** One decode thread's speedup as a share of what a second thread gives the bare loop here. */
    oneDecodeThreadOfCeiling: round(speedup[1]! / ceiling.speedup, 2),
  };
}

/** User + system CPU seconds of a child so far, from /proc (Linux). */
function cpuSecondsOf(child: ChildProcess): number {
  return statCpuSeconds(`/proc/${child.pid}/stat`);
}

function startRole(env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, '--import', 'tsx', path.join(repoRoot, 'apps/server/src/main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_OPTIONS: '--conditions=hashpulse-source',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before it was ready:\n${out}`)));
  });
}

/** An ingest node, `workers` workers and a web node on a fresh key prefix; timed until merged. */
async function cluster(workers: number, partitions: number, file: string, tweets: number) {
  const prefix = `hp-bench-${randomUUID().slice(0, 8)}`;
  const keys = new ClusterKeys(prefix, partitions);
  const env = {
    ...SETTINGS,
    DATA_DIR: path.dirname(file),
    DEMO_FILES: path.basename(file),
    PROFILES_FILE: path.join(repoRoot, 'data/demo/users.jsonl'),
    REDIS_URL,
    CLUSTER_PREFIX: prefix,
    CLUSTER_PARTITIONS: String(partitions),
    CLUSTER_LEASE: '5s',
    CLUSTER_MERGE_WAIT: '60s',
  };
  const redis = new Redis(REDIS_URL);
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < workers; i++)
      children.push(await startRole({ ...env, ROLE: 'worker' }, /ROLE=worker/));
    children.push(await startRole({ ...env, ROLE: 'web' }, /hashpulse dashboard/));
    // Every worker has its share before the stream starts.
    const share = Math.ceil(partitions / workers);
    for (;;) {
      const owners = await Promise.all(
        Array.from({ length: partitions }, (_, p) => redis.get(keys.owner(p))),
      );
      const counts = new Map<string, number>();
      for (const owner of owners) if (owner !== null) counts.set(owner, (counts.get(owner) ?? 0) + 1);
      if (counts.size === workers && [...counts.values()].every((n) => n <= share)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Start-up (loading the modules under tsx) is left out: each process's CPU from here on.
    const idle = children.map(cpuSecondsOf);
    const startup = idle.reduce((a, b) => a + b, 0) / idle.length;
    const t0 = performance.now();
    const ingest = await startRole({ ...env, ROLE: 'ingest' }, /ROLE=ingest/);
    children.push(ingest);
    // The ingest's own start-up is taken as the others' (the same modules); its reading counts.
    idle.push(startup);
    while ((await redis.hget(keys.mergeState, 'ended')) !== '1')
      await new Promise((resolve) => setTimeout(resolve, 50));
    const wallS = (performance.now() - t0) / 1000;
    const cpu = children.map((child, i) => Math.max(0.01, cpuSecondsOf(child) - idle[i]!));
    const workerCpu = cpu.slice(0, workers).reduce((a, b) => a + b, 0);
    const total = cpu.reduce((a, b) => a + b, 0);
    return {
      setup: `ingest + ${workers} worker${workers > 1 ? 's' : ''} + 1 web, P=${partitions}`,
      tweets,
      wallSeconds: round(wallS, 2),
      tweetsPerSecond: Math.round(tweets / wallS),
      cpuSeconds: {
        workers: round(workerCpu, 2),
        web: round(cpu[workers]!, 2),
        ingest: round(cpu[workers + 1]!, 2),
        total: round(total, 2),
      },
      /** Wall time includes the ingest process's start-up; CPU seconds leave start-up out. */
      workerTweetsPerCpuSecond: Math.round(tweets / workerCpu),
      ingestTweetsPerCpuSecond: Math.round(tweets / cpu[workers + 1]!),
    };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

/**
 * What the merging web node does per batch time: fetch P partials from Redis, validate, merge,
 * serialise. A batch of `perBatch` tweets of the demo stream, spread over P partitions by id.
 */
async function mergeCost(partitions: number, perBatch: number) {
  const analysed = TWEETS.slice(0, perBatch).map((tweet) => ({
    tweet,
    ...analyzeTweet(tweet),
    profile: tweet.author,
    profileIsOwn: tweet.author !== null,
  }));
  const parts: BatchPartial[] = [];
  for (let p = 0; p < partitions; p++)
    parts.push(buildPartial(analysed.filter((item) => partitionOf(item.tweet.id, partitions) === p)));
  const redis = new Redis(REDIS_URL);
  const prefix = `hp-bench-${randomUUID().slice(0, 8)}`;
  const keys = new ClusterKeys(prefix, partitions);
  try {
    await Promise.all(parts.map((part, p) => redis.set(keys.partial(p, 1), JSON.stringify(part))));
    const once = async () => {
      const pipeline = redis.pipeline();
      for (let p = 0; p < partitions; p++) pipeline.get(keys.partial(p, 1));
      const replies = (await pipeline.exec()) ?? [];
      const merged = mergePartials(
        replies.map(([, json]) => BatchPartialSchema.parse(JSON.parse(json as string))),
      );
      return JSON.stringify(merged).length;
    };
    for (let i = 0; i < 5; i++) await once();
    const runs = 40;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let bytes = 0;
    for (let i = 0; i < runs; i++) bytes = await once();
    const wallMs = (performance.now() - t0) / runs;
    const cpu = process.cpuUsage(cpu0);
    return {
      partitions,
      tweetsPerBatch: perBatch,
      wallMsPerBatch: round(wallMs, 2),
      cpuMsPerBatch: round((cpu.user + cpu.system) / 1000 / runs, 2),
      partialBytes: parts.reduce((sum, part) => sum + JSON.stringify(part).length, 0),
      mergedBytes: bytes,
    };
  } finally {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

async function main() {
  const loadBefore = os.loadavg();
  const kept = process.env.SCALE_BENCH_DIR;
  const dir = kept ? path.resolve(kept) : mkdtempSync(path.join(os.tmpdir(), 'hashpulse-scale-'));
  mkdirSync(dir, { recursive: true });
  try {
    console.error(`scale: writing the streams in ${dir}`);
    const stream = await demoStream(dir, STREAM_TWEETS);
    const real = await realRecording(dir, REAL_MB);
    const allInOneRuns = [await allInOneSeries(stream), await allInOneSeries(real)];
    const streamTweets = allInOneRuns[0]!.tweets;
    const one = await cluster(1, 4, stream, streamTweets);
    const two = await cluster(2, 4, stream, streamTweets);
    const merge: Array<Awaited<ReturnType<typeof mergeCost>>> = [];
    for (const p of [1, 4, 16, 64]) merge.push(await mergeCost(p, 5000));
    const all = allInOneRuns[0]!.runs[0]!;
    const workerRate = Math.max(one.workerTweetsPerCpuSecond, two.workerTweetsPerCpuSecond);
    const ingestRate = Math.max(one.ingestTweetsPerCpuSecond, two.ingestTweetsPerCpuSecond);
    const capacity = [1, 2, 4, 8, 16, 32, 64].map((cores) => ({
      workerCores: cores,
      tweetsPerSecond: workerRate * cores,
      coversPeak: workerRate * cores >= PEAK,
    }));
    console.log(
      JSON.stringify(
        {
          benchmark: 'scale',
          machine: {
            ...machineInfo(),
            loadAverageBefore: loadBefore.map((x) => round(x, 2)),
            loadAverageAfter: os.loadavg().map((x) => round(x, 2)),
          },
          streams: {
            demo: `${path.basename(stream)}: data/demo/tweets.jsonl.gz repeated with fresh ids and times, ${streamTweets} tweets, one filtered-stream message with includes per tweet`,
            real: `${path.basename(real)}: test-data/x-api-v2 flat + noflat repeated to ${REAL_MB} MiB, ${allInOneRuns[1]!.tweets} tweets in search pages with full expansions`,
          },
          roleAll: allInOneRuns,
          cluster: [one, two],
          speedup: {
            twoWorkersOverOne: round(two.tweetsPerSecond / one.tweetsPerSecond, 2),
            oneWorkerOverAll: round(one.tweetsPerSecond / all.tweetsPerSecond, 2),
          },
          mergeCostPerBatch: merge,
          mergeGrowth: {
            note: 'cpu ms per batch relative to P=1, for the same 5,000 tweets: linear in P would be P',
            ratios: merge.map((m) => ({
              partitions: m.partitions,
              ratio: round(m.cpuMsPerBatch / merge[0]!.cpuMsPerBatch, 2),
            })),
          },
          projectedCapacity: {
            peakTweetsPerSecond: PEAK,
            workerTweetsPerCpuSecond: workerRate,
            ingestTweetsPerCpuSecond: ingestRate,
            workerCoresForPeak: Math.ceil(PEAK / workerRate),
            ingestCoresForPeak: Math.ceil(PEAK / ingestRate),
            table: capacity,
            caveat:
              'per-core rates from one run each, start-up CPU left out; one ingest node decodes (the replay orders by created_at), so past its rate the ingest must be split too (by source)',
          },
        },
        null,
        2,
      ),
    );
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
