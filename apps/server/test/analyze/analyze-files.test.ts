// The offline analyser in-process: every window and total equals a brute-force recount of the
// input, on the bundled generated stream, real recordings and random streams with gaps.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryProfileStore } from '../../src/profiles/index.js';
import { inputFilesFromPaths } from '../../src/sources/replay/index.js';
import { analyzeFiles, type AnalyzeFilesOptions } from '../../src/analyze/analyze-files.js';
import { AnalysisReportSchema } from '../../src/analyze/report-schema.js';
import { decodeRecordings, expectTotalsEqualRecount, expectWindowsEqualRecount } from '../support/recount.js';
import { REPO_ROOT } from '../support/paths.js';

const repoRoot = REPO_ROOT;
const RECORDINGS = path.resolve(repoRoot, 'test-data/x-api-v2');
const BIN = path.join(repoRoot, 'apps/server/bin/hashpulse.js');
let dir: string;
let generated: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-analyze-'));
  generated = path.join(dir, 'generated.jsonl');
  // A small stream from the real generator: bursts, mixed spellings and languages.
  await promisify(execFile)(
    process.execPath,
    [
      BIN,
      'generate',
      '--out',
      generated,
      '--minutes',
      '2',
      '--rate',
      '6',
      '--seed',
      '11',
      '--start',
      '2024-05-06T07:08:09Z',
    ],
    { timeout: 50_000 },
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function analyze(
  paths: string[],
  window: AnalyzeFilesOptions['window'],
  extra: Partial<AnalyzeFilesOptions> = {},
) {
  const profiles = new MemoryProfileStore();
  try {
    const result = await analyzeFiles({
      files: await inputFilesFromPaths(paths),
      window,
      profiles,
      ...extra,
    });
    // What the CLI prints with --json must satisfy the published schema.
    AnalysisReportSchema.parse(JSON.parse(JSON.stringify(result.report)));
    return result;
  } finally {
    await profiles.close();
  }
}

const CONFIGS = [
  { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 10_000 },
  { batchIntervalMs: 2000, windowLengthMs: 30_000, slideMs: 6000 },
  { batchIntervalMs: 500, windowLengthMs: 4500, slideMs: 1500 },
  { batchIntervalMs: 5000, windowLengthMs: 5000, slideMs: 5000 },
];

describe('analyzeFiles', () => {
  it.each(CONFIGS)(
    'every window of a generated stream equals a recount (B $batchIntervalMs, W $windowLengthMs, S $slideMs)',
    async (window) => {
      const tweets = decodeRecordings([generated]);
      expect(tweets.length).toBeGreaterThan(500);
      const { report } = await analyze([generated], window);
      expectWindowsEqualRecount(report, tweets, window.windowLengthMs, window.slideMs);
      expectTotalsEqualRecount(report, tweets);
    },
  );

  it('labels sentiment with the scorer asked for (--scorer): the learned model by default, or the lexicon', async () => {
    const tweets = decodeRecordings([generated]);
    const window = { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 10_000 };
    const byModel = (await analyze([generated], window)).report;
    const byLexicon = (await analyze([generated], window, { sentiment: 'lexicon' })).report;
    expectTotalsEqualRecount(byModel, tweets, 'model');
    expectTotalsEqualRecount(byLexicon, tweets, 'lexicon');
    // The two scorers disagree on some tweets, so the choice is seen in the report.
    expect(byLexicon.sentiment).not.toEqual(byModel.sentiment);
  });

  it('a recording over four days gives every window, the empty ones between its tweets included', async () => {
    const file = path.join(RECORDINGS, 'media_policy_violation_off.jsonl');
    const tweets = decodeRecordings([file]);
    const window = { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 10_000 };
    const { report } = await analyze([file], window);
    expect(report.windows.length).toBeGreaterThan(30_000);
    expect(report.windows.filter((w) => w.tweets === 0).length).toBeGreaterThan(25_000);
    expectWindowsEqualRecount(report, tweets, window.windowLengthMs, window.slideMs);
    expectTotalsEqualRecount(report, tweets);
  });

  it('several recordings merge in created_at order into one set of windows', async () => {
    const files = ['flat.jsonl', 'noflat.jsonl', 'streaming_output_with_error.jsonl'].map((f) =>
      path.join(RECORDINGS, f),
    );
    const tweets = decodeRecordings(files);
    // Seven days apart: a slide of 30s keeps the window count under the default limit.
    const window = { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 30_000 };
    const { report } = await analyze(files, window);
    expectWindowsEqualRecount(report, tweets, window.windowLengthMs, window.slideMs);
    expectTotalsEqualRecount(report, tweets);
  });

  it('a tweet recorded twice counts once, as a replay of the same files counts it', async () => {
    // flat.jsonl and noflat.jsonl are one search recorded two ways: the same 100 tweets.
    const files = ['flat.jsonl', 'noflat.jsonl'].map((f) => path.join(RECORDINGS, f));
    const window = { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 30_000 };
    const together = (await analyze(files, window)).report;
    const flat = (await analyze(files.slice(0, 1), window)).report;
    expect(decodeRecordings(files)).toHaveLength(200);
    expect(together).toMatchObject({ tweets: 100, duplicates: 100 });
    expect(flat).toMatchObject({ tweets: 100, duplicates: 0 });
    expect(together.hashtags).toEqual(flat.hashtags);
    expect(together.windows.map((w) => [w.end, w.tweets])).toEqual(
      flat.windows.map((w) => [w.end, w.tweets]),
    );
  });

  it('random streams with bursts, boundary times and long gaps equal a recount', async () => {
    const tags = ['Brexit', 'brexit', 'BREXIT', 'İstanbul', 'ISTANBUL', 'Straße', 'STRASSE', 'cats', 'Cats'];
    const texts = [
      'I love this, wonderful',
      'this is awful and sad',
      'a table',
      'no es bueno',
      'great GREAT day!!!',
    ];
    const base = Date.UTC(2024, 0, 1);
    const tweetArb = fc.record({
      // Whole batches, half batches and arbitrary milliseconds, so tweets fall on window edges.
      at: fc.oneof(
        fc.integer({ min: 0, max: 240 }).map((i) => i * 500),
        fc.integer({ min: 0, max: 120_000 }),
      ),
      gap: fc.oneof(
        { weight: 9, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) },
      ),
      tags: fc.subarray(tags, { maxLength: 3 }),
      text: fc.constantFrom(...texts),
      lang: fc.constantFrom('en', 'en', 'es', 'ja'),
    });
    const configArb = fc
      .record({
        b: fc.constantFrom(100, 250, 500, 1000),
        w: fc.integer({ min: 1, max: 12 }),
        s: fc.integer({ min: 1, max: 4 }),
      })
      .filter(({ w, s }) => s <= w)
      .map(({ b, w, s }) => ({ batchIntervalMs: b, windowLengthMs: w * s * b, slideMs: s * b }));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(tweetArb, { minLength: 1, maxLength: 60 }),
        configArb,
        async (specs, window) => {
          const file = path.join(dir, `random-${run++}.jsonl`);
          let offset = 0;
          const lines = specs.map((spec, i) => {
            // An occasional jump of minutes: runs the analyser's gap handling (no window spans it).
            offset += spec.gap * 600_000;
            const text = `${spec.text} ${spec.tags.map((t) => `#${t}`).join(' ')}`;
            const created = new Date(base + offset + spec.at).toISOString();
            return JSON.stringify({
              data: { id: String(i + 1), text, lang: spec.lang, created_at: created, author_id: `u${i % 7}` },
            });
          });
          await writeFile(file, `${lines.join('\n')}\n`);
          const tweets = decodeRecordings([file]);
          expect(tweets.length).toBe(specs.length);
          const { report } = await analyze([file], window, { maxWindows: 1_000_000 });
          expectWindowsEqualRecount(report, tweets, window.windowLengthMs, window.slideMs);
          expectTotalsEqualRecount(report, tweets);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('hashtags are counted once per tweet, case-insensitively, in their most frequent spelling', async () => {
    const file = path.join(dir, 'spellings.jsonl');
    const tweet = (id: number, text: string) =>
      JSON.stringify({
        data: {
          id: String(id),
          text,
          lang: 'en',
          created_at: `2024-02-02T10:00:0${id}.000Z`,
          author_id: '1',
        },
      });
    const lines = [
      tweet(1, '#brexit now'),
      tweet(2, '#Brexit and #BREXIT again'),
      tweet(3, '#Brexit #İstanbul'),
      tweet(4, '#Brexit #ISTANBUL #istanbul'),
      tweet(5, '#ISTANBUL'),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const { report } = await analyze([file], {
      batchIntervalMs: 1000,
      windowLengthMs: 10_000,
      slideMs: 10_000,
    });
    expect(report.hashtags).toEqual([
      { tag: 'Brexit', count: 4 },
      { tag: 'ISTANBUL', count: 3 },
    ]);
    expect(report.windows.map((w) => w.hashtags)).toEqual([report.hashtags]);
  });

  it('an input without tweets gives zero totals and no windows', async () => {
    const { report, first, last } = await analyze(
      [path.join(RECORDINGS, 'tweets_compliance.jsonl')],
      CONFIGS[0]!,
    );
    expect(report).toEqual({
      tweets: 0,
      duplicates: 0,
      rejected: 0,
      skipped: 2,
      hashtags: [],
      sentiment: { positive: 0, neutral: 0, negative: 0, unscored: 0, mean: null },
      windows: [],
      join: { matched: 0, missing: 0 },
    });
    expect([first, last]).toEqual([null, null]);
  });

  it('reports progress of the first pass in bytes and of the analysis in tweets', async () => {
    const seen: Array<{ phase: string; done: number; total: number }> = [];
    await analyze([generated], CONFIGS[0]!, { onProgress: (p) => seen.push(p) });
    const analysing = seen.filter((p) => p.phase === 'analysing');
    expect(seen.some((p) => p.phase === 'reading')).toBe(true);
    expect(analysing.at(-1)).toMatchObject({ done: decodeRecordings([generated]).length });
    expect(analysing.every((p, i) => i === 0 || p.done >= analysing[i - 1]!.done)).toBe(true);
  });

  it('a stream analysed as it is read equals a recount, and so does one with a tweet out of order far in', async () => {
    // Over HEAD_TWEETS tweets in order at the head: analysed without a first pass.
    const big = path.join(dir, 'streamed.jsonl');
    await promisify(execFile)(
      process.execPath,
      [BIN, 'generate', '--out', big, '--minutes', '2', '--rate', '20', '--seed', '12'],
      { timeout: 50_000 },
    );
    const lines = (await readFile(big, 'utf8')).trimEnd().split('\n');
    const late = path.join(dir, 'late.jsonl');
    const [moved] = lines.splice(1100, 1);
    lines.splice(lines.length - 3, 0, moved!);
    await writeFile(late, lines.join('\n') + '\n');
    const window = { batchIntervalMs: 1000, windowLengthMs: 30_000, slideMs: 5000 };
    for (const file of [big, late]) {
      const tweets = decodeRecordings([file]);
      expect(tweets.length).toBeGreaterThan(2000);
      const seen: string[] = [];
      const { report } = await analyze([file], window, { onProgress: (p) => seen.push(p.phase) });
      // Progress in bytes while the count is unknown: the analysis is what reads the file.
      expect(seen[0]).toBe('reading');
      expectWindowsEqualRecount(report, tweets, window.windowLengthMs, window.slideMs);
      expectTotalsEqualRecount(report, tweets);
    }
  });
});
