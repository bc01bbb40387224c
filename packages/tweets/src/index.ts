// Public API of @hashpulse/tweets: the tweet domain as pure functions, no I/O.
export type { Tweet, Profile, DecodedLine } from './tweet.js';
export { decodeLine, decodeLineBytes, decodeRecord, type DecodeOptions } from './decode/decode-line.js';
export { DECODED_MEMBERS, type MemberProjection } from './decode/decoded-members.js';
export { hashtagKey, hashtagKeys } from './hashtags/hashtag-key.js';
export { SpellingTracker, type SpellingSnapshot } from './hashtags/spelling-tracker.js';
export {
  scoreSentiment,
  sentimentLabel,
  sentimentScorer,
  lexicon,
  sentimentModel,
  SENTIMENT_SCORERS,
  POSITIVE_THRESHOLD,
  NEGATIVE_THRESHOLD,
  type SentimentLabel,
  type SentimentScore,
  type SentimentScorer,
  type SentimentScorerName,
} from './sentiment/sentiment.js';
export { shippedModelInfo } from './sentiment/shipped-model.js';
export { lexiconCovers } from './sentiment/language.js';
export { analysisFromKeys, analyzeTweet, type KeyedHashtag, type TweetAnalysis } from './analyze.js';
export { TweetsError, TweetShapeError, SentimentModelError, TrainingDataError } from './errors.js';
