// The StreamingContext's options, validated once into the settings its parts use.
import os from 'node:os';
import type { Clock } from '../clock/clock.js';
import { SystemClock } from '../clock/system-clock.js';
import { InvalidBatchIntervalError, InvalidOptionError } from '../errors.js';
import { type HistoryTier, historyViolations } from '../window/window-rules.js';

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
  /**
   * Coarser history beyond `retentionMs`, finest first (e.g. per minute for a day, per hour for 30
   * days): windows up to the last tier's retention are answered at once from roll-ups, with memory
   * bounded by the tiers. Default none.
   */
  history?: readonly HistoryTier[];
  /** Per source: records in flight (buffered or queued) beyond which pushes are dropped. Default 100,000. */
  maxBufferedRecords?: number;
  /** Wall time in ms for metrics (monotonic); injectable for tests. Default performance.now. */
  stopwatch?: () => number;
  /** Slow sources that support setRateLimit when processing falls behind. Default true (never on a virtual clock). */
  backpressure?: boolean;
}

export interface SourceOptions {
  /** Overrides the context's maxBufferedRecords for this source. */
  maxBufferedRecords?: number;
}

export interface ContextSettings {
  batchIntervalMs: number;
  clock: Clock;
  workers: number;
  taskChunkSize: number;
  checkpointDir: string | undefined;
  checkpointIntervalMs: number;
  retentionMs: number;
  history: readonly HistoryTier[];
  maxBufferedRecords: number;
  stopwatch: () => number;
  backpressure: boolean;
}

const DEFAULT_RETENTION_MS = 3_600_000;
const DEFAULT_MAX_BUFFERED = 100_000;

export function contextSettings(options: StreamingContextOptions): ContextSettings {
  const settings: ContextSettings = {
    batchIntervalMs: checkBatchInterval(options?.batchIntervalMs),
    clock: options.clock ?? new SystemClock(),
    workers: options.workers ?? os.availableParallelism(),
    taskChunkSize: options.taskChunkSize ?? 4096,
    checkpointDir: options.checkpointDir,
    checkpointIntervalMs: options.checkpointIntervalMs ?? 10_000,
    retentionMs: options.retentionMs ?? DEFAULT_RETENTION_MS,
    history: Object.freeze((options.history ?? []).map((tier) => Object.freeze({ ...tier }))),
    maxBufferedRecords: options.maxBufferedRecords ?? DEFAULT_MAX_BUFFERED,
    stopwatch: options.stopwatch ?? (() => performance.now()),
    backpressure: options.backpressure ?? true,
  };
  if (!(Number.isInteger(settings.workers) && settings.workers >= 1)) {
    throw new InvalidOptionError(`workers ${options.workers} must be a whole number ≥ 1`);
  }
  if (!(Number.isFinite(settings.retentionMs) && settings.retentionMs > 0)) {
    throw new InvalidOptionError(
      `retentionMs ${options.retentionMs} must be a positive number of milliseconds`,
    );
  }
  const tierProblems = historyViolations({ retentionMs: settings.retentionMs, rollups: settings.history });
  if (tierProblems.length > 0) throw new InvalidOptionError(tierProblems.join('; '));
  if (!(Number.isInteger(settings.taskChunkSize) && settings.taskChunkSize >= 1)) {
    throw new InvalidOptionError(`taskChunkSize ${options.taskChunkSize} must be a whole number ≥ 1`);
  }
  if (!(settings.checkpointIntervalMs >= 0)) {
    throw new InvalidOptionError(
      `checkpointIntervalMs ${options.checkpointIntervalMs} must be ≥ 0 (0 = after every batch)`,
    );
  }
  return settings;
}

export function checkBatchInterval(ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1) {
    throw new InvalidBatchIntervalError(
      `batch interval ${String(ms)} must be a positive whole number of milliseconds (e.g. 1000 for 1s)`,
    );
  }
  return ms;
}
