// Protocol-valid sample payloads for the dashboard's tests (and for previewing it without a server).
import type {
  BatchMetrics,
  FeedTweet,
  PublicConfig,
  Snapshot,
  SourceStatus,
  WindowConfig,
  WindowUpdate,
} from '@hashpulse/protocol';

export const WINDOW: WindowConfig = { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 };

export function publicConfig(overrides: Partial<PublicConfig> = {}): PublicConfig {
  return {
    window: WINDOW,
    adminRequired: false,
    liveAvailable: false,
    profileStore: 'file',
    sentiment: 'model',
    version: '0.1.0',
    ...overrides,
  };
}

/**
 * A window update with the given top hashtags: [tag, count] (the key is the tag itself, as for
 * lower-case ASCII) or [tag, count, key] where the server's key differs from the spelling.
 */
export function windowUpdate(
  end: number,
  hashtags: Array<[tag: string, count: number, key?: string]>,
  config = WINDOW,
): WindowUpdate {
  const tweets = hashtags.reduce((sum, [, count]) => sum + count, 0);
  return {
    start: end - config.windowLengthMs,
    end,
    config,
    tweets,
    rate: tweets / (config.windowLengthMs / 1000),
    hashtags: hashtags.map(([tag, count, key = tag]) => ({ tag, key, count })),
    sentiment: { positive: 3, neutral: 2, negative: 1, unscored: 0, mean: 0.2 },
    hashtagSentiment: hashtags.map(([tag, count, key = tag]) => ({
      tag,
      key,
      count,
      positive: count,
      neutral: 0,
      negative: 0,
      unscored: 0,
      mean: 0.5,
    })),
    profiles: {
      verified: { verified: 1, unverified: 4, unknown: 1 },
      followerTiers: [
        { tier: '<1k', count: 3 },
        { tier: '1k-10k', count: 2 },
      ],
      topAuthors: [
        {
          id: '1',
          username: 'alice',
          name: 'Alice',
          verified: true,
          followers: 5000,
          tweets: 2,
          reach: 10_000,
        },
      ],
    },
    join: { matched: 5, missing: 1 },
  };
}

export function batchMetrics(batchTime: number, records = 100): BatchMetrics {
  return {
    batchTime,
    records,
    schedulingDelayMs: 2,
    processingTimeMs: 40,
    totalDelayMs: 42,
    droppedRecords: 0,
  };
}

export function feedTweet(
  id: string,
  text = `tweet ${id} #demo`,
  hashtags: FeedTweet['hashtags'] = [{ tag: 'demo', key: 'demo' }],
): FeedTweet {
  return {
    id,
    createdAt: 1_700_000_000_000,
    text,
    lang: 'en',
    authorId: 'a1',
    authorUsername: 'alice',
    authorName: 'Alice',
    hashtags,
    sentiment: { score: 0.4, label: 'positive' },
  };
}

export function sourceStatus(overrides: Partial<SourceStatus> = {}): SourceStatus {
  return {
    kind: 'replay',
    state: 'running',
    message: null,
    replay: {
      files: ['demo/tweets.jsonl.gz'],
      speed: 10,
      loop: true,
      position: 250,
      total: 1000,
      fraction: 0.25,
      etaMs: 30_000,
      clockTime: 1_700_000_000_000,
      pass: 0,
      gapMs: 60_000,
      gaps: [],
      gapTimeMs: 0,
      duplicatesDropped: 0,
      problems: [],
      readErrors: [],
    },
    live: null,
    rejected: 0,
    skipped: 0,
    dropped: 0,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    config: publicConfig(),
    windows: [windowUpdate(1_700_000_005_000, [['demo', 4]]), windowUpdate(1_700_000_010_000, [['demo', 6]])],
    metrics: [batchMetrics(1_700_000_009_000), batchMetrics(1_700_000_010_000)],
    feed: [feedTweet('1'), feedTweet('2')],
    status: sourceStatus(),
    ...overrides,
  };
}
