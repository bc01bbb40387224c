// The live X API v2 source (filtered and sample stream), its stream rules and its clock.
export { LiveSource, type LiveSourceOptions, type LiveStream } from './live-source.js';
export {
  StreamRules,
  type StreamRule,
  type NewStreamRule,
  type RuleProblem,
  type AddRulesResult,
  type DeleteRulesResult,
} from './stream-rules.js';
export { createXClient, normaliseBaseUrl, DEFAULT_X_API_BASE_URL, type XClientOptions } from './x-client.js';
export { LiveSourceConfigError, StreamRulesError } from './errors.js';
export { systemLiveClock, type LiveClock } from './live-clock.js';
export {
  ReconnectSchedule,
  X_RECONNECT_RULES,
  type ReconnectScheduleConfig,
  type FailureKind,
} from './reconnect-schedule.js';
export { TWEET_FIELDS, USER_FIELDS, EXPANSIONS } from './stream-params.js';
