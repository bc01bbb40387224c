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
  const analysis: TweetAnalysis = {
    hashtagKeys: [],
    hashtags: [],
    sentiment: scoreSentiment(tweet.text, tweet.lang, scorer),
  };
  for (const tag of tweet.hashtags) addHashtag(analysis, tag, hashtagKey(tag));
  return analysis;
}

/**
 * The analysis analyzeTweet gives, from parts made elsewhere (a decode thread sends each hashtag's
 * key and the sentiment, not the analysis objects): `keys[i]` is the key of `tags[i]`.
 */
export function analysisFromKeys(
  tags: readonly string[],
  keys: readonly string[],
  sentiment: SentimentScore,
): TweetAnalysis {
  const analysis: TweetAnalysis = { hashtagKeys: [], hashtags: [], sentiment };
  for (let i = 0; i < tags.length; i++) addHashtag(analysis, tags[i]!, keys[i]!);
  return analysis;
}

function addHashtag(analysis: TweetAnalysis, tag: string, key: string): void {
  analysis.hashtags.push({ tag, key });
  // Tweets carry a handful of tags: a scan beats a Set.
  if (!analysis.hashtagKeys.includes(key)) analysis.hashtagKeys.push(key);
}
