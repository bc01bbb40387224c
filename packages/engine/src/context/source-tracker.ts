// The source tracker (Spark's ReceiverTracker): the context's sources, the sinks they push
// through, their bounded buffers, and pausing them (by the user or by backpressure).
import {
  InvalidRecordTimeError,
  SourceFailedError,
  SourceNotPausableError,
  UnknownSourceError,
  ContextStateError,
} from '../errors.js';
import type { Graph } from '../graph/node.js';
import type { BatchInfo, SourcePauseReason } from '../metrics/batch-info.js';
import { SourceNode } from '../operators/source-node.js';
import type { Source, SourceOffset, SourceSink } from '../source/source.js';
import { type ContextRuntime, clockTimeOrNaN } from './context-runtime.js';
import { SourceBuffer } from './source-buffer.js';

export interface SourceEntry {
  source: Source<unknown>;
  buffer: SourceBuffer;
  node: SourceNode<unknown>;
  /** Why the source is paused; it runs when empty (see setPaused). */
  pauses: Set<SourcePauseReason>;
}

/** How records are placed in batches: the job generator's side of intake. */
export interface BatchPlacement {
  /** The batch a record at `time` belongs to; a closed batch's record goes to the earliest open one. */
  batchOf(time: number): { batchTime: number; late: boolean };
  /** A record of batch `batchTime` was accepted. */
  accepted(batchTime: number): void;
  /** The batch being filled now, if the schedule has begun (drops are warned once per batch). */
  openBatch(): number | undefined;
}

export class SourceTracker {
  readonly entries: SourceEntry[] = [];
  /** Offsets to restore at start, from a checkpoint. */
  restoredOffsets: Array<SourceOffset | null> | undefined;

  constructor(
    private readonly runtime: ContextRuntime,
    private readonly placement: BatchPlacement,
    private readonly maxBuffered: number,
  ) {}

  names(): string[] {
    return this.entries.map(({ source }) => source.name);
  }

