// One stretch of the input on its own engine context: the analytics job on a manual clock, fed
// tweets in created_at order (arrival time = created_at), then advanced to its last window.
// The analyser starts a new one after a gap no window spans, so idle time costs no batches.
import {
  ManualClock,
  QueueSource,
  historyForWindow,
  type EngineWarning,
  type StreamingContext,
} from '@hashpulse/engine';
import {
  HISTORY,
  type SentimentScorerName,
  type SentimentSummary,
  type WindowConfig,
  type WindowUpdate,
} from '@hashpulse/protocol';
import type { SpellingTracker, Tweet } from '@hashpulse/tweets';
import type { AnalysedTweet } from '../job/analysed-tweet.js';
import { createJobEngine } from '../job/job-engine.js';
import type { ProfileStore } from '../profiles/index.js';
import { AnalysisIntegrityError } from './errors.js';
import { windowEnds } from './window-ends.js';

/** One window as the job emitted it, hashtags by key so the final spelling can be shown. */
export interface CollectedWindow {
  start: number;
  end: number;
  tweets: number;
  /** The window's top hashtags: [key, count], in the engine's top-K order. */
  tags: Array<[key: string, count: number]>;
  sentiment: SentimentSummary;
}

export interface SegmentRunOptions {
  window: WindowConfig;
  profiles: ProfileStore;
  /** The sentiment scorer; the learned model when absent. */
  sentiment?: SentimentScorerName;
  /** Fed every spelling of every tweet by each segment's job in turn: the report shows its spellings. */
  spellings: SpellingTracker;
  onBatch: (batch: readonly AnalysedTweet[]) => void;
  onWarning?: (warning: EngineWarning) => void;
}

/** Tweets pushed between waits for the engine, bounding what is queued (far below its 100,000 bound). */
const DRAIN_EVERY = 2_000;
/**
 * Time without tweets is crossed in steps of this many batches. One push far ahead would close
 * every batch in between at once and queue them all; small steps keep the queue (and memory)
 * short. Results are the same.
 */
const GAP_STEP_BATCHES = 500;

export class SegmentRun {
  private readonly clock = new ManualClock();
  private readonly context: StreamingContext;
  private readonly source = new QueueSource<Tweet>('analyze');
  private readonly collected: CollectedWindow[] = [];
  private readonly gapStep: number;
  private sinceDrain = 0;
  first: number | null = null;
  last: number | null = null;

  private constructor(private readonly options: SegmentRunOptions) {
    const { window } = options;
    this.gapStep = window.batchIntervalMs * GAP_STEP_BATCHES;
    const { context, job } = createJobEngine({
      source: this.source,
      clock: this.clock,
      window,
      profiles: options.profiles,
      // Offline nobody handles a source's `profiles` event: the authors the records carry fill
      // the store per batch, ahead of that batch's lookup.
      storeRecordAuthors: true,
      // The window never changes offline: keep only the history that answers it.
      history: historyForWindow(window.windowLengthMs, window.batchIntervalMs, HISTORY),
      // No live feed, drill-down history or authors offline: the report holds only each window's
      // tweets, hashtags and sentiment, and the totals read per-batch tweets.
      tuning: {
        feedPerBatch: 0,
        historyLength: 1,
        authorWindows: false,
        sentiment: options.sentiment ?? 'model',
        spellings: options.spellings,
      },
      // A failure reaches the caller through whenIdle/advanceTo; this listener keeps the engine
      // from also printing it.
      listener: { onError: () => {}, onWarning: (warning) => options.onWarning?.(warning) },
    });
    this.context = context;
    job.on('batch', (batch) => options.onBatch(batch));
    job.on('window', (update) => this.collected.push(collectWindow(update)));
  }

  static async start(options: SegmentRunOptions): Promise<SegmentRun> {
    const run = new SegmentRun(options);
    await run.context.start();
    return run;
  }

  /**
   * Pushes the next tweet; tweets must come in created_at order. A promise only when the caller
   * must wait (a gap to cross, the engine to drain): most pushes are synchronous, so a tweet costs
   * no promise and no await of its own (their saving was below this machine's noise end to end).
   */
  push(tweet: Tweet): Promise<void> | undefined {
    const time = tweet.createdAt;
    // advanceTo(t) closes only batches ending at or before t; the tweet's own batch ends after it.
    if (this.clock.isStarted() && this.clock.now() + this.gapStep < time) {
      return this.crossGapTo(time).then(() => this.pushNow(tweet));
    }
    return this.pushNow(tweet);
  }

  private pushNow(tweet: Tweet): Promise<void> | undefined {
    const time = tweet.createdAt;
    if (!this.source.push(tweet, time)) return this.refused(tweet);
    this.first ??= time;
    this.last = time;
    if (++this.sinceDrain < DRAIN_EVERY) return undefined;
    this.sinceDrain = 0;
    return this.context.whenIdle();
  }

  private async refused(tweet: Tweet): Promise<never> {
    await this.context.whenIdle(); // rejects with the engine's failure, if that is why
    throw new AnalysisIntegrityError(
      `the engine refused tweet ${tweet.id} (context ${this.context.state}); nothing is dropped on purpose offline: report this as a bug`,
    );
  }

  /**
   * Emits every window holding a pushed tweet, stops the context and returns the windows that meet
   * the segment's span, checked to be exactly the ones the window rule gives.
   */
  async finish(): Promise<CollectedWindow[]> {
    const { windowLengthMs: w, slideMs: s } = this.options.window;
    try {
      if (this.last !== null) await this.crossGapTo(windowEnds(this.last, this.last, w, s).last);
      await this.context.advanceToLastWindow();
      await this.context.stop({ graceful: true });
      await this.context.awaitTermination();
    } finally {
      await this.abort();
    }
    if (this.first === null || this.last === null) return [];
    const ends = windowEnds(this.first, this.last, w, s);
    const byEnd = new Map(this.collected.map((window) => [window.end, window]));
    const out: CollectedWindow[] = [];
    for (let end = ends.first; end <= ends.last; end += s) {
      const found = byEnd.get(end);
      if (found === undefined || found.start !== end - w) {
        throw new AnalysisIntegrityError(
          `the engine emitted no window [${new Date(end - w).toISOString()}, ${new Date(end).toISOString()}), ` +
            `though it meets the input's tweets (${new Date(this.first).toISOString()} to ${new Date(this.last).toISOString()}): report this as a bug`,
        );
      }
      out.push(found);
    }
    return out;
  }

  /** Stops the context without finishing (after a failure elsewhere). */
  async abort(): Promise<void> {
    if (this.context.state !== 'stopped') await this.context.stop();
  }

  private async crossGapTo(time: number): Promise<void> {
    if (!this.clock.isStarted()) return;
    for (let t = this.clock.now() + this.gapStep; t < time; t += this.gapStep) await this.clock.advanceTo(t);
  }
}

function collectWindow(update: WindowUpdate): CollectedWindow {
  return {
    start: update.start,
    end: update.end,
    tweets: update.tweets,
    // The update shows each tag in its spelling so far; keep its key to show the final spelling.
    tags: update.hashtags.map((h): [string, number] => [h.key, h.count]),
    sentiment: update.sentiment,
  };
}
