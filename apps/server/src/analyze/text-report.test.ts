import { describe, expect, it } from 'vitest';
import type { AnalysisReport, WindowReport } from './report-schema.js';
import { formatTextReport } from './text-report.js';

const empty = { positive: 0, neutral: 0, negative: 0, unscored: 0, mean: null };

function window(i: number): WindowReport {
  const end = Date.UTC(2024, 0, 1) + (i + 1) * 10_000;
  return {
    start: new Date(end - 60_000).toISOString(),
    end: new Date(end).toISOString(),
    tweets: i,
    hashtags: i > 0 ? [{ tag: 'Brexit', count: i }] : [],
    sentiment: i > 0 ? { ...empty, positive: i, mean: 0.5 } : empty,
  };
}

const report = (windows: WindowReport[]): AnalysisReport => ({
  tweets: 3,
  duplicates: 4,
  rejected: 1,
  skipped: 2,
  hashtags: [
    { tag: 'Brexit', count: 2 },
    { tag: 'İstanbul', count: 1 },
  ],
  sentiment: { positive: 2, neutral: 0, negative: 1, unscored: 0, mean: -0.25 },
  windows,
  join: { matched: 2, missing: 1 },
});

const options = {
  window: { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 10_000 },
  files: 2,
  first: Date.UTC(2024, 0, 1),
  last: Date.UTC(2024, 0, 1, 0, 0, 5),
};

describe('formatTextReport', () => {
  it('shows the totals, the top hashtags, the sentiment and the join', () => {
    const text = formatTextReport(report([window(0), window(1)]), options);
    expect(text).toContain('3 tweets from 2 files (2024-01-01 00:00:00 to 2024-01-01 00:00:05 UTC)');
    expect(text).toMatch(/repeated tweets +4 /);
    expect(text).toMatch(/rejected lines +1\n/);
    expect(text).toMatch(/skipped records +2 /);
    expect(text).toContain('profile join     2 matched (66.7%), 1 missing');
    expect(text).toContain('negative 1 (33.3%)');
    expect(text).toContain('mean -0.250');
    expect(text).toMatch(/ 1 {2}#Brexit {4}2 {2}66\.7% of tweets\n/);
    expect(text).toContain('windows: 1m every 10s on 1s batches (2 windows)');
    expect(text).toMatch(/2024-01-01 00:00:10 +0 +0 +0 +0 +0 +n\/a\n/);
    expect(text).toMatch(/2024-01-01 00:00:20 +1 +1 .*\+0\.500 +#Brexit 1\n/);
  });

  it('shortens a long window table to its two ends', () => {
    const windows = Array.from({ length: 100 }, (_, i) => window(i));
    const lines = formatTextReport(report(windows), { ...options, windowRows: 5 }).split('\n');
    const rows = lines.filter((line) => /^ {2}2024-01-01/.test(line));
    expect(rows).toHaveLength(10);
    expect(lines).toContain('    ... 90 windows not shown (--json lists them all)');
    expect(rows[4]).toContain('00:00:50');
    expect(rows[5]).toContain('00:16:00');
  });

  it('says so when there are no tweets', () => {
    const text = formatTextReport(
      { ...report([]), tweets: 0, hashtags: [], join: { matched: 0, missing: 0 } },
      { ...options, first: null, last: null },
    );
    expect(text).toContain('0 tweets from 2 files (no tweets)');
    expect(text).toContain('top hashtags (0 of 0)\n  none');
    expect(text).toContain('(0 windows)\n');
  });
});
