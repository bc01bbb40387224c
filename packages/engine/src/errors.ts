// Typed errors of the engine. Every message says what was wrong and what to do about it.

/** Base class, so callers can tell engine errors from their own. */
export class EngineError extends Error {
  override name = 'EngineError';
}

/** A window length or slide that breaks a rule; `violations` lists every rule broken. */
export class InvalidWindowError extends EngineError {
  override name = 'InvalidWindowError';
  constructor(readonly violations: readonly string[]) {
    super(violations.join('; '));
  }
}

/** A batch interval that is not a positive whole number of milliseconds, or that would break a window. */
export class InvalidBatchIntervalError extends EngineError {
  override name = 'InvalidBatchIntervalError';
}

/** An operation called in the wrong lifecycle state (e.g. adding an operator after start()). */
export class ContextStateError extends EngineError {
  override name = 'ContextStateError';
}

/** A clock asked for its time before it has one (a replay clock before start(t)). */
export class ClockNotStartedError extends EngineError {
  override name = 'ClockNotStartedError';
}

/** A user function (map, transform, foreachBatch...) threw or rejected while processing a batch. */
export class BatchFailedError extends EngineError {
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
  override name = 'SourceFailedError';
  constructor(
    readonly source: string,
    override readonly cause: unknown,
  ) {
    super(`source "${source}" failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** A worker-pool task could not be loaded or threw. */
export class TaskError extends EngineError {
  override name = 'TaskError';
}

/** A checkpoint could not be written, read, or does not fit the job that tries to recover from it. */
export class CheckpointError extends EngineError {
  override name = 'CheckpointError';
}
