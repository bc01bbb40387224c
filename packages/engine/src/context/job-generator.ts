// The job generator (Spark's JobGenerator): cuts a batch every batch interval on the clock (batch t
// holds arrivals in [t − B, t)), applies batch-interval changes at batch boundaries, and hands each
// closed batch to the scheduler.
import type { Cancel, VirtualClock } from '../clock/clock.js';
import type { WindowSpec } from '../window/window-spec.js';
import type { ContextRuntime } from './context-runtime.js';
import { newBatchInfo } from './job.js';
import type { JobScheduler } from './job-scheduler.js';
import type { BatchPlacement, SourceTracker } from './source-tracker.js';

/** The generator's part of a checkpoint. */
export interface GeneratorState {
  batchIntervalMs: number;
  pendingBatchIntervalMs: number | null;
  lastBatchTime: number | null;
  latestRecordBatch: number | null;
}

export class JobGenerator implements BatchPlacement {
  private batchInterval: number;
  private pendingBatchInterval: number | undefined;
  private nextBatchTime: number | undefined;
  private lastBatchTime: number | undefined;
  private latestRecordBatch: number | undefined;
  private cancelTimer: Cancel | undefined;
  private cancelStartWait: Cancel | undefined;

  constructor(
    private readonly runtime: ContextRuntime,
    private readonly sources: SourceTracker,
    private readonly scheduler: JobScheduler,
    batchIntervalMs: number,
  ) {
    this.batchInterval = batchIntervalMs;
  }

  /** The batch interval in effect. */
  get batchIntervalMs(): number {
    return this.batchInterval;
  }

  /** The batch interval windows must fit: a pending change, else the one in effect. */
  get upcomingBatchIntervalMs(): number {
    return this.pendingBatchInterval ?? this.batchInterval;
  }

  /** The last batch closed, if any. */
  get lastBatch(): number | undefined {
    return this.lastBatchTime;
  }

  openBatch(): number | undefined {
    return this.nextBatchTime;
  }

  /** A validated interval: at once before start, else from the next batch boundary on. */
  setBatchInterval(ms: number): void {
    if (this.runtime.state() === 'initialized') this.batchInterval = ms;
    else this.pendingBatchInterval = ms === this.batchInterval ? undefined : ms;
  }

  batchOf(time: number): { batchTime: number; late: boolean } {
    const b = this.batchInterval;
    const batchTime = Math.floor(time / b) * b + b;
    if (this.lastBatchTime !== undefined && batchTime <= this.lastBatchTime) {
      return { batchTime: this.nextBatchTime ?? this.lastBatchTime + b, late: true };
    }
    return { batchTime, late: false };
  }

  accepted(batchTime: number): void {
    if (!(batchTime <= (this.latestRecordBatch ?? -Infinity))) this.latestRecordBatch = batchTime;
  }

  /** Begins the schedule once the clock has a time. */
  start(): void {
    const { clock } = this.runtime;
    if (clock.isStarted()) this.beginSchedule();
    else this.cancelStartWait = clock.whenStarted(() => this.beginSchedule());
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelStartWait?.();
  }

  /**
   * Offline analysis: advances `clock` until every window that can hold a record received so far
   * has been emitted (the end of the last window), and resolves when processed.
   */
  async advanceToLastWindow(clock: VirtualClock, specs: readonly WindowSpec[]): Promise<void> {
    if (this.runtime.state() !== 'started' || this.nextBatchTime === undefined)
      return this.scheduler.whenIdle();
    for (;;) {
      const lastRecordBatch = this.latestRecordBatch ?? this.nextBatchTime;
      // The last window holding batch b ends at the largest multiple of S below b + W.
      let end = Math.max(lastRecordBatch, clock.now());
      for (const spec of specs) {
        const { windowLengthMs: w, slideMs: s } = spec.config;
        end = Math.max(end, Math.ceil((lastRecordBatch + w) / s) * s - s);
      }
      await clock.advanceTo(end);
      // A paused source resumed while those batches were processed delivers what it held: cover it too.
      if (
        this.runtime.state() !== 'started' ||
        (this.latestRecordBatch ?? lastRecordBatch) <= lastRecordBatch
      )
        return;
    }
  }

  capture(): GeneratorState {
    return {
      batchIntervalMs: this.batchInterval,
      pendingBatchIntervalMs: this.pendingBatchInterval ?? null,
      lastBatchTime: this.lastBatchTime ?? null,
      latestRecordBatch: this.latestRecordBatch ?? null,
    };
  }

  restore(state: GeneratorState): void {
    this.batchInterval = state.batchIntervalMs;
    this.pendingBatchInterval = state.pendingBatchIntervalMs ?? undefined;
    this.lastBatchTime = state.lastBatchTime ?? undefined;
    this.latestRecordBatch = state.latestRecordBatch ?? undefined;
  }

  private beginSchedule(): void {
    if (this.runtime.state() !== 'started' || this.nextBatchTime !== undefined) return;
    const b = this.batchInterval;
    this.nextBatchTime =
      this.lastBatchTime !== undefined
        ? this.lastBatchTime + b
        : Math.floor(this.runtime.clock.now() / b) * b + b;
    this.scheduleNext();
  }

  private scheduleNext(): void {
    const time = this.nextBatchTime!;
    this.cancelTimer = this.runtime.clock.schedule(time, () => this.onBatchDue(time));
  }

  private onBatchDue(time: number): void {
    if (this.runtime.state() !== 'started' || time !== this.nextBatchTime) return;
    this.closeBatch(time);
    const pending = this.pendingBatchInterval;
    if (pending !== undefined) {
      this.pendingBatchInterval = undefined;
      this.batchInterval = pending;
      this.nextBatchTime = Math.floor(time / pending) * pending + pending;
      this.sources.rebucket((t) => this.batchOf(t).batchTime);
    } else {
      this.nextBatchTime = time + this.batchInterval;
    }
    this.scheduleNext();
  }

  private closeBatch(time: number): void {
    const { records, perSource } = this.sources.take(time);
    this.lastBatchTime = time;
    const info = newBatchInfo(time, this.batchInterval, records, perSource, this.runtime.stopwatch());
    this.scheduler.submit({ time, records, info });
  }
}
