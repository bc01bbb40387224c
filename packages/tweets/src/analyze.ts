// What the analytics job derives from one decoded tweet: its hashtag count keys and its sentiment.
import { hashtagKeys } from './hashtags/hashtag-key.js';
import { type SentimentScore, scoreSentiment } from './sentiment/sentiment.js';
import type { Tweet } from './tweet.js';

export interface TweetAnalysis {
  /** Distinct hashtagKey()s of the tweet's hashtags, in order of appearance. */
  hashtagKeys: string[];
  sentiment: SentimentScore;
}

export function analyzeTweet(tweet: Tweet): TweetAnalysis {
  return { hashtagKeys: hashtagKeys(tweet.hashtags), sentiment: scoreSentiment(tweet.text, tweet.lang) };
}
