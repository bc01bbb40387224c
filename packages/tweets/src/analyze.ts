// What the analytics job derives from one decoded tweet: its hashtags with their count keys, and
// its sentiment. The job calls this, so what is counted and what is shown come from one place.
import { hashtagKey } from './hashtags/hashtag-key.js';
import { type SentimentScore, type SentimentScorerName, scoreSentiment } from './sentiment/sentiment.js';
import type { Tweet } from './tweet.js';

/** A hashtag as written in the tweet, without '#', with the key it is counted under. */
export interface KeyedHashtag {
  tag: string;
  key: string;
}

export interface TweetAnalysis {
  /** Distinct hashtagKey()s of the tweet's hashtags, in order of appearance: what is counted. */
  hashtagKeys: string[];
  /** Every hashtag as written (repeats kept, as in tweet.hashtags), each with its key. */
  hashtags: KeyedHashtag[];
  sentiment: SentimentScore;
}

/** `scorer`: which sentiment scorer (the learned model unless told otherwise). */
export function analyzeTweet(tweet: Tweet, scorer: SentimentScorerName = 'model'): TweetAnalysis {
  const hashtags: KeyedHashtag[] = [];
  const keys: string[] = [];
  for (const tag of tweet.hashtags) {
    const key = hashtagKey(tag);
    hashtags.push({ tag, key });
    // Tweets carry a handful of tags: a scan beats a Set.
    if (!keys.includes(key)) keys.push(key);
  }
  return { hashtagKeys: keys, hashtags, sentiment: scoreSentiment(tweet.text, tweet.lang, scorer) };
}
