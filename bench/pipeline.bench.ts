// The whole pipeline against the bare loop, side by side in one run on each file: reading lines
// and JSON.parse (the floor), `hashpulse analyze` with 1-minute and 5-minute windows, and the real
// server replaying the file at `max`. Figures are tweets per CPU-second (the machine is shared;
// wall time says little), ratios to the bare loop, and peak RSS, each run in its own process.
// Files: generated streams (`hashpulse generate`, 1,000 tweets/s) of PIPELINE_BENCH_TWEETS tweets
// (default 100000,1000000,3000000) and a real-recording file: the X API v2 recordings in
// test-data/ (flat + noflat, full expansions) repeated to PIPELINE_BENCH_REAL_MB (default 200)
// with fresh ids and a dense timeline per copy. PIPELINE_BENCH_REPEATS (default 1): rounds of every
// measured run of a file (the server's too), the runs taken in turn within each round; each keeps
// its lowest CPU, and every round's CPU is printed. PIPELINE_BENCH_MEMORY_TWEETS: more generated
// sizes run with the bare loop and `analyze` (1-minute window) only, for the memory series.
// PIPELINE_BENCH_SERVER_LOOP (records, e.g. 7000000): the server also plays the generated 1M-tweet
// stream in a loop until it has counted that many, sampling its RSS and heap every 500k records, to
// show memory bounded by the history tiers once the per-batch tier's hour is full.
// PIPELINE_BENCH_DENSE (tweets, default 600000, 0 skips): the server also plays a stream generated
// at 10,000 tweets/s at `max` (until 99% of it is counted), for the batches processed within the
// 1 s batch interval.
// `analyze`'s peak RSS is given over the generated sizes twice: with each file's own profiles and
// with one profiles file for all (see peakRssSeries).
// PIPELINE_BENCH_DIR keeps the files there (made when missing) for the next run.
// PIPELINE_BENCH_BASELINE names another checkout (a `git worktree` of the commit to compare, with
// its node_modules): its `analyze` and server run too, in the same rounds as ours on the same file,
// and the result gives both side by side. Each file's figures go to stderr once measured.
// PIPELINE_BENCH_SERVER_FLAGS: more node flags for every server run (a CPU profile, say).
// About 470 lines: the runs share one set of files, rounds and output; what stands alone (each
// measured process, the server replay, the real-recording file) is in bench/support/.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HISTORY } from '@hashpulse/protocol';
import { machineInfo } from './machine.js';
import { cliFlagsOf } from './support/node-flags.js';
import { inTurn } from './support/in-turn.js';
import { serverReplay, slowestBatches } from './support/pipeline-server.js';
import { realRecording } from './support/real-size-stream.js';
import { round } from './support/round.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RATE = 1000;
/** The dense stream's rate: the "per-batch processing p99 below the batch interval at 10k tweets/s". */
const DENSE_RATE = 10_000;
const DENSE_TWEETS = Number(process.env.PIPELINE_BENCH_DENSE ?? 600_000);
const BATCH_INTERVAL_S = 1;
const SIZES = (process.env.PIPELINE_BENCH_TWEETS ?? '100000,1000000,3000000')
  .split(',')
  .map((n) => Number(n.trim()))
  .filter((n) => n > 0);
const MEMORY_SIZES = (process.env.PIPELINE_BENCH_MEMORY_TWEETS ?? '')
  .split(',')
  .map((n) => Number(n.trim()))
  .filter((n) => n > 0);
const KEEP_DIR = process.env.PIPELINE_BENCH_DIR;
const SERVER_LOOP = Number(process.env.PIPELINE_BENCH_SERVER_LOOP ?? 0);
const LOOP_FILE_TWEETS = 1_000_000;
const LOOP_SAMPLE_RECORDS = 500_000;
const REAL_MB = Number(process.env.PIPELINE_BENCH_REAL_MB ?? 200);
const REPEATS = Math.max(1, Number(process.env.PIPELINE_BENCH_REPEATS ?? 1));
const BASELINE = process.env.PIPELINE_BENCH_BASELINE
  ? path.resolve(process.env.PIPELINE_BENCH_BASELINE)
  : null;
const WINDOWS = {
  analyze1m: ['--batch', '1s', '--window', '1m', '--slide', '5s'],
  analyze5m: ['--batch', '1s', '--window', '5m', '--slide', '5s'],
};
const TSX = ['--conditions=hashpulse-source', '--import', 'tsx'];
/**
 * The server on its main thread alone, as analyze runs: decode threads buy wall time with CPU (the
 * scale bench measures them), and these figures are per CPU-second.
 */
