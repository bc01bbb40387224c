// Public API of @hashpulse/engine: the only module other packages may import.
export type { Source, SourceSink, SourceOffset } from './source/source.js';
export { QueueSource } from './source/queue-source.js';
export type { Clock, WallClock, VirtualClock, DrainHook, Cancel } from './clock/clock.js';
export { SystemClock } from './clock/system-clock.js';
export { ManualClock } from './clock/manual-clock.js';
export { ReplayClock, type ReplayClockOptions } from './clock/replay-clock.js';
export { MAX_TIMER_DELAY_MS, timerDelay } from './clock/timer-delay.js';
export {
  StreamingContext,
  type StreamingContextOptions,
  type SourceOptions,
  type ContextState,
} from './context/streaming-context.js';
export {
  DStream,
  MapWithStateStream,
  KeyedWindowStream,
  type SlideViews,
  type WindowArg,
  type ReduceByKeyAndWindowOptions,
  type CountByValueAndWindowOptions,
} from './dstream/dstream.js';
export type { KeyState, MapWithStateSpec } from './operators/map-with-state.js';
export type { UpdateStateFn } from './operators/update-state-by-key.js';

export type { StaticTable } from './operators/join.js';
export type { CheckpointedState } from './operators/checkpointed-state.js';
export { writeFileAtomically } from './checkpoint/atomic-file.js';
export type { TransformFn } from './operators/transform.js';
export { defineTask, type Task } from './pool/task.js';
export { WorkerPool, type WorkerPoolOptions } from './pool/worker-pool.js';
export { WindowSpec } from './window/window-spec.js';
export {
  windowViolations,
  historyViolations,
  answeringTier,
  longestWindowMs,
  historyForWindow,
  formatDuration,
  type WindowConfig,
  type History,
  type HistoryTier,
} from './window/window-rules.js';
export type { HistoryTierStats } from './window/history-stats.js';
export type { RollupLimit } from './window/rollup-tier.js';
export type { KeyedWindow, WindowInfo } from './window/window-state.js';
export type { WindowReader } from './operators/window-reader.js';
export { descending, selectTopK, type ValueOrder } from './window/top-k.js';
export type {
  BatchInfo,
  SourceBatchInfo,
  SourcePauseReason,
  EngineWarning,
  StreamingListener,
  StreamingEvents,
  CheckpointInfo,
} from './metrics/batch-info.js';
export {
  ENGINE_ERROR_CODES,
  type EngineErrorCode,
  EngineError,
  InvalidWindowError,
  InvalidBatchIntervalError,
  InvalidOptionError,
  ContextStateError,
  UnknownSourceError,
  SourceNotPausableError,
  InvalidRecordTimeError,
  ListenerError,
  ClockNotStartedError,
  BatchFailedError,
  SourceFailedError,
  TaskError,
  CheckpointError,
} from './errors.js';
export { EventLoopTurns, nextTurn } from './util/event-loop-turns.js';
export { mix as mixHash } from './window/key-slots.js';
export { PairCounts } from './window/pair-counts.js';
