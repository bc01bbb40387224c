// The live X API v2 source (filtered and sample stream), its stream rules and its clock. The
// X API is reached only through these two: LiveSource for the stream, StreamRules.connect for rules.
export { LiveSource, type LiveSourceOptions, type LiveStream } from './live-source.js';
export {
  StreamRules,
  type StreamRule,
  type NewStreamRule,
  type RuleProblem,
  type AddRulesResult,
  type DeleteRulesResult,
} from './stream-rules.js';
export { DEFAULT_X_API_BASE_URL, type XConnection } from './x-client.js';
export { LiveSourceConfigError, StreamRulesError } from './errors.js';
export { systemLiveClock, type LiveClock } from './live-clock.js';
export {
  ReconnectSchedule,
  X_RECONNECT_RULES,
  type ReconnectScheduleConfig,
  type FailureKind,
} from './reconnect-schedule.js';
export { TWEET_FIELDS, USER_FIELDS, EXPANSIONS } from './stream-params.js';
