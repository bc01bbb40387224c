// Test support: a brute-force recount of what `hashpulse analyze` reports, straight from the
// files' decoded tweets and their created_at, sharing nothing with the engine or the job.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  decodeLine,
  hashtagKey,
  hashtagKeys,
  scoreSentiment,
  type SentimentScorerName,
  type Tweet,
} from '@hashpulse/tweets';
import { expect } from 'vitest';
import type { AnalysisReport, WindowReport } from '../../src/analyze/report-schema.js';

/** Every tweet the files hold (a line of a page gives several), in file order. */
export function decodeRecordings(paths: readonly string[]): Tweet[] {
  const tweets: Tweet[] = [];
  for (const file of paths) {
    const raw = readFileSync(file);
    const text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
    for (const [i, line] of text.split('\n').entries()) {
      if (line.trim() === '') continue;
      const decoded = decodeLine(line, i + 1);
      if (decoded.kind === 'tweets') tweets.push(...decoded.tweets);
    }
  }
  return tweets;
}

/**
 * The tweets a replay (and `analyze`) plays of these: in created_at order (files in the order
 * given when times tie), a tweet whose id came before dropped. Test inputs hold far fewer tweets
 * than the duplicate filter remembers, so every repeat is dropped.
 */
export function asPlayed(tweets: readonly Tweet[]): Tweet[] {
  const seen = new Set<string>();
  return [...tweets]
    .sort((a, b) => a.createdAt - b.createdAt)
    .filter((tweet) => !seen.has(tweet.id) && seen.add(tweet.id));
}

/** Window ends by enumeration: every multiple of S whose window [t − W, t) meets [first, last]. */
export function bruteForceEnds(first: number, last: number, w: number, s: number): number[] {
  const ends: number[] = [];
  for (let t = Math.floor((first - w) / s) * s - s; t <= last + w + s; t += s) {
    if (t > first && t - w <= last) ends.push(t);
  }
  return ends;
}

export interface Recount {
  tweets: number;
  tags: Map<string, number>;
  positive: number;
  neutral: number;
  negative: number;
  unscored: number;
  mean: number | null;
}

export function recount(tweets: readonly Tweet[], scorer: SentimentScorerName = 'model'): Recount {
  const out: Recount = {
    tweets: 0,
    tags: new Map(),
    positive: 0,
    neutral: 0,
    negative: 0,
    unscored: 0,
    mean: null,
  };
  let sum = 0;
  for (const tweet of tweets) {
    out.tweets++;
    for (const key of hashtagKeys(tweet.hashtags)) out.tags.set(key, (out.tags.get(key) ?? 0) + 1);
    const sentiment = scoreSentiment(tweet.text, tweet.lang, scorer);
    out[sentiment.label]++;
    if (sentiment.label !== 'unscored') sum += sentiment.score;
  }
  const scored = out.tweets - out.unscored;
  out.mean = scored > 0 ? sum / scored : null;
  return out;
}

/** The k largest counts, ties by key (the engine's documented top-K order). */
export function topByCount(tags: ReadonlyMap<string, number>, k: number): Map<string, number> {
  const sorted = [...tags].sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0));
  return new Map(sorted.slice(0, k));
}

function byKey(hashtags: WindowReport['hashtags']): Map<string, number> {
  const out = new Map<string, number>();
  for (const { tag, count } of hashtags) {
    const key = hashtagKey(tag);
    expect(out.has(key), `hashtag ${tag} listed twice`).toBe(false);
    out.set(key, count);
  }
  return out;
}

function expectSorted(hashtags: WindowReport['hashtags']): void {
  for (let i = 1; i < hashtags.length; i++) {
    const [a, b] = [hashtags[i - 1]!, hashtags[i]!];
    expect(a.count > b.count || (a.count === b.count && a.tag <= b.tag), `${a.tag} before ${b.tag}`).toBe(
      true,
    );
  }
}

function expectSentiment(actual: WindowReport['sentiment'], expected: Recount, where: string): void {
  const { mean, ...counts } = actual;
  expect(counts, where).toEqual({
    positive: expected.positive,
    neutral: expected.neutral,
    negative: expected.negative,
    unscored: expected.unscored,
  });
  if (expected.mean === null) expect(mean, where).toBeNull();
  // Windowed score sums are kept incrementally, so the last bits may differ from a recount.
  else expect(mean, where).toBeCloseTo(Math.max(-1, Math.min(1, expected.mean)), 9);
}

/** The report's windows are exactly the brute-force windows, each equal to a recount. */
export function expectWindowsEqualRecount(
  report: AnalysisReport,
  all: readonly Tweet[],
  w: number,
  s: number,
): void {
  const tweets = asPlayed(all);
  if (tweets.length === 0) {
    expect(report.windows).toEqual([]);
    return;
  }
  const times = tweets.map((t) => t.createdAt);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const ends = bruteForceEnds(first, last, w, s);
  expect(report.windows.map((window) => Date.parse(window.end))).toEqual(ends);
  // Sorted by time once, so each window is a slice found by binary search.
  const sorted = [...tweets].sort((a, b) => a.createdAt - b.createdAt);
  const lowerBound = (time: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.createdAt < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const [i, window] of report.windows.entries()) {
    const end = ends[i]!;
    const where = `window ending ${window.end}`;
    expect(Date.parse(window.start), where).toBe(end - w);
    const expected = recount(sorted.slice(lowerBound(end - w), lowerBound(end)));
    expect(window.tweets, where).toBe(expected.tweets);
    expect(byKey(window.hashtags), where).toEqual(topByCount(expected.tags, 50));
    expectSorted(window.hashtags);
    expectSentiment(window.sentiment, expected, where);
  }
}

/** Totals: every hashtag with the number of tweets carrying it, and sentiment over all tweets. */
export function expectTotalsEqualRecount(
  report: AnalysisReport,
  tweets: readonly Tweet[],
  scorer: SentimentScorerName = 'model',
): void {
  const played = asPlayed(tweets);
  const expected = recount(played, scorer);
  expect(report.tweets).toBe(expected.tweets);
  expect(report.duplicates).toBe(tweets.length - played.length);
  expect(byKey(report.hashtags)).toEqual(expected.tags);
  expect(report.hashtags.length).toBe(expected.tags.size);
  expectSorted(report.hashtags);
  expectSentiment(report.sentiment, expected, 'totals');
  expect(report.join.matched + report.join.missing).toBe(expected.tweets);
}
