import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDataFiles, resolveDataFile } from './data-dir.js';
import { DataDirNotFoundError, DataFileNotFoundError, PathOutsideDataDirError } from './errors.js';

let base: string;
let dataDir: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-datadir-'));
  dataDir = path.join(base, 'data');
  await mkdir(path.join(dataDir, 'demo', 'nested'), { recursive: true });
  await mkdir(path.join(dataDir, '.hidden'));
  await writeFile(path.join(dataDir, 'demo', 'tweets.jsonl'), '{"a":1}\n');
  await writeFile(path.join(dataDir, 'demo', 'nested', 'more.jsonl.gz'), 'xx');
  await writeFile(path.join(dataDir, 'page.json'), '{}');
  await writeFile(path.join(dataDir, 'notes.txt'), 'not a recording');
  await writeFile(path.join(dataDir, '.hidden', 'secret.jsonl'), '{}');
  await writeFile(path.join(base, 'outside.jsonl'), '{"secret":true}\n');
  await symlink(path.join(base, 'outside.jsonl'), path.join(dataDir, 'escape.jsonl'));
  await symlink(path.join(dataDir, 'demo', 'tweets.jsonl'), path.join(dataDir, 'alias.jsonl'));
  await symlink(base, path.join(dataDir, 'up'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('data directory confinement', () => {
  it('opens a file named relative to the data directory, and an absolute path inside it', async () => {
    const real = await resolveDataFile(dataDir, 'demo/tweets.jsonl');
    expect(real.endsWith(path.join('data', 'demo', 'tweets.jsonl'))).toBe(true);
    expect(await resolveDataFile(dataDir, path.join(dataDir, 'demo', 'tweets.jsonl'))).toBe(real);
  });

  it('follows a symbolic link whose target stays inside', async () => {
    expect(await resolveDataFile(dataDir, 'alias.jsonl')).toBe(
      await resolveDataFile(dataDir, 'demo/tweets.jsonl'),
    );
  });

  it.each([
    ['../outside.jsonl', /contains "\.\."/],
    ['demo/../../outside.jsonl', /contains "\.\."/],
    ['demo/../tweets.jsonl', /contains "\.\."/],
    ['..\\outside.jsonl', /contains "\.\."/],
    ['/etc/passwd', /outside the data directory/],
    ['demo/tweets.jsonl\0.png', /NUL byte/],
    ['', /empty file name/],
    ['escape.jsonl', /symbolic link.*outside the data directory/],
    ['up/outside.jsonl', /symbolic link.*outside the data directory/],
  ])('refuses %j with PathOutsideDataDirError', async (name, message) => {
    const attempt = resolveDataFile(dataDir, name);
    await expect(attempt).rejects.toBeInstanceOf(PathOutsideDataDirError);
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toThrow(/only files under the data directory/);
  });

  it('refuses an absolute path outside even when the file exists', async () => {
    await expect(resolveDataFile(dataDir, path.join(base, 'outside.jsonl'))).rejects.toBeInstanceOf(
      PathOutsideDataDirError,
    );
  });

  it('says when a file is missing or is a directory', async () => {
    await expect(resolveDataFile(dataDir, 'demo/missing.jsonl')).rejects.toBeInstanceOf(
      DataFileNotFoundError,
    );
    await expect(resolveDataFile(dataDir, 'demo')).rejects.toThrow(/not a regular file/);
  });

  it('says when the data directory itself is missing', async () => {
    await expect(resolveDataFile(path.join(base, 'nope'), 'a.jsonl')).rejects.toBeInstanceOf(
      DataDirNotFoundError,
    );
  });
});

describe('listing recordings', () => {
  it('lists .jsonl, .jsonl.gz and .json files inside, with size and time, never outside targets', async () => {
    const files = await listDataFiles(dataDir);
    expect(files.map((file) => file.name)).toEqual([
      'alias.jsonl',
      'demo/nested/more.jsonl.gz',
      'demo/tweets.jsonl',
      'page.json',
    ]);
    const tweets = files.find((file) => file.name === 'demo/tweets.jsonl');
    expect(tweets?.bytes).toBe(8);
    expect(tweets?.modifiedAt).toBeGreaterThan(Date.UTC(2020, 0, 1));
  });
});
