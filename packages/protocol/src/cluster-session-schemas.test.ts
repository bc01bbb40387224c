// What the cluster's Redis messages, the saved session, status parts, replay requests and an
// offline run's window rules accept and refuse: every bound, enum and strict object a peer, a
// file or a person can get wrong, and the errors and messages that say so.
import { describe, expect, it } from 'vitest';
import {
  BatchPartialSchema,
  ClusterControlSchema,
  ClusterIngestStatusSchema,
  ClusterStatusSchema,
  ClusterTweetSchema,
  EnvSchema,
  HashtagCountSchema,
  IngestControlSchema,
  InvalidDurationError,
  ReplaySpeedRequestSchema,
  ReplayStartRequestSchema,
  ReplayProgressSchema,
  SAVED_SESSION_VERSION,
  SavedSessionSchema,
  ServicesStatusSchema,
  SourceStatusSchema,
  WINDOW_LIMITS,
  offlineHistory,
  offlineWindowViolations,
  parseDuration,
} from './index.js';

const window = { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 };
const profile = {
  id: '10',
  username: 'alice',
  name: 'Alice',
  verified: false,
  followers: 5,
  following: 6,
  tweetCount: 7,
  createdAt: 8,
  location: null,
};
const tweet = {
  id: '1',
  createdAt: 5,
  text: 'hi #a',
  lang: 'en',
  authorId: '10',
  hashtags: ['a'],
  mentions: [],
  isRetweet: false,
  isQuote: true,
  isReply: false,
  author: profile,
};
const partial = {
  tweets: 2,
  totals: [2, 0.5],
  tags: [['a', [1, 0.25]]],
  authors: [['10', [2, 10]]],
  tagAuthors: [['a\u000110', 1]],
  spellings: [['A', 0]],
  profiles: [profile],
  feed: [],
  unjoined: 0,
};
const session = {
  version: SAVED_SESSION_VERSION,
  id: 'abc-123',
  kind: 'replay',
  files: ['a.jsonl'],
  speed: 10,
  loop: false,
  gapMs: 60_000,
  window,
  startedAt: 1,
};
const progress = {
  files: ['a.jsonl'],
  speed: 2,
  loop: false,
  position: 0,
  total: 10,
  fraction: 0,
  etaMs: 0,
  clockTime: null,
  pass: 0,
  gapMs: 1000,
  gaps: [{ from: 1, to: 2 }],
  gapTimeMs: 0,
  duplicatesDropped: 0,
  problems: [{ file: null, line: 0, kind: 'rejected', message: 'bad' }],
  readErrors: [],
};
const health = { state: 'ok', message: null, since: null, nextRetryAt: null };
const cluster = {
  partitions: 4,
  workers: 0,
  merging: true,
  incompleteBatches: 0,
  droppedEntries: 0,
  lateRecords: 0,
  rejectedEntries: 0,
};

