// The job's per-batch partial aggregates as fixed-layout number vectors, so every windowed
// aggregate is invertible (add the entering batch, subtract the leaving one) and compact in
// checkpoints and worker messages.
import {
  FOLLOWER_TIERS,
  type FollowerTier,
  type SentimentLabel,
  type SentimentSummary,
} from '@hashpulse/protocol';
import { PairCounts } from '@hashpulse/engine';
import type { AnalysedTweet } from './analysed-tweet.js';

/** The one key of the window totals. */
export const TOTALS_KEY = 'all';
/** Joins a hashtag key and an author id into the key the per-tag author counts use. */
export const TAG_AUTHOR_SEPARATOR = '\u0001';

/** Sentiment block shared by the window totals and the per-hashtag values. */
export const S_COUNT = 0;
export const S_POSITIVE = 1;
export const S_NEUTRAL = 2;
export const S_NEGATIVE = 3;
export const S_UNSCORED = 4;
/** Sum of scores of scored tweets (the mean is sum / (count − unscored)). */
export const S_SCORE_SUM = 5;
export const SENTIMENT_WIDTH = 6;

/** Window totals: the sentiment block, then the profile-join breakdowns. */
export const T_VERIFIED = SENTIMENT_WIDTH;
export const T_UNVERIFIED = T_VERIFIED + 1;
export const T_UNKNOWN = T_VERIFIED + 2;
export const T_MATCHED = T_VERIFIED + 3;
export const T_MISSING = T_VERIFIED + 4;
export const T_TIERS = T_VERIFIED + 5;
export const TOTALS_WIDTH = T_TIERS + FOLLOWER_TIERS.length;

/** Per-author values: tweets in the window and the sum of the author's followers per tweet (reach). */
export const A_TWEETS = 0;
export const A_REACH = 1;

const LABEL_SLOT: Record<SentimentLabel, number> = {
  positive: S_POSITIVE,
  neutral: S_NEUTRAL,
  negative: S_NEGATIVE,
  unscored: S_UNSCORED,
};

export function followerTier(followers: number): FollowerTier {
  if (followers < 1_000) return '<1k';
  if (followers < 10_000) return '1k-10k';
  if (followers < 100_000) return '10k-100k';
  if (followers < 1_000_000) return '100k-1M';
  return '≥1M';
}

export function sentimentVector(item: AnalysedTweet): number[] {
  const vector = new Array<number>(SENTIMENT_WIDTH).fill(0);
  addSentiment(vector, item);
  return vector;
}

function addSentiment(vector: number[], item: AnalysedTweet): void {
  vector[S_COUNT]! += 1;
  vector[LABEL_SLOT[item.sentiment.label]]! += 1;
  if (item.sentiment.label !== 'unscored') vector[S_SCORE_SUM]! += item.sentiment.score;
}

export function totalsVector(item: AnalysedTweet): number[] {
  const vector = new Array<number>(TOTALS_WIDTH).fill(0);
  addTotals(vector, item);
  return vector;
}

function addTotals(vector: number[], item: AnalysedTweet): void {
  addSentiment(vector, item);
  const profile = item.profile;
  vector[profile === null ? T_MISSING : T_MATCHED]! += 1;
  vector[profile?.verified === true ? T_VERIFIED : profile?.verified === false ? T_UNVERIFIED : T_UNKNOWN]! +=
    1;
  if (profile?.followers != null)
    vector[T_TIERS + FOLLOWER_TIERS.indexOf(followerTier(profile.followers))]! += 1;
}

/*
 * Per-batch partials summed in place, one vector per key and batch: reducing a vector per tweet
 * (addVectors copies) made two short-lived arrays per tweet and per hashtag, and garbage
 * collection was a quarter of offline analysis. The sums are the same numbers added in the same
 * order as reducing each tweet's vector in batch order (a fresh vector holds 0 + x = x, and adding
 * the 0 of an untouched slot changes nothing), so every window is bit-for-bit what it was.
 */

