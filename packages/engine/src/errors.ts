// Typed errors of the engine, each with a stable `code` (HP_ERR_ENGINE_*, as fastify's FST_ERR_*
// catalogue): callers branch on the code, people read the message, which says what to do.

/** Every engine error code; a code never changes meaning once published (see errors.test.ts). */
export const ENGINE_ERROR_CODES = {
  InvalidWindowError: 'HP_ERR_ENGINE_INVALID_WINDOW',
  InvalidBatchIntervalError: 'HP_ERR_ENGINE_INVALID_BATCH_INTERVAL',
  InvalidOptionError: 'HP_ERR_ENGINE_INVALID_OPTION',
  ContextStateError: 'HP_ERR_ENGINE_CONTEXT_STATE',
  UnknownSourceError: 'HP_ERR_ENGINE_UNKNOWN_SOURCE',
  SourceNotPausableError: 'HP_ERR_ENGINE_SOURCE_NOT_PAUSABLE',
  InvalidRecordTimeError: 'HP_ERR_ENGINE_INVALID_RECORD_TIME',
  ClockNotStartedError: 'HP_ERR_ENGINE_CLOCK_NOT_STARTED',
  BatchFailedError: 'HP_ERR_ENGINE_BATCH_FAILED',
  SourceFailedError: 'HP_ERR_ENGINE_SOURCE_FAILED',
  ListenerError: 'HP_ERR_ENGINE_LISTENER',
  TaskError: 'HP_ERR_ENGINE_TASK',
  CheckpointError: 'HP_ERR_ENGINE_CHECKPOINT',
} as const;

export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[keyof typeof ENGINE_ERROR_CODES];

/** Base class, so callers can tell engine errors from their own; `code` says which one it is. */
export abstract class EngineError extends Error {
  abstract readonly code: EngineErrorCode;
  override name = 'EngineError';
}

/** A window length or slide that breaks a rule; `violations` lists every rule broken. */
export class InvalidWindowError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.InvalidWindowError;
  override name = 'InvalidWindowError';
  constructor(readonly violations: readonly string[]) {
    super(violations.join('; '));
  }
}

/** A batch interval that is not a positive whole number of milliseconds, or that would break a window. */
export class InvalidBatchIntervalError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.InvalidBatchIntervalError;
  override name = 'InvalidBatchIntervalError';
}

/** A StreamingContext option out of its range (workers, retentionMs, taskChunkSize...). */
export class InvalidOptionError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.InvalidOptionError;
  override name = 'InvalidOptionError';
}

/** An operation called in the wrong lifecycle state (e.g. adding an operator after start()). */
export class ContextStateError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.ContextStateError;
  override name = 'ContextStateError';
}

/** A source name the context does not know (pauseSource, resumeSource, isSourcePaused). */
export class UnknownSourceError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.UnknownSourceError;
  override name = 'UnknownSourceError';
}

/** pauseSource / resumeSource on a source without pause() and resume(). */
export class SourceNotPausableError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.SourceNotPausableError;
  override name = 'SourceNotPausableError';
}

/** A source pushed a record with a time that is not epoch milliseconds. */
export class InvalidRecordTimeError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.InvalidRecordTimeError;
  override name = 'InvalidRecordTimeError';
}

/** A clock asked for its time before it has one (a replay clock before start(t)). */
export class ClockNotStartedError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.ClockNotStartedError;
  override name = 'ClockNotStartedError';
}

/** A user function (map, transform, foreachBatch...) threw or rejected while processing a batch. */
export class BatchFailedError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.BatchFailedError;
  override name = 'BatchFailedError';
  constructor(
    readonly batchTime: number,
    readonly operator: string,
    override readonly cause: unknown,
  ) {
    super(
      `batch ${new Date(batchTime).toISOString()} failed in ${operator}: ${
        cause instanceof Error ? cause.message : String(cause)
      } (the context stopped; fix the function or guard bad records, then restart or recover from the checkpoint)`,
    );
  }
}

/** A source reported a fatal failure through `sink.fail`. */
export class SourceFailedError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.SourceFailedError;
  override name = 'SourceFailedError';
  constructor(
    readonly source: string,
    override readonly cause: unknown,
  ) {
    super(`source "${source}" failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** A listener of the context's events threw: the context stops, as for a failed batch. */
export class ListenerError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.ListenerError;
  override name = 'ListenerError';
}

/** A worker-pool task could not be loaded or threw. */
export class TaskError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.TaskError;
  override name = 'TaskError';
}

/** A checkpoint could not be written, read, or does not fit the job that tries to recover from it. */
export class CheckpointError extends EngineError {
  readonly code = ENGINE_ERROR_CODES.CheckpointError;
  override name = 'CheckpointError';
}
