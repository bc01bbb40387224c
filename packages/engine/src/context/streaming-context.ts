// StreamingContext: owns the clock, the sources and the DStream graph; cuts a batch every batch
// interval (batch t holds arrivals in [t − B, t)) and processes batches one at a time, in order.
import os from 'node:os';
import type { Cancel, Clock } from '../clock/clock';
import { ManualClock } from '../clock/manual-clock';
import { ReplayClock } from '../clock/replay-clock';
import { CHECKPOINT_VERSION, type CheckpointData } from '../checkpoint/checkpoint-data';
import { CheckpointStore } from '../checkpoint/checkpoint-store';
import { SystemClock } from '../clock/system-clock';
import { DStream } from '../dstream/dstream';
import type { KeyedWindowStream, SlideViews } from '../dstream/keyed-window-stream';
import type { StreamHost } from '../dstream/stream-host';
import {
  BatchFailedError,
  CheckpointError,
  ContextStateError,
  EngineError,
  InvalidBatchIntervalError,
  InvalidWindowError,
  SourceFailedError,
} from '../errors';
import { Graph, type Node, OutputNode } from '../graph/node';
import type { BatchInfo, EngineWarning, SourcePauseReason, StreamingListener } from '../metrics/batch-info';
import { RateEstimator } from '../metrics/rate-estimator';
import { ForeachSlideNode, type SlideFn } from '../operators/foreach-slide';
import { ParallelCountMapNode, ParallelNode } from '../operators/parallel';
import { SourceNode } from '../operators/source-node';
import { WorkerPool } from '../pool/worker-pool';
import { QueueSource } from '../source/queue-source';
import type { Source, SourceOffset, SourceSink } from '../source/source';
import { type Deferred, deferred } from '../util/deferred';
import { formatMs } from '../util/duration';
import { Queue } from '../util/queue';
import { type WindowConfig, WindowSpec, windowViolations } from '../window/window-spec';
import { GraphBatchRun } from './batch-run';
import { SourceBuffer } from './source-buffer';

export interface StreamingContextOptions {
  /** B: batch times are multiples of it, aligned to the Unix epoch. */
  batchIntervalMs: number;
  /** Default: SystemClock (live). ManualClock for tests and offline analysis, ReplayClock for replays. */
  clock?: Clock;
  /** Worker threads for parallel stages; default the number of cores (like local[N]). */
  workers?: number;
  /** Records per chunk sent to a worker (results never depend on it or on the pool size). Default 4096. */
  taskChunkSize?: number;
  /** Directory for periodic checkpoints; see StreamingContext.getOrCreate. */
  checkpointDir?: string;
  /** Clock time between checkpoints (rounded to batches); default 10 s. */
  checkpointIntervalMs?: number;
  /** How long per-batch partials are kept, so a larger window is answered at once. Default 1 h. */
  retentionMs?: number;
  /** Per source: records in flight (buffered or queued) beyond which pushes are dropped. Default 100,000. */
  maxBufferedRecords?: number;
  /** Wall time in ms for metrics (monotonic); injectable for tests. Default performance.now. */
  stopwatch?: () => number;
  /** Slow sources that support setRateLimit when processing falls behind. Default true (never on a ManualClock). */
  backpressure?: boolean;
}

export interface SourceOptions {
  /** Overrides the context's maxBufferedRecords for this source. */
  maxBufferedRecords?: number;
}

export type ContextState = 'initialized' | 'started' | 'stopping' | 'stopped';

interface SourceEntry {
  source: Source<unknown>;
  buffer: SourceBuffer;
  node: SourceNode<unknown>;
  /** Why the source is paused; it runs when empty (see setPaused). */
  pauses: Set<SourcePauseReason>;
}

interface Job {
  time: number;
  records: unknown[][];
  info: BatchInfo;
}

const DEFAULT_RETENTION_MS = 3_600_000;
const DEFAULT_MAX_BUFFERED = 100_000;
const RECENT_BATCHES = 300;

