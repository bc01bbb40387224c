// The tweet sources: one contract (tweet-source.ts) met by the replay of recordings and the live
// X API stream, and the recorder that turns a live stream into replayable files.
export {
  TweetSourceEmitter,
  type TweetSource,
  type TweetSourceEvents,
  type SourceProblem,
  type SourceCounts,
} from './tweet-source.js';
export * from './replay/index.js';
export * from './live/index.js';
export * from './recorder/index.js';