const accepts = (schema: { safeParse(value: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe('cluster messages', () => {
  it('a stream tweet and a batch partial parse to themselves', () => {
    expect(ClusterTweetSchema.parse(tweet)).toEqual(tweet);
    expect(ClusterTweetSchema.parse({ ...tweet, author: null })).toEqual({ ...tweet, author: null });
    expect(BatchPartialSchema.parse(partial)).toEqual(partial);
  });

  it('a batch partial refuses negative or fractional tweet counts and malformed pairs', () => {
    for (const key of ['tweets', 'unjoined']) {
      expect(accepts(BatchPartialSchema, { ...partial, [key]: -1 })).toBe(false);
      expect(accepts(BatchPartialSchema, { ...partial, [key]: 1.5 })).toBe(false);
    }
    expect(accepts(BatchPartialSchema, { ...partial, tags: [['a', 1]] })).toBe(false);
    expect(accepts(BatchPartialSchema, { ...partial, authors: [['10']] })).toBe(false);
    expect(accepts(BatchPartialSchema, { ...partial, tagAuthors: [['a', 'b']] })).toBe(false);
    expect(accepts(BatchPartialSchema, { ...partial, spellings: [[0, 'A']] })).toBe(false);
    expect(accepts(BatchPartialSchema, { ...partial, totals: ['2'] })).toBe(false);
  });

  it('a control sets a valid window, and an ingest control is pause, resume or a valid speed', () => {
    expect(ClusterControlSchema.parse({ kind: 'window', window })).toEqual({ kind: 'window', window });
    expect(accepts(ClusterControlSchema, { kind: 'window', window: { ...window, slideMs: 1500 } })).toBe(
      false,
    );
    expect(accepts(ClusterControlSchema, { kind: 'pause' })).toBe(false);
    expect(IngestControlSchema.parse({ kind: 'pause' })).toEqual({ kind: 'pause' });
    expect(IngestControlSchema.parse({ kind: 'resume' })).toEqual({ kind: 'resume' });
    expect(IngestControlSchema.parse({ kind: 'speed', speed: 'max' })).toEqual({
      kind: 'speed',
      speed: 'max',
    });
    expect(accepts(IngestControlSchema, { kind: 'speed', speed: 0 })).toBe(false);
    expect(accepts(IngestControlSchema, { kind: 'speed' })).toBe(false);
    // Start, restart and stop carry the id their answer names; start a replay as REST takes it.
    expect(accepts(IngestControlSchema, { kind: 'stop' })).toBe(false);
    expect(IngestControlSchema.parse({ kind: 'stop', id: 'a' })).toEqual({ kind: 'stop', id: 'a' });
    expect(IngestControlSchema.parse({ kind: 'restart', id: 'a' })).toEqual({ kind: 'restart', id: 'a' });
    expect(IngestControlSchema.parse({ kind: 'start', id: 'a', replay: { files: ['x.jsonl'] } })).toEqual({
      kind: 'start',
      id: 'a',
      replay: { files: ['x.jsonl'], speed: 10, loop: false },
    });
    expect(accepts(IngestControlSchema, { kind: 'start', id: 'a', replay: { files: [] } })).toBe(false);
    expect(accepts(IngestControlSchema, { kind: 'start', replay: { files: ['x.jsonl'] } })).toBe(false);
    expect(accepts(IngestControlSchema, { kind: 'stop', id: '' })).toBe(false);
  });

  it('the cluster settings: 1 to 1024 partitions, a key prefix of safe characters, a stream bound of at least 100', () => {
    expect(EnvSchema.parse({ CLUSTER_PARTITIONS: '1' }).CLUSTER_PARTITIONS).toBe(1);
    expect(EnvSchema.parse({ CLUSTER_PARTITIONS: '1024' }).CLUSTER_PARTITIONS).toBe(1024);
    expect(accepts(EnvSchema, { CLUSTER_PARTITIONS: '0' })).toBe(false);
    expect(accepts(EnvSchema, { CLUSTER_PARTITIONS: '1025' })).toBe(false);
    expect(accepts(EnvSchema, { CLUSTER_PARTITIONS: '2.5' })).toBe(false);
    expect(EnvSchema.parse({ CLUSTER_PREFIX: ' test_1.a:b-c ' }).CLUSTER_PREFIX).toBe('test_1.a:b-c');
    expect(EnvSchema.parse({ CLUSTER_PREFIX: 'p'.repeat(64) }).CLUSTER_PREFIX).toBe('p'.repeat(64));
    for (const prefix of ['', 'p'.repeat(65), 'a b', 'a/b', 'x{y}']) {
      const result = EnvSchema.safeParse({ CLUSTER_PREFIX: prefix });
      expect(result.success, prefix).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('letters, digits and _ . : - only, at most 64');
    }
    expect(EnvSchema.parse({ CLUSTER_STREAM_MAXLEN: '100' }).CLUSTER_STREAM_MAXLEN).toBe(100);
    expect(accepts(EnvSchema, { CLUSTER_STREAM_MAXLEN: '99' })).toBe(false);
    expect(EnvSchema.parse({ CLUSTER_LEASE: '3s', CLUSTER_MERGE_WAIT: '1m' })).toMatchObject({
      CLUSTER_LEASE: 3000,
      CLUSTER_MERGE_WAIT: 60_000,
    });
  });

  it('a role is all, ingest, worker or web; demo looping is true or false', () => {
    for (const role of ['all', 'ingest', 'worker', 'web'])
      expect(EnvSchema.parse({ ROLE: role }).ROLE).toBe(role);
    expect(accepts(EnvSchema, { ROLE: 'merger' })).toBe(false);
    expect(EnvSchema.parse({ DEMO_LOOP: 'false' }).DEMO_LOOP).toBe('false');
    expect(accepts(EnvSchema, { DEMO_LOOP: 'no' })).toBe(false);
  });

  it('the state directory is trimmed and never blank', () => {
    expect(EnvSchema.parse({ STATE_DIR: ' /var/state ' }).STATE_DIR).toBe('/var/state');
    expect(accepts(EnvSchema, { STATE_DIR: '   ' })).toBe(false);
    expect(EnvSchema.parse({ CHECKPOINT_INTERVAL: '30s' }).CHECKPOINT_INTERVAL).toBe(30_000);
  });
});

describe('the saved session', () => {
  it('parses to itself, with or without a gap', () => {
    expect(SavedSessionSchema.parse(session)).toEqual(session);
    const { gapMs: _, ...withoutGap } = session;
    expect(SavedSessionSchema.parse(withoutGap)).toEqual(withoutGap);
    expect(SAVED_SESSION_VERSION).toBe(1);
  });

  it('refuses another version or kind, unknown members, and an id that cannot name a directory', () => {
    expect(accepts(SavedSessionSchema, { ...session, version: 2 })).toBe(false);
    expect(accepts(SavedSessionSchema, { ...session, kind: 'live' })).toBe(false);
    expect(accepts(SavedSessionSchema, { ...session, extra: 1 })).toBe(false);
    expect(accepts(SavedSessionSchema, { ...session, id: 'a'.repeat(64) })).toBe(true);
    for (const id of ['', 'a'.repeat(65), 'ABC', '../x', 'a b', 'x\ny']) {
      expect(accepts(SavedSessionSchema, { ...session, id }), JSON.stringify(id)).toBe(false);
    }
  });

  it('names 1 to 64 files of 1 to 512 characters', () => {
    expect(accepts(SavedSessionSchema, { ...session, files: [] })).toBe(false);
    expect(accepts(SavedSessionSchema, { ...session, files: Array(64).fill('a') })).toBe(true);
    expect(accepts(SavedSessionSchema, { ...session, files: Array(65).fill('a') })).toBe(false);
    expect(accepts(SavedSessionSchema, { ...session, files: [''] })).toBe(false);
    expect(accepts(SavedSessionSchema, { ...session, files: ['a'.repeat(512)] })).toBe(true);
    expect(accepts(SavedSessionSchema, { ...session, files: ['a'.repeat(513)] })).toBe(false);
  });

  it('keeps a whole gap of 1 s to 30 days, a valid speed and a valid window', () => {
    expect(accepts(SavedSessionSchema, { ...session, gapMs: 1000 })).toBe(true);
    expect(accepts(SavedSessionSchema, { ...session, gapMs: 30 * 86_400_000 })).toBe(true);
    expect(accepts(SavedSessionSchema, { ...session, gapMs: 999 })).toBe(false);
    expect(accepts(SavedSessionSchema, { ...session, gapMs: 30 * 86_400_000 + 1 })).toBe(false);
    expect(accepts(SavedSessionSchema, { ...session, gapMs: 1000.5 })).toBe(false);
    expect(accepts(SavedSessionSchema, { ...session, speed: 'max' })).toBe(true);
    expect(accepts(SavedSessionSchema, { ...session, speed: 0 })).toBe(false);
    expect(accepts(SavedSessionSchema, { ...session, window: { ...window, slideMs: 1500 } })).toBe(false);
  });
});

describe('status parts', () => {
  it('replay progress counts are whole and non-negative, the gap positive, problems of three kinds', () => {
    expect(ReplayProgressSchema.parse(progress)).toEqual(progress);
    for (const key of ['position', 'pass', 'duplicatesDropped']) {
      expect(accepts(ReplayProgressSchema, { ...progress, [key]: -1 }), key).toBe(false);
      expect(accepts(ReplayProgressSchema, { ...progress, [key]: 0.5 }), key).toBe(false);
    }
    expect(accepts(ReplayProgressSchema, { ...progress, total: -1 })).toBe(false);
    expect(accepts(ReplayProgressSchema, { ...progress, total: null })).toBe(true);
    // The share played is a fraction, or unknown.
    expect(accepts(ReplayProgressSchema, { ...progress, fraction: 1 })).toBe(true);
    expect(accepts(ReplayProgressSchema, { ...progress, fraction: null })).toBe(true);
    expect(accepts(ReplayProgressSchema, { ...progress, fraction: -0.1 })).toBe(false);
    expect(accepts(ReplayProgressSchema, { ...progress, fraction: 1.1 })).toBe(false);
    expect(accepts(ReplayProgressSchema, { ...progress, etaMs: -1 })).toBe(false);
    expect(accepts(ReplayProgressSchema, { ...progress, gapTimeMs: -1 })).toBe(false);
    expect(accepts(ReplayProgressSchema, { ...progress, gapMs: 0 })).toBe(false);
    expect(accepts(ReplayProgressSchema, { ...progress, gapMs: 1.5 })).toBe(false);
    expect(accepts(ReplayProgressSchema, { ...progress, speed: 0 })).toBe(false);
    for (const kind of ['rejected', 'notice', 'warning']) {
      const problems = [{ ...progress.problems[0], kind }];
      expect(accepts(ReplayProgressSchema, { ...progress, problems }), kind).toBe(true);
    }
    const problem = progress.problems[0]!;
    expect(accepts(ReplayProgressSchema, { ...progress, problems: [{ ...problem, kind: 'error' }] })).toBe(
      false,
    );
    expect(accepts(ReplayProgressSchema, { ...progress, problems: [{ ...problem, line: -1 }] })).toBe(false);
  });

  it('services are ok or unavailable, and the unjoined count is whole and non-negative', () => {
    const services = { profiles: health, redis: { ...health, state: 'unavailable', since: 5 }, unjoined: 3 };
    expect(ServicesStatusSchema.parse(services)).toEqual(services);
    expect(accepts(ServicesStatusSchema, { ...services, profiles: null, redis: null })).toBe(true);
    expect(accepts(ServicesStatusSchema, { ...services, profiles: { ...health, state: 'down' } })).toBe(
      false,
    );
    expect(accepts(ServicesStatusSchema, { ...services, unjoined: -1 })).toBe(false);
  });

  it('a cluster status has at least one partition and whole non-negative counters', () => {
    expect(ClusterStatusSchema.parse(cluster)).toEqual(cluster);
    expect(accepts(ClusterStatusSchema, { ...cluster, partitions: 0 })).toBe(false);
    for (const key of ['workers', 'incompleteBatches', 'droppedEntries', 'lateRecords', 'rejectedEntries']) {
      expect(accepts(ClusterStatusSchema, { ...cluster, [key]: -1 }), key).toBe(false);
      expect(accepts(ClusterStatusSchema, { ...cluster, [key]: 0.5 }), key).toBe(false);
    }
  });

  it('a source status may carry services, the resumed checkpoint and the cluster; live counters are whole', () => {
    const status = {
      kind: 'live',
      state: 'connected',
      message: null,
      replay: null,
      live: {
        stream: 'filtered',
        reconnectAttempt: 0,
        nextRetryAt: null,
        rateLimitResetAt: null,
        duplicatesDropped: 0,
      },
      rejected: 0,
      skipped: 0,
      dropped: 0,
      services: { profiles: null, redis: null, unjoined: 0 },
      resumedFrom: 1000,
      cluster,
      updatedAt: 1,
    };
    expect(SourceStatusSchema.parse(status)).toEqual(status);
    // As the ingest node keeps it in Redis: its run and its answer to the last source control.
    const answered = { ...status, run: 3, answer: { id: 'a', refused: { message: 'no', statusCode: 409 } } };
    expect(ClusterIngestStatusSchema.parse(answered)).toEqual(answered);
    expect(accepts(ClusterIngestStatusSchema, { ...answered, run: -1 })).toBe(false);
    expect(
      accepts(ClusterIngestStatusSchema, {
        ...answered,
        answer: { id: 'a', refused: { message: 'no', statusCode: 500 } },
      }),
    ).toBe(false);
    for (const key of ['reconnectAttempt', 'duplicatesDropped']) {
      expect(accepts(SourceStatusSchema, { ...status, live: { ...status.live, [key]: -1 } }), key).toBe(
        false,
      );
    }
    expect(accepts(SourceStatusSchema, { ...status, replay: progress })).toBe(true);
  });

  it('a hashtag count has a non-empty key', () => {
    expect(accepts(HashtagCountSchema, { tag: 'A', key: 'a', count: 1 })).toBe(true);
    expect(accepts(HashtagCountSchema, { tag: 'A', key: '', count: 1 })).toBe(false);
  });
});

describe("an offline run's window", () => {
  it('keeps per-batch partials for a window of at most 3600 batches, else the roll-up tier that answers it', () => {
    // Two hours of 2 s batches: 3600 of them, past the hour the live history keeps per batch.
    expect(offlineHistory({ batchIntervalMs: 2000, windowLengthMs: 7_200_000, slideMs: 60_000 })).toEqual({
      retentionMs: 7_200_000,
      rollups: [],
    });
    const longer = offlineHistory({ batchIntervalMs: 2000, windowLengthMs: 7_260_000, slideMs: 60_000 });
    expect(longer.rollups?.length).toBeGreaterThan(0);
    expect(longer.rollups?.[0]?.resolutionMs).toBe(60_000);
  });

  it('takes batches of at least 100 ms with no upper bound, windows of at most 30 days', () => {
    expect(
      offlineWindowViolations({ batchIntervalMs: 3_600_000, windowLengthMs: 86_400_000, slideMs: 3_600_000 }),
    ).toEqual([]);
    expect(offlineWindowViolations({ batchIntervalMs: 100, windowLengthMs: 1000, slideMs: 100 })).toEqual([]);
    expect(offlineWindowViolations({ batchIntervalMs: 99, windowLengthMs: 990, slideMs: 99 })).toEqual([
      'batch interval 99ms must be at least 100ms',
    ]);
    expect(offlineWindowViolations({ batchIntervalMs: 150.5, windowLengthMs: 1505, slideMs: 301 })).toEqual([
      'batch interval 150.5ms must be at least 100ms',
    ]);
    const month = WINDOW_LIMITS.maxWindowLengthMs;
    expect(
      offlineWindowViolations({ batchIntervalMs: 3_600_000, windowLengthMs: month, slideMs: 3_600_000 }),
    ).toEqual([]);
    expect(
      offlineWindowViolations({
        batchIntervalMs: 3_600_000,
        windowLengthMs: month + 3_600_000,
        slideMs: 3_600_000,
      }),
    ).toEqual(['window length 721h must be at most 30d']);
  });

  it("applies the engine's rules to what is left", () => {
    expect(offlineWindowViolations({ batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 1500 })).toEqual(
      ['slide 1500ms must be a multiple of the batch interval 1s'],
    );
  });
});

describe('replay requests and duration errors', () => {
  it('a speed change takes exactly a valid speed', () => {
    expect(ReplaySpeedRequestSchema.parse({ speed: 2 })).toEqual({ speed: 2 });
    expect(ReplaySpeedRequestSchema.parse({ speed: 'max' })).toEqual({ speed: 'max' });
    expect(accepts(ReplaySpeedRequestSchema, {})).toBe(false);
    expect(accepts(ReplaySpeedRequestSchema, { speed: 2, loop: true })).toBe(false);
  });

  it('a replay gap out of bounds is refused saying which bound', () => {
    const messages = (gap: string) =>
      ReplayStartRequestSchema.safeParse({ files: ['a.jsonl'], gap }).error?.issues.map((i) => i.message);
    expect(messages('500ms')).toEqual(['the replay gap must be at least 1s']);
    expect(messages('721h')).toEqual(['the replay gap must be at most 30 days (720h)']);
  });

  it('reads decimals of any length that make whole milliseconds', () => {
    expect(parseDuration('1.25s')).toBe(1250);
    expect(parseDuration('0.125s')).toBe(125);
  });

  it('a bad duration throws an InvalidDurationError with its stable code', () => {
    let caught: unknown;
    try {
      parseDuration('soon');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidDurationError);
    expect((caught as InvalidDurationError).name).toBe('InvalidDurationError');
    expect((caught as InvalidDurationError).code).toBe('HP_ERR_PROTOCOL_INVALID_DURATION');
  });
});
