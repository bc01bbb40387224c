// The hashtag drill-down: one tag's count, rate and sentiment over the recent windows, and its
// most active authors in the current window.
import type { HashtagDetail } from '@hashpulse/protocol';
import { hashtagKey, type Profile } from '@hashpulse/tweets';
import type { WindowUpdate } from '@hashpulse/protocol';
import { S_COUNT, SENTIMENT_WIDTH, sentimentSummary } from './aggregates.js';
import { authorReach } from './window-update.js';

export interface TagHistoryEntry {
  update: WindowUpdate;
  /** The window's top tags (by key) with their sentiment vectors. */
  tags: Map<string, number[]>;
}

const EMPTY = new Array<number>(SENTIMENT_WIDTH).fill(0);

export function hashtagDetailFrom(
  tag: string,
  history: readonly TagHistoryEntry[],
  topAuthorsByTag: ReadonlyMap<string, Array<[string, number]>>,
  profileOf: (id: string) => Profile | null,
): HashtagDetail {
  const key = hashtagKey(tag.replace(/^[#＃]/, ''));
  const points = history.map(({ update, tags }) => {
    const vector = tags.get(key) ?? EMPTY;
    return {
      end: update.end,
      count: vector[S_COUNT]!,
      rate: vector[S_COUNT]! / (update.config.windowLengthMs / 1000),
      sentiment: sentimentSummary(vector),
    };
  });
  const display = [...history].reverse().find((entry) => entry.tags.has(key));
  const shown =
    display?.update.hashtags.find((h) => hashtagKey(h.tag) === key)?.tag ?? tag.replace(/^[#＃]/, '');
  const authors = (topAuthorsByTag.get(key) ?? []).map(([id, tweets]) => {
    const profile = profileOf(id);
    return authorReach(id, tweets, tweets * (profile?.followers ?? 0), profile);
  });
  return { tag: shown, points, topAuthors: authors };
}
