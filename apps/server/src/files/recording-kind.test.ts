import { copyFile, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeLine } from '@hashpulse/tweets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WrongFileKindError } from './errors.js';
import type { ReadLimits } from './line-reader.js';
import { assertFileKind, DETECTION_LIMITS, FileKindDetector, REPLAY_INPUT } from './recording-kind.js';

const RECORDINGS = path.resolve(import.meta.dirname, '../../../..', 'test-data/x-api-v2');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-kind-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

const MEMBER_BYTES = 16 * 2 ** 20;
let member: Buffer | undefined;

/** A gzip of `total` newline bytes, built from repeated members so the test does not deflate it all. */
function newlineBomb(total: number): Buffer {
  member ??= gzipSync(Buffer.alloc(MEMBER_BYTES, 0x0a), { level: 9 });
  return Buffer.concat(Array.from({ length: Math.ceil(total / MEMBER_BYTES) }, () => member!));
}

describe('telling what a file holds', () => {
  it.each([
    ['streaming_output_with_error.jsonl', 'tweets'],
    ['brexit.jsonl', 'tweets'],
    ['flat.jsonl', 'tweets'],
    ['tweets_compliance.jsonl', 'notices'],
    ['users.jsonl', 'profiles'],
  ])('%s holds %s', async (name, kind) => {
    const report = await new FileKindDetector().detect(path.join(RECORDINGS, name));
    expect(report.kind).toBe(kind);
    expect(report.complete).toBe(true);
  });

  it('counts the records of a file it read whole, and says so in words', async () => {
    const detector = new FileKindDetector();
    const users = await detector.detect(path.join(RECORDINGS, 'users.jsonl'));
    // The import of the same file stores 96 profiles (see the profiles CLI test).
    expect(users).toMatchObject({ kind: 'profiles', records: 96, summary: 'holds 96 user profiles' });
    const flat = path.join(RECORDINGS, 'flat.jsonl');
    const tweets = (await readFile(flat, 'utf8'))
      .split('\n')
      .map((line, i) => decodeLine(line, i + 1))
      .reduce((sum, decoded) => sum + (decoded.kind === 'tweets' ? decoded.tweets.length : 0), 0);
    expect(tweets).toBeGreaterThan(50);
    expect(await detector.detect(flat)).toMatchObject({
      kind: 'tweets',
      records: tweets,
      summary: `holds ${tweets.toLocaleString('en')} tweets`,
    });
    const notices = await detector.detect(path.join(RECORDINGS, 'tweets_compliance.jsonl'));
    expect(notices.summary).toMatch(/^holds \d+ API notices? .* and no tweets$/);
  });

  it('reads gzip by its content, with the same verdict and count as the plain file', async () => {
    const plain = await readFile(path.join(RECORDINGS, 'users.jsonl'));
    const file = await put('users-compressed.jsonl', gzipSync(plain));
    const report = await new FileKindDetector().detect(file);
    expect(report).toMatchObject({ kind: 'profiles', records: 96, gzip: true, complete: true, damage: null });
  });

  it('tells empty, blank, binary and unknown text apart', async () => {
    const detector = new FileKindDetector();
    const random = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256));
    const cases: Array<[string, string | Buffer, string, RegExp]> = [
      ['empty.jsonl', '', 'empty', /^is empty \(0 bytes\)$/],
      ['blank.jsonl', '\n\n  \r\n\t\n', 'empty', /^holds only blank lines$/],
      ['binary.jsonl', random, 'binary', /binary data/],
      ['escapes.jsonl', '\x1b[2J\x07\x00 hello\n', 'binary', /binary data/],
      [
        'prose.jsonl',
        'not json at all\nnor this\n',
        'unknown',
        /neither tweets, user profiles nor API notices/,
      ],
      ['array.json', '[1, 2, 3]\n', 'unknown', /neither/],
    ];
    for (const [name, content, kind, summary] of cases) {
      const report = await detector.detect(await put(name, content));
      expect([name, report.kind]).toEqual([name, kind]);
      expect(report.summary).toMatch(summary);
    }
  });

  it('reads a profiles CSV (header with an id column) as profiles, a tweets CSV as unknown', async () => {
    const detector = new FileKindDetector();
    const people = await put('people.csv', 'id,username,followers\n1,one,10\n2,two,20\n\n3,three,30\n');
    expect(await detector.detect(people)).toMatchObject({ kind: 'profiles', records: 3 });
    const header = await put('header-only.csv', 'id,username\n');
    expect(await detector.detect(header)).toMatchObject({ kind: 'profiles', records: 0 });
    const tweets = await put('tweets.csv', 'id,text,author_id\n1,hello #a,2\n');
    expect((await detector.detect(tweets)).kind).toBe('unknown');
  });

  it('does not take a tweet for a profile: tweet objects without text are not users', async () => {
    const file = await put('withheld.jsonl', `${JSON.stringify({ data: { id: '1', author_id: '2' } })}\n`);
    expect((await new FileKindDetector().detect(file)).kind).toBe('unknown');
  });

  it('reports a truncated gzip as truncated, with what it read before the cut', async () => {
    const whole = gzipSync(await readFile(path.join(RECORDINGS, 'flat.jsonl')));
    const file = await put('cut.jsonl.gz', whole.subarray(0, Math.floor(whole.length * 0.6)));
    const report = await new FileKindDetector().detect(file);
    expect(report.kind).toBe('tweets');
    expect(report.complete).toBe(false);
    expect(report.damage).toMatch(/truncated/);
    expect(report.summary).toMatch(
      /^holds [\d,]+ tweets, and it is truncated \(the gzip stream ends early\)$/,
    );
  });

  it('reports a gzip that is corrupt from the start as unreadable binary', async () => {
    const file = await put(
      'corrupt.jsonl.gz',
      Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(200, 7)]),
    );
    const report = await new FileKindDetector().detect(file);
    expect(report.kind).toBe('binary');
    expect(report.summary).toMatch(/^is unreadable: its gzip data is corrupt$/);
  });

  it('stops a 3 MB gzip of newlines at its limits and calls it empty within them', async () => {
    const bomb = newlineBomb(3 * 2 ** 30);
    expect(bomb.length).toBeGreaterThan(2.5 * 2 ** 20);
    const file = await put('newlines.jsonl.gz', bomb);
    const detector = new FileKindDetector();
    const report = await detector.detect(file);
    expect(report.kind).toBe('empty');
    expect(report.complete).toBe(false);
    expect(report.fileBytesRead).toBeLessThanOrEqual(DETECTION_LIMITS.maxFileBytes);
    expect(report.bytesExamined).toBeLessThanOrEqual(DETECTION_LIMITS.maxBytes);
    expect(report.summary).toBe('holds only blank lines in its first 20,000 lines');
    expect(report.bytesExamined).toBe(20_000);
  });

  it('honours each limit: file bytes, content bytes and the decompression ratio', async () => {
    const small: ReadLimits = { maxFileBytes: 4096, maxBytes: 64 * 1024, maxRatio: 100 };
    const detector = new FileKindDetector(small, 100, Infinity);
    // Plain text: only the first 4 KiB of a 1 MiB file of blank lines is read.
    const blank = await detector.detect(await put('blank-big.jsonl', '\n'.repeat(2 ** 20)));
    expect(blank).toMatchObject({ kind: 'empty', complete: false, fileBytesRead: 4096 });
    expect(blank.summary).toBe('holds only blank lines in its first 4 KiB');
    // Gzip: 64 KiB of content at most, whatever the compressed size.
    const bomb = await detector.detect(await put('bomb-small.jsonl.gz', newlineBomb(16 * 2 ** 20)));
    expect(bomb).toMatchObject({ kind: 'empty', complete: false, bytesExamined: 64 * 1024 });
    expect(bomb.summary).toBe('holds only blank lines in its first 64 KiB (decompressed)');
    // The ratio: 1 MiB of content may come out, then a gzip expanding over 100:1 stops.
    const limits = { maxFileBytes: 2 ** 20, maxBytes: 64 * 2 ** 20, maxRatio: 100 };
    const ratio = new FileKindDetector(limits, 100, Infinity);
    const bombed = await ratio.detect(await put('bomb-ratio.jsonl.gz', newlineBomb(64 * 2 ** 20)));
    expect(bombed.kind).toBe('empty');
    expect(bombed.bytesExamined).toBeLessThan(4 * 2 ** 20);
    expect(bombed.summary).toMatch(/decompresses more than 100:1/);
  });

  it('judges a line longer than the sample by its start: text is unknown, bytes are binary', async () => {
    const detector = new FileKindDetector({ maxFileBytes: 8192, maxBytes: 8192, maxRatio: 100 });
    expect((await detector.detect(await put('long-text.jsonl', 'x'.repeat(20_000)))).kind).toBe('unknown');
    expect((await detector.detect(await put('long-bytes.bin.jsonl', Buffer.alloc(20_000, 0)))).kind).toBe(
      'binary',
    );
  });

  it('judges a recording larger than the sample from its first records', async () => {
    const detector = new FileKindDetector({ maxFileBytes: 64 * 1024, maxBytes: 256 * 1024, maxRatio: 100 });
    const report = await detector.detect(path.join(RECORDINGS, 'flat.jsonl'));
    expect(report).toMatchObject({ kind: 'tweets', complete: false });
    expect(report.fileBytesRead).toBeLessThanOrEqual(64 * 1024);
    expect(report.summary).toMatch(/^holds tweets \([\d,]+ in its first 64 KiB\)$/);
  });

  it('stops after enough records of a file too large to read whole, and claims no count', async () => {
    const file = await put(
      'many.jsonl',
      `${'{"data": {"id": "1", "text": "#a", "created_at": "2024-01-01T00:00:00Z", "author_id": "2"}}\n'.repeat(30_000)}`,
    );
    const detector = new FileKindDetector();
    const report = await detector.detect(file);
    expect(report).toMatchObject({ kind: 'tweets', complete: false, summary: 'holds tweets' });
    expect(report.records).toBeLessThan(1000);
    expect(report.fileBytesRead).toBeLessThan(DETECTION_LIMITS.maxFileBytes);
  });

  it('answers from its cache while size and mtime are unchanged, and reads again when they change', async () => {
    const file = path.join(dir, 'cached.jsonl');
    await copyFile(path.join(RECORDINGS, 'users.jsonl'), file);
    // Whole seconds, so the mtime restored below is exactly the one cached.
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await utimes(file, mtime, mtime);
    const detector = new FileKindDetector();
    expect((await detector.detect(file)).kind).toBe('profiles');
    expect(detector.reads).toBe(1);
    // Same size, same mtime, other content: the cache answers (it is keyed by size and mtime).
    const { size } = await stat(file);
    await writeFile(file, Buffer.alloc(size, 0x20));
    await utimes(file, mtime, mtime);
    expect((await detector.detect(file)).kind).toBe('profiles');
    expect(detector.reads).toBe(1);
    // A new mtime: read again.
    await utimes(file, mtime, new Date(mtime.getTime() + 5000));
    expect((await detector.detect(file)).kind).toBe('empty');
    expect(detector.reads).toBe(2);
    // Concurrent callers share one read.
    await writeFile(file, '\n');
    await Promise.all([detector.detect(file), detector.detect(file), detector.detect(file)]);
    expect(detector.reads).toBe(3);
  });

  it('calls a missing file or a directory unknown, saying why, without opening it', async () => {
    const detector = new FileKindDetector();
    expect(await detector.detect(path.join(dir, 'missing.jsonl'))).toMatchObject({
      kind: 'unknown',
      summary: 'cannot be read (ENOENT)',
    });
    expect((await detector.detect(dir)).summary).toBe('is not a regular file');
  });
});

