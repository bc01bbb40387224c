// The tweet analytics job on the engine: decode → analyse → join profiles → windowed hashtag
// counts, sentiment, sentiment per hashtag, profile breakdowns and top authors, all on one shared
// window spec so a new window configuration changes every aggregate at once.
import { EventEmitter } from 'node:events';
import {
  descending,
  type DStream,
  type KeyedWindow,
  type KeyedWindowStream,
  type StreamingContext,
  type WindowReader,
  type WindowSpec,
} from '@hashpulse/engine';
import {
  SpellingTracker,
  type Profile,
  type SentimentScorerName,
  type SpellingSnapshot,
  type Tweet,
} from '@hashpulse/tweets';
import type { BatchPartial, FeedTweet, HashtagDetail, WindowUpdate } from '@hashpulse/protocol';
import type { ProfileStore } from '../profiles/index.js';
import {
  addVectors,
  batchAuthorVectors,
  batchTagAuthorCounts,
  batchTagVectors,
  batchTotals,
  isEmptyVector,
  subtractVectors,
  zeroTotals,
  A_REACH,
  S_COUNT,
  TOTALS_KEY,
} from './aggregates.js';
import { analyseBatch } from './analyse.js';
import type { AnalysedTweet } from './analysed-tweet.js';
import { assembleWindowUpdate, type WindowParts } from './window-update.js';
import { toFeedTweet, sampleEvenly } from './feed.js';
import { hashtagDetailFrom, type TagHistoryEntry } from './hashtag-history.js';
import { RecentProfiles } from './recent-profiles.js';
import { topAuthorsOfTag } from './tag-authors.js';

export interface AnalyticsJobOptions {
  context: StreamingContext;
  /** The tweets to analyse; or, on a cluster's web node, `partials`. */
  tweets?: DStream<Tweet>;
  /**
   * Per-batch partial aggregates analysed elsewhere (a cluster's workers, merged over partitions):
   * they enter the same windows as the tweets' own vectors would, so the windows are equal.
   */
  partials?: DStream<BatchPartial>;
  profiles: ProfileStore;
  window: WindowSpec;
  topHashtags?: number;
  topHashtagSentiment?: number;
  topAuthors?: number;
  /** Tweets per batch handed to the live feed. */
  feedPerBatch?: number;
  /** Window updates kept for new dashboards and the hashtag drill-down. */
  historyLength?: number;
  /**
   * Keys kept per roll-up bucket (the history tiers answering windows past an hour), per key type:
   * enough for the top lists the dashboard shows; the long tail is left out of long windows.
   */
  rollupKeys?: { tags: number; authors: number; tagAuthors: number };
  /** The sentiment scorer (SENTIMENT, `analyze --scorer`): the learned model when absent. */
  sentiment?: SentimentScorerName;
  /**
   * The author windows: top authors and, for the drill-down, each top hashtag's authors. Default
   * true. Offline analysis reports neither, and these two windows (a key per author and per
   * hashtag-author pair) were over a third of its CPU at a 5-minute window.
   */
  authorWindows?: boolean;
  /**
   * A spelling tracker the caller owns and keeps past this job (offline analysis keeps one over
   * every stretch of its input and shows its totals with it). The job feeds it as it feeds its
   * own, but forgets nothing in it: bounding it is the owner's part. Absent: the job's own.
   */
  spellings?: SpellingTracker;
}

export interface AnalyticsJobEvents {
  window: [WindowUpdate];
  tweets: [FeedTweet[]];
  /** Every analysed tweet of a batch (the offline analyser's totals read these). */
  batch: [readonly AnalysedTweet[], number];
  /** Tweets of a batch analysed without their profiles: the profile store was unavailable. */
  unjoined: [number];
}

/** The job's own state in a checkpoint (see snapshotState). */
interface JobState {
  spellings: SpellingSnapshot;
  history: TagHistoryEntry[];
  /** Oldest first; checkpoints written with lru-cache hold its dump ([id, { value }]). */
  knownProfiles: Array<[string, Profile | { value: Profile }]>;
  tagLastSeen: Map<string, number>;
  lastSpellingSweep: number;
}

/** Authors whose profiles are kept for naming top authors (least recently seen go first). */
const KNOWN_PROFILES = 50_000;

