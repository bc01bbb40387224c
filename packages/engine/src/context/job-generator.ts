// The job generator (Spark's JobGenerator): cuts a batch every batch interval on the clock (batch t
// holds arrivals in [t − B, t)), applies batch-interval changes at batch boundaries, and hands each
// closed batch to the scheduler. When the clock is far ahead of the next batch (a virtual clock
// moved by a record a year later, a replay clock that jumped a gap) it skips the empty batches no
// window needs and closes the rest in chunks, yielding the event loop between chunks.
import type { Cancel, VirtualClock } from '../clock/clock.js';
import { type Deferred, deferred } from '../util/deferred.js';
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

/**
 * Batches closed back to back while the clock is ahead of them before the generator yields a
 * macrotask turn: bounds the synchronous work of one clock tick, so timers and I/O (a health
 * check, a stop request) keep running while a gap or a jump is crossed.
 */
const CATCH_UP_CHUNK = 256;

export class JobGenerator implements BatchPlacement {
  private batchInterval: number;
  private pendingBatchInterval: number | undefined;
  private nextBatchTime: number | undefined;
  private lastBatchTime: number | undefined;
  private latestRecordBatch: number | undefined;
  private cancelTimer: Cancel | undefined;
  private cancelStartWait: Cancel | undefined;
  private detachDrain: Cancel | undefined;
  /** The last closed batch that held records: windows holding it must all be emitted. */
  private lastFilledBatch: number | undefined;
  /** Open batches holding records (few: records arrive close to the clock). */
  private readonly openRecordBatches = new Set<number>();
  /** Batches closed back to back behind the clock since the last yield. */
  private caughtUpInTurn = 0;
  /** Set while the catch-up waits for its next macrotask turn. */
  private catchingUp: Deferred<void> | undefined;

  constructor(
    private readonly runtime: ContextRuntime,
    private readonly sources: SourceTracker,
    private readonly scheduler: JobScheduler,
    batchIntervalMs: number,
    /** The window specs in use: a batch no window needs can be skipped when it is empty. */
    private readonly windows: () => readonly WindowSpec[] = () => [],
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
    // Below the open batch once one has closed: already closed, or skipped as empty (see skipIdle).
    if (this.lastBatchTime !== undefined) {
      // Stryker disable next-line ArithmeticOperator: equivalent, a late record in any batch at or before the open one is taken when the open one closes (SourceBuffer.take takes every batch up to it)
      const open = this.nextBatchTime ?? this.lastBatchTime + b;
      if (batchTime < open) return { batchTime: open, late: true };
    }
    return { batchTime, late: false };
  }

  accepted(batchTime: number): void {
    // Stryker disable next-line EqualityOperator: equivalent, a batch equal to the latest leaves it as it is
    if (!(batchTime <= (this.latestRecordBatch ?? -Infinity))) this.latestRecordBatch = batchTime;
    this.openRecordBatches.add(batchTime);
  }

  /** Begins the schedule once the clock has a time. */
  start(): void {
    const { clock } = this.runtime;
    // advanceTo(t) must also wait for batches a catch-up has not closed yet.
    if (clock.virtual) this.detachDrain = clock.addDrainHook(() => this.caughtUp());
    if (clock.isStarted()) this.beginSchedule();
    else this.cancelStartWait = clock.whenStarted(() => this.beginSchedule());
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelStartWait?.();
    this.detachDrain?.();
    const waiting = this.catchingUp;
    this.catchingUp = undefined;
    waiting?.resolve();
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
    // Which batch last held records is not saved: the latest one that could have is a safe stand-in.
    this.lastFilledBatch = this.latestRecordBatch;
  }