  add<T>(graph: Graph, source: Source<T>, maxBuffered = this.maxBuffered): SourceNode<T> {
    if (this.entries.some((entry) => entry.source.name === source.name)) {
      throw new ContextStateError(
        `a source named "${source.name}" is already registered: give each source a unique name`,
      );
    }
    const index = this.entries.length;
    const node = new SourceNode<T>(graph, index, source.name);
    const buffer = new SourceBuffer(source.name, index, maxBuffered);
    buffer.boundOpenBatches = !this.runtime.clock.virtual;
    this.entries.push({
      source: source as Source<unknown>,
      buffer,
      node: node as SourceNode<unknown>,
      pauses: new Set(),
    });
    return node;
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /** Restores checkpointed offsets and starts every source; fails the context if one cannot start. */
  async startAll(): Promise<void> {
    await Promise.all(
      this.entries.map(async (entry, index) => {
        try {
          const offset = this.restoredOffsets?.[index];
          if (offset !== undefined && offset !== null) {
            if (entry.source.restore) entry.source.restore(offset);
            else {
              this.warn(
                entry.source.name,
                `source "${entry.source.name}" cannot restore its checkpoint offset (no restore()): it starts afresh`,
              );
            }
          }
          await entry.source.start(this.sinkFor(entry));
        } catch (error) {
          this.runtime.fail(new SourceFailedError(entry.source.name, error));
          throw this.runtime.failure();
        }
      }),
    );
  }

  /** Stops every source (a failure to stop is a warning) and wakes writers waiting for room. */
  async stopAll(): Promise<void> {
    for (const entry of this.entries) {
      try {
        await entry.source.stop();
      } catch (error) {
        this.warn(
          entry.source.name,
          `source "${entry.source.name}" failed to stop: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  wakeAllWriters(): void {
    for (const { buffer } of this.entries) buffer.wakeWriters(true);
  }

  // ---- batches ------------------------------------------------------------------------------

  /** Takes every source's records of batches up to `time` (closing the batch) with their counts. */
  take(time: number): { records: unknown[][]; perSource: BatchInfo['perSource'] } {
    const records: unknown[][] = [];
    const perSource: BatchInfo['perSource'] = {};
    for (const entry of this.entries) {
      const { buffer } = entry;
      const taken = buffer.take(time);
      // On a virtual clock only closed batches count toward the bound: closing one can fill it.
      this.pauseIfFull(entry);
      records.push(taken);
      perSource[buffer.name] = {
        records: taken.length,
        lateRecords: buffer.lateSinceBatch,
        droppedRecords: buffer.droppedSinceBatch,
        paused: entry.pauses.size > 0,
      };
      buffer.lateSinceBatch = 0;
      buffer.droppedSinceBatch = 0;
    }
    return { records, perSource };
  }

  /** A batch's records were processed (or dropped at stop): their room is free again. */
  release(records: unknown[][]): void {
    for (let i = 0; i < this.entries.length; i++) this.entries[i]!.buffer.release(records[i]!.length);
  }

  /** A batch restored from a checkpoint is queued again: its records count as in flight. */
  requeue(records: unknown[][]): void {
    records.forEach((batch, i) => {
      const buffer = this.entries[i]!.buffer;
      buffer.inFlight += batch.length;
      buffer.queued += batch.length;
    });
  }

  /** Re-assigns every buffered record to a batch (after a batch interval change). */
  rebucket(batchTimeOf: (time: number) => number): void {
    for (const { buffer } of this.entries) buffer.rebucket(batchTimeOf);
  }

  // ---- intake -------------------------------------------------------------------------------

  private sinkFor(entry: SourceEntry): SourceSink<unknown> {
    const name = entry.source.name;
    return {
      push: (value, time) => this.push(entry, value, time),
      whenWritable: () =>
        this.runtime.state() === 'started' ? entry.buffer.whenWritable() : Promise.resolve(),
      now: () => this.runtime.clock.now(),
      warn: (message) => this.warn(name, message),
      fail: (error) => this.runtime.fail(new SourceFailedError(name, error)),
      end: () => {
        entry.buffer.ended = true;
        this.runtime.bus.post('sourceEnded', name);
      },
    };
  }

  private push(entry: SourceEntry, value: unknown, time: number | undefined): boolean {
    if (this.runtime.state() !== 'started') return false;
    const { clock } = this.runtime;
    const t = time ?? clock.now();
    if (!Number.isFinite(t)) {
      throw new InvalidRecordTimeError(
        `record time ${String(time)} from source "${entry.source.name}" must be epoch milliseconds`,
      );
    }
    const { batchTime, late } = this.placement.batchOf(t);
    const accepted = entry.buffer.push(value, t, batchTime, late);
    if (accepted) this.placement.accepted(batchTime);
    if (!accepted && !entry.buffer.waits) this.warnDrops(entry.buffer);
    // A virtual clock advances with the records' own timestamps.
    if (time !== undefined && clock.virtual) clock.tick(t);
    this.pauseIfFull(entry);
    return accepted;
  }

  private warnDrops(buffer: SourceBuffer): void {
    // One warning per batch per source: the counts are in the batch metrics.
    const batch = this.placement.openBatch() ?? -1;
    if (buffer.warnedDropsAt === batch) return;
    buffer.warnedDropsAt = batch;
    this.runtime.bus.warn({
      time: clockTimeOrNaN(this.runtime.clock),
      source: buffer.name,
      kind: 'dropped-records',
      message: `source "${buffer.name}" is dropping records: ${buffer.maxBuffered} records are waiting for processing (processing is slower than the input; raise maxBufferedRecords or reduce the load)`,
    });
  }

  private warn(source: string, message: string): void {
    this.runtime.bus.warn({
      time: clockTimeOrNaN(this.runtime.clock),
      source,
      kind: 'source-warning',
      message,
    });
  }

  // ---- pausing ------------------------------------------------------------------------------

  /** pauseSource / resumeSource: the user's reason, independent of backpressure. */
  setUserPause(name: string, paused: boolean, method: string): void {
    const entry = this.entryNamed(name);
    if (!canPause(entry.source)) {
      throw new SourceNotPausableError(
        `source ${JSON.stringify(name)} cannot be paused: it does not implement pause() and resume()`,
      );
    }
    if (this.runtime.state() !== 'started') {
      throw new ContextStateError(`${method}() needs a started context (it is ${this.runtime.state()})`);
    }
    this.setPaused(entry, 'user', paused);
  }

  isPaused(name: string): boolean {
    return this.entryNamed(name).pauses.size > 0;
  }

  private entryNamed(name: string): SourceEntry {
    const entry = this.entries.find(({ source }) => source.name === name);
    if (!entry) {
      throw new UnknownSourceError(
        `no source named ${JSON.stringify(name)}: the sources are ${JSON.stringify(this.names())}`,
      );
    }
    return entry;
  }

  /**
   * Backpressure for sources that can pause but do not wait: pause one whose buffer is full rather
   * than drop its next records. Not a source that waits on whenWritable(): it already holds back,
   * and its own pause() may mean something else (a replay's user-visible "paused").
   */
  private pauseIfFull(entry: SourceEntry): void {
    const { buffer, source, pauses } = entry;
    if (buffer.hasRoom() || buffer.waits || pauses.has('backpressure') || !canPause(source)) return;
    this.setPaused(entry, 'backpressure', true);
  }

  /** After processing released records: resume sources paused by backpressure once drained to half. */
  resumeDrained(): void {
    for (const entry of this.entries) {
      if (entry.pauses.has('backpressure') && entry.buffer.drained())
        this.setPaused(entry, 'backpressure', false);
    }
  }

  /**
   * Adds or lifts one reason. The source itself is paused when the first reason arrives and resumed
   * when the last one leaves, so neither reason undoes the other. Nothing moves once the context
   * is stopping: a stopped source needs no resume().
   */
  private setPaused(entry: SourceEntry, reason: SourcePauseReason, paused: boolean): void {
    const { pauses, source } = entry;
    if (this.runtime.state() !== 'started' || pauses.has(reason) === paused) return;
    const wasPaused = pauses.size > 0;
    if (paused) pauses.add(reason);
    else pauses.delete(reason);
    if (wasPaused === pauses.size > 0) return;
    // Announced before the call: a source resumed may fill its buffer and be paused again inside
    // resume(), and listeners must see the two changes in that order.
    this.runtime.bus.post('sourcePaused', source.name, paused, reason);
    if (this.runtime.state() !== 'started') return; // the listener threw and failed the context
    try {
      if (paused) source.pause!();
      else source.resume!();
    } catch (error) {
      this.runtime.fail(new SourceFailedError(source.name, error));
    }
  }
}

function canPause(source: Source<unknown>): boolean {
  return typeof source.pause === 'function' && typeof source.resume === 'function';
}
