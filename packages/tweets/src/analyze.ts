// What the analytics job derives from one decoded tweet: its hashtags with their count keys, and
// its sentiment. The job calls this, so what is counted and what is shown come from one place.
import { dropRepeats, eachHashtagKey } from './hashtags/hashtag-key.js';
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
  const sentiment = scoreSentiment(tweet.text, tweet.lang, scorer);
  return analysisOf(tweet.hashtags, eachHashtagKey(tweet.hashtags), sentiment);
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
  return analysisOf(tags, keys.slice(), sentiment);
}

/**
 * The analysis of tags with their keys; `keys` becomes its distinct keys. Arrays made to their
 * length rather than pushed to: a pushed array reserves 16 slots, and an analysis and its tweet
 * live a batch, so the spare slots were copied at every scavenge. With this and the decoder's lists
 * made to length too, `analyze` of 1M generated tweets allocated 5.4 GB instead of 6.0 (the
 * analyses 340 MB instead of 562; `HeapProfiler` sampling) in 132 scavenges instead of 145
 * (`--trace-gc-nvp`).
 */
function analysisOf(tags: readonly string[], keys: string[], sentiment: SentimentScore): TweetAnalysis {
  const hashtags = new Array<KeyedHashtag>(tags.length);
  for (let i = 0; i < tags.length; i++) hashtags[i] = { tag: tags[i]!, key: keys[i]! };
  return { hashtagKeys: dropRepeats(keys), hashtags, sentiment };
}
