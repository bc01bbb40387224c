// Public API of @hashpulse/engine: the only module other packages may import.
export type { Source, SourceSink, SourceOffset } from './source/source.js';
export { QueueSource } from './source/queue-source.js';
export type { Clock, Cancel } from './clock/clock.js';
export { SystemClock } from './clock/system-clock.js';
export { ManualClock } from './clock/manual-clock.js';
export { ReplayClock, type ReplayClockOptions } from './clock/replay-clock.js';
export {
  StreamingContext,
  type StreamingContextOptions,
  type SourceOptions,
  type ContextState,
} from './context/streaming-context.js';
export {
  DStream,
  MapWithStateStream,
  type WindowArg,
  type ReduceByKeyAndWindowOptions,
} from './dstream/dstream.js';
export type { KeyState, MapWithStateSpec } from './operators/map-with-state.js';
export type { UpdateStateFn } from './operators/update-state-by-key.js';
export { KeyedWindowStream, type SlideViews } from './dstream/keyed-window-stream.js';
export type { StaticTable } from './operators/join.js';
export type { TransformFn } from './operators/transform.js';
export { defineTask, type Task } from './pool/task.js';
export { WindowSpec, windowViolations, type WindowConfig } from './window/window-spec.js';
export type { KeyedWindow, WindowInfo } from './window/keyed-window-state.js';
export { selectTopK, type ValueOrder } from './window/top-k.js';
export type {
  BatchInfo,
  SourceBatchInfo,
  SourcePauseReason,
  EngineWarning,
  StreamingListener,
  CheckpointInfo,
} from './metrics/batch-info.js';
export {
  EngineError,
  InvalidWindowError,
  InvalidBatchIntervalError,
  ContextStateError,
  ClockNotStartedError,
  BatchFailedError,
  SourceFailedError,
  TaskError,
  CheckpointError,
} from './errors.js';
