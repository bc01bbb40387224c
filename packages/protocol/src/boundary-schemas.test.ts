// What each schema at a boundary accepts and refuses: a full valid payload parses to itself (no
// member silently dropped), each bound and enum holds, and defaults fill what a client may omit.
import { describe, expect, it } from 'vitest';
import {
  ApiErrorSchema,
  BatchMetricsSchema,
  DataFileSchema,
  DurationSchema,
  EnvSchema,
  FOLLOWER_TIERS,
  FeedTweetSchema,
  HashtagDetailSchema,
  HealthSchema,
  LiveStartRequestSchema,
  PublicConfigSchema,
  ReplaySpeedSchema,
  ReplayStartRequestSchema,
  RuleAddRequestSchema,
  SOCKET_EVENTS,
  SentimentSchema,
  SentimentSummarySchema,
  SnapshotSchema,
  SourceStatusSchema,
  StreamRuleSchema,
  WindowUpdateSchema,
  formatDuration,
  parseDuration,
} from './index.js';

const summary = { positive: 3, neutral: 2, negative: 1, unscored: 4, mean: 0.25 };
const window = { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 };
const author = { id: '1', username: 'u', name: 'U', verified: true, followers: 10, tweets: 2, reach: 20 };
const update = {
  start: 0,
  end: 60_000,
  config: window,
  tweets: 12,
  rate: 0.2,
  hashtags: [{ tag: 'Brexit', key: 'brexit', count: 3 }],
  sentiment: summary,
  hashtagSentiment: [{ tag: 'Brexit', key: 'brexit', count: 3, ...summary }],
  profiles: {
    verified: { verified: 1, unverified: 2, unknown: 3 },
    followerTiers: FOLLOWER_TIERS.map((tier) => ({ tier, count: 1 })),
    topAuthors: [author],
  },
  join: { matched: 5, missing: 1 },
};
const feedTweet = {
  id: '9',
  createdAt: 5,
  text: 't',
  lang: null,
  authorId: null,
  authorUsername: null,
  authorName: null,
  hashtags: [{ tag: 'A', key: 'a' }],
  sentiment: { score: -0.5, label: 'negative' },
};
const metrics = {
  batchTime: 1000,
  records: 4,
  schedulingDelayMs: 1,
  processingTimeMs: 2,
  totalDelayMs: 3,
  droppedRecords: 0,
};
const status = {
  kind: 'replay',
  state: 'running',
  message: null,
  replay: {
    files: ['a.jsonl'],
    speed: 'max',
    loop: true,
    position: 3,
    total: null,
    fraction: 0.25,
    etaMs: null,
    clockTime: 7,
    pass: 1,
    gapMs: 60_000,
    gaps: [],
    gapTimeMs: 0,
    duplicatesDropped: 0,
    problems: [],
    readErrors: [],
  },
  live: {
    stream: 'sample',
    reconnectAttempt: 0,
    nextRetryAt: null,
    rateLimitResetAt: 5,
    duplicatesDropped: 2,
  },
  rejected: 1,
  skipped: 2,
  dropped: 3,
  updatedAt: 4,
};
const config = {
  window,
  adminRequired: false,
  liveAvailable: true,
  profileStore: 'postgres',
  sentiment: 'model',
  version: '1.0.0',
};

