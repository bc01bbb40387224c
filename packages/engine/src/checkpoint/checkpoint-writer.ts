// The checkpoint writer: after every checkpoint interval of batches, captures the whole state of a
// context (sources, queued batches, windows, node state, configuration) synchronously and writes
// it atomically; and restores a context from what it wrote.
import type { ContextRuntime } from '../context/context-runtime.js';
import type { JobGenerator } from '../context/job-generator.js';
import { newBatchInfo, recordCounts } from '../context/job.js';
import type { JobScheduler } from '../context/job-scheduler.js';
import type { SourceTracker } from '../context/source-tracker.js';
import type { WindowSpecs } from '../context/window-specs.js';
import { CheckpointError } from '../errors.js';
import type { Graph } from '../graph/node.js';
import { CHECKPOINT_VERSION, type CheckpointData } from './checkpoint-data.js';
import type { CheckpointStore } from './checkpoint-store.js';

/** The parts of a context a checkpoint holds. */
export interface CheckpointedParts {
  graph: Graph;
  generator: JobGenerator;
  scheduler: JobScheduler;
  sources: SourceTracker;
  specs: WindowSpecs;
}

/** When to checkpoint: after `clockMs` of batches, and no sooner than `wallMs` of stopwatch time. */
export interface CheckpointInterval {
  clockMs: number;
  wallMs: number;
}

export class CheckpointWriter {
  private lastCheckpointBatch: number | undefined;
  private lastCheckpointWall = Number.NEGATIVE_INFINITY;
  /** The batch time of the checkpoint the context recovered from, or null. */
  recoveredFrom: number | null = null;

  constructor(
    private readonly runtime: ContextRuntime,
    readonly store: CheckpointStore,
    private readonly interval: CheckpointInterval,
    private readonly parts: CheckpointedParts,
  ) {}

  /** After each batch: writes a checkpoint when the interval has passed since the last one. */
  async afterBatch(batchTime: number): Promise<void> {
    const last = this.lastCheckpointBatch;
    if (last !== undefined && batchTime - last < this.interval.clockMs) return;
    if (this.runtime.stopwatch() - this.lastCheckpointWall < this.interval.wallMs) return;
    await this.write(batchTime);
  }

  /** Captures the state after batch `batchTime` synchronously, then writes it atomically. */
  async write(batchTime: number): Promise<void> {
    let data: Buffer;
    try {
      data = this.store.encode(this.capture(batchTime));
    } catch (error) {
      this.runtime.fail(
        new CheckpointError(
          `cannot checkpoint batch ${new Date(batchTime).toISOString()}: ${error instanceof Error ? error.message : String(error)} (records and state must be structured-cloneable: plain objects, arrays, Maps...)`,
        ),
      );
      return;
    }
    this.lastCheckpointBatch = batchTime;
    this.lastCheckpointWall = this.runtime.stopwatch();
    try {
      const file = await this.store.write(batchTime, data);
      this.runtime.bus.post('checkpoint', { batchTime, path: file, bytes: data.length });
    } catch (error) {
      this.runtime.fail(
        new CheckpointError(
          `cannot write the checkpoint to ${this.store.dir}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  }

  /**
   * Restores the latest checkpoint in the store, if there is one. Whatever goes wrong (a damaged
   * or foreign file, state a node cannot take back) is a CheckpointError naming the file.
   */
  async recover(): Promise<void> {
    const stored = await this.store.readLatest<CheckpointData>();
    if (!stored) return;
    try {
      this.restore(stored.payload, stored.path);
    } catch (error) {
      if (error instanceof CheckpointError) throw error;
      throw new CheckpointError(
        `cannot recover from ${stored.path}: ${error instanceof Error ? error.message : String(error)}; delete the checkpoint directory to start over`,
        { cause: error },
      );
    }
  }

  private capture(batchTime: number): CheckpointData {
    const { graph, generator, scheduler, sources, specs } = this.parts;
    const { batchIntervalMs, pendingBatchIntervalMs, lastBatchTime, latestRecordBatch } = generator.capture();
    return {
      version: CHECKPOINT_VERSION,
      fingerprint: graph.fingerprint(),
      batchTime,
      batchIntervalMs,
      pendingBatchIntervalMs,
      windows: specs.all().map((spec) => ({ active: spec.current(), pending: spec.pendingConfig() ?? null })),
      sources: sources.entries.map(({ source, buffer }) => ({
        name: source.name,
        offset: source.offset?.() ?? null,
        pending: buffer.pending(),
      })),
      queued: scheduler
        .queuedJobs()
        .map((job) => ({ time: job.time, batchIntervalMs: job.info.batchIntervalMs, records: job.records })),
      lastBatchTime,
      latestRecordBatch,
      nodes: graph.nodes
        .filter((node) => node.snapshot)
        .map((node) => ({ id: node.id, kind: node.kind, state: node.snapshot!() })),
    };
  }

  private restore(data: CheckpointData, file: string): void {
    const { graph, generator, scheduler, sources, specs } = this.parts;
    const refuse = (why: string): never => {
      throw new CheckpointError(
        `cannot recover from ${file}: ${why}; run the same job code, or delete the checkpoint directory to start over`,
      );
    };
    if (data.version !== CHECKPOINT_VERSION)
      refuse(`it has format version ${data.version}, this engine reads ${CHECKPOINT_VERSION}`);
    if (data.fingerprint !== graph.fingerprint())
      refuse('it was written by a job with a different graph of operators');
    const names = sources.names();
    if (data.sources.map((s) => s.name).join('\0') !== names.join('\0')) {
      refuse(
        `its sources are ${JSON.stringify(data.sources.map((s) => s.name))}, this job has ${JSON.stringify(names)}`,
      );
    }
    const windowSpecs = specs.all();
    if (windowSpecs.length !== data.windows.length)
      refuse(`it has ${data.windows.length} window specs, this job ${windowSpecs.length}`);
    generator.restore({
      batchIntervalMs: data.batchIntervalMs,
      pendingBatchIntervalMs: data.pendingBatchIntervalMs,
      lastBatchTime: data.lastBatchTime,
      latestRecordBatch: data.latestRecordBatch,
    });
    windowSpecs.forEach((spec, i) => spec.restore(data.windows[i]!.active, data.windows[i]!.pending));
    for (const { id, state } of data.nodes) graph.nodes[id]!.restore?.(state);
    data.sources.forEach(({ pending }, i) => sources.entries[i]!.buffer.restorePending(pending));
    for (const job of data.queued) {
      const perSource = recordCounts(names, job.records);
      const info = newBatchInfo(
        job.time,
        job.batchIntervalMs,
        job.records,
        perSource,
        this.runtime.stopwatch(),
      );
      sources.requeue(job.records);
      scheduler.restore({ time: job.time, records: job.records, info });
    }
    this.lastCheckpointBatch = data.batchTime;
    sources.restoredOffsets = data.sources.map(({ offset }) => offset);
    this.recoveredFrom = data.batchTime;
  }
}