describe('the words of a summary', () => {
  it('says how much was judged in bytes, KiB or MiB, whole or to one decimal', async () => {
    const blank = await put('blank-sizes.jsonl', '\n'.repeat(3 * 2 ** 20));
    for (const [maxFileBytes, words] of [
      [1000, '1,000 bytes'],
      [1023, '1,023 bytes'],
      [1024, '1 KiB'],
      [1536, '1.5 KiB'],
      [2 ** 20, '1 MiB'],
      [2 ** 20 + 2 ** 19, '1.5 MiB'],
    ] as const) {
      const detector = new FileKindDetector(
        { maxFileBytes, maxBytes: 64 * 2 ** 20, maxRatio: 100 },
        100,
        Infinity,
      );
      expect((await detector.detect(blank)).summary).toBe(`holds only blank lines in its first ${words}`);
    }
  });

  it('counts one record in the singular and several in the plural', async () => {
    const detector = new FileKindDetector();
    const line = (await readFile(path.join(RECORDINGS, 'two_tweets.jsonl'), 'utf8')).split('\n')[0]!;
    const one = await detector.detect(await put('one-line.jsonl', `${line}\n`));
    expect(one.records).toBeGreaterThan(0);
    expect(one.summary).toBe(`holds ${one.records} ${one.records === 1 ? 'tweet' : 'tweets'}`);
    const single = await detector.detect(await put('one-profile.csv', 'id,username\n7,seven\n'));
    expect(single).toMatchObject({ kind: 'profiles', records: 1, summary: 'holds 1 user profile' });
  });

  it("counts an API notices file's notices as its records", async () => {
    const report = await new FileKindDetector().detect(path.join(RECORDINGS, 'tweets_compliance.jsonl'));
    expect(report.kind).toBe('notices');
    expect(report.records).toBeGreaterThan(0);
    expect(report.summary.startsWith(`holds ${report.records.toLocaleString('en')} API notice`)).toBe(true);
  });
});