describe('payloads parse to themselves', () => {
  it.each([
    ['WindowUpdate', WindowUpdateSchema, update],
    ['FeedTweet', FeedTweetSchema, feedTweet],
    ['BatchMetrics', BatchMetricsSchema, metrics],
    ['SourceStatus', SourceStatusSchema, status],
    [
      'SourceStatus without replay or live',
      SourceStatusSchema,
      { ...status, kind: 'none', replay: null, live: null },
    ],
    ['PublicConfig', PublicConfigSchema, config],
    [
      'Snapshot',
      SnapshotSchema,
      { config, windows: [update], metrics: [metrics], feed: [feedTweet], status },
    ],
    [
      'HashtagDetail',
      HashtagDetailSchema,
      {
        tag: 'A',
        key: 'a',
        points: [{ end: 1, count: 2, rate: 0.5, sentiment: summary }],
        topAuthors: [author],
      },
    ],
    [
      'DataFile',
      DataFileSchema,
      {
        name: 'a.jsonl',
        kind: 'profiles',
        bytes: 0,
        modifiedAt: 1,
        records: 2,
        summary: 'holds 2 user profiles',
      },
    ],
    ['StreamRule', StreamRuleSchema, { id: '1', value: '#a', tag: null }],
    ['Health', HealthSchema, { status: 'ok', uptimeSeconds: 1, version: 'x' }],
    ['ApiError', ApiErrorSchema, { error: 'E', code: 'HP_ERR_SERVER_E', message: 'm', details: ['d'] }],
  ])('%s', (_name, schema, payload) => {
    expect((schema as { parse(value: unknown): unknown }).parse(payload)).toEqual(payload);
  });

  it('every socket event names the schema of its payload', () => {
    expect(SOCKET_EVENTS.window.parse(update)).toEqual(update);
    expect(SOCKET_EVENTS.metrics.parse(metrics)).toEqual(metrics);
    expect(SOCKET_EVENTS.tweets.parse([feedTweet])).toEqual([feedTweet]);
    expect(SOCKET_EVENTS.status.parse(status)).toEqual(status);
    expect(SOCKET_EVENTS.config.parse(config)).toEqual(config);
    expect(SOCKET_EVENTS.snapshot.safeParse(update).success).toBe(false);
  });
});

describe('bounds and enums', () => {
  it('sentiment scores stay in [-1, 1] with one of four labels', () => {
    for (const label of ['positive', 'neutral', 'negative', 'unscored']) {
      expect(SentimentSchema.safeParse({ score: 0, label }).success).toBe(true);
    }
    expect(SentimentSchema.safeParse({ score: 1, label: 'positive' }).success).toBe(true);
    expect(SentimentSchema.safeParse({ score: -1, label: 'negative' }).success).toBe(true);
    expect(SentimentSchema.safeParse({ score: 1.01, label: 'positive' }).success).toBe(false);
    expect(SentimentSchema.safeParse({ score: -1.01, label: 'negative' }).success).toBe(false);
    expect(SentimentSchema.safeParse({ score: 0, label: 'mixed' }).success).toBe(false);
  });

  it('summary counts are whole and non-negative, the mean in [-1, 1] or null', () => {
    expect(SentimentSummarySchema.safeParse({ ...summary, mean: null }).success).toBe(true);
    expect(SentimentSummarySchema.safeParse({ ...summary, mean: 1.5 }).success).toBe(false);
    expect(SentimentSummarySchema.safeParse({ ...summary, mean: -1.5 }).success).toBe(false);
    for (const key of ['positive', 'neutral', 'negative', 'unscored']) {
      expect(SentimentSummarySchema.safeParse({ ...summary, [key]: -1 }).success).toBe(false);
      expect(SentimentSummarySchema.safeParse({ ...summary, [key]: 0.5 }).success).toBe(false);
    }
  });

  it('window updates refuse negative or fractional counts and an invalid window', () => {
    expect(WindowUpdateSchema.safeParse({ ...update, tweets: -1 }).success).toBe(false);
    expect(WindowUpdateSchema.safeParse({ ...update, tweets: 1.5 }).success).toBe(false);
    expect(WindowUpdateSchema.safeParse({ ...update, rate: -0.1 }).success).toBe(false);
    expect(WindowUpdateSchema.safeParse({ ...update, hashtags: [{ tag: 'a', count: -1 }] }).success).toBe(
      false,
    );
    expect(WindowUpdateSchema.safeParse({ ...update, config: { ...window, slideMs: 1500 } }).success).toBe(
      false,
    );
    expect(
      WindowUpdateSchema.safeParse({
        ...update,
        profiles: { ...update.profiles, followerTiers: [{ tier: '2M', count: 1 }] },
      }).success,
    ).toBe(false);
    expect(FOLLOWER_TIERS).toEqual(['<1k', '1k-10k', '10k-100k', '100k-1M', '≥1M']);
  });

  it('batch metrics and status counters refuse negative values', () => {
    for (const key of [
      'records',
      'schedulingDelayMs',
      'processingTimeMs',
      'totalDelayMs',
      'droppedRecords',
    ]) {
      expect(BatchMetricsSchema.safeParse({ ...metrics, [key]: -1 }).success).toBe(false);
    }
    for (const key of ['rejected', 'skipped', 'dropped']) {
      expect(SourceStatusSchema.safeParse({ ...status, [key]: -1 }).success).toBe(false);
    }
    expect(SourceStatusSchema.safeParse({ ...status, state: 'sleeping' }).success).toBe(false);
    for (const state of ['idle', 'connecting', 'rate-limited', 'stalled', 'error']) {
      expect(SourceStatusSchema.safeParse({ ...status, state }).success).toBe(true);
    }
  });

  it('a replay speed is positive up to 100000, or "max"', () => {
    expect(ReplaySpeedSchema.parse('max')).toBe('max');
    expect(ReplaySpeedSchema.parse(100_000)).toBe(100_000);
    expect(ReplaySpeedSchema.parse(0.5)).toBe(0.5);
    expect(ReplaySpeedSchema.safeParse(100_001).success).toBe(false);
    expect(ReplaySpeedSchema.safeParse(0).success).toBe(false);
    expect(ReplaySpeedSchema.safeParse('fast').success).toBe(false);
  });
});