export class StreamingContext implements StreamHost {
  readonly graph = new Graph();
  readonly clock: Clock;
  readonly workers: number;
  readonly checkpointDir: string | undefined;
  readonly taskChunkSize: number;
  private workerPool: WorkerPool | undefined;
  private batchInterval: number;
  private pendingBatchInterval: number | undefined;
  private readonly retention: number;
  private readonly maxBuffered: number;
  private readonly stopwatch: () => number;
  private readonly sources: SourceEntry[] = [];
  private readonly specs = new Set<WindowSpec>();
  private readonly listeners = new Set<StreamingListener>();
  private readonly recent: BatchInfo[] = [];
  private lifecycle: ContextState = 'initialized';
  private live: Node<unknown>[] = [];
  private nextBatchTime: number | undefined;
  private lastBatchTime: number | undefined;
  private latestRecordBatch: number | undefined;
  private cancelTimer: Cancel | undefined;
  private cancelStartWait: Cancel | undefined;
  private detachDrain: Cancel | undefined;
  private readonly queue = new Queue<Job>();
  private running = false;
  private idleWaiters: Array<Deferred<void>> = [];
  private failure: Error | undefined;
  private stopping: Promise<void> | undefined;
  private readonly termination = deferred<void>();
  private readonly backpressure: boolean;
  private readonly estimator = new RateEstimator();
  private previousSubmittedAt: number | undefined;
  private rateLimit: number | null = null;
  private slackBatches = 0;
  private readonly checkpointStore: CheckpointStore | undefined;
  private readonly checkpointInterval: number;
  private lastCheckpointBatch: number | undefined;
  private restoredOffsets: Array<SourceOffset | null> | undefined;
  /** The batch time of the checkpoint this context recovered from, or null. */
  recoveredFrom: number | null = null;

  constructor(options: StreamingContextOptions) {
    this.batchInterval = checkBatchInterval(options?.batchIntervalMs);
    this.clock = options.clock ?? new SystemClock();
    this.workers = options.workers ?? os.availableParallelism();
    if (!(Number.isInteger(this.workers) && this.workers >= 1)) {
      throw new RangeError(`workers ${options.workers} must be a whole number ≥ 1`);
    }
    this.retention = options.retentionMs ?? DEFAULT_RETENTION_MS;
    if (!(Number.isFinite(this.retention) && this.retention > 0)) {
      throw new RangeError(`retentionMs ${options.retentionMs} must be a positive number of milliseconds`);
    }
    this.maxBuffered = options.maxBufferedRecords ?? DEFAULT_MAX_BUFFERED;
    this.stopwatch = options.stopwatch ?? (() => performance.now());
    this.checkpointDir = options.checkpointDir;
    this.taskChunkSize = options.taskChunkSize ?? 4096;
    if (!(Number.isInteger(this.taskChunkSize) && this.taskChunkSize >= 1)) {
      throw new RangeError(`taskChunkSize ${options.taskChunkSize} must be a whole number ≥ 1`);
    }
    this.backpressure = options.backpressure ?? true;
    this.checkpointStore = options.checkpointDir ? new CheckpointStore(options.checkpointDir) : undefined;
    this.checkpointInterval = options.checkpointIntervalMs ?? 10_000;
    if (!(this.checkpointInterval >= 0)) {
      throw new RangeError(
        `checkpointIntervalMs ${options.checkpointIntervalMs} must be ≥ 0 (0 = after every batch)`,
      );
    }
    // Nobody may await termination; the error is still reported through listeners (or stderr).
    this.termination.promise.catch(() => {});
  }

  /**
   * Recovery: `factory(checkpointDir)` builds the context and its whole graph (always: functions
   * cannot be stored), passing `checkpointDir` in the options. If the directory holds a checkpoint,
   * the context resumes from it at start(): sources are restored to their offsets, buffered and
   * queued records, window partials, keyed state and configuration come back, and outputs from the
   * checkpoint's next batch on equal those of a run without the crash. Throws CheckpointError if the
   * checkpoint belongs to a different graph.
   */
  static async getOrCreate(
    checkpointDir: string,
    factory: (checkpointDir: string) => StreamingContext | Promise<StreamingContext>,
  ): Promise<StreamingContext> {
    const ctx = await factory(checkpointDir);
    if (ctx.checkpointDir !== checkpointDir) {
      throw new CheckpointError(
        `the factory must create its StreamingContext with checkpointDir: ${JSON.stringify(checkpointDir)} (got ${JSON.stringify(ctx.checkpointDir)})`,
      );
    }
    const stored = await ctx.checkpointStore!.readLatest<CheckpointData>();
    if (stored) ctx.restoreFrom(stored.payload, stored.path);
    return ctx;
  }

  // ---- configuration ------------------------------------------------------------------------

  get state(): ContextState {
    return this.lifecycle;
  }

  /** The batch interval in effect (a pending change applies at the next batch boundary). */
  get batchIntervalMs(): number {
    return this.batchInterval;
  }

  retentionMs(): number {
    let longest = this.retention;
    for (const spec of this.specs) longest = Math.max(longest, spec.current().windowLengthMs);
    return longest;
  }

  /**
   * A shared, mutable window configuration: pass it to several window operators and change them
   * all at once with `spec.update(...)`. Throws InvalidWindowError naming each rule broken.
   */
  windowSpec(config: WindowConfig): WindowSpec {
    const spec = new WindowSpec(this.windowRules, config);
    this.specs.add(spec);
    return spec;
  }

