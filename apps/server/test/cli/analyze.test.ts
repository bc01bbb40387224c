// `hashpulse analyze` through the real CLI process: counts on the shared recordings, windows equal
// to a recount, the profile join from a file and from PostgreSQL, and clear errors.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib, { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '@hashpulse/protocol';
import { AnalysisReportSchema, type AnalysisReport } from '../../src/analyze/index.js';
import { decodeRecordings, expectTotalsEqualRecount, expectWindowsEqualRecount } from '../support/recount.js';
import { importProfiles, PostgresProfileStore } from '../../src/profiles/index.js';
import { REPO_ROOT } from '../support/paths.js';
import { runCli } from '../support/cli.js';

const repoRoot = REPO_ROOT;
const RECORDINGS = path.resolve(repoRoot, 'test-data/x-api-v2');
const DEMO = path.join(repoRoot, 'data/demo/tweets.jsonl.gz');
const DEMO_USERS = path.join(repoRoot, 'data/demo/users.jsonl');
const DB = 'postgres://postgres@127.0.0.1:5432/test';

let dir: string;
let generated: string;
const schemas: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function hashpulse(args: string[]): Promise<Run> {
  return runCli(args, {
    cwd: repoRoot,
    env: { ...process.env, HASHPULSE_DEBUG: undefined, DATABASE_URL: undefined },
  });
}

/** The old defaults, for tests whose expectations are built on 1s batches and 60s windows. */
const FIXED_WINDOW = ['--batch', '1s', '--window', '60s', '--slide', '10s'];
const PICKED =
  /^window --batch (\S+) --window (\S+) --slide (\S+): picked from the input's time span \(([\d,]+) windows\); pass --window and --slide to choose\n/m;

interface JsonRun {
  report: AnalysisReport;
  /** stderr without the line naming a picked window. */
  stderr: string;
  /** The window picked when the flags left it open: [batch, window, slide] in ms, and the count. */
  picked: { batch: number; window: number; slide: number; windows: number } | null;
}

async function analyzeJson(args: string[]): Promise<JsonRun> {
  const run = await hashpulse(['analyze', ...args, '--json']);
  expect(run.stderr.includes('hashpulse:'), run.stderr).toBe(false);
  expect(run.code).toBe(0);
  // Exactly one JSON document on stdout, valid against the published schema.
  expect(run.stdout.endsWith('}\n')).toBe(true);
  expect(run.stdout.trimEnd().includes('\n')).toBe(false);
  const match = PICKED.exec(run.stderr);
  const picked = match
    ? {
        batch: parseDuration(match[1]!),
        window: parseDuration(match[2]!),
        slide: parseDuration(match[3]!),
        windows: Number(match[4]!.replaceAll(',', '')),
      }
    : null;
  return {
    report: AnalysisReportSchema.parse(JSON.parse(run.stdout)),
    stderr: run.stderr.replace(PICKED, ''),
    picked,
  };
}

function lines(file: string): string[] {
  const raw = readFileSync(file);
  const text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Primary tweets counted from the raw JSON: `data` entries with text, or flattened tweets. */
function countFromRawJson(file: string): { tweets: number; unparsable: number } {
  let tweets = 0;
  let unparsable = 0;
  for (const line of lines(file)) {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      unparsable++;
      continue;
    }
    const hasText = (value: unknown) => typeof (value as { text?: unknown } | null)?.text === 'string';
    if (Array.isArray(record.data)) tweets += record.data.filter(hasText).length;
    else if (record.data !== undefined) tweets += hasText(record.data) ? 1 : 0;
    else if (hasText(record) && typeof record.created_at === 'string') tweets += 1;
  }
  return { tweets, unparsable };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-analyze-cli-'));
  generated = path.join(dir, 'generated.jsonl.gz');
  const run = await hashpulse([
    'generate',
    '--out',
    generated,
    '--minutes',
    '2',
    '--rate',
    '5',
    '--seed',
    '3',
  ]);
  expect(run.code, run.stderr).toBe(0);
});

