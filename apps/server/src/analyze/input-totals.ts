// Totals over the whole input, summed from the analytics job's per-batch analysed tweets: hashtag
// counts (a tweet counts once per hashtag key), sentiment per label with the mean, and the join.
import type { SentimentSummary } from '@hashpulse/protocol';
import {
  S_COUNT,
  S_NEGATIVE,
  S_NEUTRAL,
  S_POSITIVE,
  S_SCORE_SUM,
  S_UNSCORED,
  SENTIMENT_WIDTH,
  sentimentSummary,
} from '../job/aggregates.js';
import type { AnalysedTweet } from '../job/analysed-tweet.js';
import type { ReportHashtag } from './report-schema.js';

const LABEL_SLOT = { positive: S_POSITIVE, neutral: S_NEUTRAL, negative: S_NEGATIVE, unscored: S_UNSCORED };

/** Count descending, then tag in code-unit order (locale-independent, so output is reproducible). */
export function byCountThenTag(a: ReportHashtag, b: ReportHashtag): number {
  return b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
}

export class InputTotals {
  tweets = 0;
  matched = 0;
  missing = 0;
  /** Earliest and latest created_at seen (epoch ms), null before the first tweet. */
  first: number | null = null;
  last: number | null = null;
  /**
   * Each hashtag key's place in `tagTotals`: a sighting looks its key up once among every hashtag
   * of the input, where a count map's get and set looked it up twice.
   */
  private readonly tagSlots = new Map<string, number>();
  private readonly tagTotals: number[] = [];
  private readonly sentiment = new Array<number>(SENTIMENT_WIDTH).fill(0);

  add(batch: readonly AnalysedTweet[]): void {
    for (const item of batch) {
      this.tweets++;
      const time = item.tweet.createdAt;
      if (this.first === null || time < this.first) this.first = time;
      if (this.last === null || time > this.last) this.last = time;
      for (const key of item.hashtagKeys) {
        const slot = this.tagSlots.get(key);
        if (slot !== undefined) this.tagTotals[slot]! += 1;
        else this.tagSlots.set(key, this.tagTotals.push(1) - 1);
      }
      this.sentiment[S_COUNT]! += 1;
      this.sentiment[LABEL_SLOT[item.sentiment.label]]! += 1;
      if (item.sentiment.label !== 'unscored') this.sentiment[S_SCORE_SUM]! += item.sentiment.score;
      if (item.profile === null) this.missing++;
      else this.matched++;
    }
  }

  /** Every hashtag with its total, shown by `display(key)`, sorted by count then tag. */
  hashtags(display: (key: string) => string): ReportHashtag[] {
    return [...this.tagSlots]
      .map(([key, slot]) => ({ tag: display(key), count: this.tagTotals[slot]! }))
      .sort(byCountThenTag);
  }

  sentimentSummary(): SentimentSummary {
    return sentimentSummary(this.sentiment);
  }
}
