// A fixed pool of worker_threads running task chunks. Chunks go to whichever worker is idle; the
// caller merges results by chunk index, so the outcome never depends on the number of workers.
import { Worker } from 'node:worker_threads';
import { TaskError } from '../errors.js';
import type { ChunkReply, ChunkRequest, Combine, Stage, Task, WorkerStart } from './task.js';

interface Pending {
  request: ChunkRequest;
  /** ArrayBuffers moved to the worker with the request rather than copied (see runTask). */
  transfer: ArrayBuffer[];
  resolve(result: unknown[] | [unknown[], number[]]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** Chunks sent to this worker and not yet answered, oldest first. */
  out: Pending[];
}

export interface WorkerPoolOptions {
  /**
   * Chunks a worker holds at once (default 1). With 2, the next chunk waits in the worker's own
   * queue, so it starts as soon as the last ends instead of when this thread next reads the
   * answer: a decode thread idled up to a block's time whenever the main thread was busy.
   */
  chunksPerWorker?: number;
  /**
   * On Linux, how much nicer than this thread the workers run, 0 (default: the same priority) to
   * 19 (capped at niceness 19): a pool doing background work for this thread lets it run first
   * whenever the cores are short.
   */
  niceness?: number;
}

// Compiled (dist/*.js), a worker runs the emitted runner on plain node; from source (tests, tsx) the
// .mjs entry registers tsx first, because Node 20 ignores `--import tsx` in a Worker's execArgv.
const ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./worker-entry.mjs', import.meta.url)
  : new URL('./worker-runner.js', import.meta.url);

export class WorkerPool {
  private slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 0;
  private closed = false;

  private readonly chunksPerWorker: number;
  private readonly start: WorkerStart;

  constructor(
    readonly size: number,
    options: WorkerPoolOptions = {},
  ) {
    this.chunksPerWorker = Math.max(1, Math.floor(options.chunksPerWorker ?? 1));
    const niceness = options.niceness ?? 0;
    if (!Number.isInteger(niceness) || niceness < 0 || niceness > 19) {
      throw new RangeError(`worker niceness must be an integer from 0 to 19, got ${niceness}`);
    }
    this.start = { niceness };
  }

  /** Starts every worker now (they take a moment to load), instead of at the first chunk. */
  warm(): void {
    while (this.slots.length < this.size) this.slots.push(this.spawn());
  }

  run(
    stages: Stage[],
    combine: Combine,
    records: unknown[],
    transfer: ArrayBuffer[] = [],
  ): Promise<unknown[] | [unknown[], number[]]> {
    if (this.closed) return Promise.reject(new TaskError('the worker pool is closed (the context stopped)'));
    return new Promise((resolve, reject) => {
      this.waiting.push({
        request: { id: this.nextId++, stages, combine, records },
        transfer,
        resolve,
        reject,
      });
      this.dispatch();
    });
  }

  /**
   * Runs one task on a whole chunk of records in a worker (a partition stage), for work outside a
   * batch's stages: a source decoding its input on the pool, say. `transfer`: ArrayBuffers the
   * records view that move to the worker instead of being copied; they are unusable here once the
   * chunk is sent (which may be later, when a worker is free), so the caller gives them up now.
   */
  runTask<In, Out>(task: Task<In[], Out[]>, records: In[], transfer: ArrayBuffer[] = []): Promise<Out[]> {
    const stage: Stage = { kind: 'partition', module: task.module, export: task.export };
    return this.run([stage], 'none', records, transfer) as Promise<Out[]>;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.waiting.splice(0))
      pending.reject(new TaskError('the worker pool closed before the chunk ran'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots = [];
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      // An idle worker first (a new one while the pool is not full), then the least busy.
      let slot = this.slots.find((candidate) => candidate.out.length === 0);
      if (!slot && this.slots.length < this.size) {
        slot = this.spawn();
        this.slots.push(slot);
      }
      slot ??= this.slots
        .filter((candidate) => candidate.out.length < this.chunksPerWorker)
        .sort((a, b) => a.out.length - b.out.length)[0];
      if (!slot) return;
      const pending = this.waiting.shift()!;
      slot.out.push(pending);
      slot.worker.ref(); // keep the process alive while a chunk is out
      slot.worker.postMessage(pending.request, pending.transfer);
    }
  }

  private spawn(): Slot {
    // From source, workers load TypeScript task modules through tsx (registered by the entry).
    const worker = new Worker(ENTRY, { workerData: this.start });
    worker.unref();
    const slot: Slot = { worker, out: [] };
    worker.on('message', (reply: ChunkReply) => {
      const at = slot.out.findIndex((candidate) => candidate.request.id === reply.id);
      if (at === -1) return;
      const [pending] = slot.out.splice(at, 1) as [Pending];
      if (slot.out.length === 0) worker.unref();
      if (reply.ok) pending.resolve(reply.result);
      else
        pending.reject(
          new TaskError(`task ${reply.error.task} failed: ${reply.error.name}: ${reply.error.message}`),
        );
      this.dispatch();
    });
    const lost = (why: string): void => {
      this.slots = this.slots.filter((candidate) => candidate !== slot);
      for (const pending of slot.out.splice(0))
        pending.reject(new TaskError(`a pool worker ${why}; the chunk it ran is lost (the batch fails)`));
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (error) => lost(`crashed: ${error.message}`));
    worker.on('exit', (code) => {
      if (!this.closed) lost(`exited with code ${code}`);
    });
    return slot;
  }
}
