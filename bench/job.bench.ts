// The analytics job alone, in process and without the server around it: the same generated tweets,
// decoded a second at a time on a manual clock, through the job with the server's history tiers,
// with its author windows (top authors, each hashtag's authors) and without them, each run in a
// process of its own, the two in turn for JOB_BENCH_REPEATS rounds (default 5); the fastest of each
// is kept. With no sockets, files or HTTP in the measured part it moves less from run to run than
// the pipeline bench's server, so a change to the job or the engine's windows shows here first.
// JOB_BENCH_TWEETS: tweets per run (default 300000, 1,000 tweets/s). JOB_BENCH_BASELINE: another
// checkout (a `git worktree` of the commit to compare, with its node_modules) whose job runs in the
// same rounds, on the same tweets, side by side; a digest of every window update shows whether the
// two compute the same windows. JOB_BENCH_TOGETHER=1 (with a baseline): each round runs the two
// checkouts' children at the same time, one per core, and reports the ratio of their CPU round by
// round. A slow spell of the whole machine then falls on both sides of a ratio alike (one that hits
// a single core does not): taken in turn, the same baseline's fastest round with author windows was
// 7.60 CPU s in one run of the bench and 6.50 in the next, where, together, a change to the roll-up
// tier (since reverted for the server's latency) gave ratios of 0.85-0.94 over 9 rounds. On a worse
// day the rounds together still ranged from 0.81 to 1.00.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo } from './machine.js';
import { type InTurn, inTurn, keepRound } from './support/in-turn.js';
import { serverFlagsOf } from './support/node-flags.js';
import { round } from './support/round.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TWEETS = Number(process.env.JOB_BENCH_TWEETS ?? 300_000);
const REPEATS = Math.max(1, Number(process.env.JOB_BENCH_REPEATS ?? 5));
const BASELINE = process.env.JOB_BENCH_BASELINE ? path.resolve(process.env.JOB_BENCH_BASELINE) : null;
const TOGETHER = process.env.JOB_BENCH_TOGETHER === '1';
if (TOGETHER && BASELINE === null) throw new Error('JOB_BENCH_TOGETHER=1 needs JOB_BENCH_BASELINE');
const MODES = ['authors', 'no-authors'] as const;
const TSX = ['--conditions=hashpulse-source', '--import', 'tsx'];

interface ChildRun {
  tweets: number;
  windows: number;
  windowsDigest: string;
  cpuSeconds: number;
}

async function run(checkout: string, mode: (typeof MODES)[number]): Promise<ChildRun> {
  const flags = await serverFlagsOf(checkout);
  const child = spawn(
    process.execPath,
    [...flags, ...TSX, path.join(root, 'bench/support/job-child.ts'), checkout, String(TWEETS), mode],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`job-child.ts ${mode} on ${checkout} exited with ${code}`);
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildRun;
  if (typeof result.windowsDigest !== 'string')
    throw new Error(`job-child.ts on ${checkout} printed no windowsDigest`);
  return result;
}

const checkouts = BASELINE === null ? [root] : [root, BASELINE];
const sideName = (checkout: string) => (checkout === root ? 'this checkout' : 'baseline');
let roundNow = 0;
const runs = TOGETHER ? await together() : await takenInTurn();

/** Every run of each checkout and mode, one after another. */
async function takenInTurn() {
  return inTurn(
    REPEATS,
    'cpuSeconds',
    Object.fromEntries(
      checkouts.flatMap((checkout) =>
        MODES.map((mode) => [
          `${checkout}\n${mode}`,
          async () => {
            const result = await run(checkout, mode);
            console.error(
              `job bench: round ${roundNow} of ${REPEATS}, ${sideName(checkout)}, ${mode}: ${round(result.cpuSeconds, 2)} CPU s`,
            );
            return result;
          },
        ]),
      ),
    ),
    (_, started) => (roundNow = started),
  );
}

/** Per round and mode, this checkout's run and the baseline's at the same time. */
async function together(): Promise<Record<string, InTurn<ChildRun>>> {
  const kept: Record<string, InTurn<ChildRun>> = {};
  for (let n = 1; n <= REPEATS; n++) {
    for (const mode of MODES) {
      const results = await Promise.all(checkouts.map((checkout) => run(checkout, mode)));
      checkouts.forEach((checkout, i) => keepRound(kept, `${checkout}\n${mode}`, results[i]!, 'cpuSeconds'));
      console.error(
        `job bench: round ${n} of ${REPEATS}, ${mode}, together: this checkout ${round(results[0]!.cpuSeconds, 2)} CPU s, baseline ${round(results[1]!.cpuSeconds, 2)} (${round(results[0]!.cpuSeconds / results[1]!.cpuSeconds, 3)}×)`,
      );
    }
  }
  return kept;
}

/** Per mode, this checkout's CPU over the baseline's, round by round (runs taken together). */
function ratiosToBaseline(baseline: string) {
  return Object.fromEntries(
    MODES.map((mode) => {
      const ours = runs[`${root}\n${mode}`]!.all;
      const theirs = runs[`${baseline}\n${mode}`]!.all;
      const ratios = ours.map((run, i) => round(run.cpuSeconds / theirs[i]!.cpuSeconds, 3));
      const sorted = [...ratios].sort((a, b) => a - b);
      return [mode, { median: sorted[Math.floor(sorted.length / 2)]!, rounds: ratios }];
    }),
  );
}

function figures(checkout: string) {
  const side = Object.fromEntries(
    MODES.map((mode) => {
      const { all, fastest } = runs[`${checkout}\n${mode}`]!;
      const best = fastest.cpuSeconds;
      // Every run of a side must be the same work: the same tweets in, the same windows out.
      if (new Set(all.map((x) => `${x.tweets}/${x.windows}/${x.windowsDigest}`)).size !== 1)
        throw new Error(`job bench: runs of ${mode} on ${checkout} disagree on their tweets or windows`);
      return [
        mode,
        {
          cpuSeconds: round(best, 2),
          allCpuSeconds: all.map((x) => round(x.cpuSeconds, 2)),
          tweetsPerCpuSecond: Math.round(all[0]!.tweets / best),
          windows: all[0]!.windows,
          windowsDigest: all[0]!.windowsDigest,
        },
      ];
    }),
  );
  const withAuthors = side['authors']!.cpuSeconds;
  const without = side['no-authors']!.cpuSeconds;
  return {
    ...side,
    authorWindowsCpuSeconds: round(withAuthors - without, 2),
    authorWindowsShare: round(1 - without / withAuthors, 3),
  };
}

console.log(
  JSON.stringify(
    {
      benchmark: 'job',
      tweets: runs[`${root}\nauthors`]!.fastest.tweets,
      stream:
        '1,000 tweets/s generated (seed 11), 1s batches, 60s window sliding every 5s, server history tiers',
      repeats: REPEATS,
      result: figures(root),
      ...(BASELINE === null
        ? {}
        : {
            baseline: { checkout: BASELINE, ...figures(BASELINE) },
            ...(TOGETHER ? { cpuOverBaselineRunTogether: ratiosToBaseline(BASELINE) } : {}),
            // A change that should not move results must leave every window update as it was.
            sameWindowsAsBaseline: MODES.every(
              (mode) =>
                runs[`${root}\n${mode}`]!.fastest.windowsDigest ===
                runs[`${BASELINE}\n${mode}`]!.fastest.windowsDigest,
            ),
          }),
      machine: machineInfo(),
    },
    null,
    2,
  ),
);
