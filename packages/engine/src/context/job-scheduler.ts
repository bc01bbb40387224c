// The job scheduler (Spark's JobScheduler): runs the batches the generator submits one at a time,
// in order, computing the live part of the graph, timing it, and telling who waits for idleness.
import { BatchFailedError } from '../errors.js';
import type { Graph, Node } from '../graph/node.js';
import type { BatchInfo } from '../metrics/batch-info.js';
import { type Deferred, deferred } from '../util/deferred.js';
import { Queue } from '../util/queue.js';
import { GraphBatchRun } from './batch-run.js';
import type { ContextRuntime } from './context-runtime.js';
import type { Job } from './job.js';
import type { SourceTracker } from './source-tracker.js';
import { EventLoopTurns } from '../util/event-loop-turns.js';

const RECENT_BATCHES = 300;
/**
 * Processing longer than this without a pause hands the event loop back (a macrotask turn) before
 * the next batch, or the next operator of a batch: a virtual clock can queue thousands of batches
 * at once (a `max` replay over a sparse recording), and a slide of a busy window runs several
 * operators of 10-40 ms each; the process's other work (HTTP requests, sockets, timers) must wait
 * for neither. Results do not depend on it: batches still run one at a time, and a batch's
 * operators in order (as they already do when an operator is asynchronous, e.g. a database join).
 */
const YIELD_AFTER_MS = 10;

export interface SchedulerHooks {
  /** Before each batch: window updates take effect at batch boundaries. */
  beforeJob(): void;
  /** After each successful batch (backpressure, checkpoints); awaited before the next batch. */
  afterJob(job: Job): Promise<void>;
}

export class JobScheduler {
  private readonly queue = new Queue<Job>();
  private readonly recent: BatchInfo[] = [];
  private live: Node<unknown>[] = [];
  private running = false;
  private idleWaiters: Array<Deferred<void>> = [];

  constructor(
    private readonly runtime: ContextRuntime,
    private readonly graph: Graph,
    private readonly sources: SourceTracker,
    private readonly hooks: SchedulerHooks,
  ) {}

  /** Batches closed and not yet started. */
  get queued(): number {
    return this.queue.length;
  }

  queuedJobs(): Job[] {
    return this.queue.toArray();
  }

  /** The most recent batches' metrics, oldest first (up to 300). */
  recentBatches(): readonly BatchInfo[] {
    return [...this.recent];
  }

  /** Fixes the nodes to compute (those some output depends on) and runs batches already queued. */
  start(live: Node<unknown>[]): void {
    this.live = live;
    // Batches restored from a checkpoint, if any (with none, pump() has nothing to do).
    void this.pump();
  }

  submit(job: Job): void {
    this.queue.push(job);
    this.runtime.bus.post('batchSubmitted', job.info);
    void this.pump();
  }

  /** Queues a batch restored from a checkpoint; it runs at start(). */
  restore(job: Job): void {
    this.queue.push(job);
  }

  /** Drops the batches not yet started (stop without grace), releasing their records. */
  dropQueued(): void {
    for (const job of this.queue.drain()) this.sources.release(job.records);
  }

  /** Resolves when every batch submitted so far has been processed; rejects if the context failed. */
  whenIdle(): Promise<void> {
    const failure = this.runtime.failure();
    if (failure) return Promise.reject(failure);
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    const waiter = deferred<void>();
    this.idleWaiters.push(waiter);
    return waiter.promise;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const turns = new EventLoopTurns(YIELD_AFTER_MS, this.runtime.stopwatch);
      while (this.queue.length > 0 && !this.runtime.failure()) {
        await this.runJob(this.queue.shift()!, turns);
        await turns.takeIfDue();
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      const failure = this.runtime.failure();
      for (const waiter of waiters) {
        if (failure) waiter.reject(failure);
        else waiter.resolve();
      }
    }
  }

  private async runJob(job: Job, turns: EventLoopTurns): Promise<void> {
    const { bus, stopwatch } = this.runtime;
    this.hooks.beforeJob();
    const { info } = job;
    info.startedAt = stopwatch();
    info.schedulingDelayMs = Math.max(0, info.startedAt - info.submittedAt);
    bus.post('batchStarted', info);
    const run = new GraphBatchRun(job.time, job.records, this.graph.nodes.length);
    let error: Error | undefined;
    // Turns handed to other work mid-batch are not the batch's processing time.
    let yieldedMs = 0;
    for (const node of this.live) {
      try {
        if (turns.due()) {
          const paused = stopwatch();
          await turns.take();
          yieldedMs += stopwatch() - paused;
        }
        const began = stopwatch();
        let value = node.compute(run);
        if (value instanceof Promise) value = await value;
        run.set(node, value);
        info.operatorMs[node.label()] = stopwatch() - began;
      } catch (cause) {
        error =
          cause instanceof BatchFailedError ? cause : new BatchFailedError(job.time, node.label(), cause);
        break;
      }
    }
    this.sources.release(job.records);
    info.completedAt = stopwatch();
    info.processingTimeMs = Math.max(0, info.completedAt - info.startedAt - yieldedMs);
    info.totalDelayMs = info.schedulingDelayMs + info.processingTimeMs;
    info.error = error ?? null;
    this.recent.push(info);
    if (this.recent.length > RECENT_BATCHES) this.recent.shift();
    bus.post('batchCompleted', info);
    if (error) {
      this.runtime.fail(error);
      return;
    }
    await this.hooks.afterJob(job);
  }
}
