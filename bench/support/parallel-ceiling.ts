// The scale bench's parallel ceiling: bench/support/bare-threads.ts run in child processes (with the
// server's V8 flags) on the main thread alone and with one worker thread, the fastest of each.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../apps/server/src/runtime/node-flags.js';
import { inTurn } from './in-turn.js';
import { round } from './round.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One run of bench/support/bare-threads.ts, as it prints it. */
interface BareRun {
  wallSeconds: number;
  cpuSeconds: number;
  lines: number;
}

/**
 * Bytes the bare loop reads per run (the file read again as often as it takes): the demo stream's
 * one read is under a second of work, and its speedup swung from 0.99× to 1.36× between runs.
 */
const BARE_BYTES = 600 * 2 ** 20;

/**
 * The bare loop (bench/support/bare-threads.ts) on the main thread alone and with one worker thread,
 * `repeats` times in turn; the fastest of each.
 */
export async function bareCeiling(file: string, repeats: number) {
  const passes = Math.max(1, Math.round(BARE_BYTES / statSync(file).size));
  const best = await inTurn(repeats, 'wallSeconds', {
    alone: () => bareThreads(file, 0, passes),
    withThread: () => bareThreads(file, 1, passes),
  });
  const [alone, withThread] = [best.alone.fastest, best.withThread.fastest];
  // Every line parsed once whoever parsed it, or the scheduling lost or repeated a block.
  if (alone.lines !== withThread.lines)
    throw new Error(`bare loop: ${alone.lines} lines alone but ${withThread.lines} with a thread`);
  console.error(
    `scale: ${path.basename(file)} bare loop: ${round(alone.wallSeconds, 2)} s alone, ${round(withThread.wallSeconds, 2)} s with a thread`,
  );
  return {
    note: 'the bare loop (read blocks, cut lines, JSON.parse each), scheduled as the decode pool: what a second thread can give on this machine',
    passes,
    mainThreadOnly: { wallSeconds: round(alone.wallSeconds, 2), cpuSeconds: round(alone.cpuSeconds, 2) },
    withOneThread: {
      wallSeconds: round(withThread.wallSeconds, 2),
      cpuSeconds: round(withThread.cpuSeconds, 2),
    },
    speedup: round(alone.wallSeconds / withThread.wallSeconds, 2),
  };
}

function bareThreads(file: string, threads: number, passes: number): Promise<BareRun> {
  const child = spawn(
    process.execPath,
    [
      ...SERVER_NODE_FLAGS,
      '--conditions=hashpulse-source',
      '--import',
      'tsx',
      path.join(repoRoot, 'bench/support/bare-threads.ts'),
      file,
      String(threads),
      String(passes),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`bare-threads.ts exited with ${code}`));
      else resolve(JSON.parse(out) as BareRun);
    });
  });
}