/** The batch's window totals: the sum of every tweet's totalsVector, in batch order. */
export function batchTotals(batch: readonly AnalysedTweet[]): number[] {
  const vector = new Array<number>(TOTALS_WIDTH).fill(0);
  for (const item of batch) addTotals(vector, item);
  return vector;
}

/**
 * The batch's sentiment vector per hashtag key (the sum of the sentimentVector of every tweet
 * carrying it, in batch order), keys in first-seen order as reduceByKey gives them. These batch
 * functions return their Map as it is: the job's windows take it as the batch's partial
 * (combineByKeyAndWindow), without a [key, value] pair per key.
 */
export function batchTagVectors(batch: readonly AnalysedTweet[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const item of batch) {
    for (const key of item.hashtagKeys) {
      let vector = byKey.get(key);
      if (vector === undefined) byKey.set(key, (vector = new Array<number>(SENTIMENT_WIDTH).fill(0)));
      addSentiment(vector, item);
    }
  }
  return byKey;
}

export function authorVector(item: AnalysedTweet): number[] {
  return [1, item.profile?.followers ?? 0];
}

/** The batch's [tweets, reach] per author id (the sum of every tweet's authorVector), in first-seen order. */
export function batchAuthorVectors(batch: readonly AnalysedTweet[]): Map<string, number[]> {
  const byAuthor = new Map<string, number[]>();
  for (const item of batch) {
    const author = item.tweet.authorId;
    if (author === null) continue;
    const vector = byAuthor.get(author);
    if (vector === undefined) byAuthor.set(author, authorVector(item));
    else {
      vector[A_TWEETS]! += 1;
      vector[A_REACH]! += item.profile?.followers ?? 0;
    }
  }
  return byAuthor;
}

/**
 * The batch's tweets per hashtag key and author, keyed `tag␁author` (TAG_AUTHOR_SEPARATOR), in
 * first-seen order: the per-tag author counts of the drill-down. Counted as pairs (PairCounts):
 * the partial keeps its keys joined, with no string made per pair (see there).
 */
export function batchTagAuthorCounts(batch: readonly AnalysedTweet[]): ReadonlyMap<string, number> {
  for (const item of batch) {
    const author = item.tweet.authorId;
    if (author === null) continue;
    for (const key of item.hashtagKeys) tagAuthorPairs.add(key, author);
  }
  return tagAuthorPairs.take();
}

/** One counter for every batch (counting is synchronous), so its tables are not made per batch. */
const tagAuthorPairs = new PairCounts(TAG_AUTHOR_SEPARATOR, 2048);

export function addVectors(a: number[], b: number[]): number[] {
  const sum = a.slice();
  for (let i = 0; i < b.length; i++) sum[i]! += b[i]!;
  return sum;
}

export function subtractVectors(a: number[], b: number[]): number[] {
  const difference = a.slice();
  for (let i = 0; i < b.length; i++) difference[i]! -= b[i]!;
  // Score sums are floating point: snap the residue of a fully drained key back to zero.
  if (difference[S_COUNT] === 0) difference.fill(0);
  return difference;
}

/** A key whose count fell to zero has left the window and is dropped. */
export function isEmptyVector(vector: number[]): boolean {
  return vector[0] === 0;
}

export function zeroTotals(): number[] {
  return new Array<number>(TOTALS_WIDTH).fill(0);
}

export function sentimentSummary(vector: readonly number[]): SentimentSummary {
  const scored = vector[S_COUNT]! - vector[S_UNSCORED]!;
  const mean = scored > 0 ? vector[S_SCORE_SUM]! / scored : null;
  return {
    positive: vector[S_POSITIVE]!,
    neutral: vector[S_NEUTRAL]!,
    negative: vector[S_NEGATIVE]!,
    unscored: vector[S_UNSCORED]!,
    mean: mean === null ? null : Math.max(-1, Math.min(1, mean)),
  };
}