  private beginSchedule(): void {
    // Defensive: start() calls it once, or the clock's start wait does, which stop() cancels.
    // Stryker disable next-line ConditionalExpression,LogicalOperator: unreachable while start() and stop() keep to that
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
    const { clock } = this.runtime;
    // Stryker disable next-line EqualityOperator: speed only, counting a batch due exactly now as behind or not only moves where a turn ends
    const behind = clock.isStarted() && clock.now() >= time;
    this.caughtUpInTurn = behind ? this.caughtUpInTurn + 1 : 0;
    // Stryker disable next-line EqualityOperator: speed only, 256 or 257 batches per turn close the same batches
    if (this.caughtUpInTurn > CATCH_UP_CHUNK) {
      // Enough batches for one turn: the rest after timers and I/O have run.
      this.caughtUpInTurn = 0;
      const turn = deferred<void>();
      this.catchingUp = turn;
      const handle = setImmediate(() => {
        // Only stop() replaces the turn before it runs, and a drain hook waits on a turn only while
        // batches are due: a resolved turn left behind is never waited on.
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent (see above)
        if (this.catchingUp === turn) this.catchingUp = undefined;
        // Closed before the turn's waiters resume, so they see the next chunk's wait, if any.
        this.onBatchDue(time);
        turn.resolve();
      });
      // Stryker disable next-line ArrowFunction: equivalent, a turn that runs after stop() finds the context stopped (onBatchDue)
      this.cancelTimer = () => clearImmediate(handle);
      return;
    }
    this.cancelTimer = clock.schedule(time, () => this.onBatchDue(time));
  }

  /**
   * Drain hook: every batch due by the clock's time is closed (across catch-up turns) and
   * processed. A turn is pending only while batches the clock has passed wait for it.
   */
  private async caughtUp(): Promise<void> {
    while (this.catchingUp) await this.catchingUp.promise;
    await this.scheduler.whenIdle();
  }

  private onBatchDue(time: number): void {
    // Defensive: stop() cancels the one timer pending, so none fires late or for a stopped context.
    // Stryker disable next-line ConditionalExpression,LogicalOperator: unreachable while stop() cancels the timer
    if (this.runtime.state() !== 'started' || time !== this.nextBatchTime) return;
    this.closeBatch(time);
    const pending = this.pendingBatchInterval;
    if (pending !== undefined) {
      this.pendingBatchInterval = undefined;
      this.batchInterval = pending;
      this.nextBatchTime = Math.floor(time / pending) * pending + pending;
      // The buffered records move to the new interval's batches: those batches now hold records
      // (a record behind the clock but ahead of the schedule must stop an idle skip over it).
      this.openRecordBatches.clear();
      this.sources.rebucket((t) => {
        const { batchTime } = this.batchOf(t);
        this.openRecordBatches.add(batchTime);
        return batchTime;
      });
    } else {
      this.nextBatchTime = this.skipIdle(time + this.batchInterval);
    }
    this.scheduleNext();
  }

  /**
   * The next batch to close after one ending before `next`: `next` itself, unless the clock is
   * already past it and the batches from `next` on are empty and in no window that will hold a
   * record. Windows holding the last filled batch are closed to their end; windows holding the
   * next record are closed from their start; the empty windows of a stretch longer than the
   * longest window are not emitted (they hold nothing), so its batches are skipped. Jobs without
   * windows close every batch.
   */
  private skipIdle(next: number): number {
    const { clock } = this.runtime;
    const specs = this.windows();
    if (specs.length === 0 || !clock.isStarted()) return next;
    const b = this.batchInterval;
    const now = clock.now();
    // The earliest batch a record can still land in: an open one holding records, else the clock's.
    let upcoming = Math.floor(now / b) * b + b;
    for (const batch of this.openRecordBatches) upcoming = Math.min(upcoming, batch);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only, with upcoming at or before next the rules below return next too
    if (upcoming <= next) return next;
    let target = upcoming;
    let longest = 0;
    for (const spec of specs) {
      const { windowLengthMs: w, slideMs: s } = spec.config;
      // The last window holding the last filled batch ends at the largest multiple of S below it + W.
      if (this.lastFilledBatch !== undefined && next <= Math.ceil((this.lastFilledBatch + w) / s) * s - s)
        return next;
      // The first window holding `upcoming` ends at the first multiple of S at or after it.
      target = Math.min(target, Math.ceil(upcoming / s) * s - w + b);
      longest = Math.max(longest, w);
    }
    // Short idle stretches still emit their empty windows, as on a clock that never jumps.
    const skipTo = Math.floor((target - 1) / b) * b + b;
    return skipTo - next > longest ? skipTo : next;
  }

  private closeBatch(time: number): void {
    const { records, perSource } = this.sources.take(time);
    this.lastBatchTime = time;
    if (records.some((batch) => batch.length > 0)) this.lastFilledBatch = time;
    for (const batch of this.openRecordBatches) if (batch <= time) this.openRecordBatches.delete(batch);
    const info = newBatchInfo(time, this.batchInterval, records, perSource, this.runtime.stopwatch());
    this.scheduler.submit({ time, records, info });
  }
}
