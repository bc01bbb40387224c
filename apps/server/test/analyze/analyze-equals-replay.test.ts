// `hashpulse analyze` gives the windows the server's replay of the same files gives the dashboard:
// every bundled X API recording together, problem lines, repeated tweets and week-long gaps and all.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { HashtagCount, SentimentSummary } from '@hashpulse/protocol';
import { hashtagKey } from '@hashpulse/tweets';
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyze-files.js';
import { MemoryProfileStore } from '../../src/profiles/index.js';
import { inputFilesFromPaths } from '../../src/sources/replay/index.js';
import { TEST_DATA } from '../support/paths.js';
import { runtimeWindows } from '../support/runtime-windows.js';

const FILES = readdirSync(path.join(TEST_DATA, 'x-api-v2'))
  .filter((name) => name.endsWith('.jsonl') && !['users.jsonl', 'tweets_compliance.jsonl'].includes(name))
  .map((name) => `x-api-v2/${name}`);

/** The top lists hold 50: a full one may cut ties at its last count differently on each side. */
const TOP = 50;

interface Comparable {
  tweets: number;
  /** Count per hashtag key (the two sides may show a tag in different spellings), above any cut. */
  tags: Record<string, number>;
  /** The last count of a full top list, else null. */
  cut: number | null;
  sentiment: Omit<SentimentSummary, 'mean'>;
  mean: number | null;
}

function comparable(
  tweets: number,
  hashtags: ReadonlyArray<Pick<HashtagCount, 'tag' | 'count'>>,
  sentiment: SentimentSummary,
): Comparable {
  const cut = hashtags.length === TOP ? Math.min(...hashtags.map((h) => h.count)) : null;
  const { mean, ...counts } = sentiment;
  return {
    tweets,
    tags: Object.fromEntries(
      hashtags.filter((h) => cut === null || h.count > cut).map((h) => [hashtagKey(h.tag), h.count]),
    ),
    cut,
    sentiment: counts,
    mean,
  };
}

describe('analyze and the replay', () => {
  it('give the same windows over every bundled recording, each tweet counted once', async () => {
    // The files span almost three years: windows of an hour every half hour keep `analyze`'s
    // empty windows between them under its limit.
    const window = { batchIntervalMs: 1000, windowLengthMs: 3_600_000, slideMs: 1_800_000 };
    const replayed = await runtimeWindows({
      DATA_DIR: TEST_DATA,
      DEMO_FILES: FILES.join(','),
      BATCH_INTERVAL: '1s',
      WINDOW_LENGTH: '1h',
      SLIDE: '30m',
      DECODE_THREADS: '0',
    });
    const profiles = new MemoryProfileStore();
    const { report } = await analyzeFiles({
      files: await inputFilesFromPaths(FILES.map((file) => path.join(TEST_DATA, file))),
      window,
      profiles,
    }).finally(() => profiles.close());

    const fromReplay = new Map(
      replayed
        .filter((w) => w.tweets > 0)
        .map((w) => [w.end, comparable(w.tweets, w.hashtags, w.sentiment)] as const),
    );
    const fromAnalyze = new Map(
      report.windows
        .filter((w) => w.tweets > 0)
        .map((w) => [Date.parse(w.end), comparable(w.tweets, w.hashtags, w.sentiment)] as const),
    );
    // flat.jsonl and noflat.jsonl hold the same 100 tweets: counted once on both sides.
    expect(report.duplicates).toBeGreaterThanOrEqual(100);
    expect(fromAnalyze.size).toBeGreaterThan(20);
    expect([...fromAnalyze.keys()]).toEqual([...fromReplay.keys()]);
    for (const [end, expected] of fromReplay) {
      const got = fromAnalyze.get(end)!;
      const where = `window ending ${new Date(end).toISOString()}`;
      expect({ ...got, mean: null }, where).toEqual({ ...expected, mean: null });
      if (expected.mean === null) expect(got.mean, where).toBeNull();
      else expect(got.mean, where).toBeCloseTo(expected.mean, 9);
    }
  }, 120_000);
});
