import { describe, expect, it } from 'vitest';
import type { Profile, Tweet } from '@hashpulse/tweets';
import {
  addVectors,
  authorVector,
  batchAuthorVectors,
  batchTagAuthorCounts,
  batchTagVectors,
  batchTotals,
  TAG_AUTHOR_SEPARATOR,
  sentimentVector,
  totalsVector,
} from './aggregates.js';
import type { AnalysedTweet } from './analysed-tweet.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function items(count: number, seed: number): AnalysedTweet[] {
  const next = random(seed);
  const labels = ['positive', 'neutral', 'negative', 'unscored'] as const;
  return Array.from({ length: count }, (_, i) => {
    const label = labels[Math.floor(next() * 4)]!;
    const keys = ['a', 'b', 'c', 'd', 'e'].filter(() => next() < 0.4);
    const profile: Profile | null =
      next() < 0.3
        ? null
        : ({ id: `u${i}`, verified: next() < 0.5, followers: Math.floor(next() * 2_000_000) } as Profile);
    return {
      // Authors repeat, and some tweets have none.
      tweet: { id: String(i), authorId: next() < 0.1 ? null : `a${Math.floor(next() * 50)}` } as Tweet,
      hashtagKeys: keys,
      hashtags: keys.map((key) => ({ tag: key, key })),
      sentiment: { label, score: label === 'unscored' ? 0 : next() * 2 - 1 },
      profile,
    } as AnalysedTweet;
  });
}

/** What reduceByKey made of per-tweet vectors: the first as it is, then addVectors in order. */
function reducePerTweet(pairs: Array<[string, number[]]>): Array<[string, number[]]> {
  const reduced = new Map<string, number[]>();
  for (const [key, vector] of pairs) {
    const previous = reduced.get(key);
    reduced.set(key, previous === undefined ? vector : addVectors(previous, vector));
  }
  return [...reduced];
}

describe('per-batch partials summed in place', () => {
  it('equal, bit for bit and in key order, the reduction of every tweet’s own vector', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const batch = items(500, seed);
      const totals = reducePerTweet(batch.map((item) => ['all', totalsVector(item)]));
      expect([['all', batchTotals(batch)]]).toEqual(totals);
      const tags = reducePerTweet(
        batch.flatMap((item) =>
          item.hashtagKeys.map((key): [string, number[]] => [key, sentimentVector(item)]),
        ),
      );
      // toEqual compares numbers with Object.is: the score sums match to the last bit.
      expect([...batchTagVectors(batch)]).toEqual(tags);
      const authors = reducePerTweet(
        batch.flatMap((item): Array<[string, number[]]> =>
          item.tweet.authorId === null ? [] : [[item.tweet.authorId, authorVector(item)]],
        ),
      );
      expect([...batchAuthorVectors(batch)]).toEqual(authors);
      const pairs = new Map<string, number>();
      for (const item of batch) {
        if (item.tweet.authorId === null) continue;
        for (const key of item.hashtagKeys) {
          const pair = `${key}${TAG_AUTHOR_SEPARATOR}${item.tweet.authorId}`;
          pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
        }
      }
      expect(pairs.size).toBeGreaterThan(0);
      expect([...batchTagAuthorCounts(batch)]).toEqual([...pairs]);
    }
  });
});
