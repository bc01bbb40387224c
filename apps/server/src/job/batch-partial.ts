// One batch's partial aggregates, built from its analysed tweets with the job's own vectors and
// keys, and merged over partitions: what a cluster worker publishes and the merging web node
// feeds into the job's windows, so the windows equal those of one process analysing every tweet.
import type { BatchPartial } from '@hashpulse/protocol';
import type { Profile } from '@hashpulse/tweets';
import {
  addVectors,
  batchAuthorVectors,
  batchTagAuthorCounts,
  batchTagVectors,
  batchTotals,
} from './aggregates.js';
import type { AnalysedTweet } from './analysed-tweet.js';
import { sampleEvenly, toFeedTweet } from './feed.js';

export type { BatchPartial } from '@hashpulse/protocol';

/** Feed tweets a partial carries (the job's default feedPerBatch). */
export const PARTIAL_FEED = 20;

export function emptyPartial(): BatchPartial {
  return {
    tweets: 0,
    totals: [],
    tags: [],
    authors: [],
    tagAuthors: [],
    spellings: [],
    profiles: [],
    feed: [],
    unjoined: 0,
  };
}

/**
 * Reduces a batch as the job's per-batch reduce does: in record order, with the same vectors, so a
 * partition's partial holds exactly the values the job would have reduced from these tweets.
 */
export function buildPartial(
  batch: readonly AnalysedTweet[],
  unjoined = 0,
  /** Each tweet's position in the source (default: its index), carried with its hashtag spellings. */
  positions?: readonly number[],
): BatchPartial {
  const spellings: Array<[string, number]> = [];
  const profiles = new Map<string, Profile>();
  for (const [i, item] of batch.entries()) {
    for (const tag of item.tweet.hashtags) spellings.push([tag, positions?.[i] ?? i]);
    if (item.profile !== null) profiles.set(item.profile.id, item.profile);
  }
  return {
    tweets: batch.length,
    // The job's own per-batch sums, so a worker's partial is what ROLE=all reduces.
    totals: batch.length === 0 ? [] : batchTotals(batch),
    tags: [...batchTagVectors(batch)],
    authors: [...batchAuthorVectors(batch)],
    tagAuthors: [...batchTagAuthorCounts(batch)],
    spellings,
    profiles: [...profiles.values()],
    feed: sampleEvenly(batch, PARTIAL_FEED).map(toFeedTweet),
    unjoined,
  };
}

/** Sums partials of one batch time (in the order given: partition order, for a stable result). */
export function mergePartials(parts: readonly BatchPartial[]): BatchPartial {
  if (parts.length === 1) return parts[0]!;
  let totals: number[] = [];
  const tags = new Map<string, number[]>();
  const authors = new Map<string, number[]>();
  const tagAuthors = new Map<string, number>();
  const spellings: Array<[string, number]> = [];
  const profiles = new Map<string, BatchPartial['profiles'][number]>();
  const feed: BatchPartial['feed'] = [];
  let tweets = 0;
  let unjoined = 0;
  const sum = (into: Map<string, number[]>, entries: ReadonlyArray<readonly [string, number[]]>) => {
    for (const [key, value] of entries) {
      const before = into.get(key);
      into.set(key, before === undefined ? value : addVectors(before, value));
    }
  };
  for (const part of parts) {
    tweets += part.tweets;
    unjoined += part.unjoined;
    if (part.totals.length > 0) totals = totals.length === 0 ? part.totals : addVectors(totals, part.totals);
    sum(tags, part.tags);
    sum(authors, part.authors);
    for (const [key, count] of part.tagAuthors) tagAuthors.set(key, (tagAuthors.get(key) ?? 0) + count);
    spellings.push(...part.spellings);
    for (const profile of part.profiles) profiles.set(profile.id, profile);
    feed.push(...part.feed);
  }
  feed.sort((a, b) => a.createdAt - b.createdAt);
  // Source order over every partition (stable: a tweet's repeated tags keep their order).
  spellings.sort((a, b) => a[1] - b[1]);
  return {
    tweets,
    totals,
    tags: [...tags],
    authors: [...authors],
    tagAuthors: [...tagAuthors],
    spellings,
    profiles: [...profiles.values()],
    feed: sampleEvenly(feed, PARTIAL_FEED),
    unjoined,
  };
}