export class AnalyticsJob extends EventEmitter<AnalyticsJobEvents> {
  readonly spellings: SpellingTracker;
  /** Whether `spellings` is the job's own, which it bounds (see forgetOldSpellings). */
  private readonly ownsSpellings: boolean;
  private readonly history: TagHistoryEntry[] = [];
  /** Profiles of authors seen recently, to name top authors: those `storeNames` cannot name. */
  private readonly knownProfiles = new RecentProfiles(KNOWN_PROFILES);
  /**
   * The joining store's names, when it answers at once (a store in memory): a tweet's author is then
   * not noted again (about 1 s of the server's 30 CPU s on 1M generated tweets at `max`,
   * `--cpu-prof`). Null on the partials path, whose profiles come with the partials.
   */
  private storeNames: ((id: string) => Profile | undefined) | null = null;
  /**
   * The tag × author counts, for the drill-down: computed when a drill-down asks, not at every
   * slide. Nothing else reads them, and keeping them current at every slide was about a tenth of
   * the server's CPU replaying generated tweets at `max` (9.4-9.6 against 8.5-8.6 CPU s on 300k
   * tweets, 34.7 against 30.2 on 1M, run side by side). Null without author windows.
   */
  private tagAuthors: WindowReader<string, number> | null = null;
  private lastSpellingSweep = Number.NEGATIVE_INFINITY;
  private readonly options: Required<
    Omit<AnalyticsJobOptions, 'context' | 'tweets' | 'partials' | 'profiles' | 'window' | 'spellings'>
  >;

  constructor(private readonly job: AnalyticsJobOptions) {
    super();
    this.spellings = job.spellings ?? new SpellingTracker();
    this.ownsSpellings = job.spellings === undefined;
    this.options = {
      topHashtags: job.topHashtags ?? 50,
      topHashtagSentiment: job.topHashtagSentiment ?? 10,
      topAuthors: job.topAuthors ?? 10,
      feedPerBatch: job.feedPerBatch ?? 20,
      historyLength: job.historyLength ?? 120,
      rollupKeys: job.rollupKeys ?? { tags: 500, authors: 200, tagAuthors: 500 },
      sentiment: job.sentiment ?? 'model',
      authorWindows: job.authorWindows ?? true,
    };
    this.build();
  }

  /** Recent window updates, oldest first. */
  recentWindows(): WindowUpdate[] {
    return this.history.map((entry) => entry.update);
  }

  /**
   * The drill-down for one hashtag, by its count key (as window updates carry it). Its authors are
   * those of the latest slide's window, counted now from the window's history: the batches that
   * entered and left since the last drill-down, or a recount of the window.
   */
  hashtagDetail(key: string): HashtagDetail {
    const tagAuthors = this.tagAuthors?.read() ?? null;
    return hashtagDetailFrom(key, {
      history: this.history,
      authors: tagAuthors === null ? [] : topAuthorsOfTag(tagAuthors, key),
      profileOf: (id) => this.profileOf(id),
      display: (k) => this.spellings.display(k),
    });
  }

  private build(): void {
    const { tweets, partials, profiles, window } = this.job;
    if (partials !== undefined) return this.buildOnPartials(partials);
    if (tweets === undefined) throw new TypeError('AnalyticsJob needs tweets or partials');
    const { rollupKeys, sentiment } = this.options;
    this.storeNames = profiles.peek?.bind(profiles) ?? null;

    const analysed = tweets.transform((batch) =>
      analyseBatch(batch, profiles, (count) => this.emit('unjoined', count), sentiment),
    );
    // Nodes compute in creation order: this output, made before the windows, has counted the
    // batch's spellings and profiles by the time a slide that includes the batch is assembled.
    analysed.foreachBatch((batch, batchTime) => this.onAnalysedBatch(batch, batchTime));

    // Summed per batch in the job (see batchTotals): the same partials, without a vector per tweet.
    const totals = analysed.combineByKeyAndWindow(
      (batch) => (batch.length === 0 ? NO_KEYS : new Map([[TOTALS_KEY, batchTotals(batch)]])),
      vectorWindow,
      window,
    );
    const tags = analysed.combineByKeyAndWindow(
      batchTagVectors,
      { ...vectorWindow, rollupLimit: { ...byCount, maxKeys: rollupKeys.tags } },
      window,
    );
    if (!this.options.authorWindows) return this.slideOutputs(totals, tags);
    const authors = analysed.combineByKeyAndWindow(
      batchAuthorVectors,
      { ...vectorWindow, rollupLimit: { ...byReach, maxKeys: rollupKeys.authors } },
      window,
    );
    this.tagAuthors = analysed
      .combineByKeyAndWindow(batchTagAuthorCounts, tagAuthorWindow(rollupKeys.tagAuthors), window)
      .onDemand();
    this.slideOutputs(totals, tags, authors);
  }

