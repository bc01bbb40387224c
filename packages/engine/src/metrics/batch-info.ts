// What the engine reports about each batch, as the Streaming tab of the Spark UI shows it.
// Delays are wall-clock milliseconds; `batchTime` is clock time.

export interface SourceBatchInfo {
  records: number;
  /** Records this source pushed into an already closed batch since the previous batch (moved into this one). */
  lateRecords: number;
  /** Records dropped by this source's full buffer since the previous batch. */
  droppedRecords: number;
  /** Whether the source was paused (by backpressure, the user or both) when the batch closed. */
  paused: boolean;
}

/**
 * Why a source is paused: its buffer filled ('backpressure', lifted once it has drained to half)
 * or `StreamingContext.pauseSource` ('user', lifted by `resumeSource`). A source runs only when
 * neither holds.
 */
export type SourcePauseReason = 'backpressure' | 'user';

export interface BatchInfo {
  batchTime: number;
  /** The batch interval the batch was cut with (its records arrived in [batchTime − it, batchTime) unless late). */
  batchIntervalMs: number;
  records: number;
  lateRecords: number;
  droppedRecords: number;
  perSource: Record<string, SourceBatchInfo>;
  /** Wall time (performance.now() by default) when the batch closed, started and completed. */
  submittedAt: number;
  startedAt: number | null;
  completedAt: number | null;
  /** From submission to the start of processing: time waiting behind earlier batches. */
  schedulingDelayMs: number | null;
  processingTimeMs: number | null;
  /** Scheduling delay + processing time. */
  totalDelayMs: number | null;
  /** Wall ms each operator took on this batch, by its label (e.g. "countByValueAndWindow (operator #3)"). */
  operatorMs: Record<string, number>;
  /** The failure, when a user function threw; the context stops after reporting it. */
  error: Error | null;
}

export interface EngineWarning {
  time: number;
  source: string | null;
  kind: 'dropped-records' | 'source-warning' | 'clock-jump' | 'late-records';
  message: string;
}

export interface CheckpointInfo {
  batchTime: number;
  path: string;
  bytes: number;
}

/** Like Spark's StreamingListener. Listener functions run on the main thread; keep them cheap. */
export interface StreamingListener {
  onBatchSubmitted?(info: Readonly<BatchInfo>): void;
  onBatchStarted?(info: Readonly<BatchInfo>): void;
  onBatchCompleted?(info: Readonly<BatchInfo>): void;
  onWarning?(warning: EngineWarning): void;
  onRateLimit?(source: string, recordsPerSecond: number | null): void;
  /**
   * A source was paused or resumed: emitted when its `pause()` / `resume()` is called, not when a
   * second reason joins or one of two leaves. `reason` is the one that caused the change (the one
   * added for a pause, the last one lifted for a resume); `isSourcePaused` tells the state.
   */
  onSourcePaused?(source: string, paused: boolean, reason: SourcePauseReason): void;
  onSourceEnded?(source: string): void;
  onCheckpoint?(info: CheckpointInfo): void;
  /** The error that stopped the context (also the rejection of awaitTermination()). */
  onError?(error: Error): void;
  onStopped?(): void;
}

/**
 * The context's events (`ctx.events`, a node:events EventEmitter), one per StreamingListener
 * method: `batchCompleted` is `onBatchCompleted`, and so on. A listener that throws stops the
 * context with a ListenerError (one of `error` or `stopped` is only logged).
 */
export interface StreamingEvents {
  batchSubmitted: [info: Readonly<BatchInfo>];
  batchStarted: [info: Readonly<BatchInfo>];
  batchCompleted: [info: Readonly<BatchInfo>];
  warning: [warning: EngineWarning];
  rateLimit: [source: string, recordsPerSecond: number | null];
  sourcePaused: [source: string, paused: boolean, reason: SourcePauseReason];
  sourceEnded: [source: string];
  checkpoint: [info: CheckpointInfo];
  error: [error: Error];
  stopped: [];
}
