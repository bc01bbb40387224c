// The hashtag drill-down: one tag's count, rate and sentiment over the recent windows, and its
// most active authors in the current window. Looked up by the count key the window updates carry.
import type { HashtagDetail, WindowUpdate } from '@hashpulse/protocol';
import type { Profile } from '@hashpulse/tweets';
import { S_COUNT, SENTIMENT_WIDTH, sentimentSummary } from './aggregates.js';
import { authorReach } from './window-update.js';

export interface TagHistoryEntry {
  update: WindowUpdate;
  /** The window's top tags (by key) with their sentiment vectors. */
  tags: Map<string, number[]>;
}

export interface DetailSources {
  history: readonly TagHistoryEntry[];
  /** The tag's most active authors in the current window: [authorId, tweets]. */
  authors: ReadonlyArray<readonly [string, number]>;
  profileOf(id: string): Profile | null;
  /** The key's most frequent spelling (for a key in no retained window). */
  display(key: string): string;
}

const EMPTY = new Array<number>(SENTIMENT_WIDTH).fill(0);

export function hashtagDetailFrom(key: string, sources: DetailSources): HashtagDetail {
  const { history } = sources;
  const points = history.map(({ update, tags }) => {
    const vector = tags.get(key) ?? EMPTY;
    return {
      end: update.end,
      count: vector[S_COUNT]!,
      rate: vector[S_COUNT]! / (update.config.windowLengthMs / 1000),
      sentiment: sentimentSummary(vector),
    };
  });
  // The spelling the newest window holding the tag showed, so the dialog names it as the charts do.
  const display = [...history].reverse().find((entry) => entry.tags.has(key));
  const shown = display?.update.hashtags.find((h) => h.key === key)?.tag ?? sources.display(key);
  const authors = sources.authors.map(([id, tweets]) => {
    const profile = sources.profileOf(id);
    return authorReach(id, tweets, tweets * (profile?.followers ?? 0), profile);
  });
  return { tag: shown, key, points, topAuthors: authors };
}