describe('every enum value a peer may send is accepted', () => {
  it('source kinds, states and live streams', () => {
    for (const kind of ['none', 'replay', 'live'])
      expect(SourceStatusSchema.safeParse({ ...status, kind }).success).toBe(true);
    const states = ['idle', 'starting', 'running', 'paused', 'connecting', 'connected', 'reconnecting'];
    states.push('rate-limited', 'stalled', 'ended', 'stopped', 'error');
    for (const state of states) expect(SourceStatusSchema.safeParse({ ...status, state }).success).toBe(true);
    for (const stream of ['filtered', 'sample']) {
      expect(SourceStatusSchema.safeParse({ ...status, live: { ...status.live, stream } }).success).toBe(
        true,
      );
    }
    expect(SourceStatusSchema.safeParse({ ...status, kind: 'file' }).success).toBe(false);
    expect(SourceStatusSchema.safeParse({ ...status, live: { ...status.live, stream: 'x' } }).success).toBe(
      false,
    );
  });

  it('data file kinds, profile stores and log levels', () => {
    const file = { name: 'a', bytes: 1, modifiedAt: 1, records: null, summary: 'holds tweets' };
    for (const kind of ['tweets', 'notices', 'profiles', 'empty', 'binary', 'unknown']) {
      expect(DataFileSchema.safeParse({ ...file, kind }).success).toBe(true);
    }
    expect(DataFileSchema.safeParse({ ...file, kind: 'other' }).success).toBe(false);
    expect(DataFileSchema.safeParse({ ...file, kind: 'tweets', records: -1 }).success).toBe(false);
    for (const profileStore of ['file', 'postgres', 'none']) {
      expect(PublicConfigSchema.safeParse({ ...config, profileStore }).success).toBe(true);
    }
    expect(PublicConfigSchema.safeParse({ ...config, profileStore: 'redis' }).success).toBe(false);
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) {
      expect(EnvSchema.parse({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    }
    for (const live of ['off', 'filtered', 'sample']) expect(EnvSchema.parse({ LIVE: live }).LIVE).toBe(live);
    for (const sentiment of ['model', 'lexicon'] as const) {
      expect(EnvSchema.parse({ SENTIMENT: sentiment }).SENTIMENT).toBe(sentiment);
      expect(PublicConfigSchema.safeParse({ ...config, sentiment }).success).toBe(true);
    }
    expect(EnvSchema.safeParse({ SENTIMENT: 'vader' }).success).toBe(false);
    expect(PublicConfigSchema.safeParse({ ...config, sentiment: 'vader' }).success).toBe(false);
    const { sentiment: _, ...withoutScorer } = config;
    expect(PublicConfigSchema.safeParse(withoutScorer).success).toBe(false);
    expect(HealthSchema.safeParse({ status: 'down', uptimeSeconds: 1, version: 'x' }).success).toBe(false);
  });
});

describe('request bodies', () => {
  it('a replay request fills speed 10 and no loop, and refuses unknown members', () => {
    expect(ReplayStartRequestSchema.parse({ files: ['a.jsonl'] })).toEqual({
      files: ['a.jsonl'],
      speed: 10,
      loop: false,
    });
    expect(ReplayStartRequestSchema.safeParse({ files: ['a.jsonl'], extra: 1 }).success).toBe(false);
  });

  it('a replay request names 1 to 64 files of 1 to 512 characters', () => {
    expect(ReplayStartRequestSchema.safeParse({ files: [] }).success).toBe(false);
    expect(ReplayStartRequestSchema.safeParse({ files: Array(64).fill('a') }).success).toBe(true);
    expect(ReplayStartRequestSchema.safeParse({ files: Array(65).fill('a') }).success).toBe(false);
    expect(ReplayStartRequestSchema.safeParse({ files: [''] }).success).toBe(false);
    expect(ReplayStartRequestSchema.safeParse({ files: ['a'.repeat(512)] }).success).toBe(true);
    expect(ReplayStartRequestSchema.safeParse({ files: ['a'.repeat(513)] }).success).toBe(false);
  });

  it('a live request defaults to the filtered stream and knows only filtered and sample', () => {
    expect(LiveStartRequestSchema.parse({})).toEqual({ stream: 'filtered' });
    expect(LiveStartRequestSchema.parse({ stream: 'sample' })).toEqual({ stream: 'sample' });
    expect(LiveStartRequestSchema.safeParse({ stream: 'firehose' }).success).toBe(false);
    expect(LiveStartRequestSchema.safeParse({ other: 1 }).success).toBe(false);
  });

  it('a rule is trimmed, 1 to 1024 characters, with an optional tag of at most 128', () => {
    expect(RuleAddRequestSchema.parse({ value: '  #a  ', tag: ' t ' })).toEqual({ value: '#a', tag: 't' });
    expect(RuleAddRequestSchema.parse({ value: '#a' })).toEqual({ value: '#a' });
    expect(RuleAddRequestSchema.safeParse({ value: '   ' }).success).toBe(false);
    expect(RuleAddRequestSchema.safeParse({ value: 'a'.repeat(1024) }).success).toBe(true);
    expect(RuleAddRequestSchema.safeParse({ value: 'a'.repeat(1025) }).success).toBe(false);
    expect(RuleAddRequestSchema.safeParse({ value: 'a', tag: 't'.repeat(128) }).success).toBe(true);
    expect(RuleAddRequestSchema.safeParse({ value: 'a', tag: 't'.repeat(129) }).success).toBe(false);
    expect(RuleAddRequestSchema.safeParse({ value: 'a', id: '1' }).success).toBe(false);
  });
});

describe('durations', () => {
  it('reads surrounding spaces and decimals that make whole milliseconds', () => {
    expect(parseDuration(' 10s ')).toBe(10_000);
    expect(parseDuration('0.5s')).toBe(500);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('7d')).toBe(604_800_000);
  });

  it('refuses text around the number or unit, and fractions of a millisecond', () => {
    for (const text of ['x10s', '10sx', '10 s', '10.s', '.5s', 's', '']) {
      expect(() => parseDuration(text)).toThrow(
        `"${text}" is not a duration: write a positive number followed by ms, s, m, h or d (e.g. 500ms, 10s, 5m, 1h, 7d)`,
      );
    }
    expect(() => parseDuration('1.5ms')).toThrow('"1.5ms" must be a positive whole number of milliseconds');
    expect(() => parseDuration('0ms')).toThrow(/positive whole number/);
  });

  it('formats each unit only when it divides the duration', () => {
    expect(formatDuration(7 * 86_400_000)).toBe('7d');
    expect(formatDuration(36 * 3_600_000)).toBe('36h');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(5_400_000)).toBe('90m');
    expect(formatDuration(60_000)).toBe('1m');
    expect(formatDuration(61_000)).toBe('61s');
    expect(formatDuration(1000)).toBe('1s');
    expect(formatDuration(1500)).toBe('1500ms');
    expect(formatDuration(0)).toBe('0ms');
    expect(formatDuration(-60_000)).toBe('-60000ms');
  });

  it('a duration field takes whole positive milliseconds or text, and says what is wrong', () => {
    expect(DurationSchema.parse(250)).toBe(250);
    expect(DurationSchema.parse('1m')).toBe(60_000);
    expect(DurationSchema.safeParse(0).success).toBe(false);
    expect(DurationSchema.safeParse(1.5).success).toBe(false);
    const bad = DurationSchema.safeParse('soon');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.message)).toEqual([
      '"soon" is not a duration: write a positive number followed by ms, s, m, h or d (e.g. 500ms, 10s, 5m, 1h, 7d)',
    ]);
  });
});

