// What the analytics job derives from one decoded tweet: its hashtag count keys and its sentiment.
import { hashtagKeys } from './hashtags/hashtag-key';
import { type SentimentScore, scoreSentiment } from './sentiment/sentiment';
import type { Tweet } from './tweet';

export interface TweetAnalysis {
  /** Distinct hashtagKey()s of the tweet's hashtags, in order of appearance. */
  hashtagKeys: string[];
  sentiment: SentimentScore;
}

export function analyzeTweet(tweet: Tweet): TweetAnalysis {
  return { hashtagKeys: hashtagKeys(tweet.hashtags), sentiment: scoreSentiment(tweet.text, tweet.lang) };
}
