// Path confinement in the order that keeps it safe (names are judged before the file system is
// asked, so nothing outside can be probed), the errors a caller acts on, and the listing's order,
// depth and size limits.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTING_LIMITS, isRecordingName, listDataFiles, realDataDir, resolveDataFile } from './data-dir.js';
import { DataDirNotFoundError, DataFileNotFoundError, PathOutsideDataDirError } from './errors.js';

let base: string;
let dataDir: string;
let realData: string;
/** A symbolic link to the data directory, as DATA_DIR may name it. */
let linkedDataDir: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-datadir-limits-'));
  dataDir = path.join(base, 'data');
  await mkdir(path.join(dataDir, 'demo'), { recursive: true });
  await writeFile(path.join(dataDir, 'demo', 'tweets.jsonl'), '{"data":{"id":"1","text":"t"}}\n');
  await writeFile(path.join(dataDir, '..dots.jsonl'), '{}\n');
  await writeFile(path.join(base, 'file-not-dir'), 'x');
  await mkdir(path.join(base, 'data-sibling'));
  await writeFile(path.join(base, 'data-sibling', 'x.jsonl'), '{}\n');
  linkedDataDir = path.join(base, 'linked-data');
  await symlink(dataDir, linkedDataDir);
  realData = await realDataDir(dataDir);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('path confinement', () => {
  it('refuses an outside path that does not exist as outside, not as missing (no probing)', async () => {
    for (const name of [path.join(base, 'no-such-file.jsonl'), '/no/such/dir/file.jsonl']) {
      const attempt = resolveDataFile(dataDir, name);
      await expect(attempt).rejects.toBeInstanceOf(PathOutsideDataDirError);
      await expect(attempt).rejects.toThrow(`${JSON.stringify(name)} is outside the data directory`);
    }
  });

  it('refuses a sibling directory whose name starts like the data directory', async () => {
    await expect(resolveDataFile(dataDir, path.join(base, 'data-sibling', 'x.jsonl'))).rejects.toBeInstanceOf(
      PathOutsideDataDirError,
    );
  });

  it('refuses the directory above the data directory, named absolutely', async () => {
    const attempt = resolveDataFile(dataDir, path.dirname(dataDir));
    await expect(attempt).rejects.toBeInstanceOf(PathOutsideDataDirError);
    await expect(attempt).rejects.toThrow(/is outside the data directory/);
  });

  it('refuses the data directory itself', async () => {
    for (const name of ['.', dataDir, `${dataDir}/`]) {
      await expect(resolveDataFile(dataDir, name)).rejects.toBeInstanceOf(PathOutsideDataDirError);
    }
  });

  it('opens a file whose name merely starts with two dots', async () => {
    expect(await resolveDataFile(dataDir, '..dots.jsonl')).toBe(path.join(realData, '..dots.jsonl'));
  });

  it('accepts absolute names through the data directory as configured or as resolved', async () => {
    const real = path.join(realData, 'demo', 'tweets.jsonl');
    expect(await resolveDataFile(linkedDataDir, path.join(linkedDataDir, 'demo', 'tweets.jsonl'))).toBe(real);
    expect(await resolveDataFile(linkedDataDir, real)).toBe(real);
    expect(await resolveDataFile(linkedDataDir, 'demo/tweets.jsonl')).toBe(real);
  });

  it('refuses blank and non-text names as empty', async () => {
    for (const name of ['   ', '\t', undefined as unknown as string, 42 as unknown as string]) {
      const attempt = resolveDataFile(dataDir, name);
      await expect(attempt).rejects.toBeInstanceOf(PathOutsideDataDirError);
      await expect(attempt).rejects.toThrow(
        `an empty file name was given: only files under the data directory ${realData} can be opened (names relative to it, without "..")`,
      );
    }
  });

  it('a missing file inside says where to list the files, keeping the cause', async () => {
    const error = await resolveDataFile(dataDir, 'demo/none.jsonl').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataFileNotFoundError);
    expect((error as Error).message).toBe(
      `"demo/none.jsonl" does not exist in the data directory ${realData}: list the files with GET /api/replay/files`,
    );
    expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });
  });

  it('a missing data directory says to create it or set DATA_DIR, keeping the cause', async () => {
    const missing = path.join(base, 'nope');
    const error = await realDataDir(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataDirNotFoundError);
    expect((error as Error).message).toBe(
      `data directory ${missing} does not exist: create it or set DATA_DIR to an existing directory`,
    );
    expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });
  });

  it('a data directory that is a file is refused as not a directory', async () => {
    const file = path.join(base, 'file-not-dir');
    await expect(realDataDir(file)).rejects.toBeInstanceOf(DataDirNotFoundError);
    const real = path.join(await realDataDir(base), 'file-not-dir');
    await expect(listDataFiles(file)).rejects.toThrow(
      `data directory ${real} is not a directory: set DATA_DIR to a directory`,
    );
  });
});