const MAIN_THREAD_ONLY = { DECODE_THREADS: '0' };

interface RunFigures {
  tweets: number;
  cpuSeconds: number;
  wallSeconds: number;
  maxRssMiB: number;
}

/** Where the generated stream of about `tweets` tweets and its profiles are (see generate). */
function generatedPaths(dir: string, tweets: number, rate = RATE): { file: string; profiles: string } {
  const file = path.join(
    dir,
    rate === RATE ? `generated-${tweets}.jsonl` : `generated-${tweets}-at-${rate}.jsonl`,
  );
  return { file, profiles: file.replace(/\.jsonl$/, '.users.jsonl') };
}

/** A generated stream of about `tweets` tweets and its profiles, by the real CLI. */
function generate(dir: string, tweets: number, rate = RATE): { file: string; profiles: string } {
  const { file, profiles } = generatedPaths(dir, tweets, rate);
  if (existsSync(file) && existsSync(profiles)) return { file, profiles };
  const minutes = tweets / rate / 60;
  const args = [
    'generate',
    '--out',
    file,
    '--minutes',
    String(minutes),
    '--rate',
    String(rate),
    '--seed',
    '11',
  ];
  const run = spawnSync(
    process.execPath,
    [...TSX, path.join(root, 'apps/server/bin/hashpulse.js'), ...args],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (run.status !== 0) throw new Error(`hashpulse generate failed with exit code ${run.status}`);
  return { file, profiles };
}

/** Copies of flat.jsonl and noflat.jsonl with ids suffixed per copy and created_at on a dense timeline. */
/** One child run of bench/support/pipeline-child.ts; the analyze report goes to a file we read the tweet count from. */
async function child(dir: string, args: string[], checkout = root): Promise<RunFigures> {
  const resultPath = path.join(dir, 'result.json');
  const reportPath = path.join(dir, 'report.json');
  const report = createWriteStream(reportPath);
  await once(report, 'open');
  const proc = spawn(
    process.execPath,
    [
      ...(await cliFlagsOf(checkout)),
      ...TSX,
      path.join(checkout, 'bench/support/pipeline-child.ts'),
      ...args,
    ],
    {
      cwd: checkout,
      env: { ...process.env, PIPELINE_RESULT: resultPath },
      stdio: ['ignore', report, 'inherit'],
    },
  );
  const [code] = (await once(proc, 'exit')) as [number | null];
  report.close();
  if (code !== 0) throw new Error(`pipeline child ${args.join(' ')} exited with ${code}`);
  const result = JSON.parse(readFileSync(resultPath, 'utf8')) as RunFigures & { lines: number };
  const tweets =
    args[0] === 'analyze'
      ? (JSON.parse(readFileSync(reportPath, 'utf8')) as { tweets: number }).tweets
      : result.lines;
  return {
    tweets,
    cpuSeconds: result.cpuSeconds,
    wallSeconds: result.wallSeconds,
    maxRssMiB: result.maxRssMiB,
  };
}

const RUN_NAMES: Record<string, string> = {
  bare: 'bare loop',
  a1: 'analyze 1m',
  a5: 'analyze 5m',
  srv: 'server at max',
  base1: 'baseline analyze 1m',
  base5: 'baseline analyze 5m',
  baseSrv: 'baseline server at max',
};

/** A run's lowest CPU over the rounds, with every round's CPU seconds (the spread is the noise). */
type Fastest<T> = T & { allCpuSeconds: number[] };

/**
 * PIPELINE_BENCH_REPEATS rounds of the named runs taken in turn (ours and the baseline's side by
 * side), each keeping its lowest-CPU round.
 */
async function measured<R extends Record<string, () => Promise<{ cpuSeconds: number }>>>(
  label: string,
  runs: R,
): Promise<{ [K in keyof R]: Fastest<Awaited<ReturnType<R[K]>>> }> {
  const rounds = await inTurn(REPEATS, 'cpuSeconds', runs, (name, i) =>
    console.error(`pipeline: ${label}: round ${i} of ${REPEATS}: ${RUN_NAMES[name] ?? name}`),
  );
  return Object.fromEntries(
    Object.entries(rounds).map(([name, { fastest, all }]) => [
      name,
      {
        ...fastest,
        allCpuSeconds: all.map((figures: { cpuSeconds: number }) => round(figures.cpuSeconds, 2)),
      },
    ]),
  ) as { [K in keyof R]: Fastest<Awaited<ReturnType<R[K]>>> };
}

/** The baseline's runs, named base1, base5 and baseSrv beside ours. */
function prefixed<A, S>(runs: { a1: A; a5: A; srv: S }): { base1: A; base5: A; baseSrv: S } {
  return { base1: runs.a1, base5: runs.a5, baseSrv: runs.srv };
}

async function measureFile(
  dir: string,
  name: string,
  file: string,
  profiles: string | null,
  memoryOnly = false,
) {
  const profileFlags = profiles === null ? [] : ['--profiles', profiles];
  const analyzeFlags = (window: string[]) => [...window, ...profileFlags, '--json', '--no-progress'];
  const analyze =
    (window: string[], checkout = root) =>
    () =>
      child(dir, ['analyze', file, ...analyzeFlags(window)], checkout);
  const bareLoop = () => child(dir, ['bare', file]);
  if (memoryOnly) {
    const { bare, a1 } = await measured(name, { bare: bareLoop, a1: analyze(WINDOWS.analyze1m) });
    const rate = (f: RunFigures) => f.tweets / f.cpuSeconds;
    const bareRate = a1.tweets / bare.cpuSeconds;
    const result = {
      name,
      fileMiB: round(statSync(file).size / 2 ** 20),
      tweets: a1.tweets,
      bare: {
        cpuSeconds: round(bare.cpuSeconds, 2),
        allCpuSeconds: bare.allCpuSeconds,
        tweetsPerCpuSecond: Math.round(bareRate),
        peakRssMiB: bare.maxRssMiB,
      },
      analyze1m: {
        cpuSeconds: round(a1.cpuSeconds, 2),
        allCpuSeconds: a1.allCpuSeconds,
        tweetsPerCpuSecond: Math.round(rate(a1)),
        ratioToBare: round(rate(a1) / bareRate, 3),
        peakRssMiB: a1.maxRssMiB,
      },
    };
    console.error(`pipeline result: ${JSON.stringify(result)}`);
    return result;
  }
  let tweets = 0;
  const sides = (checkout: string) => ({
    a1: async () => {
      const figures = await analyze(WINDOWS.analyze1m, checkout)();
      // Both servers play until they have counted the tweets our analyze found (it runs first).
      if (checkout === root) tweets = figures.tweets;
      return figures;
    },
    a5: analyze(WINDOWS.analyze5m, checkout),
    srv: () => serverReplay(file, profiles, tweets, { checkout, env: MAIN_THREAD_ONLY }),
  });
  const { bare, a1, a5, srv, base1, base5, baseSrv } = await measured(name, {
    bare: bareLoop,
    ...sides(root),
    ...(BASELINE ? prefixed(sides(BASELINE)) : {}),
  });
  // Lines per CPU-second for the bare loop: a page line holds many tweets, so its tweets per
  // CPU-second are the lines' rate times tweets per line (the same bytes parsed).
  const tweetsPerLine = a1.tweets / bare.tweets;
  const bareRate = (bare.tweets * tweetsPerLine) / bare.cpuSeconds;
  const rate = (f: RunFigures) => f.tweets / f.cpuSeconds;
  const figures = (f: Fastest<RunFigures>) => ({
    cpuSeconds: round(f.cpuSeconds, 2),
    allCpuSeconds: f.allCpuSeconds,
    tweetsPerCpuSecond: Math.round(rate(f)),
    ratioToBare: round(rate(f) / bareRate, 3),
    peakRssMiB: f.maxRssMiB,
  });
  const result = {
    name,
    fileMiB: round(statSync(file).size / 2 ** 20),
    tweets: a1.tweets,
    lines: bare.tweets,
    bare: { ...figures({ ...bare, tweets: a1.tweets }) },
    analyze1m: figures(a1),
    analyze5m: { ...figures(a5), costOver1m: round(rate(a1) / rate(a5), 2) },
    serverMax: {
      ...srv,
      ratioToBare: round(srv.tweetsPerCpuSecond / bareRate, 3),
      ratioToAnalyze1m: round(srv.tweetsPerCpuSecond / rate(a1), 2),
    },
    ...(base1 && base5 && baseSrv
      ? {
          baseline: {
            checkout: BASELINE,
            analyze1m: figures(base1),
            analyze5m: { ...figures(base5), costOver1m: round(rate(base1) / rate(base5), 2) },
            serverMax: { ...baseSrv, ratioToAnalyze1m: round(baseSrv.tweetsPerCpuSecond / rate(base1), 2) },
          },
        }
      : {}),
  };
  console.error(`pipeline result: ${JSON.stringify(result)}`);
  return result;
}

/**
 * The server playing a generated stream in a loop for `records` records: RSS and heap every 500k
 * records, and how they moved once the per-batch tier's retention (an hour of stream time at
 * 1,000 tweets/s) was full. The minute tier still grows by its bounded buckets for a day.
 */
async function serverLoop(dir: string, records: number) {
  const { file, profiles } = generate(dir, LOOP_FILE_TWEETS);
  console.error(`pipeline: server loop: ${records} records of ${path.basename(file)}`);
  const run = await serverReplay(file, profiles, records, {
    env: MAIN_THREAD_ONLY,
    loop: true,
    samples: Math.max(1, Math.round(records / LOOP_SAMPLE_RECORDS)),
  });
  const hourFullAt = (HISTORY.retentionMs / 1000) * RATE;
  const after = run.rssAt.filter((sample) => sample.records >= hourFullAt);
  const spread = (values: number[]) =>
    values.length === 0 ? null : Math.max(...values) - Math.min(...values);
  const result = {
    records: run.tweets,
    cpuSeconds: run.cpuSeconds,
    tweetsPerCpuSecond: run.tweetsPerCpuSecond,
    batchProcessingP99Ms: run.batchProcessingP99Ms,
    perBatchTierFullAtRecords: hourFullAt,
    samples: run.rssAt,
    afterFull: {
      samples: after.length,
      rssSpreadMiB: spread(after.map((sample) => sample.rssMiB)),
      heapSpreadMiB: spread(after.map((sample) => sample.heapUsedMiB)),
    },
    peakRssMiB: run.peakRssMiB,
  };
  console.error(`pipeline server loop: ${JSON.stringify(result)}`);
  return result;
}

/**
 * The server replaying a stream generated at DENSE_RATE at `max` (main thread only): each 1 s batch
 * holds about 10,000 tweets, so this is the per-batch work of a 10k tweets/s stream, done as fast as
 * the server can (a live stream at that rate gives it the rest of each second).
 */
async function denseStream(dir: string, tweets: number) {
  console.error(`pipeline: generating ${tweets} tweets at ${DENSE_RATE}/s`);
  const { file, profiles } = generate(dir, tweets, DENSE_RATE);
  const run = await serverReplay(file, profiles, Math.floor(tweets * 0.99), { env: MAIN_THREAD_ONLY });
  const withTweets = Math.ceil(run.tweets / DENSE_RATE / BATCH_INTERVAL_S);
  const slowest = slowestBatches(run.batchProcessingBuckets, withTweets, BATCH_INTERVAL_S);
  const result = {
    name: `generated ${tweets.toLocaleString('en')} tweets at ${DENSE_RATE.toLocaleString('en')}/s`,
    records: run.tweets,
    batchIntervalMs: BATCH_INTERVAL_S * 1000,
    batchesWithTweets: slowest.batches,
    batchesOverInterval: slowest.overInterval,
    batchProcessingP90Ms: slowest.p90Ms,
    batchProcessingP99Ms: slowest.p99Ms,
    p99UnderBatchInterval: slowest.batches > 0 && slowest.overInterval <= 0.01 * slowest.batches,
    cpuSeconds: run.cpuSeconds,
    tweetsPerCpuSecond: run.tweetsPerCpuSecond,
    peakRssMiB: run.peakRssMiB,
  };
  console.error(`pipeline dense stream: ${JSON.stringify(result)}`);
  if (!KEEP_DIR) rmSync(file, { force: true });
  return result;
}

/** The largest peak RSS of a series over its smallest (null under two sizes). */
function spreadOf(peaks: number[]): number | null {
  return peaks.length > 1 ? round(Math.max(...peaks) / Math.min(...peaks), 2) : null;
}

/**
 * `analyze`'s peak RSS (1-minute window) over the generated sizes, twice: with each file's own
 * profiles, as measured above, and with one profiles file for every size, the largest size's. A
 * generated file's profiles are the users who tweeted in it (22,961 at 100k tweets, the whole
 * pool of 184,008 from 1M), and the store holds its file in memory (loading the larger one also
 * grows V8's young generation to its full size), so the first series also grows with the profiles
 * file; the second holds it fixed, as a user's own file would be, and shows what the stream alone
 * adds. Sizes whose own profiles are that file already are not run
 * again.
 */
async function peakRssSeries(
  dir: string,
  generated: Array<{ tweets: number; analyze1m: { peakRssMiB: number } }>,
) {
  const sizes = [...SIZES, ...MEMORY_SIZES];
  const own = generated.map((r) => ({ tweets: r.tweets, peakRssMiB: r.analyze1m.peakRssMiB }));
  const ownProfiles = { bySize: own, largestOverSmallest: spreadOf(own.map((e) => e.peakRssMiB)) };
  if (own.length < 2) return { ownProfiles, oneProfilesFile: null };
  const largestSize = Math.max(...sizes);
  // Every size's profiles are still there (a run without PIPELINE_BENCH_DIR removes only each
  // stream once measured): a stream is made again only for a run that reads it.
  const common = generatedPaths(dir, largestSize).profiles;
  const commonDigest = digestOf(common);
  const one = [];
  for (const [i, entry] of own.entries()) {
    if (digestOf(generatedPaths(dir, sizes[i]!).profiles) === commonDigest) {
      one.push({ ...entry, sameAsOwn: true });
      continue;
    }
    const { file } = generate(dir, sizes[i]!);
    console.error(`pipeline: analyze of ${sizes[i]} tweets with the profiles of ${largestSize}`);
    const flags = [...WINDOWS.analyze1m, '--profiles', common, '--json', '--no-progress'];
    const run = await child(dir, ['analyze', file, ...flags]);
    one.push({ tweets: run.tweets, peakRssMiB: run.maxRssMiB, sameAsOwn: false });
    if (!KEEP_DIR) rmSync(file, { force: true });
  }
  return {
    ownProfiles,
    oneProfilesFile: {
      profiles: path.basename(common),
      profilesMiB: round(statSync(common).size / 2 ** 20),
      bySize: one,
      largestOverSmallest: spreadOf(one.map((e) => e.peakRssMiB)),
    },
  };
}

/** A file's SHA-256, to tell whether two profiles files hold the same. */
function digestOf(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

if (KEEP_DIR) mkdirSync(KEEP_DIR, { recursive: true });
const dir = KEEP_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'hashpulse-pipeline-bench-'));
try {
  const load = os.loadavg().map((n) => round(n, 2));
  const results = [];
  for (const tweets of SIZES) {
    console.error(`pipeline: generating ${tweets} tweets`);
    const { file, profiles } = generate(dir, tweets);
    results.push(await measureFile(dir, `generated ${tweets.toLocaleString('en')} tweets`, file, profiles));
    if (!KEEP_DIR) rmSync(file, { force: true });
  }
  const memory = [];
  for (const tweets of MEMORY_SIZES) {
    console.error(`pipeline: generating ${tweets} tweets`);
    const { file, profiles } = generate(dir, tweets);
    const name = `generated ${tweets.toLocaleString('en')} tweets (memory series)`;
    memory.push(await measureFile(dir, name, file, profiles, true));
    if (!KEEP_DIR) rmSync(file, { force: true });
  }
  if (REAL_MB > 0) {
    console.error(`pipeline: building a ${REAL_MB} MiB real-recording file`);
    const file = await realRecording(dir, REAL_MB);
    results.push(await measureFile(dir, `real recordings (flat + noflat) ${REAL_MB} MiB`, file, null));
  }
  const dense = DENSE_TWEETS > 0 ? await denseStream(dir, DENSE_TWEETS) : null;
  const loop = SERVER_LOOP > 0 ? await serverLoop(dir, SERVER_LOOP) : null;
  const generated = [...results, ...memory].filter((r) => r.name.startsWith('generated'));
  const peakRss = await peakRssSeries(dir, generated);
  console.log(
    JSON.stringify(
      {
        benchmark: 'pipeline',
        note: 'CPU seconds per run in its own process (the lowest of PIPELINE_BENCH_REPEATS rounds, each round taking the runs in turn; allCpuSeconds: every round); bare = shared line reader + JSON.parse; analyze = `hashpulse analyze --batch 1s --window 1m|5m --slide 5s --json`; server = apps/server/src/main.ts, POST /api/replay/start at max, CPU from the request to the last record',
        results,
        memory,
        denseStream: dense,
        serverLoop: loop,
        analyzePeakRss: peakRss,
        loadAverageAtStart: load,
        loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)),
        machine: machineInfo(),
      },
      null,
      2,
    ),
  );
} finally {
  if (!KEEP_DIR) rmSync(dir, { recursive: true, force: true });
}
