import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profile } from '../../test/support/profiles.js';
import { FileProfileStore } from './file-profile-store.js';
import { ProfileFileError } from './errors.js';
import type { MalformedProfileLine } from './profile-file-reader.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const USERS = path.resolve(repoRoot, 'test-data/x-api-v2/users.jsonl');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hashpulse-profiles-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, content);
  return target;
}

describe('file profile store', () => {
  it('loads the recorded v2 user-lookup page, one profile per distinct id', async () => {
    const store = await FileProfileStore.load(USERS);
    // The page holds 96 user objects for 91 distinct ids (some users were looked up twice).
    expect(store.report).toMatchObject({ lines: 1, records: 96, skipped: 0 });
    expect(await store.size()).toBe(91);
    const found = await store.lookup(['119369819', '95500726', '1', '119369819']);
    // By position, repeats and misses included.
    expect(found.map((profile) => profile?.id)).toEqual(['119369819', '95500726', undefined, '119369819']);
    expect(found[3]).toBe(found[0]);
    expect(found[0]).toMatchObject({
      username: 'DoDirty78',
      followers: 580,
      following: 518,
      tweetCount: 55186,
      location: 'NC',
    });
    expect(store.stats()).toMatchObject({ lookups: 1, requested: 4, matched: 3, queries: 0 });
    await store.close();
  });

  it('loads one user object per line and gzip-compressed files', async () => {
    const lines = [
      JSON.stringify({ id: '1', username: 'one', public_metrics: { followers_count: 5 } }),
      JSON.stringify({ data: { id: '2', username: 'two' } }),
      '',
      JSON.stringify({ errors: [{ title: 'Not Found Error' }] }),
    ].join('\n');
    const store = await FileProfileStore.load(await file('users.jsonl.gz', gzipSync(lines)));
    expect(store.report.skipped).toBe(0);
    expect(await store.size()).toBe(2);
    expect((await store.lookup(['1']))[0]).toMatchObject({ username: 'one', followers: 5 });
  });

  it('reports each malformed JSONL line with its number and loads the rest', async () => {
    const seen: MalformedProfileLine[] = [];
    const target = await file(
      'mixed.jsonl',
      [
        JSON.stringify({ id: '1', username: 'a' }),
        '{"id": "2", "username": ',
        JSON.stringify({ data: [{ id: '3' }, { username: 'no id' }, { id: '4' }] }),
        '[1,2]',
        JSON.stringify({ meta: {} }),
        JSON.stringify({ id: '5' }),
      ].join('\r\n'),
    );
    const store = await FileProfileStore.load(target, { onMalformed: (m) => seen.push(m) });
    expect(seen.map((m) => [m.line, m.reason.slice(0, 30)])).toEqual([
      [2, 'not valid JSON (Unexpected end'],
      [3, 'data[1]: user object has no id'],
      [4, 'not a JSON object'],
      [5, 'neither a user object (no "id"'],
    ]);
    expect(store.report).toMatchObject({ lines: 6, records: 4, skipped: 4 });
    const found = await store.lookup(['1', '2', '3', '4', '5']);
    expect(found.map((profile) => profile?.id)).toEqual(['1', undefined, '3', '4', '5']);
  });

  it('loads CSV with quoted fields and twarc-csv column names, skipping bad rows by line', async () => {
    const target = await file(
      'users.csv',
      '\uFEFFid,username,name,public_metrics.followers_count,following,tweet_count,verified,created_at,location,description\n' +
        '10,ten,"Ten, the ""tenth""",100,2,3,true,2020-01-02T03:04:05.000Z,"Paris, FR",likes commas\n' +
        '11,eleven,,,,,,,,\n' +
        '12,twelve,"unterminated,1,2,3,false,,x,\n' +
        '13,thirteen,Thirteen,lots,1,1,false,,,\n' +
        '14,short\n' +
        'abc,letters,,,,,,,,\n' +
        '15,fifteen,Fifteen,7,0,0,no,1577934245000,,\n',
    );
    const seen: MalformedProfileLine[] = [];
    const store = await FileProfileStore.load(target, { onMalformed: (m) => seen.push(m) });
    expect(seen.map((m) => m.line)).toEqual([4, 5, 6, 7]);
    expect(seen[1]?.reason).toBe('followers "lots" is not a non-negative integer');
    expect(seen[2]?.reason).toBe('expected 10 fields as in the header, got 2');
    expect(await store.size()).toBe(3);
    const [ten, eleven, fifteen] = await store.lookup(['10', '11', '15']);
    expect(ten).toEqual({
      id: '10',
      username: 'ten',
      name: 'Ten, the "tenth"',
      verified: true,
      followers: 100,
      following: 2,
      tweetCount: 3,
      createdAt: Date.parse('2020-01-02T03:04:05.000Z'),
      location: 'Paris, FR',
    });
    expect(eleven).toMatchObject({ name: null, followers: null, verified: null });
    expect(fifteen).toMatchObject({ verified: false, followers: 7, createdAt: 1577934245000 });
  });

  it('refuses a CSV whose header has no id column', async () => {
    const target = await file('noid.csv', 'username,followers\na,1\n');
    await expect(FileProfileStore.load(target)).rejects.toThrow(
      /noid\.csv:1: the header row \(username,followers\) has no id column/,
    );
  });

  it('refuses a missing file, a directory and a cut-off gzip with a clear error', async () => {
    const absent = path.join(dir, 'absent.jsonl');
    const error = await FileProfileStore.load(absent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileFileError);
    expect((error as ProfileFileError).message).toBe(
      `cannot read profiles file ${absent}: no such file; pass a readable JSONL or CSV file of user profiles`,
    );
    await expect(FileProfileStore.load(dir)).rejects.toThrow(/it is a directory/);
    const whole = gzipSync(
      Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: String(i) })).join('\n'),
    );
    const cut = await file('cut.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    const cutError = await FileProfileStore.load(cut).catch((e: unknown) => e);
    expect(cutError).toBeInstanceOf(ProfileFileError);
    expect((cutError as Error).message).toMatch(
      /^cannot read profiles file .*cut\.jsonl\.gz: the gzip stream ends early/,
    );
  });

  it('fills from the stream without erasing known fields with nulls', async () => {
    const store = await FileProfileStore.load(USERS);
    await store.add([profile('119369819', { followers: 600 }), profile('999', { username: 'new' })]);
    const [known, added] = await store.lookup(['119369819', '999']);
    expect(known).toMatchObject({ username: 'DoDirty78', followers: 600, following: 518 });
    expect(added?.username).toBe('new');
    expect(await store.size()).toBe(92);
    await store.close();
    await expect(store.lookup(['999'])).rejects.toThrow(/profile store is closed/);
  });
});