describe('listing limits and order', () => {
  let tree: string;

  beforeAll(async () => {
    tree = path.join(base, 'tree');
    // Nested directories l1/l2/.../l10, one recording in each and one at the top.
    let dir = tree;
    await mkdir(dir);
    await writeFile(path.join(dir, 'top.jsonl'), '');
    for (let level = 1; level <= 10; level++) {
      dir = path.join(dir, `l${level}`);
      await mkdir(dir);
      await writeFile(path.join(dir, `f${level}.jsonl`), '');
    }
    // Names in an order no directory listing gives back sorted by chance.
    for (const name of ['m.json', 'B.JSONL', 'z.jsonl.gz', 'a.jsonl', 'k.jsonl', 'c.JSON', 'y.txt']) {
      await writeFile(path.join(tree, name), '{}\n');
    }
    await symlink(path.join(tree, 'missing-target.jsonl'), path.join(tree, 'dangling.jsonl'));
    await symlink(path.join(tree, 'l1'), path.join(tree, 'linked-dir'));
    await symlink(path.join(tree, 'a.jsonl'), path.join(tree, 'link-to-a.jsonl'));
  });

  it('sorts by name, and walks eight directories deep by default', async () => {
    const names = (await listDataFiles(tree)).map((file) => file.name);
    expect(names).toEqual([
      'B.JSONL',
      'a.jsonl',
      'c.JSON',
      'k.jsonl',
      'l1/f1.jsonl',
      'l1/l2/f2.jsonl',
      'l1/l2/l3/f3.jsonl',
      'l1/l2/l3/l4/f4.jsonl',
      'l1/l2/l3/l4/l5/f5.jsonl',
      'l1/l2/l3/l4/l5/l6/f6.jsonl',
      'l1/l2/l3/l4/l5/l6/l7/f7.jsonl',
      'l1/l2/l3/l4/l5/l6/l7/l8/f8.jsonl',
      'link-to-a.jsonl',
      'm.json',
      'top.jsonl',
      'z.jsonl.gz',
    ]);
    expect(LISTING_LIMITS).toEqual({ maxDepth: 8, maxFiles: 10_000 });
  });

  it('stops at the depth it is given, never following a linked directory', async () => {
    const names = (await listDataFiles(tree, { maxDepth: 2, maxFiles: 100 })).map((file) => file.name);
    expect(names.filter((name) => name.includes('/'))).toEqual(['l1/f1.jsonl', 'l1/l2/f2.jsonl']);
    const flat = (await listDataFiles(tree, { maxDepth: 0, maxFiles: 100 })).map((file) => file.name);
    expect(flat.some((name) => name.includes('/'))).toBe(false);
  });

  it('lists at most the number of files it is given', async () => {
    const all = await listDataFiles(tree, { maxDepth: 0, maxFiles: 100 });
    expect(all).toHaveLength(8);
    for (const limit of [1, 3, 8]) {
      const some = await listDataFiles(tree, { maxDepth: 0, maxFiles: limit });
      expect(some).toHaveLength(limit);
      expect(some.map((file) => file.name)).toEqual([...some.map((file) => file.name)].sort());
    }
    expect(await listDataFiles(tree, { maxDepth: 8, maxFiles: 0 })).toEqual([]);
  });

  it('a link to a recording inside is listed with the target size and kind', async () => {
    const files = await listDataFiles(tree, { maxDepth: 0, maxFiles: 100 });
    const link = files.find((file) => file.name === 'link-to-a.jsonl');
    const target = files.find((file) => file.name === 'a.jsonl');
    expect(link).toEqual({ ...target, name: 'link-to-a.jsonl' });
    expect(target?.bytes).toBe(3);
    expect(Number.isInteger(target?.modifiedAt)).toBe(true);
  });

  it('sorts by the whole name, so a file comes before the directory sharing its stem', async () => {
    // A depth-first walk meets b/x.jsonl with b, before b.jsonl; by name "b." sorts before "b/".
    const dir = path.join(base, 'stems');
    await mkdir(path.join(dir, 'b'), { recursive: true });
    await writeFile(path.join(dir, 'b', 'x.jsonl'), '');
    await writeFile(path.join(dir, 'b.jsonl'), '');
    await writeFile(path.join(dir, 'a.jsonl'), '');
    await writeFile(path.join(dir, 'c.jsonl'), '');
    expect((await listDataFiles(dir)).map((file) => file.name)).toEqual([
      'a.jsonl',
      'b.jsonl',
      'b/x.jsonl',
      'c.jsonl',
    ]);
  });

  it('recognises recordings by suffix, in any case', () => {
    for (const name of ['a.jsonl', 'A.JSONL', 'b.jsonl.gz', 'c.Json'])
      expect(isRecordingName(name)).toBe(true);
    for (const name of ['a.txt', 'a.jsonl.bak', 'jsonl', 'a.gz']) expect(isRecordingName(name)).toBe(false);
  });
});
