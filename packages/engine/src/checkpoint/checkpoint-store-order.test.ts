// Which checkpoint is read and which are pruned when the directory lists its files newest first:
// Node on Linux happens to list names sorted, other platforms and file systems need not.
import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CheckpointStore } from './checkpoint-store.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  // Lists a directory in reverse name order, as an unsorted listing may.
  const readdir = async (dir: string): Promise<string[]> => (await actual.readdir(dir)).sort().reverse();
  return { ...actual, readdir };
});

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function store(): Promise<CheckpointStore> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'engine-checkpoint-order-'));
  dirs.push(dir);
  return new CheckpointStore(dir);
}

describe('checkpoints listed newest first', () => {
  it('recovery still reads the newest batch', async () => {
    const checkpoints = await store();
    await checkpoints.write(1000, checkpoints.encode('older'));
    await checkpoints.write(2000, checkpoints.encode('newer'));
    expect(await checkpoints.readLatest<string>()).toMatchObject({ batchTime: 2000, payload: 'newer' });
  });

  it('pruning still removes the oldest and keeps the two newest', async () => {
    const checkpoints = await store();
    for (const time of [1000, 2000, 3000]) await checkpoints.write(time, checkpoints.encode(time));
    expect((await readdir(checkpoints.dir)).sort()).toEqual([
      'checkpoint-0000000000002000.bin',
      'checkpoint-0000000000003000.bin',
    ]);
  });
});
