// Public API of @hashpulse/engine: the only module other packages may import.
export type { Source, SourceSink, SourceOffset } from './source/source';
export { QueueSource } from './source/queue-source';
export type { Clock, WallClock, VirtualClock, DrainHook, Cancel } from './clock/clock';
export { SystemClock } from './clock/system-clock';
export { ManualClock } from './clock/manual-clock';
export { ReplayClock, type ReplayClockOptions } from './clock/replay-clock';
export {
  StreamingContext,
  type StreamingContextOptions,
  type SourceOptions,
  type ContextState,
} from './context/streaming-context';
export {
  DStream,
  MapWithStateStream,
  KeyedWindowStream,
  type SlideViews,
  type WindowArg,
  type ReduceByKeyAndWindowOptions,
} from './dstream/dstream';
export type { KeyState, MapWithStateSpec } from './operators/map-with-state';
export type { UpdateStateFn } from './operators/update-state-by-key';

export type { StaticTable } from './operators/join';
export type { TransformFn } from './operators/transform';
export { defineTask, type Task } from './pool/task';
export { WindowSpec } from './window/window-spec';
export { windowViolations, formatDuration, type WindowConfig } from './window/window-rules';
export type { KeyedWindow, WindowInfo } from './window/keyed-window-state';
export { selectTopK, type ValueOrder } from './window/top-k';
export type {
  BatchInfo,
  SourceBatchInfo,
  SourcePauseReason,
  EngineWarning,
  StreamingListener,
  StreamingEvents,
  CheckpointInfo,
} from './metrics/batch-info';
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
} from './errors';