  /**
   * The same windows fed with per-batch partials (one record per batch, or several to be summed):
   * each partial's keyed values enter the reduce the tweets' vectors would have entered.
   */
  private buildOnPartials(partials: DStream<BatchPartial>): void {
    const { window } = this.job;
    const { rollupKeys } = this.options;
    partials.foreachBatch((batch, batchTime) => this.onPartialBatch(batch, batchTime));
    const totals = partials
      .flatMap((p) => (p.tweets === 0 ? [] : [[TOTALS_KEY, p.totals] as [string, number[]]]))
      .reduceByKeyAndWindow(vectorWindow, window);
    const tags = partials
      .flatMap((p) => p.tags)
      .reduceByKeyAndWindow(
        { ...vectorWindow, rollupLimit: { ...byCount, maxKeys: rollupKeys.tags } },
        window,
      );
    const authors = partials
      .flatMap((p) => p.authors)
      .reduceByKeyAndWindow(
        { ...vectorWindow, rollupLimit: { ...byReach, maxKeys: rollupKeys.authors } },
        window,
      );
    this.tagAuthors = partials
      .flatMap((p) => p.tagAuthors)
      .reduceByKeyAndWindow(tagAuthorWindow(rollupKeys.tagAuthors), window)
      .onDemand();
    this.slideOutputs(totals, tags, authors);
  }

  /** The job's state in checkpoints, and one callback per slide with the windows (authors optional). */
  private slideOutputs(
    totals: KeyedWindowStream<string, number[]>,
    tags: KeyedWindowStream<string, number[]>,
    authors?: KeyedWindowStream<string, number[]>,
  ): void {
    const { context } = this.job;
    context.checkpointState('analytics-job', {
      snapshot: () => this.snapshotState(),
      restore: (data) => this.restoreState(data as JobState),
    });

    const slide = (
      totalsView: KeyedWindow<string, number[]>,
      tagsView: KeyedWindow<string, number[]>,
      authorsView?: KeyedWindow<string, number[]>,
    ) => {
      const topTags = tagsView.topK(this.options.topHashtags, byCount.order);
      const topAuthors = authorsView?.topK(this.options.topAuthors, byReach.order) ?? [];
      this.onSlide({
        window: {
          start: totalsView.start,
          end: totalsView.end,
          windowLengthMs: totalsView.windowLengthMs,
          slideMs: totalsView.slideMs,
        },
        totals: totalsView.get(TOTALS_KEY) ?? zeroTotals(),
        tags: topTags,
        authors: topAuthors,
      });
    };

    // One callback per slide with all the windows, so nothing is re-joined by window end.
    if (authors === undefined) {
      context.foreachSlide([totals, tags], ([totalsView, tagsView]) => slide(totalsView, tagsView));
      return;
    }
    context.foreachSlide([totals, tags, authors], (views) => slide(...views));
  }

  /**
   * What the job keeps besides the engine's windows, for checkpoints: without it a resumed run
   * would name hashtags and authors differently and lose its recent windows. Serialised at once
   * by the engine, so the live maps are not copied here.
   */
  private snapshotState(): JobState {
    return {
      spellings: this.spellings.toJSON(),
      history: this.history.map((entry) => ({ update: entry.update, tags: entry.tags })),
      knownProfiles: [...this.knownProfiles.entries()],
      // The tracker keeps when each key was last seen (with its spellings: one lookup a sighting).
      tagLastSeen: this.ownsSpellings ? this.spellings.lastSeen() : new Map(),
      lastSpellingSweep: this.lastSpellingSweep,
    };
  }

  private restoreState(state: JobState): void {
    for (const [, spellings] of state.spellings)
      for (const [spelling, count] of spellings) this.spellings.add(spelling, count);
    this.history.splice(0, this.history.length, ...state.history);
    for (const [, entry] of state.knownProfiles)
      this.knownProfiles.see('value' in entry ? entry.value : entry);
    for (const [key, seen] of state.tagLastSeen) this.spellings.stamp(key, seen);
    this.lastSpellingSweep = state.lastSpellingSweep;
  }

