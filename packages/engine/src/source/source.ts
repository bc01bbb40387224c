// The contract between the engine and anything that feeds it records (replay files, live X API,
// Redis streams, test queues). The engine assigns each record to the batch of its arrival time.

/** A JSON-serialisable position in a source, stored in checkpoints so a restart resumes there. */
export type SourceOffset =
  string | number | boolean | null | SourceOffset[] | { [key: string]: SourceOffset };

/** What the engine hands a source when the context starts. */
export interface SourceSink<T> {
  /**
   * Hands one record to the engine. `time` is its arrival time in epoch ms; it defaults to the
   * context clock's now. Replay and manual-clock sources pass the record's own timestamp.
   * Returns false when the engine's buffer for this source is full and the record was dropped
   * (counted in the metrics); sources that can wait should await `whenWritable()` first, and
   * sources that implement `pause()` are paused when their buffer fills, before it refuses them.
   */
  push(value: T, time?: number): boolean;
  /**
   * Resolves once this source's buffer has room again (at once if it has), or the context stopped.
   * Sources that can wait (replay at full speed) await it after a refused push, then push again;
   * once a source has called it, its refused pushes are no longer counted as dropped records.
   * Optional so hand-written test sinks need not provide it; the engine's sinks always do.
   */
  whenWritable?(): Promise<void>;
  /** The current time of the context clock, in epoch ms. */
  now(): number;
  /** Reports a problem that does not stop the source (a reconnect, a malformed record...). */
  warn(message: string): void;
  /** Reports a fatal failure; the context stops with this error. */
  fail(error: Error): void;
  /** Tells the engine the source has delivered everything it will (end of a file). */
  end(): void;
}

export interface Source<T> {
  /** Unique within a context; names the source in metrics, warnings and checkpoints. */
  readonly name: string;
  /** Starts delivering records into `sink`; may resolve before the source is exhausted. */
  start(sink: SourceSink<T>): void | Promise<void>;
  /** Stops delivering; resolves when no more records will be pushed. */
  stop(): void | Promise<void>;
  /**
   * Rate control for backpressure. Sources that can slow down (replay) implement it; the engine
   * calls it with a records-per-second limit when processing falls behind, and null to lift it.
   * Sources that cannot slow down (live) leave it out and are buffered, then dropped.
   */
  setRateLimit?(recordsPerSecond: number | null): void;
  /**
   * Flow control for sources that can hold records but not wait (a socket stops reading, a file
   * reader stops reading): stop pushing until `resume()`; nothing is lost, the source holds the
   * records. Implement both or neither. The engine calls `pause()` when this source's buffer fills
   * (unless the source waits on `whenWritable()`, which already holds it back) and `resume()` once
   * processing has drained the buffer to half; `StreamingContext.pauseSource(name)` and
   * `resumeSource(name)` pause it on the user's behalf. The engine tracks both reasons and calls
   * `pause()` only when the source was running and `resume()` only when no reason is left, never
   * after the context stopped. Stop pushing synchronously inside `pause()`: a push the full buffer
   * refuses is a dropped record.
   */
  pause?(): void;
  /** Starts pushing again, the held records first, in order (see `pause`). */
  resume?(): void;
  /** The offset of the last record pushed, for checkpoints. */
  offset?(): SourceOffset;
  /** Called before `start` on recovery with the offset saved in the checkpoint. */
  restore?(offset: SourceOffset): void;
}
