// The tweet analytics job on the engine: decode → analyse → join profiles → windowed hashtag
// counts, sentiment, sentiment per hashtag, profile breakdowns and top authors, all on one shared
// window spec so a new window configuration changes every aggregate at once.
import { EventEmitter } from 'node:events';
import type { DStream, KeyedWindow, StreamingContext, WindowSpec } from '@hashpulse/engine';
import { SpellingTracker, type Profile, type Tweet } from '@hashpulse/tweets';
import type { FeedTweet, HashtagDetail, WindowUpdate } from '@hashpulse/protocol';
import type { ProfileStore } from '../profiles/index.js';
import {
  addVectors,
  authorVector,
  isEmptyVector,
  sentimentVector,
  subtractVectors,
  totalsVector,
  zeroTotals,
  A_REACH,
  S_COUNT,
} from './aggregates.js';
import { analyseBatch } from './analyse.js';
import type { AnalysedTweet } from './analysed-tweet.js';
import { assembleWindowUpdate, type WindowParts } from './window-update.js';
import { toFeedTweet, sampleEvenly } from './feed.js';
import { hashtagDetailFrom, type TagHistoryEntry } from './hashtag-history.js';

export interface AnalyticsJobOptions {
  context: StreamingContext;
  tweets: DStream<Tweet>;
  profiles: ProfileStore;
  window: WindowSpec;
  topHashtags?: number;
  topHashtagSentiment?: number;
  topAuthors?: number;
  /** Tweets per batch handed to the live feed. */
  feedPerBatch?: number;
  /** Window updates kept for new dashboards and the hashtag drill-down. */
  historyLength?: number;
}

export interface AnalyticsJobEvents {
  window: [WindowUpdate];
  tweets: [FeedTweet[]];
  /** Every analysed tweet of a batch (the offline analyser's totals read these). */
  batch: [readonly AnalysedTweet[], number];
}

const TOTALS_KEY = 'all';
const TAG_AUTHOR_SEPARATOR = '\u0001';

export class AnalyticsJob extends EventEmitter<AnalyticsJobEvents> {
  readonly spellings = new SpellingTracker();
  private readonly history: TagHistoryEntry[] = [];
  private readonly pending = new Map<number, Partial<WindowParts>>();
  /** Profiles of authors seen recently, to name the top authors without another lookup. */
  private readonly knownProfiles = new Map<string, Profile>();
  private topAuthorsByTag = new Map<string, Array<[string, number]>>();
  /** When each hashtag key was last seen, so spellings of tags gone for a while can be forgotten. */
  private readonly tagLastSeen = new Map<string, number>();
  private lastSpellingSweep = Number.NEGATIVE_INFINITY;
  private readonly options: Required<Omit<AnalyticsJobOptions, 'context' | 'tweets' | 'profiles' | 'window'>>;

  constructor(private readonly job: AnalyticsJobOptions) {
    super();
    this.options = {
      topHashtags: job.topHashtags ?? 50,
      topHashtagSentiment: job.topHashtagSentiment ?? 10,
      topAuthors: job.topAuthors ?? 10,
      feedPerBatch: job.feedPerBatch ?? 20,
      historyLength: job.historyLength ?? 120,
    };
    this.build();
  }

  /** Recent window updates, oldest first. */
  recentWindows(): WindowUpdate[] {
    return this.history.map((entry) => entry.update);
  }

  hashtagDetail(tag: string): HashtagDetail {
    return hashtagDetailFrom(
      tag,
      this.history,
      this.topAuthorsByTag,
      (id) => this.knownProfiles.get(id) ?? null,
    );
  }

  private build(): void {
    const { tweets, profiles, window } = this.job;
    const vectorWindow = { reduce: addVectors, inverse: subtractVectors, isZero: isEmptyVector };

    const analysed = tweets.transform((batch) => analyseBatch(batch, profiles));
    analysed.foreachBatch((batch, batchTime) => this.onAnalysedBatch(batch, batchTime));

    analysed
      .map((item): [string, number[]] => [TOTALS_KEY, totalsVector(item)])
      .reduceByKeyAndWindow(vectorWindow, window)
      .foreachBatch((view, end) =>
        this.collect(end, {
          totals: view.get(TOTALS_KEY) ?? zeroTotals(),
          window: {
            start: view.start,
            end: view.end,
            windowLengthMs: view.windowLengthMs,
            slideMs: view.slideMs,
          },
        }),
      );

    analysed
      .flatMap((item) => {
        const vector = sentimentVector(item);
        return item.tagKeys.map((key): [string, number[]] => [key, vector]);
      })
      .reduceByKeyAndWindow(vectorWindow, window)
      .foreachBatch((view, end) =>
        this.collect(end, { tags: this.topVectors(view, this.options.topHashtags) }),
      );

    analysed
      .flatMap((item) =>
        item.tweet.authorId === null ? [] : [[item.tweet.authorId, authorVector(item)] as [string, number[]]],
      )
      .reduceByKeyAndWindow(vectorWindow, window)
      .foreachBatch((view, end) =>
        this.collect(end, {
          authors: view.topK(this.options.topAuthors, (a, b) => b[A_REACH]! - a[A_REACH]! || b[0]! - a[0]!),
        }),
      );

    analysed
      .flatMap((item) => {
        const author = item.tweet.authorId;
        return author === null ? [] : item.tagKeys.map((key) => key + TAG_AUTHOR_SEPARATOR + author);
      })
      .countByValueAndWindow(window)
      .foreachBatch((view, end) => this.collect(end, { tagAuthors: this.topAuthorsPerTag(view, end) }));
  }

