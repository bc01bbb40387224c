// The local X API v2 test server: real HTTPS with a throwaway CA, scripted stream failures.
export {
  startXApiServer,
  OPERATIONAL_DISCONNECT,
  type XApiServer,
  type XApiServerOptions,
  type XApiControl,
  type ConnectionPlan,
  type AfterMessages,
  type StreamEndpoint,
  type StreamConnectionStats,
  type RequestRecord,
} from './x-api-server.js';
export { recordedStreamMessages, X_API_DATA_DIR, type StreamMessage } from './recorded-messages.js';
export type { StreamRule } from './rule-book.js';
export { testCertificates, type TestCertificates } from './certificates.js';
export { collectingSink, type CollectingSink } from './collecting-sink.js';
export { fastClock, type FastClock } from './fast-clock.js';
