// What the engine reports about each batch, as the Streaming tab of the Spark UI shows it.
// Delays are wall-clock milliseconds; `batchTime` is clock time.

export interface SourceBatchInfo {
  records: number;
  /** Records this source pushed into an already closed batch since the previous batch (moved into this one). */
  lateRecords: number;
  /** Records dropped by this source's full buffer since the previous batch. */
  droppedRecords: number;
}

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
  onSourceEnded?(source: string): void;
  onCheckpoint?(info: CheckpointInfo): void;
  /** The error that stopped the context (also the rejection of awaitTermination()). */
  onError?(error: Error): void;
  onStopped?(): void;
}
