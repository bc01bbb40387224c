// One measured run of the pipeline benchmark, in a process of its own so its peak RSS is its own:
// `bare FILE` (read lines with the shared line reader and JSON.parse each) or `analyze FILE ARGS...`
// (the real `hashpulse analyze` command, its report to stdout). Writes {tweets, cpuSeconds, maxRssMiB}
// as JSON to the file named by PIPELINE_RESULT; CPU is counted from after module loading (tsx
// compiles the sources first, which is not the pipeline's cost).
import { writeFileSync } from 'node:fs';
import { readLineBatches } from '../../apps/server/src/files/index.js';

const [mode, file, ...rest] = process.argv.slice(2);
const resultPath = process.env.PIPELINE_RESULT;
if (mode === undefined || file === undefined || resultPath === undefined) {
  throw new Error('usage: PIPELINE_RESULT=out.json pipeline-child.ts bare|analyze FILE [analyze flags]');
}

async function bare(path: string): Promise<number> {
  let parsed = 0;
  for await (const batch of readLineBatches(path)) {
    for (const line of batch) {
      if (line.text.length === 0) continue;
      JSON.parse(line.text);
      parsed++;
    }
  }
  return parsed;
}

async function analyze(path: string, flags: string[]): Promise<void> {
  const code = await runCli(['analyze', path, ...flags]);
  if (code !== 0) throw new Error(`hashpulse analyze exited with ${code}`);
}

// The command loads these when it runs; loaded here first so their compilation is not counted.
const { runCli } = await import('../../apps/server/src/cli/main.js');
await Promise.all([
  import('../../apps/server/src/analyze/index.js'),
  import('../../apps/server/src/profiles/index.js'),
  import('../../apps/server/src/sources/replay/index.js'),
]);

const started = process.cpuUsage();
const startedWall = performance.now();
let lines = 0;
if (mode === 'bare') lines = await bare(file);
else if (mode === 'analyze') await analyze(file, rest);
else throw new Error(`unknown mode ${mode}`);
const spent = process.cpuUsage(started);
writeFileSync(
  resultPath,
  JSON.stringify({
    lines,
    cpuSeconds: (spent.user + spent.system) / 1e6,
    wallSeconds: (performance.now() - startedWall) / 1000,
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