  /** @internal */
  resolveWindow(window: WindowSpec | WindowConfig): WindowSpec {
    if (window instanceof WindowSpec) {
      if (!this.specs.has(window))
        throw new ContextStateError('this window spec belongs to another StreamingContext');
      return window;
    }
    return this.windowSpec(window);
  }

  /**
   * Changes the batch interval at the next batch boundary, without a restart. The batch closing
   * then keeps the old interval; the next ends at the first multiple of the new one after it (so
   * it may be shorter). Every window spec must fit the new interval: change both together with
   * `spec.update({ windowLengthMs, slideMs, batchIntervalMs })` otherwise.
   */
  setBatchInterval(ms: number): void {
    this.applyBatchInterval(ms, new Map());
  }

  private applyBatchInterval(ms: number, windows: ReadonlyMap<WindowSpec, WindowConfig>): void {
    checkBatchInterval(ms);
    const problems: string[] = [];
    for (const spec of this.specs) {
      const config = windows.get(spec) ?? spec.config;
      for (const problem of windowViolations(config, ms, this.retention)) {
        problems.push(
          windows.has(spec)
            ? problem
            : `${problem} (a window in use; change it together: spec.update({ windowLengthMs, slideMs, batchIntervalMs }))`,
        );
      }
    }
    if (problems.length > 0) throw new InvalidWindowError(problems);
    if (this.lifecycle === 'initialized') this.batchInterval = ms;
    else this.pendingBatchInterval = ms === this.batchInterval ? undefined : ms;
  }

  private readonly windowRules = {
    batchIntervalMs: (): number => this.pendingBatchInterval ?? this.batchInterval,
    retentionMs: (): number => this.retention,
    setBatchInterval: (ms: number, windows: ReadonlyMap<WindowSpec, WindowConfig>): void =>
      this.applyBatchInterval(ms, windows),
  };

  /**
   * One output over several keyed windows sliding on the same WindowSpec: `fn` runs once per slide
   * with every window's view (in the order of `streams`; valid until `fn` settles) and the windows'
   * end time, after all of them are computed, whatever order other outputs were registered in. A
   * returned promise is awaited. Throws InvalidWindowError unless every stream slides on one spec.
   */
  foreachSlide<const S extends readonly KeyedWindowStream<unknown, unknown>[]>(
    streams: S,
    fn: (views: SlideViews<S>, windowEnd: number) => void | Promise<void>,
  ): void {
    const [first] = streams;
    if (!first) throw new ContextStateError('foreachSlide needs at least one keyed window stream');
    streams.forEach((stream, i) => {
      if (stream.host !== this)
        throw new ContextStateError('cannot combine streams of different StreamingContexts');
      if (stream.spec === first.spec) return;
      const { windowLengthMs: w, slideMs: s } = stream.spec.config;
      throw new InvalidWindowError([
        `foreachSlide needs every window on one WindowSpec, but stream ${i} slides on its own (window ${formatMs(w)}, slide ${formatMs(s)}): create one with ctx.windowSpec({ windowLengthMs, slideMs }) and pass it to each window operator`,
      ]);
    });
    new ForeachSlideNode(
      this.graph,
      streams.map((stream) => stream.node),
      fn as unknown as SlideFn,
    );
  }

