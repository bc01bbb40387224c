// Offline analysis benchmark: tweets per second of `hashpulse analyze` (first pass + analytics job
// on the manual clock) on the bundled demo with its profiles, on a larger generated stream, and on
// the bundled X API recordings in test-data/ (sparse: years apart). The decode-only pass of the same files (the
// ordered reader alone) is the limit to compare with. Prints one JSON object.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFiles } from '../apps/server/src/analyze/index.js';
import { createProfileStore } from '../apps/server/src/profiles/index.js';
import { inputFilesFromPaths, OrderedTweetReader } from '../apps/server/src/sources/replay/index.js';
import { machineInfo } from './machine.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WINDOW = { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 10_000 };
const RUNS = 3;

async function decodeOnly(paths: string[]): Promise<number> {
  const started = performance.now();
  const reader = await OrderedTweetReader.open(await inputFilesFromPaths(paths));
  let tweets = 0;
  for await (const batch of reader.records()) tweets += batch.length;
  await reader.close();
  return tweets / ((performance.now() - started) / 1000);
}

async function measure(name: string, paths: string[], profiles: string | undefined, window = WINDOW) {
  let best = Number.POSITIVE_INFINITY;
  let tweets = 0;
  let windows = 0;
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.();
    const store = await createProfileStore(profiles);
    const started = performance.now();
    const { report } = await analyzeFiles({
      files: await inputFilesFromPaths(paths),
      window,
      profiles: store,
    });
    best = Math.min(best, performance.now() - started);
    await store.close();
    tweets = report.tweets;
    windows = report.windows.length;
  }
  let decodeBest = 0;
  for (let run = 0; run < RUNS; run++) decodeBest = Math.max(decodeBest, await decodeOnly(paths));
  return {
    name,
    tweets,
    windows,
    window,
    seconds: Number((best / 1000).toFixed(3)),
    tweetsPerSecond: Math.round(tweets / (best / 1000)),
    decodeOnlyTweetsPerSecond: Math.round(decodeBest),
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'hashpulse-analyze-bench-'));
try {
  const generated = path.join(dir, 'generated.jsonl');
  const generate = spawnSync(
    process.execPath,
    [
      path.join(root, 'apps/server/bin/hashpulse.js'),
      'generate',
      '--out',
      generated,
      '--minutes',
      '10',
      '--rate',
      '200',
      '--seed',
      '5',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (generate.status !== 0) throw new Error(`hashpulse generate failed with exit code ${generate.status}`);
  const recordings = path.resolve(root, 'test-data/x-api-v2');
  const results = [
    await measure(
      'demo (10 min at 20/s, gzip) + profiles file',
      [path.join(root, 'data/demo/tweets.jsonl.gz')],
      path.join(root, 'data/demo/users.jsonl'),
    ),
    await measure(
      'generated (10 min at 200/s) + profiles file',
      [generated],
      generated.replace(/\.jsonl$/, '.users.jsonl'),
    ),
    await measure(
      'X API recordings (2020-2023, hour windows)',
      readdirSync(recordings)
        .filter((name) => name.endsWith('.jsonl'))
        .map((name) => path.join(recordings, name)),
      undefined,
      { batchIntervalMs: 60_000, windowLengthMs: 3_600_000, slideMs: 3_600_000 },
    ),
  ];
  console.log(JSON.stringify({ benchmark: 'analyze', results, machine: machineInfo() }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
