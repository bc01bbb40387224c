// The edges of telling what a file holds: when a large file of profiles or notices has been
// sampled enough, what a cut-off read of blanks is, which first lines are a profiles CSV header,
// the cache's key, and the exact words of the reports a listing shows.
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WrongFileKindError } from './errors.js';
import type { ReadLimits } from './line-reader.js';
import { assertFileKind, FileKindDetector, REPLAY_INPUT } from './recording-kind.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-kind-edges-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

const PROFILE = '{"id": "1", "username": "alice", "name": "Alice"}\n';
const NOTICE = '{"limit": {"track": 5}}\n';
const TWEET = '{"data": {"id": "1", "text": "#a", "created_at": "2024-01-01T00:00:00Z", "author_id": "2"}}\n';
/** Files above 150 kB are "too large to read whole" here; the first 64 KiB chunk holds 200 records. */
const SMALL: ReadLimits = { maxFileBytes: 150_000, maxBytes: 4 * 2 ** 20, maxRatio: 100 };

describe('sampling a large file', () => {
  it('stops after enough profiles of a file too large to read whole', async () => {
    const report = await new FileKindDetector(SMALL).detect(
      await put('profiles.jsonl', PROFILE.repeat(4000)),
    );
    expect(report).toMatchObject({
      kind: 'profiles',
      complete: false,
      summary: 'holds user profiles',
    });
    // One chunk's worth, not the 150 kB the read limit would allow.
    expect(report.fileBytesRead).toBeLessThanOrEqual(64 * 1024);
  });

  it('stops after enough notices of a file too large to read whole', async () => {
    const report = await new FileKindDetector(SMALL).detect(await put('notices.jsonl', NOTICE.repeat(8000)));
    expect(report).toMatchObject({
      kind: 'notices',
      complete: false,
      summary: 'holds only API notices (compliance, limit or error messages), no tweets',
    });
    expect(report.fileBytesRead).toBeLessThanOrEqual(64 * 1024);
  });

  it('reads a file within the size limit whole, however many records it has', async () => {
    const report = await new FileKindDetector().detect(await put('whole.jsonl', TWEET.repeat(250)));
    expect(report).toMatchObject({
      kind: 'tweets',
      records: 250,
      complete: true,
      summary: 'holds 250 tweets',
    });
  });

  it('names the part judged when a limit stops a file of notices', async () => {
    const limits = { maxFileBytes: 2 ** 20, maxBytes: 1024, maxRatio: 100 };
    const report = await new FileKindDetector(limits).detect(
      await put('cut-notices.jsonl', NOTICE.repeat(200)),
    );
    expect(report.kind).toBe('notices');
    expect(report.summary).toMatch(
      /^holds only API notices \(compliance, limit or error messages\) in its first 1(\.\d)? KiB, no tweets$/,
    );
  });

  it('calls a read cut off in the middle of blanks empty, not unknown', async () => {
    const limits = { maxFileBytes: 2 ** 20, maxBytes: 1024, maxRatio: 100 };
    const report = await new FileKindDetector(limits).detect(await put('spaces.jsonl', ' '.repeat(5000)));
    expect(report.kind).toBe('empty');
  });
});

describe('what a first line says', () => {
  it('a JSON object or array on the first line, even after spaces, is never a CSV header', async () => {
    const detector = new FileKindDetector();
    const spaced = await detector.detect(await put('spaced.jsonl', ` ${TWEET}${TWEET}`));
    expect(spaced).toMatchObject({ kind: 'tweets', records: 2 });
    const page = await detector.detect(await put('array.jsonl', '["a", "b"]\n["c", "d"]\n'));
    expect(page.kind).toBe('unknown');
  });

  it('a single column named id is no profiles CSV header', async () => {
    expect((await new FileKindDetector().detect(await put('ids.csv.jsonl', 'id\n1\n2\n'))).kind).toBe(
      'unknown',
    );
  });

  it('counts one API notice in the singular', async () => {
    expect((await new FileKindDetector().detect(await put('one-notice.jsonl', NOTICE))).summary).toBe(
      'holds 1 API notice (compliance, limit or error messages) and no tweets',
    );
  });
});

describe('the cache', () => {
  it('reads again when the size changes, even with the same mtime', async () => {
    const file = await put('resized.jsonl', TWEET);
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await utimes(file, mtime, mtime);
    const detector = new FileKindDetector();
    expect((await detector.detect(file)).records).toBe(1);
    await writeFile(file, TWEET.repeat(2));
    await utimes(file, mtime, mtime);
    expect((await stat(file)).mtimeMs).toBe(mtime.getTime());
    expect((await detector.detect(file)).records).toBe(2);
  });

  it('judges different files read at the same time each on its own', async () => {
    const detector = new FileKindDetector();
    const [tweets, profiles] = await Promise.all([
      detector.detect(await put('same-time-a.jsonl', TWEET)),
      detector.detect(await put('same-time-b.jsonl', PROFILE)),
    ]);
    expect(tweets.kind).toBe('tweets');
    expect(profiles.kind).toBe('profiles');
  });

  it('reports a missing file as unknown with nothing read', async () => {
    expect(await new FileKindDetector().detect(path.join(dir, 'gone.jsonl'))).toEqual({
      kind: 'unknown',
      records: 0,
      complete: false,
      gzip: false,
      fileBytesRead: 0,
      bytesExamined: 0,
      damage: null,
      summary: 'cannot be read (ENOENT)',
    });
  });
});

describe('refusing a file for replay', () => {
  it('tells how to name a recording when the file holds notices', async () => {
    const file = await put('only-notices.jsonl', NOTICE);
    const attempt = assertFileKind(file, 'only-notices.jsonl', REPLAY_INPUT);
    await expect(attempt).rejects.toBeInstanceOf(WrongFileKindError);
    await expect(attempt).rejects.toThrow(
      'only-notices.jsonl holds 1 API notice (compliance, limit or error messages) and no tweets, not tweets: name a tweet recording (X API JSON lines, .jsonl or .jsonl.gz); GET /api/replay/files says what each file holds',
    );
  });
});