  addListener(listener: StreamingListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The most recent batches' metrics, oldest first (up to 300). */
  recentBatches(): readonly BatchInfo[] {
    return [...this.recent];
  }

  /** @internal The worker pool, created on first use with `workers` threads. */
  pool(): WorkerPool {
    if (this.lifecycle === 'stopped')
      throw new ContextStateError('the context has stopped: its worker pool is closed');
    this.workerPool ??= new WorkerPool(this.workers);
    return this.workerPool;
  }

  // ---- sources ------------------------------------------------------------------------------

  /** A stream of the source's records. Sources start when the context starts. */
  source<T>(source: Source<T>, options: SourceOptions = {}): DStream<T> {
    if (this.lifecycle !== 'initialized') throw new ContextStateError('add sources before start()');
    if (this.sources.some((entry) => entry.source.name === source.name)) {
      throw new ContextStateError(
        `a source named "${source.name}" is already registered: give each source a unique name`,
      );
    }
    const index = this.sources.length;
    const node = new SourceNode<T>(this.graph, index, source.name);
    const buffer = new SourceBuffer(source.name, index, options.maxBufferedRecords ?? this.maxBuffered);
    buffer.boundOpenBatches = !(this.clock instanceof ManualClock);
    this.sources.push({
      source: source as Source<unknown>,
      buffer,
      node: node as SourceNode<unknown>,
      pauses: new Set(),
    });
    return new DStream(this, node);
  }

  /** A QueueSource and its stream, for tests: `const { source, stream } = ctx.queueSource<number>()`. */
  queueSource<T>(name = 'queue'): { source: QueueSource<T>; stream: DStream<T> } {
    const source = new QueueSource<T>(name);
    return { source, stream: this.source(source) };
  }

  /**
   * Pauses a source that implements pause/resume until `resumeSource(name)`: it holds its records,
   * nothing is lost. Independent of backpressure: a drained buffer does not resume a source paused
   * here, and `resumeSource` does not resume one paused because its buffer is full. Idempotent.
   */
  pauseSource(name: string): void {
    this.setPaused(this.pausableEntry(name, 'pauseSource'), 'user', true);
  }

  /** Lifts `pauseSource(name)`; the source runs again unless backpressure holds it. Idempotent. */
  resumeSource(name: string): void {
    this.setPaused(this.pausableEntry(name, 'resumeSource'), 'user', false);
  }

  /** Whether the source is paused now, by backpressure, the user or both. */
  isSourcePaused(name: string): boolean {
    return this.entryNamed(name).pauses.size > 0;
  }

  private entryNamed(name: string): SourceEntry {
    const entry = this.sources.find(({ source }) => source.name === name);
    if (!entry) {
      throw new RangeError(
        `no source named ${JSON.stringify(name)}: the sources are ${JSON.stringify(this.sources.map(({ source }) => source.name))}`,
      );
    }
    return entry;
  }

  private pausableEntry(name: string, method: string): SourceEntry {
    const entry = this.entryNamed(name);
    if (!canPause(entry.source)) {
      throw new TypeError(
        `source ${JSON.stringify(name)} cannot be paused: it does not implement pause() and resume()`,
      );
    }
    if (this.lifecycle !== 'started') {
      throw new ContextStateError(`${method}() needs a started context (it is ${this.lifecycle})`);
    }
    return entry;
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /** Starts the sources and the batch schedule. Resolves once every source's start() has. */
  async start(): Promise<void> {
    if (this.lifecycle !== 'initialized') {
      throw new ContextStateError(
        `start() was already called (the context is ${this.lifecycle}); create a new context`,
      );
    }
    if (!this.graph.nodes.some((node) => node instanceof OutputNode)) {
      throw new ContextStateError(
        'no output operation: call foreachBatch on at least one stream before start()',
      );
    }
    this.graph.freeze('the graph is fixed once the context has started: add operators before start()');
    this.live = this.graph.liveNodes();
    this.lifecycle = 'started';
    if (this.live.some((node) => node instanceof ParallelNode || node instanceof ParallelCountMapNode))
      this.pool().warm();
    if (this.clock instanceof ManualClock) {
      this.detachDrain = this.clock.addDrainHook(() => this.whenIdle());
    }
    if (this.clock.isStarted()) this.beginSchedule();
    else this.cancelStartWait = this.clock.whenStarted(() => this.beginSchedule());
    if (this.queue.length > 0) void this.pump(); // batches restored from a checkpoint
    await Promise.all(
      this.sources.map(async (entry, index) => {
        try {
          const offset = this.restoredOffsets?.[index];
          if (offset !== undefined && offset !== null) {
            if (entry.source.restore) entry.source.restore(offset);
            else {
              this.warn({
                time: this.safeNow(),
                source: entry.source.name,
                kind: 'source-warning',
                message: `source "${entry.source.name}" cannot restore its checkpoint offset (no restore()): it starts afresh`,
              });
            }
          }
          await entry.source.start(this.sinkFor(entry));
        } catch (error) {
          this.fail(new SourceFailedError(entry.source.name, error));
          throw this.failure;
        }
      }),
    );
  }

  /**
   * Stops the context. `graceful: true` stops the sources, then processes every batch already
   * closed (the running one and those queued) before resolving; otherwise queued batches are
   * dropped and only the running one finishes. Records of the still-open batch are discarded.
   * Do not await stop() inside an output function (it waits for that very batch).
   */
  stop(options: { graceful?: boolean } = {}): Promise<void> {
    if (this.lifecycle === 'initialized') {
      this.lifecycle = 'stopped';
      this.termination.resolve();
      return Promise.resolve();
    }
    this.stopping ??= this.shutdown(options.graceful ?? false);
    return this.stopping;
  }

  /** Resolves when the context has stopped; rejects with the error that stopped it. */
  awaitTermination(): Promise<void> {
    return this.termination.promise;
  }

  /**
   * Resolves when every batch closed so far has been processed; rejects if the context failed.
   * ManualClock.advanceTo uses it, so advancing also waits for processing.
   */
  whenIdle(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    const waiter = deferred<void>();
    this.idleWaiters.push(waiter);
    return waiter.promise;
  }

  /**
   * For offline analysis on a ManualClock: advances until every window that can hold a record
   * received so far has been emitted (the end of the last window), and resolves when processed.
   */
  async advanceToLastWindow(): Promise<void> {
    if (!(this.clock instanceof ManualClock)) {
      throw new ContextStateError(
        'advanceToLastWindow() needs a ManualClock; other clocks move by themselves',
      );
    }
    if (this.lifecycle !== 'started' || this.nextBatchTime === undefined) return this.whenIdle();
    const clock = this.clock;
    for (;;) {
      const lastRecordBatch = this.latestRecordBatch ?? this.nextBatchTime;
      // The last window holding batch b ends at the largest multiple of S below b + W.
      let end = Math.max(lastRecordBatch, clock.now());
      for (const spec of this.specs) {
        const { windowLengthMs: w, slideMs: s } = spec.config;
        end = Math.max(end, Math.ceil((lastRecordBatch + w) / s) * s - s);
      }
      await clock.advanceTo(end);
      // A paused source resumed while those batches were processed delivers what it held: cover it too.
      if (this.lifecycle !== 'started' || (this.latestRecordBatch ?? lastRecordBatch) <= lastRecordBatch)
        return;
    }
  }

  // ---- record intake ------------------------------------------------------------------------

  private sinkFor(entry: SourceEntry): SourceSink<unknown> {
    const name = entry.source.name;
    return {
      push: (value, time) => this.push(entry, value, time),
      whenWritable: () => (this.lifecycle === 'started' ? entry.buffer.whenWritable() : Promise.resolve()),
      now: () => this.clock.now(),
      warn: (message) => this.warn({ time: this.safeNow(), source: name, kind: 'source-warning', message }),
      fail: (error) => this.fail(new SourceFailedError(name, error)),
      end: () => {
        entry.buffer.ended = true;
        this.emit('onSourceEnded', name);
      },
    };
  }

  private push(entry: SourceEntry, value: unknown, time: number | undefined): boolean {
    if (this.lifecycle !== 'started') return false;
    const t = time ?? this.clock.now();
    if (!Number.isFinite(t)) {
      throw new TypeError(
        `record time ${String(time)} from source "${entry.source.name}" must be epoch milliseconds`,
      );
    }
    const { batchTime, late } = this.batchOf(t);
    const accepted = entry.buffer.push(value, t, batchTime, late);
    if (accepted && !(batchTime <= (this.latestRecordBatch ?? -Infinity))) this.latestRecordBatch = batchTime;
    if (!accepted && !entry.buffer.waits) this.warnDrops(entry.buffer);
    if (time !== undefined && this.clock instanceof ManualClock) this.clock.tick(t);
    this.pauseIfFull(entry);
    return accepted;
  }

  /** The batch a record at `time` belongs to; a closed batch's record goes to the earliest open one. */
  private batchOf(time: number): { batchTime: number; late: boolean } {
    const b = this.batchInterval;
    const batchTime = Math.floor(time / b) * b + b;
    if (this.lastBatchTime !== undefined && batchTime <= this.lastBatchTime) {
      return { batchTime: this.nextBatchTime ?? this.lastBatchTime + b, late: true };
    }
    return { batchTime, late: false };
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
  private resumeDrained(): void {
    for (const entry of this.sources) {
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
    if (this.lifecycle !== 'started' || pauses.has(reason) === paused) return;
    const wasPaused = pauses.size > 0;
    if (paused) pauses.add(reason);
    else pauses.delete(reason);
    if (wasPaused === pauses.size > 0) return;
    // Announced before the call: a source resumed may fill its buffer and be paused again inside
    // resume(), and listeners must see the two changes in that order.
    this.emit('onSourcePaused', source.name, paused, reason);
    if (this.lifecycle !== 'started') return; // the listener threw and failed the context
    try {
      if (paused) source.pause!();
      else source.resume!();
    } catch (error) {
      this.fail(new SourceFailedError(source.name, error));
    }
  }

  private warnDrops(buffer: SourceBuffer): void {
    // One warning per batch per source: the counts are in the batch metrics.
    const batch = this.nextBatchTime ?? -1;
    if (buffer.warnedDropsAt === batch) return;
    buffer.warnedDropsAt = batch;
    this.warn({
      time: this.safeNow(),
      source: buffer.name,
      kind: 'dropped-records',
      message: `source "${buffer.name}" is dropping records: ${buffer.maxBuffered} records are waiting for processing (processing is slower than the input; raise maxBufferedRecords or reduce the load)`,
    });
  }

  // ---- batch schedule -----------------------------------------------------------------------

  private beginSchedule(): void {
    if (this.lifecycle !== 'started' || this.nextBatchTime !== undefined) return;
    const b = this.batchInterval;
    this.nextBatchTime =
      this.lastBatchTime !== undefined ? this.lastBatchTime + b : Math.floor(this.clock.now() / b) * b + b;
    this.scheduleNext();
  }

  private scheduleNext(): void {
    const time = this.nextBatchTime!;
    this.cancelTimer = this.clock.schedule(time, () => this.onBatchDue(time));
  }

  private onBatchDue(time: number): void {
    if (this.lifecycle !== 'started' || time !== this.nextBatchTime) return;
    this.closeBatch(time);
    const pending = this.pendingBatchInterval;
    if (pending !== undefined) {
      this.pendingBatchInterval = undefined;
      this.batchInterval = pending;
      this.nextBatchTime = Math.floor(time / pending) * pending + pending;
      for (const { buffer } of this.sources) buffer.rebucket((t) => this.batchOf(t).batchTime);
    } else {
      this.nextBatchTime = time + this.batchInterval;
    }
    this.scheduleNext();
  }

  private closeBatch(time: number): void {
    const records: unknown[][] = [];
    const perSource: BatchInfo['perSource'] = {};
    for (const entry of this.sources) {
      const { buffer } = entry;
      const taken = buffer.take(time);
      // On a ManualClock only closed batches count toward the bound: closing one can fill it.
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
    this.lastBatchTime = time;
    const info = this.newBatchInfo(time, this.batchInterval, records, perSource);
    this.queue.push({ time, records, info });
    this.emit('onBatchSubmitted', info);
    void this.pump();
  }

  /** A submitted batch's info; `perSource` defaults to plain record counts (nothing late or dropped). */
  private newBatchInfo(
    time: number,
    batchIntervalMs: number,
    records: unknown[][],
    perSource: BatchInfo['perSource'] = this.recordCounts(records),
  ): BatchInfo {
    let late = 0;
    let dropped = 0;
    for (const counts of Object.values(perSource)) {
      late += counts.lateRecords;
      dropped += counts.droppedRecords;
    }
    return {
      batchTime: time,
      batchIntervalMs,
      records: records.reduce((n, r) => n + r.length, 0),
      lateRecords: late,
      droppedRecords: dropped,
      perSource,
      submittedAt: this.stopwatch(),
      startedAt: null,
      completedAt: null,
      schedulingDelayMs: null,
      processingTimeMs: null,
      totalDelayMs: null,
      operatorMs: {},
      error: null,
    };
  }

  private recordCounts(records: unknown[][]): BatchInfo['perSource'] {
    const perSource: BatchInfo['perSource'] = {};
    this.sources.forEach(({ buffer }, i) => {
      perSource[buffer.name] = {
        records: records[i]?.length ?? 0,
        lateRecords: 0,
        droppedRecords: 0,
        paused: false,
      };
    });
    return perSource;
  }

  // ---- batch processing ---------------------------------------------------------------------

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.failure) await this.runJob(this.queue.shift()!);
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const waiter of waiters) {
        if (this.failure) waiter.reject(this.failure);
        else waiter.resolve();
      }
    }
  }

  private async runJob(job: Job): Promise<void> {
    for (const spec of this.specs) spec.applyPending();
    const { info } = job;
    info.startedAt = this.stopwatch();
    info.schedulingDelayMs = Math.max(0, info.startedAt - info.submittedAt);
    this.emit('onBatchStarted', info);
    const run = new GraphBatchRun(job.time, job.records, this.graph.nodes.length);
    let error: Error | undefined;
    for (const node of this.live) {
      try {
        const began = this.stopwatch();
        let value = node.compute(run);
        if (value instanceof Promise) value = await value;
        run.set(node, value);
        info.operatorMs[node.label()] = this.stopwatch() - began;
      } catch (cause) {
        error =
          cause instanceof BatchFailedError ? cause : new BatchFailedError(job.time, node.label(), cause);
        break;
      }
    }
    for (let i = 0; i < this.sources.length; i++) this.sources[i]!.buffer.release(job.records[i]!.length);
    info.completedAt = this.stopwatch();
    info.processingTimeMs = Math.max(0, info.completedAt - info.startedAt);
    info.totalDelayMs = info.schedulingDelayMs + info.processingTimeMs;
    info.error = error ?? null;
    this.recent.push(info);
    if (this.recent.length > RECENT_BATCHES) this.recent.shift();
    this.emit('onBatchCompleted', info);
    if (error) {
      this.fail(error);
      return;
    }
    this.resumeDrained();
    this.controlRate(info);
    const last = this.lastCheckpointBatch;
    if (this.checkpointStore && (last === undefined || job.time - last >= this.checkpointInterval)) {
      await this.checkpoint(job.time);
    }
  }

  // ---- checkpoints --------------------------------------------------------------------------

  /** Captures the state after batch `batchTime` synchronously, then writes it atomically. */
  private async checkpoint(batchTime: number): Promise<void> {
    const store = this.checkpointStore!;
    let data: Buffer;
    try {
      data = store.encode(this.capture(batchTime));
    } catch (error) {
      this.fail(
        new CheckpointError(
          `cannot checkpoint batch ${new Date(batchTime).toISOString()}: ${error instanceof Error ? error.message : String(error)} (records and state must be structured-cloneable: plain objects, arrays, Maps...)`,
        ),
      );
      return;
    }
    this.lastCheckpointBatch = batchTime;
    try {
      const file = await store.write(batchTime, data);
      this.emit('onCheckpoint', { batchTime, path: file, bytes: data.length });
    } catch (error) {
      this.fail(
        new CheckpointError(
          `cannot write the checkpoint to ${store.dir}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  }

  private capture(batchTime: number): CheckpointData {
    return {
      version: CHECKPOINT_VERSION,
      fingerprint: this.graph.fingerprint(),
      batchTime,
      batchIntervalMs: this.batchInterval,
      pendingBatchIntervalMs: this.pendingBatchInterval ?? null,
      windows: [...this.specs].map((spec) => ({
        active: spec.current(),
        pending: spec.pendingConfig() ?? null,
      })),
      sources: this.sources.map(({ source, buffer }) => ({
        name: source.name,
        offset: source.offset?.() ?? null,
        pending: buffer.pending(),
      })),
      queued: this.queue
        .toArray()
        .map((job) => ({ time: job.time, batchIntervalMs: job.info.batchIntervalMs, records: job.records })),
      lastBatchTime: this.lastBatchTime ?? null,
      latestRecordBatch: this.latestRecordBatch ?? null,
      nodes: this.graph.nodes
        .filter((node) => node.snapshot)
        .map((node) => ({ id: node.id, kind: node.kind, state: node.snapshot!() })),
    };
  }

  private restoreFrom(data: CheckpointData, file: string): void {
    const refuse = (why: string): never => {
      throw new CheckpointError(
        `cannot recover from ${file}: ${why}; run the same job code, or delete the checkpoint directory to start over`,
      );
    };
    if (data.version !== CHECKPOINT_VERSION)
      refuse(`it has format version ${data.version}, this engine reads ${CHECKPOINT_VERSION}`);
    if (data.fingerprint !== this.graph.fingerprint())
      refuse('it was written by a job with a different graph of operators');
    const names = this.sources.map(({ source }) => source.name);
    if (data.sources.map((s) => s.name).join('\0') !== names.join('\0')) {
      refuse(
        `its sources are ${JSON.stringify(data.sources.map((s) => s.name))}, this job has ${JSON.stringify(names)}`,
      );
    }
    const specs = [...this.specs];
    if (specs.length !== data.windows.length)
      refuse(`it has ${data.windows.length} window specs, this job ${specs.length}`);
    this.batchInterval = data.batchIntervalMs;
    this.pendingBatchInterval = data.pendingBatchIntervalMs ?? undefined;
    specs.forEach((spec, i) => spec.restore(data.windows[i]!.active, data.windows[i]!.pending));
    for (const { id, state } of data.nodes) this.graph.nodes[id]!.restore?.(state);
    data.sources.forEach(({ pending }, i) => this.sources[i]!.buffer.restorePending(pending));
    for (const job of data.queued) {
      const info = this.newBatchInfo(job.time, job.batchIntervalMs, job.records);
      job.records.forEach((records, i) => {
        const buffer = this.sources[i]!.buffer;
        buffer.inFlight += records.length;
        buffer.queued += records.length;
      });
      this.queue.push({ time: job.time, records: job.records, info });
    }
    this.lastBatchTime = data.lastBatchTime ?? undefined;
    this.latestRecordBatch = data.latestRecordBatch ?? undefined;
    this.lastCheckpointBatch = data.batchTime;
    this.restoredOffsets = data.sources.map(({ offset }) => offset);
    this.recoveredFrom = data.batchTime;
  }

  /**
   * Backpressure: when a batch took longer than the wall time between batches, or waited behind
   * others, sources with setRateLimit are limited to the estimated sustainable rate (records per
   * wall second, shared by their share of the batch); the limit is lifted once it is well above
   * the input rate for a few batches.
   */
  private controlRate(info: BatchInfo): void {
    const previous = this.previousSubmittedAt;
    this.previousSubmittedAt = info.submittedAt;
    if (!this.backpressure || this.clock instanceof ManualClock || previous === undefined) return;
    const limitable = this.sources.filter(({ source }) => typeof source.setRateLimit === 'function');
    if (limitable.length === 0) return;
    // The wall time one batch should take, as Spark uses its batch interval: the measured gap
    // between two submissions is ~0 when a timer tick closes two batches at once, which would
    // read as "far behind" and throttle the source to the estimator's floor.
    const periodMs = info.batchIntervalMs / this.clockSpeed();
    const behind =
      info.processingTimeMs! > periodMs || info.schedulingDelayMs! > periodMs || this.queue.length > 0;
    const rate = this.estimator.compute(
      info.completedAt!,
      info.records,
      info.processingTimeMs!,
      info.schedulingDelayMs!,
      periodMs,
    );
    if (rate === undefined || (!behind && this.rateLimit === null)) return;
    const inputRate = periodMs > 0 ? (info.records / periodMs) * 1000 : Number.POSITIVE_INFINITY;
    if (!behind && rate > 2 * inputRate) {
      if (++this.slackBatches >= 3) this.setRateLimits(limitable, null, info);
      return;
    }
    this.slackBatches = 0;
    this.setRateLimits(limitable, rate, info);
  }

  /** Recording time per wall time: 1 for the system clock, the speed factor for a replay. */
  private clockSpeed(): number {
    return this.clock instanceof ReplayClock ? this.clock.getSpeed() : 1;
  }

  private setRateLimits(limitable: SourceEntry[], rate: number | null, info: BatchInfo): void {
    this.rateLimit = rate;
    this.slackBatches = 0;
    const total = limitable.reduce((n, { buffer }) => n + (info.perSource[buffer.name]?.records ?? 0), 0);
    for (const { source, buffer } of limitable) {
      const share = total > 0 ? (info.perSource[buffer.name]?.records ?? 0) / total : 1 / limitable.length;
      const limit = rate === null ? null : Math.max(1, rate * share);
      try {
        source.setRateLimit!(limit);
      } catch (error) {
        this.fail(new SourceFailedError(source.name, error));
        return;
      }
      this.emit('onRateLimit', source.name, limit);
    }
  }

  // ---- failure and shutdown -----------------------------------------------------------------

  private fail(error: Error): void {
    if (this.failure || this.lifecycle === 'stopped') {
      if (error !== this.failure) console.error(`[engine] after the context stopped: ${error.message}`);
      return;
    }
    this.failure = error;
    this.emit('onError', error);
    if (![...this.listeners].some((listener) => listener.onError)) {
      console.error(`[engine] ${error.name}: ${error.message}`);
    }
    void this.stop({ graceful: false });
  }

  private async shutdown(graceful: boolean): Promise<void> {
    this.lifecycle = 'stopping';
    this.cancelTimer?.();
    this.cancelStartWait?.();
    for (const entry of this.sources) {
      try {
        await entry.source.stop();
      } catch (error) {
        this.warn({
          time: this.safeNow(),
          source: entry.source.name,
          kind: 'source-warning',
          message: `source "${entry.source.name}" failed to stop: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    if (!graceful) {
      // Released without resumeDrained(): the sources are stopped.
      for (const job of this.queue.drain()) {
        for (let i = 0; i < this.sources.length; i++) this.sources[i]!.buffer.release(job.records[i]!.length);
      }
    }
    for (const { buffer } of this.sources) buffer.wakeWriters(true);
    await this.whenIdle().catch(() => {}); // a failure is reported through termination below
    if (graceful && !this.failure && this.checkpointStore && this.lastBatchTime !== undefined) {
      await this.checkpoint(this.lastBatchTime);
    }
    for (const node of this.graph.nodes) {
      try {
        await node.close?.();
      } catch (error) {
        console.error(
          `[engine] closing ${node.label()} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    await this.workerPool?.close();
    this.detachDrain?.();
    this.lifecycle = 'stopped';
    this.emit('onStopped');
    if (this.failure) this.termination.reject(this.failure);
    else this.termination.resolve();
  }

  // ---- listeners ----------------------------------------------------------------------------

  private warn(warning: EngineWarning): void {
    if ([...this.listeners].some((listener) => listener.onWarning)) this.emit('onWarning', warning);
    else console.warn(`[engine] ${warning.message}`);
  }

  private emit<E extends keyof StreamingListener>(
    event: E,
    ...args: Parameters<NonNullable<StreamingListener[E]>>
  ): void {
    for (const listener of this.listeners) {
      const handler = listener[event] as ((...a: unknown[]) => void) | undefined;
      if (!handler) continue;
      try {
        handler.apply(listener, args);
      } catch (error) {
        const message = `a StreamingListener's ${event} threw: ${error instanceof Error ? error.message : String(error)}`;
        if (event === 'onError' || event === 'onStopped') console.error(`[engine] ${message}`);
        else this.fail(new EngineError(message));
      }
    }
  }

  private safeNow(): number {
    return this.clock.isStarted() ? this.clock.now() : Number.NaN;
  }
}

function checkBatchInterval(ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1) {
    throw new InvalidBatchIntervalError(
      `batch interval ${String(ms)} must be a positive whole number of milliseconds (e.g. 1000 for 1s)`,
    );
  }
  return ms;
}

function canPause(source: Source<unknown>): boolean {
  return typeof source.pause === 'function' && typeof source.resume === 'function';
}