describe('a profiles CSV header', () => {
  it('is read past a byte order mark and in any case, but a text column makes it tweets, not profiles', async () => {
    const detector = new FileKindDetector();
    expect(await detector.detect(await put('bom.csv', '\ufeffid,username\n1,one\n'))).toMatchObject({
      kind: 'profiles',
      records: 1,
    });
    expect((await detector.detect(await put('upper.csv', ' ID , UserName \n1,one\n'))).kind).toBe('profiles');
    expect((await detector.detect(await put('text-upper.csv', 'id, TEXT ,author_id\n1,hi,2\n'))).kind).toBe(
      'unknown',
    );
  });
});

describe('the cache of verdicts', () => {
  it('keeps at most maxEntries files, forgetting the least recently judged first', async () => {
    const detector = new FileKindDetector(DETECTION_LIMITS, 2);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => put(`cache-${name}.jsonl`, 'text\n')));
    for (const file of [a, b, c]) await detector.detect(file!);
    expect(detector.reads).toBe(3);
    await detector.detect(c!);
    await detector.detect(b!);
    expect(detector.reads).toBe(3);
    await detector.detect(a!);
    expect(detector.reads).toBe(4);
  });
});

describe('refusing a file of the wrong kind', () => {
  it('names the file as its user did, says what it holds and what to do', async () => {
    const users = path.join(RECORDINGS, 'users.jsonl');
    const error = await assertFileKind(users, 'demo/users.jsonl', REPLAY_INPUT).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WrongFileKindError);
    expect((error as WrongFileKindError).kind).toBe('profiles');
    expect((error as Error).message).toBe(
      'demo/users.jsonl holds 96 user profiles, not tweets: use it as PROFILES_FILE or import it with `hashpulse profiles import`',
    );
    expect((error as Error).message).not.toContain(RECORDINGS);
  });

  it('passes a file of an accepted kind and returns what it found', async () => {
    const report = await assertFileKind(path.join(RECORDINGS, 'two_tweets.jsonl'), 'x', REPLAY_INPUT);
    expect(report.kind).toBe('tweets');
  });
});
