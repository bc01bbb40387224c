// The analytics job alone, in process and without the server around it: the same generated tweets,
// decoded a second at a time on a manual clock, through the job with the server's history tiers,
// with its author windows (top authors, each hashtag's authors) and without them, each run in a
// process of its own, the two in turn for JOB_BENCH_REPEATS rounds (default 5); the fastest of each
// is kept. With no sockets, files or HTTP in the measured part it moves less from run to run than
// the pipeline bench's server, so a change to the job or the engine's windows shows here first.
// JOB_BENCH_TWEETS: tweets per run (default 300000, 1,000 tweets/s). JOB_BENCH_BASELINE: another
// checkout (a `git worktree` of the commit to compare, with its node_modules) whose job runs in the
// same rounds, on the same tweets, side by side; a digest of every window update shows whether the
// two compute the same windows.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo } from './machine.js';
import { inTurn } from './support/in-turn.js';
import { nodeFlagsOf } from './support/node-flags.js';
import { round } from './support/round.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TWEETS = Number(process.env.JOB_BENCH_TWEETS ?? 300_000);
const REPEATS = Math.max(1, Number(process.env.JOB_BENCH_REPEATS ?? 5));
const BASELINE = process.env.JOB_BENCH_BASELINE ? path.resolve(process.env.JOB_BENCH_BASELINE) : null;
const MODES = ['authors', 'no-authors'] as const;
const TSX = ['--conditions=hashpulse-source', '--import', 'tsx'];

interface ChildRun {
  tweets: number;
  windows: number;
  windowsDigest: string;
  cpuSeconds: number;
}

async function run(checkout: string, mode: (typeof MODES)[number]): Promise<ChildRun> {
  const flags = await nodeFlagsOf(checkout);
  const child = spawnSync(
    process.execPath,
    [...flags, ...TSX, path.join(root, 'bench/support/job-child.ts'), checkout, String(TWEETS), mode],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`job-child.ts ${mode} on ${checkout} exited with ${child.status}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildRun;
  if (typeof result.windowsDigest !== 'string')
    throw new Error(`job-child.ts on ${checkout} printed no windowsDigest`);
  return result;
}

const checkouts = BASELINE === null ? [root] : [root, BASELINE];
let roundNow = 0;
const runs = await inTurn(
  REPEATS,
  'cpuSeconds',
  Object.fromEntries(
    checkouts.flatMap((checkout) =>
      MODES.map((mode) => [
        `${checkout}\n${mode}`,
        async () => {
          const result = await run(checkout, mode);
          console.error(
            `job bench: round ${roundNow} of ${REPEATS}, ${checkout === root ? 'this checkout' : 'baseline'}, ${mode}: ${round(result.cpuSeconds, 2)} CPU s`,
          );
          return result;
        },
      ]),
    ),
  ),
  (_, started) => (roundNow = started),
);

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