describe('environment', () => {
  it('fills every default from an empty environment', () => {
    expect(EnvSchema.parse({})).toEqual({
      PORT: 3000,
      HOST: '127.0.0.1',
      ADMIN_TOKEN: undefined,
      X_BEARER_TOKEN: undefined,
      X_API_BASE_URL: 'https://api.x.com/2/',
      LIVE: 'off',
      RECORD_DIR: undefined,
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      ROLE: 'all',
      CLUSTER_PARTITIONS: 4,
      CLUSTER_PREFIX: 'hashpulse',
      CLUSTER_STREAM_MAXLEN: 1_000_000,
      CLUSTER_LEASE: 10_000,
      CLUSTER_MERGE_WAIT: 30_000,
      DATA_DIR: 'data',
      DECODE_THREADS: 0,
      DEMO_FILES: 'demo/tweets.jsonl.gz',
      DEMO_LOOP: 'true',
      PROFILES_FILE: 'data/demo/users.jsonl',
      REPLAY_SPEED: 10,
      REPLAY_GAP: 60_000,
      BATCH_INTERVAL: 1000,
      WINDOW_LENGTH: 60_000,
      SLIDE: 5000,
      SENTIMENT: 'model',
      LOG_LEVEL: 'info',
      STATE_DIR: '.hashpulse/state',
      CHECKPOINT_INTERVAL: 10_000,
    });
  });

  it('reads text settings trimmed, a blank one as unset, and numbers and durations from text', () => {
    const env = EnvSchema.parse({
      ADMIN_TOKEN: '  secret  ',
      X_BEARER_TOKEN: '   ',
      PORT: '8080',
      REPLAY_SPEED: '2.5',
      BATCH_INTERVAL: '500ms',
      LIVE: 'sample',
      LOG_LEVEL: 'silent',
    });
    expect(env).toMatchObject({
      ADMIN_TOKEN: 'secret',
      X_BEARER_TOKEN: undefined,
      PORT: 8080,
      REPLAY_SPEED: 2.5,
      BATCH_INTERVAL: 500,
      LIVE: 'sample',
      LOG_LEVEL: 'silent',
    });
    expect(EnvSchema.parse({ REPLAY_SPEED: 'max' }).REPLAY_SPEED).toBe('max');
  });

  it('refuses a port outside 0..65535, a non-URL API base, and unknown modes', () => {
    expect(EnvSchema.safeParse({ PORT: '65536' }).success).toBe(false);
    expect(EnvSchema.safeParse({ PORT: '-1' }).success).toBe(false);
    expect(EnvSchema.safeParse({ PORT: '80.5' }).success).toBe(false);
    expect(EnvSchema.parse({ PORT: '0' }).PORT).toBe(0);
    expect(EnvSchema.parse({ PORT: '65535' }).PORT).toBe(65_535);
    expect(EnvSchema.safeParse({ X_API_BASE_URL: 'not a url' }).success).toBe(false);
    expect(EnvSchema.safeParse({ LIVE: 'on' }).success).toBe(false);
    expect(EnvSchema.safeParse({ LOG_LEVEL: 'verbose' }).success).toBe(false);
    expect(EnvSchema.safeParse({ REPLAY_SPEED: '0' }).success).toBe(false);
  });

  it('reads the replay gap as a duration from 1s to 30 days, in the environment and a replay request', () => {
    expect(EnvSchema.parse({ REPLAY_GAP: '10m' }).REPLAY_GAP).toBe(600_000);
    expect(EnvSchema.safeParse({ REPLAY_GAP: '500ms' }).success).toBe(false);
    expect(EnvSchema.safeParse({ REPLAY_GAP: '721h' }).success).toBe(false);
    expect(EnvSchema.safeParse({ REPLAY_GAP: 'soon' }).success).toBe(false);
    expect(ReplayStartRequestSchema.parse({ files: ['a.jsonl'], gap: '2m' }).gap).toBe(120_000);
    expect(ReplayStartRequestSchema.parse({ files: ['a.jsonl'] }).gap).toBeUndefined();
    expect(ReplayStartRequestSchema.safeParse({ files: ['a.jsonl'], gap: 0 }).success).toBe(false);
  });
});