  /** As onAnalysedBatch, for a batch analysed elsewhere (its spellings and profiles come counted). */
  private onPartialBatch(batch: readonly BatchPartial[], batchTime: number): void {
    const feed: FeedTweet[] = [];
    let unjoined = 0;
    for (const partial of batch) {
      for (const [tag] of partial.spellings)
        this.spellings.add(tag, 1, undefined, this.ownsSpellings ? batchTime : undefined);
      for (const profile of partial.profiles) this.knownProfiles.see(profile);
      feed.push(...partial.feed);
      unjoined += partial.unjoined;
    }
    this.forgetOldSpellings(batchTime);
    if (unjoined > 0) this.emit('unjoined', unjoined);
    if (feed.length > 0) this.emit('tweets', sampleEvenly(feed, this.options.feedPerBatch));
  }

  private onAnalysedBatch(batch: readonly AnalysedTweet[], batchTime: number): void {
    const { spellings, ownsSpellings } = this;
    const { authorWindows } = this.options;
    const noteAll = this.storeNames === null;
    // A tracker the job does not own is bounded by its owner: its keys are not stamped here.
    const seenAt = ownsSpellings ? batchTime : undefined;
    for (const item of batch) {
      for (const { tag, key } of item.hashtags) spellings.add(tag, 1, key, seenAt);
      // Profiles are kept only to name top authors. With a store that names them, only the
      // profiles it lacked are kept: a tweet's own copy when the lookup found none (analyseBatch
      // tells). This compared the profile with item.tweet.author before, which also kept copies
      // the store held as that very object and read every tweet once more: this method and
      // analyseBatch took 0.37 s of self time on 1M generated tweets at `max` against 0.50
      // (`--cpu-prof`, two runs against one).
      const profile = item.profile;
      if (profile !== null && authorWindows && (noteAll || item.profileIsOwn))
        this.knownProfiles.see(profile);
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
   * retention and the window in use can be in no window, so its spellings are dropped (checked
   * once a minute; a later, longer window shows such a tag by its count key).
   */
  private forgetOldSpellings(batchTime: number): void {
    if (batchTime - this.lastSpellingSweep < 60_000) return;
    this.lastSpellingSweep = batchTime;
    const kept = Math.max(this.job.context.retentionMs(), this.job.window.windowLengthMs);
    if (this.ownsSpellings) this.spellings.forgetUnseenSince(batchTime - kept);
  }

  /** An author's profile for naming: as the store holds it now, else as the stream last showed it. */
  private profileOf(id: string): Profile | null {
    return this.storeNames?.(id) ?? this.knownProfiles.get(id) ?? null;
  }

  private onSlide(parts: WindowParts): void {
    const update = assembleWindowUpdate(parts, {
      batchIntervalMs: this.job.context.batchIntervalMs,
      spellings: this.spellings,
      profileOf: (id) => this.profileOf(id),
      topHashtagSentiment: this.options.topHashtagSentiment,
    });
    this.history.push({ update, tags: new Map(parts.tags) });
    if (this.history.length > this.options.historyLength) this.history.shift();
    this.emit('window', update);
  }
}

/** The windows' reduces: vectors summed slot by slot (totals, tags, authors), and counts (tag × author). */
// Both reduces add (element by element), which lets roll-ups sum packed partials (`sums`).
const vectorWindow = { reduce: addVectors, inverse: subtractVectors, isZero: isEmptyVector, sums: true };
const countWindow = {
  reduce: (a: number, b: number) => a + b,
  inverse: (a: number, b: number) => a - b,
  sums: true,
};
// The rankings of the slides' top lists and of the roll-up buckets (windows past an hour), which
// keep each key type's head, not a day of its long tail. One function each: a window's top-K
// tracker is kept per ranking function, so a new function per slide rescanned every key.
const byCount = { order: (a: number[], b: number[]) => b[S_COUNT]! - a[S_COUNT]! };
const byReach = { order: (a: number[], b: number[]) => b[A_REACH]! - a[A_REACH]! || b[0]! - a[0]! };
/**
 * The drill-down's tag × author counts: a long tail whose pairs are mostly new each batch, so the
 * history keeps each batch's pairs with it (keysMostlyNew) rather than numbering them.
 */
const tagAuthorWindow = (maxKeys: number) => ({
  ...countWindow,
  rollupLimit: { maxKeys, order: descending },
  keysMostlyNew: true,
});
/** An empty batch's totals: no key at all, as an empty batch of pairs gave. */
const NO_KEYS: ReadonlyMap<string, number[]> = new Map();
