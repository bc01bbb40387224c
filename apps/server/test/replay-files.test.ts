// The data directory through the real server: the listing says what each file holds with bounded,
// cached work (a 3 MB gzip of newlines included), and replay start refuses what is not a recording
// with a 400 that says so, under its own stable code.
import { copyFile, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, DataFileSchema, SourceStatusSchema, z, type DataFile } from '@hashpulse/protocol';
import { DETECTION_LIMITS, fileKinds } from '../src/files/index.js';
import type { RunningHashpulse } from '../src/start.js';
import { TEST_DATA } from './support/paths.js';
import { startTestServer } from './support/test-server.js';

const RECORDINGS = path.join(TEST_DATA, 'x-api-v2');
let dataDir: string;
let server: RunningHashpulse;

/** A gzip of `total` newlines made of repeated 16 MiB members, so the test does not deflate it all. */
function newlineBomb(total: number): Buffer {
  const memberBytes = 16 * 2 ** 20;
  const member = gzipSync(Buffer.alloc(memberBytes, 0x0a), { level: 9 });
  return Buffer.concat(Array.from({ length: Math.ceil(total / memberBytes) }, () => member));
}

async function listing(): Promise<Map<string, DataFile>> {
  const response = await fetch(`${server.url}/api/replay/files`);
  expect(response.status).toBe(200);
  const files = z.array(DataFileSchema).parse(await response.json());
  return new Map(files.map((file) => [file.name, file]));
}

function start(files: string[]): Promise<Response> {
  return fetch(`${server.url}/api/replay/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ files, speed: 10 }),
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-replay-files-'));
  await copyFile(path.join(RECORDINGS, 'two_tweets.jsonl'), path.join(dataDir, 'tweets.jsonl'));
  await copyFile(path.join(RECORDINGS, 'users.jsonl'), path.join(dataDir, 'users.jsonl'));
  await copyFile(path.join(RECORDINGS, 'tweets_compliance.jsonl'), path.join(dataDir, 'notices.jsonl'));
  const binary = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256));
  await writeFile(path.join(dataDir, 'binary.jsonl'), binary);
  await writeFile(path.join(dataDir, 'empty.jsonl'), '');
  await writeFile(path.join(dataDir, 'newlines.jsonl.gz'), newlineBomb(3 * 2 ** 30));
  server = await startTestServer({ DATA_DIR: dataDir, DEMO_FILES: '' });
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the file listing', () => {
  it('says what each file holds, with the count when the whole file was read', async () => {
    const files = await listing();
    expect(files.get('tweets.jsonl')).toMatchObject({ kind: 'tweets', records: 1, summary: 'holds 1 tweet' });
    expect(files.get('users.jsonl')).toMatchObject({
      kind: 'profiles',
      records: 96,
      summary: 'holds 96 user profiles',
    });
    expect(files.get('notices.jsonl')?.kind).toBe('notices');
    expect(files.get('binary.jsonl')).toMatchObject({ kind: 'binary', summary: 'holds binary data' });
    expect(files.get('empty.jsonl')).toMatchObject({ kind: 'empty', records: 0 });
  });

  it('answers for a 3 MB gzip of newlines, read only up to the detection limits, then from the cache', async () => {
    const bomb = (await listing()).get('newlines.jsonl.gz');
    expect(bomb?.bytes).toBeGreaterThan(2.5 * 2 ** 20);
    expect(bomb).toMatchObject({ kind: 'empty', records: null });
    expect(bomb?.summary).toMatch(/^holds only blank lines in its first /);
    // The server's own detector (in this process) holds what it read for the listing.
    const reads = fileKinds.reads;
    const report = await fileKinds.detect(await realpath(path.join(dataDir, 'newlines.jsonl.gz')));
    expect(fileKinds.reads).toBe(reads);
    expect(report.fileBytesRead).toBeLessThanOrEqual(DETECTION_LIMITS.maxFileBytes);
    expect(report.bytesExamined).toBeLessThanOrEqual(DETECTION_LIMITS.maxBytes);
    // Listing again reads no file: every answer comes from the cache (same size, same mtime).
    await listing();
    expect(fileKinds.reads).toBe(reads);
  });
});

describe('replay start', () => {
  it.each([
    [
      'users.jsonl',
      'users.jsonl holds 96 user profiles, not tweets: use it as PROFILES_FILE or import it with `hashpulse profiles import`',
    ],
    ['binary.jsonl', /^binary\.jsonl holds binary data, not tweets: name a tweet recording/],
    ['empty.jsonl', /^empty\.jsonl is empty \(0 bytes\), not tweets: /],
    ['newlines.jsonl.gz', /^newlines\.jsonl\.gz holds only blank lines in its first .*, not tweets: /],
    ['notices.jsonl', /^notices\.jsonl holds 2 API notices .* and no tweets, not tweets: /],
  ])('refuses %s with a 400 that says what it holds', async (name, message) => {
    const response = await start([name]);
    expect(response.status).toBe(400);
    const body = ApiErrorSchema.parse(await response.json());
    expect(body).toMatchObject({ error: 'WrongFileKindError', code: 'HP_ERR_SERVER_WRONG_FILE_KIND' });
    if (typeof message === 'string') expect(body.message).toBe(message);
    else expect(body.message).toMatch(message);
    expect(body.message).not.toContain(dataDir);
    // Nothing started: no session "ended, 0 of 0 records".
    const snapshot = (await (await fetch(`${server.url}/api/snapshot`)).json()) as { status: unknown };
    expect(SourceStatusSchema.parse(snapshot.status).state).toBe('idle');
  });

  it('refuses a list with one wrong file among recordings, and starts the recording alone', async () => {
    expect((await start(['tweets.jsonl', 'users.jsonl'])).status).toBe(400);
    const response = await start(['tweets.jsonl']);
    expect(response.status).toBe(200);
    expect(SourceStatusSchema.parse(await response.json()).kind).toBe('replay');
  });
});

describe('PROFILES_FILE', () => {
  it('refuses to start with a tweet recording as PROFILES_FILE, saying what it holds and where it belongs', async () => {
    const tweets = path.join(dataDir, 'tweets.jsonl');
    await expect(
      startTestServer({ DATA_DIR: dataDir, DEMO_FILES: '', PROFILES_FILE: tweets }),
    ).rejects.toThrow(
      `PROFILES_FILE ${tweets} holds 1 tweet, not user profiles: put it in DATA_DIR to replay it, or pass it to \`hashpulse analyze\`; PROFILES_FILE takes user profiles`,
    );
  });

  it('starts with a profiles file as PROFILES_FILE', async () => {
    const other = await startTestServer({
      DATA_DIR: dataDir,
      DEMO_FILES: '',
      PROFILES_FILE: path.join(dataDir, 'users.jsonl'),
    });
    await other.close();
  });
});
