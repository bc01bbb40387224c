import { describe, expect, it } from 'vitest';
import { analyzeTweet, type Tweet } from '@hashpulse/tweets';
import type { AnalysedTweet } from './analysed-tweet.js';
import { S_SCORE_SUM } from './aggregates.js';
import { buildPartial, mergePartials } from './batch-partial.js';

const TEXTS = ['I love #Brexit', 'awful #brexit day', '#BREXIT #Vote', 'nothing here', 'great #vote #love'];

function batch(): AnalysedTweet[] {
  return TEXTS.map((text, i) => {
    const tweet: Tweet = {
      id: String(i),
      createdAt: 1000 + i,
      text,
      lang: 'en',
      authorId: `a${i % 2}`,
      hashtags: [...text.matchAll(/#(\w+)/g)].map((m) => m[1]!),
      mentions: [],
      isRetweet: false,
      isQuote: false,
      isReply: false,
      author: null,
    };
    return {
      tweet,
      ...analyzeTweet(tweet),
      profile: {
        id: `a${i % 2}`,
        username: null,
        name: null,
        verified: true,
        followers: 10 * i,
        following: null,
        tweetCount: null,
        createdAt: null,
        location: null,
      },
      profileIsOwn: false,
    };
  });
}

const sorted = <V>(entries: Array<[string, V]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
const noScores = (entries: Array<[string, number[]]>) =>
  sorted(entries).map(([key, v]): [string, number[]] => [key, v.map((x, i) => (i === S_SCORE_SUM ? 0 : x))]);

describe('batch partials over partitions', () => {
  it('merged over any split, equal the partial of the whole batch', () => {
    const whole = buildPartial(batch());
    for (const split of [[0, 1, 2, 3, 4], [1, 3], [4]]) {
      const items = batch();
      const parts = [
        buildPartial(
          items.filter((_, i) => split.includes(i)),
          0,
          split,
        ),
        buildPartial(
          items.filter((_, i) => !split.includes(i)),
          0,
          [0, 1, 2, 3, 4].filter((i) => !split.includes(i)),
        ),
      ];
      const merged = mergePartials(parts);
      expect(merged.tweets).toBe(whole.tweets);
      expect(merged.totals.map((x, i) => (i === S_SCORE_SUM ? 0 : x))).toEqual(
        whole.totals.map((x, i) => (i === S_SCORE_SUM ? 0 : x)),
      );
      expect(merged.totals[S_SCORE_SUM]).toBeCloseTo(whole.totals[S_SCORE_SUM]!, 12);
      expect(noScores(merged.tags)).toEqual(noScores(whole.tags));
      expect(sorted(merged.authors)).toEqual(sorted(whole.authors));
      expect(sorted(merged.tagAuthors)).toEqual(sorted(whole.tagAuthors));
      // Spellings come back in the source's order, whatever the split: tied spellings rank the same.
      expect(merged.spellings).toEqual(whole.spellings);
    }
  });
});
