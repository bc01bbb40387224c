// The parallel ceiling of the scale bench, run in a process of its own: the bare loop (cut lines,
// turn each into a string and JSON.parse it) over one file, on the main thread alone or with
// worker threads beside it, scheduled as the decode pool schedules the server's decode (blocks of
// whole lines from the same reader, two out per thread, the main thread taking the next untaken
// block rather than wait). What a second thread gives this loop, the work every tweet needs with
// nothing handed back, is the yardstick for what it gives the server on the same machine.
// `bare-threads.ts FILE THREADS [PASSES]`: PASSES reads of the file one after another (default 1),
// so a small file still makes seconds of work; prints one JSON line.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { blockTransferList, readLineBlocks, type FileLineBlock } from '../../apps/server/src/files/index.js';

const [file, threadsArg, passesArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: bare-threads.ts FILE THREADS [PASSES]');
const threads = Number(threadsArg ?? 0);
const passes = Number(passesArg ?? 1);

/** Lines parsed in a block's bytes; the same function runs on the worker threads (its source is sent). */
function parseBlock(parts: Uint8Array[]): number {
  // A line may cross from one part into the next: the parts are joined first (one copy).
  const bytes = Buffer.concat(parts);
  let parsed = 0;
  for (let start = 0; start < bytes.length;) {
    let end = bytes.indexOf(10, start);
    if (end === -1) end = bytes.length;
    if (end > start) {
      JSON.parse(bytes.toString('utf8', start, end));
      parsed++;
    }
    start = end + 1;
  }
  return parsed;
}

// Plain JavaScript, so the workers need no TypeScript loader (tsx compiles parseBlock above).
const WORKER = `
const { parentPort } = require('node:worker_threads');
const parseBlock = ${parseBlock.toString()};
parentPort.on('message', ({ id, parts }) => parentPort.postMessage({ id, parsed: parseBlock(parts) }));
`;

const workers = Array.from({ length: threads }, () => new Worker(WORKER, { eval: true }));
const waiting = new Map<number, (parsed: number) => void>();
for (const worker of workers)
  worker.on('message', ({ id, parsed }: { id: number; parsed: number }) => waiting.get(id)!(parsed));
await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('online', resolve))));

interface Ahead {
  block: FileLineBlock;
  out: Promise<number> | null;
  parsed: number | null;
}

const OUT_PER_THREAD = 2;
const queue: Ahead[] = [];
let ids = 0;
let out = 0;
let onThreads = 0;
let here = 0;
let lines = 0;

function handOut(): void {
  for (const item of queue) {
    if (out >= threads * OUT_PER_THREAD) return;
    if (item.out !== null || item.parsed !== null) continue;
    const id = ids++;
    const worker = workers[id % threads]!;
    out++;
    onThreads++;
    item.out = new Promise<number>((resolve) => waiting.set(id, resolve)).then((parsed) => {
      waiting.delete(id);
      out--;
      item.parsed = parsed;
      handOut();
      return parsed;
    });
    worker.postMessage({ id, parts: item.block.parts }, blockTransferList(item.block));
  }
}

const cpu0 = process.cpuUsage();
const wall0 = performance.now();
async function* passesOf(): AsyncGenerator<FileLineBlock> {
  for (let pass = 0; pass < passes; pass++) yield* readLineBlocks(file!);
}
const blocks = passesOf();
let readEnded = false;
for (;;) {
  while (!readEnded && queue.length < Math.max(2, threads * 8)) {
    const next = await blocks.next();
    if (next.done === true) readEnded = true;
    else queue.push({ block: next.value, out: null, parsed: null });
  }
  handOut();
  const head = queue[0];
  if (head === undefined) break;
  if (head.parsed === null) {
    const spare = queue.find((item) => item.out === null && item.parsed === null);
    if (spare !== undefined) {
      spare.parsed = parseBlock(spare.block.parts);
      here++;
      await new Promise((resolve) => setImmediate(resolve));
    } else await head.out;
    continue;
  }
  queue.shift();
  lines += head.parsed;
}
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    threads,
    passes,
    lines,
    wallSeconds: (performance.now() - wall0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    blocks: { onThreads, here },
    loadAverage: os.loadavg()[0],
  }),
);
await Promise.all(workers.map((worker) => worker.terminate()));
