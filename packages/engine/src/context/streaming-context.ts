// Just over 400 lines: the facade's public API with its doc comments; the work is in the parts.
// StreamingContext: the facade a job builds on. It owns the clock, the sources and the DStream
// graph, and wires the parts that do the work as Spark's StreamingContext does: the job generator
// (batches on the clock), the job scheduler (runs them in order), the source tracker, the rate
// controller (backpressure), the checkpoint writer and the listener bus.
import type { EventEmitter } from 'node:events';
import { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import { CheckpointWriter } from '../checkpoint/checkpoint-writer.js';
import type { Cancel, Clock } from '../clock/clock.js';
import { DStream, type KeyedWindowStream, type SlideViews } from '../dstream/dstream.js';
import type { StreamHost } from '../dstream/stream-host.js';
import { CheckpointError, ContextStateError, InvalidWindowError } from '../errors.js';
import { Graph, OutputNode } from '../graph/node.js';
import type { BatchInfo, StreamingEvents, StreamingListener } from '../metrics/batch-info.js';
import { CheckpointedStateNode, type CheckpointedState } from '../operators/checkpointed-state.js';
import { ForeachSlideNode, type SlideFn } from '../operators/foreach-slide.js';
import { ParallelCountMapNode, ParallelNode } from '../operators/parallel.js';
import { assertSlides } from '../operators/reduced-window.js';
import { WorkerPool } from '../pool/worker-pool.js';
import { QueueSource } from '../source/queue-source.js';
import type { Source } from '../source/source.js';
import { deferred } from '../util/deferred.js';
import { formatDuration } from '../util/duration.js';
import { type HistoryTierStats, sumHistoryStats } from '../window/history-stats.js';
import type { History } from '../window/window-rules.js';
import type { WindowConfig, WindowSpec } from '../window/window-spec.js';
import {
  type SourceOptions,
  type StreamingContextOptions,
  checkBatchInterval,
  contextSettings,
} from './context-options.js';
import type { ContextRuntime, ContextState } from './context-runtime.js';
import { JobGenerator } from './job-generator.js';
import { JobScheduler } from './job-scheduler.js';
import { ListenerBus } from './listener-bus.js';
import { RateController } from './rate-controller.js';
import { SourceTracker } from './source-tracker.js';
import { WindowSpecs } from './window-specs.js';

export type { ContextState } from './context-runtime.js';
export type { SourceOptions, StreamingContextOptions } from './context-options.js';

export class StreamingContext implements StreamHost {
  readonly graph = new Graph();
  readonly clock: Clock;
  readonly workers: number;
  readonly checkpointDir: string | undefined;
  readonly taskChunkSize: number;
  /** Every engine event (batches, warnings, rate limits, pauses, checkpoints, error, stop). */
  readonly events: EventEmitter<StreamingEvents>;
  private readonly bus: ListenerBus;
  private readonly specs: WindowSpecs;
  private readonly historyConfig: History;
  private readonly sources: SourceTracker;
  private readonly scheduler: JobScheduler;
  private readonly generator: JobGenerator;
  private readonly rates: RateController;
  private readonly checkpoints: CheckpointWriter | undefined;
  private workerPool: WorkerPool | undefined;
  private lifecycle: ContextState = 'initialized';
  private failure: Error | undefined;
  private stopping: Promise<void> | undefined;
  private readonly termination = deferred<void>();
  private detachDrain: Cancel | undefined;

  constructor(options: StreamingContextOptions) {
    const settings = contextSettings(options);
    this.clock = settings.clock;
    this.workers = settings.workers;
    this.checkpointDir = settings.checkpointDir;
    this.taskChunkSize = settings.taskChunkSize;
    this.historyConfig = Object.freeze({ retentionMs: settings.retentionMs, rollups: settings.history });
    this.bus = new ListenerBus((error) => this.fail(error));
    this.events = this.bus.events;
    // The parts see the lifecycle through this view; only the context changes it.
    const runtime: ContextRuntime = {
      clock: settings.clock,
      bus: this.bus,
      stopwatch: settings.stopwatch,
      state: () => this.lifecycle,
      failure: () => this.failure,
      fail: (error) => this.fail(error),
    };
    this.specs = new WindowSpecs(
      {
        batchIntervalMs: () => this.generator.upcomingBatchIntervalMs,
        history: () => this.historyConfig,
        setBatchInterval: (ms, windows) => this.applyBatchInterval(ms, windows),
      },
      this.historyConfig,
    );
    // The generator places records in batches; it is created after the tracker it reads from.
    const placement = {
      batchOf: (time: number) => this.generator.batchOf(time),
      accepted: (batchTime: number) => this.generator.accepted(batchTime),
      openBatch: () => this.generator.openBatch(),
    };
    this.sources = new SourceTracker(runtime, placement, settings.maxBufferedRecords);
    this.scheduler = new JobScheduler(runtime, this.graph, this.sources, {
      beforeJob: () => this.specs.applyPending(),
      afterJob: async (job) => {
        this.sources.resumeDrained();
        this.rates.onBatchCompleted(job.info);
        await this.checkpoints?.afterBatch(job.time);
      },
    });
    this.generator = new JobGenerator(runtime, this.sources, this.scheduler, settings.batchIntervalMs, () =>
      this.specs.all(),
    );
    this.rates = new RateController(
      runtime,
      this.sources,
      settings.backpressure,
      () => this.scheduler.queued,
    );
    this.checkpoints = settings.checkpointDir
      ? new CheckpointWriter(
          runtime,
          new CheckpointStore(settings.checkpointDir),
          { clockMs: settings.checkpointIntervalMs, wallMs: settings.checkpointMinWallMs },
          {
            graph: this.graph,
            generator: this.generator,
            scheduler: this.scheduler,
            sources: this.sources,
            specs: this.specs,
          },
        )
      : undefined;
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
    await ctx.checkpoints!.recover();
    return ctx;
  }

  /** The batch time of the checkpoint this context recovered from, or null. */
  get recoveredFrom(): number | null {
    return this.checkpoints?.recoveredFrom ?? null;
  }

  // ---- configuration ------------------------------------------------------------------------

  get state(): ContextState {
    return this.lifecycle;
  }

  /** The batch interval in effect (a pending change applies at the next batch boundary). */
  get batchIntervalMs(): number {
    return this.generator.batchIntervalMs;
  }

  /** How long per-batch partials are kept (never shorter than a window they answer). */
  retentionMs(): number {
    return this.specs.retentionMs();
  }

  /** The history windows can reach back to: per-batch retention and the roll-up tiers. */
  history(): History {
    return this.historyConfig;
  }

  /** What each window operator retains per history tier, for metrics (memory is bounded by it). */
  historyStats(): HistoryTierStats[] {
    return sumHistoryStats(this.graph);
  }

  /**
   * A shared, mutable window configuration: pass it to several window operators and change them
   * all at once with `spec.update(...)`. Throws InvalidWindowError naming each rule broken.
   */
  windowSpec(config: WindowConfig): WindowSpec {
    return this.specs.create(config);
  }

  /** @internal */
  resolveWindow(window: WindowSpec | WindowConfig): WindowSpec {
    return this.specs.resolve(window);
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
    this.specs.checkBatchInterval(ms, windows);
    this.generator.setBatchInterval(ms);
  }

  // ---- outputs and listeners ----------------------------------------------------------------

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
      assertSlides(stream.node, 'foreachSlide');
      if (stream.spec === first.spec) return;
      const { windowLengthMs: w, slideMs: s } = stream.spec.config;
      throw new InvalidWindowError([
        `foreachSlide needs every window on one WindowSpec, but stream ${i} slides on its own (window ${formatDuration(w)}, slide ${formatDuration(s)}): create one with ctx.windowSpec({ windowLengthMs, slideMs }) and pass it to each window operator`,
      ]);
    });
    new ForeachSlideNode(
      this.graph,
      streams.map((stream) => stream.node),
      fn as unknown as SlideFn,
    );
  }

  /**
   * Keeps state the job holds outside the operators (names seen, recent results) in the
   * checkpoints: `snapshot()` runs synchronously after the same batches as the operators' and
   * `restore()` before start on recovery. `name` is part of the graph's fingerprint.
   */
  checkpointState(name: string, state: CheckpointedState): void {
    if (this.lifecycle !== 'initialized')
      throw new ContextStateError('add checkpointed state before start()');
    new CheckpointedStateNode(this.graph, name, state);
  }

  /** Spark's listener object on top of `events`: each method it has listens to its event. */
  addListener(listener: StreamingListener): () => void {
    return this.bus.addListener(listener);
  }

  /** The most recent batches' metrics, oldest first (up to 300). */
  recentBatches(): readonly BatchInfo[] {
    return this.scheduler.recentBatches();
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
    return new DStream(this, this.sources.add(this.graph, source, options.maxBufferedRecords));
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
    this.sources.setUserPause(name, true, 'pauseSource');
  }

  /** Lifts `pauseSource(name)`; the source runs again unless backpressure holds it. Idempotent. */
  resumeSource(name: string): void {
    this.sources.setUserPause(name, false, 'resumeSource');
  }

  /** Whether the source is paused now, by backpressure, the user or both. */
  isSourcePaused(name: string): boolean {
    return this.sources.isPaused(name);
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
    this.lifecycle = 'started';
    const live = this.graph.liveNodes();
    if (live.some((node) => node instanceof ParallelNode || node instanceof ParallelCountMapNode))
      this.pool().warm();
    if (this.clock.virtual) this.detachDrain = this.clock.addDrainHook(() => this.whenIdle());
    this.generator.start();
    this.scheduler.start(live);
    await this.sources.startAll();
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
   * A virtual clock's advanceTo uses it, so advancing also waits for processing.
   */
  whenIdle(): Promise<void> {
    return this.scheduler.whenIdle();
  }

  /**
   * For offline analysis on a virtual clock (ManualClock): advances until every window that can
   * hold a record received so far has been emitted (the end of the last window), and resolves when
   * processed.
   */
  async advanceToLastWindow(): Promise<void> {
    if (!this.clock.virtual) {
      throw new ContextStateError(
        'advanceToLastWindow() needs a ManualClock; other clocks move by themselves',
      );
    }
    return this.generator.advanceToLastWindow(this.clock, this.specs.all());
  }

  // ---- failure and shutdown -----------------------------------------------------------------

  private fail(error: Error): void {
    if (this.failure || this.lifecycle === 'stopped') {
      if (error !== this.failure) console.error(`[engine] after the context stopped: ${error.message}`);
      return;
    }
    this.failure = error;
    this.bus.error(error);
    void this.stop({ graceful: false });
  }

  private async shutdown(graceful: boolean): Promise<void> {
    this.lifecycle = 'stopping';
    this.generator.stop();
    // Without grace, batches not yet started go first: a source that waits for the engine to drain
    // (a `max` replay) then stops at once, not after every batch it had queued.
    if (!graceful) this.scheduler.dropQueued();
    await this.sources.stopAll();
    // Released without resumeDrained(): the sources are stopped.
    if (!graceful) this.scheduler.dropQueued();
    this.sources.wakeAllWriters();
    await this.whenIdle().catch(() => {}); // a failure is reported through termination below
    const last = this.generator.lastBatch;
    if (graceful && !this.failure && this.checkpoints && last !== undefined) {
      await this.checkpoints.write(last);
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
    this.bus.post('stopped');
    if (this.failure) this.termination.reject(this.failure);
    else this.termination.resolve();
  }
}