afterAll(async () => {
  if (schemas.length > 0) {
    const admin = new pg.Pool({ connectionString: DB, max: 1 });
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
  await rm(dir, { recursive: true, force: true });
});

const recordings = readdirSync(RECORDINGS).filter((name) => name.endsWith('.jsonl'));

describe('hashpulse analyze on the shared recordings', () => {
  it('finds the recordings', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(10);
  });

  // Hour windows: geo_tweets.jsonl spans two years, too many 10-second windows for the default limit.
  it.each(recordings)('%s: the tweet count equals the primary tweets of the raw JSON', async (name) => {
    const file = path.join(RECORDINGS, name);
    const { report } = await analyzeJson([file, '--batch', '1m', '--window', '1h', '--slide', '1h']);
    const raw = countFromRawJson(file);
    expect(report.tweets).toBe(raw.tweets);
    expect(report.rejected).toBe(raw.unparsable);
    expect(report.join.matched + report.join.missing).toBe(raw.tweets);
  });

  it('counts the cut-off last line of a stream as rejected, names it on stderr and keeps the rest', async () => {
    const file = path.join(RECORDINGS, 'streaming_output_with_error.jsonl');
    const { report, stderr } = await analyzeJson([file]);
    expect(report.rejected).toBe(1);
    expect(report.tweets).toBe(lines(file).length - 1);
    expect(stderr).toMatch(/^\S*streaming_output_with_error\.jsonl:8: rejected: invalid JSON .*cut off\n$/);
  });

  it('counts compliance events as skipped, not as tweets', async () => {
    const { report, stderr } = await analyzeJson([path.join(RECORDINGS, 'tweets_compliance.jsonl')]);
    expect(report).toMatchObject({ tweets: 0, rejected: 0, skipped: 2, windows: [], hashtags: [] });
    expect(stderr).toBe('skipped 2 records that are not tweets (compliance 2)\n');
  });

  it('lists the first 20 malformed lines with file:line, counts the rest, and analyses the good ones', async () => {
    const file = path.join(dir, 'malformed.jsonl');
    const good = (id: number) =>
      JSON.stringify({
        data: { id: String(id), text: 'fine #ok', created_at: '2024-01-01T00:00:00.000Z', author_id: '1' },
      });
    const bad = Array.from({ length: 25 }, (_, i) => (i % 2 === 0 ? '{"data": {"id": ' : '[1, 2, 3]'));
    await writeFile(file, [good(1), ...bad, good(2)].join('\n') + '\n');
    const { report, stderr } = await analyzeJson([file]);
    expect(report).toMatchObject({ tweets: 2, rejected: 25, hashtags: [{ tag: 'ok', count: 2 }] });
    const listed = stderr.split('\n').filter(Boolean);
    expect(listed).toHaveLength(21);
    expect(listed.slice(0, 20).map((line) => line.replace(/: rejected: .*/, ''))).toEqual(
      Array.from({ length: 20 }, (_, i) => `${file}:${i + 2}`),
    );
    expect(listed[20]).toBe('... and 5 more rejected lines (25 in all)');
  });

  it('analyses what a truncated gzip recording holds before the cut and says where it stopped', async () => {
    const bytes = readFileSync(DEMO);
    const cut = path.join(dir, 'cut.jsonl.gz');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const text = gunzipSync(readFileSync(cut), { finishFlush: zlib.Z_SYNC_FLUSH }).toString('utf8');
    const pieces = text.split('\n').filter((line) => line.trim() !== '');
    const parsable = pieces.filter((line) => {
      try {
        JSON.parse(line);
        return true;
      } catch {
        return false;
      }
    }).length;
    const { report, stderr } = await analyzeJson([cut, '--no-progress']);
    expect(report.tweets).toBe(parsable);
    expect(report.tweets).toBeGreaterThan(5000);
    expect(report.rejected).toBe(pieces.length - parsable);
    expect(stderr).toMatch(/cut\.jsonl\.gz: the gzip stream ends early .*stopped after line \d+/);
  });

  it.each([[[]], [['--batch', '2s', '--window', '30s', '--slide', '6s']]])(
    'every window of a recording equals a recount (flags %j)',
    async (flags) => {
      const file = path.join(RECORDINGS, 'flat.jsonl');
      const { report, picked } = await analyzeJson([file, ...flags]);
      const [w, s] = picked === null ? [30_000, 6000] : [picked.window, picked.slide];
      expect(picked === null).toBe(flags.length > 0);
      expectWindowsEqualRecount(report, decodeRecordings([file]), w, s);
      expectTotalsEqualRecount(report, decodeRecordings([file]));
    },
  );

  it('picks round windows from the span when the flags leave them open, says so, and keeps given ones', async () => {
    // 24 hours, one tweet every 20 s: five-minute windows, a batch each.
    const day = path.join(dir, 'day.jsonl');
    const tweet = (i: number) =>
      JSON.stringify({
        data: {
          id: String(i + 1),
          text: `#t${i % 7} day`,
          created_at: new Date(Date.UTC(2024, 0, 1) + i * 20_000).toISOString(),
          author_id: String(i % 13),
        },
      });
    await writeFile(day, Array.from({ length: 4320 }, (_, i) => tweet(i)).join('\n') + '\n');
    const auto = await analyzeJson([day]);
    expect(auto.picked).toEqual({ batch: 300_000, window: 300_000, slide: 300_000, windows: 288 });
    expect(auto.report.windows).toHaveLength(288);
    expectWindowsEqualRecount(auto.report, decodeRecordings([day]), 300_000, 300_000);
    // Years of input: a window per week. A window given alone slides by itself; given values stay.
    const years = await analyzeJson([path.join(RECORDINGS, 'geo_tweets.jsonl')]);
    expect(years.picked).toMatchObject({ window: 7 * 86_400_000, slide: 7 * 86_400_000 });
    expect(years.report.windows.length).toBeLessThanOrEqual(300);
    const hourly = await analyzeJson([day, '--window', '1h']);
    expect(hourly.picked).toEqual({ batch: 3_600_000, window: 3_600_000, slide: 3_600_000, windows: 24 });
    const given = await analyzeJson([day, '--batch', '1m', '--window', '2h', '--slide', '30m']);
    expect(given.picked).toBeNull();
    expectWindowsEqualRecount(given.report, decodeRecordings([day]), 7_200_000, 1_800_000);
  });

  it('every window of a generated stream equals a recount', async () => {
    const { report } = await analyzeJson([generated, '--batch', '500ms', '--window', '20s', '--slide', '5s']);
    const tweets = decodeRecordings([generated]);
    expect(report.tweets).toBe(tweets.length);
    expectWindowsEqualRecount(report, tweets, 20_000, 5000);
    expectTotalsEqualRecount(report, tweets);
  });

  it('prints a readable report without --json, and nothing but problems on stderr', async () => {
    const run = await hashpulse([
      'analyze',
      path.join(RECORDINGS, 'streaming_output_with_error.jsonl'),
      ...FIXED_WINDOW,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('7 tweets from 1 file (2021-04-01 15:52:31 to 2021-04-01 15:54:16 UTC)');
    expect(run.stdout).toMatch(/rejected lines +1\n/);
    expect(run.stdout).toMatch(/profile join +7 matched/);
    expect(run.stdout).toMatch(/sentiment +positive \d+/);
    expect(run.stdout).toContain('windows: 1m every 10s on 1s batches (16 windows)');
    expect(run.stdout).toMatch(/2021-04-01 15:54:10 +4 /);
    expect(run.stdout).toContain('#DogsofTwitter');
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    // Piped output carries no carriage returns or terminal escapes.
    expect(run.stdout + run.stderr).not.toContain('\r');
    expect(run.stdout + run.stderr).not.toContain('\u001b');
  });
});

describe('hashpulse analyze joins authors with a profile store', () => {
  /**
   * The join modelled from the raw files: an author matches when the store knows it, and the store
   * holds the profiles file plus every author profile a record carried (includes.users holding
   * the tweet's own author), from that record's batch (1s, the default) on.
   */
  function expectedDemoJoin(withFile: boolean): { matched: number; missing: number } {
    const known = new Set<string>();
    if (withFile) {
      for (const line of lines(DEMO_USERS)) {
        for (const user of (JSON.parse(line) as { data: Array<{ id: string }> }).data) known.add(user.id);
      }
    }
    const byBatch = new Map<number, Array<{ author: string; inline: boolean }>>();
    for (const line of lines(DEMO)) {
      const message = JSON.parse(line) as {
        data: { author_id: string; created_at: string };
        includes?: { users?: Array<{ id: string }> };
      };
      const author = message.data.author_id;
      const batch = Math.floor(Date.parse(message.data.created_at) / 1000);
      const tweets = byBatch.get(batch) ?? [];
      tweets.push({ author, inline: message.includes?.users?.some((u) => u.id === author) ?? false });
      byBatch.set(batch, tweets);
    }
    let matched = 0;
    let missing = 0;
    for (const batch of [...byBatch.keys()].sort((a, b) => a - b)) {
      const tweets = byBatch.get(batch)!;
      for (const tweet of tweets) if (tweet.inline) known.add(tweet.author);
      for (const tweet of tweets) {
        if (known.has(tweet.author)) matched++;
        else missing++;
      }
    }
    return { matched, missing };
  }

  it('from a profiles file', async () => {
    const expected = expectedDemoJoin(true);
    expect(expected.missing).toBeGreaterThan(0);
    const { report } = await analyzeJson([DEMO, '--profiles', DEMO_USERS, '--no-progress', ...FIXED_WINDOW]);
    expect(report.join).toEqual(expected);
    // Without a store only the profiles the records carry can match.
    const without = await analyzeJson([DEMO, '--no-progress', ...FIXED_WINDOW]);
    expect(without.report.join).toEqual(expectedDemoJoin(false));
    expect(without.report.join.matched).toBeLessThan(expected.matched);
  });

  it('from PostgreSQL, in the schema given by --schema', async () => {
    const schema = `hp_analyze_${randomBytes(6).toString('hex')}`;
    schemas.push(schema);
    const store = await PostgresProfileStore.open(DB, { schema, cacheSize: 0 });
    try {
      const imported = await importProfiles(DEMO_USERS, store);
      expect(imported.imported).toBeGreaterThan(1000);
    } finally {
      await store.close();
    }
    const { report } = await analyzeJson([
      DEMO,
      '--profiles',
      DB,
      '--schema',
      schema,
      '--no-progress',
      ...FIXED_WINDOW,
    ]);
    expect(report.join).toEqual(expectedDemoJoin(true));
  });
});

describe('hashpulse analyze refuses bad input with one clear message', () => {
  const file = path.join(RECORDINGS, 'two_tweets.jsonl');

  async function expectFailure(args: string[], message: RegExp): Promise<void> {
    const run = await hashpulse(['analyze', ...args]);
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  }

  it('an unknown flag', () => expectFailure([file, '--bogus'], /unknown option '--bogus'/));

  it('a bad duration', () =>
    expectFailure(
      [file, '--batch', '10x'],
      /^hashpulse: --batch: "10x" is not a duration: write a positive number followed by ms, s, m, h or d/,
    ));

  it('a window that is not a multiple of the batch interval', () =>
    expectFailure(
      [file, '--batch', '10s', '--window', '45s', '--slide', '10s'],
      /^hashpulse: invalid window \(--batch 10s --window 45s --slide 10s\): window length 45s must be a multiple of the batch interval 10s\n$/,
    ));

  it('a slide longer than the window', () =>
    expectFailure(
      [file, '--window', '30s', '--slide', '1m'],
      /slide 1m must not be longer than the window length 30s/,
    ));

  it('a missing file', () =>
    expectFailure(
      [file, path.join(dir, 'missing.jsonl')],
      /^hashpulse: cannot read \S*missing\.jsonl: ENOENT/,
    ));

  it('no file at all', () => expectFailure([], /missing required argument 'files'/));

  it('a missing profiles file', () =>
    expectFailure([file, '--profiles', path.join(dir, 'nobody.jsonl')], /^hashpulse: .*nobody\.jsonl/));

  it('an unreachable database', async () => {
    const port = await closedPort();
    await expectFailure(
      [file, '--profiles', `postgres://postgres@127.0.0.1:${port}/test`],
      new RegExp(`^hashpulse: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} .*ECONNREFUSED`),
    );
  });

  it('an input spanning more windows than --max-windows', () =>
    expectFailure(
      [path.join(RECORDINGS, 'geo_tweets.jsonl'), ...FIXED_WINDOW],
      /^hashpulse: the input spans 696\.1 days .*6,014,368 windows, more than --max-windows 100000; pass a longer --slide/,
    ));
});
