// Public API of @hashpulse/tweets: the tweet domain as pure functions, no I/O.
export type { Tweet, Profile, DecodedLine } from './tweet.js';
export { decodeLine, decodeRecord } from './decode/decode-line.js';
export { hashtagKey, hashtagKeys } from './hashtags/hashtag-key.js';
export { SpellingTracker, type SpellingSnapshot } from './hashtags/spelling-tracker.js';
export {
  scoreSentiment,
  sentimentLabel,
  POSITIVE_THRESHOLD,
  NEGATIVE_THRESHOLD,
  type SentimentLabel,
  type SentimentScore,
} from './sentiment/sentiment.js';
export { lexiconCovers } from './sentiment/language.js';
export { analyzeTweet, type KeyedHashtag, type TweetAnalysis } from './analyze.js';
export { TweetsError, TweetShapeError } from './errors.js';