  private onAnalysedBatch(batch: readonly AnalysedTweet[], batchTime: number): void {
    for (const item of batch) {
      for (const tag of item.tweet.hashtags) this.tagLastSeen.set(this.spellings.add(tag), batchTime);
      if (item.profile !== null) this.rememberProfile(item.profile);
    }
    this.forgetOldSpellings(batchTime);
    if (batch.length > 0) {
      const feed = sampleEvenly(batch, this.options.feedPerBatch).map(toFeedTweet);
      this.emit('tweets', feed);
    }
    this.emit('batch', batch, batchTime);
  }

  /**
   * Bounds the spelling tracker on endless streams: a tag unseen for longer than the engine's
   * retention can be in no window, so its spellings are dropped (checked once a minute).
   */
  private forgetOldSpellings(batchTime: number): void {
    if (batchTime - this.lastSpellingSweep < 60_000) return;
    this.lastSpellingSweep = batchTime;
    const horizon = batchTime - this.job.context.retentionMs();
    for (const [key, seen] of this.tagLastSeen) {
      if (seen >= horizon) continue;
      this.tagLastSeen.delete(key);
      this.spellings.forget(key);
    }
  }

  private rememberProfile(profile: Profile): void {
    // Insertion order makes the Map an LRU: refresh on sight, evict the oldest beyond the bound.
    this.knownProfiles.delete(profile.id);
    this.knownProfiles.set(profile.id, profile);
    if (this.knownProfiles.size > 50_000) {
      const oldest = this.knownProfiles.keys().next().value;
      if (oldest !== undefined) this.knownProfiles.delete(oldest);
    }
  }

  private topVectors(view: KeyedWindow<string, number[]>, k: number): Array<[string, number[]]> {
    return view.topK(k, (a, b) => b[S_COUNT]! - a[S_COUNT]!);
  }

  /** For the drill-down: each top tag's five most active authors in the window. */
  private topAuthorsPerTag(
    view: KeyedWindow<string, number>,
    end: number,
  ): Map<string, Array<[string, number]>> {
    // Outputs run in registration order, so this window's top tags are already collected.
    const wanted = new Set((this.pending.get(end)?.tags ?? []).map(([tag]) => tag));
    const byTag = new Map<string, Array<[string, number]>>();
    if (wanted.size === 0) return byTag;
    for (const [key, count] of view) {
      const split = key.indexOf(TAG_AUTHOR_SEPARATOR);
      const tag = key.slice(0, split);
      if (!wanted.has(tag)) continue;
      let authors = byTag.get(tag);
      if (authors === undefined) byTag.set(tag, (authors = []));
      authors.push([key.slice(split + 1), count]);
    }
    for (const [tag, authors] of byTag) byTag.set(tag, authors.sort((a, b) => b[1] - a[1]).slice(0, 5));
    return byTag;
  }

  private collect(end: number, part: Partial<WindowParts>): void {
    const parts = { ...this.pending.get(end), ...part };
    if (parts.totals && parts.tags && parts.authors && parts.tagAuthors && parts.window) {
      this.pending.delete(end);
      this.topAuthorsByTag = parts.tagAuthors;
      const update = assembleWindowUpdate(parts as WindowParts, {
        batchIntervalMs: this.job.context.batchIntervalMs,
        spellings: this.spellings,
        profileOf: (id) => this.knownProfiles.get(id) ?? null,
        topHashtagSentiment: this.options.topHashtagSentiment,
      });
      this.history.push({ update, tags: new Map(parts.tags) });
      if (this.history.length > this.options.historyLength) this.history.shift();
      this.emit('window', update);
    } else {
      this.pending.set(end, parts);
    }
  }
}
