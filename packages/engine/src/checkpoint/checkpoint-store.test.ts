// Checkpoint files on a real directory: which one recovery reads (the newest intact), what a
// damaged or foreign file does, how many are kept, and that a crash's temp files are cleaned up
// and a write is all-or-nothing.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointError } from '../errors.js';
import { writeFileAtomically } from './atomic-file.js';
import { CheckpointStore } from './checkpoint-store.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'engine-checkpoint-store-'));
  dirs.push(dir);
  return dir;
}

describe('checkpoint files', () => {
  it('are named by their zero-padded batch time, in a directory created on first write', async () => {
    const store = new CheckpointStore(path.join(await tempDir(), 'a', 'b'));
    const file = await store.write(1_700_000_000_000, store.encode({ n: 1 }));
    expect(file).toBe(path.join(store.dir, 'checkpoint-0001700000000000.bin'));
    expect(await readdir(store.dir)).toEqual(['checkpoint-0001700000000000.bin']);
  });

  it('read back the newest with its batch time and payload, structured values included', async () => {
    const store = new CheckpointStore(await tempDir());
    const payload = { keys: new Map([['#a', 2]]), list: [1, 2, 3] };
    await store.write(5000, store.encode({ old: true }));
    await store.write(9000, store.encode(payload));
    const latest = await store.readLatest<typeof payload>();
    expect(latest).toEqual({
      batchTime: 9000,
      path: path.join(store.dir, 'checkpoint-0000000000009000.bin'),
      payload,
    });
  });

  it('are ordered by batch time, not by when they were written', async () => {
    const store = new CheckpointStore(await tempDir());
    await store.write(20_000, store.encode('later'));
    await store.write(3_000, store.encode('earlier'));
    expect((await store.readLatest<string>())?.payload).toBe('later');
  });

  it('read back the newest of many, whatever order the directory lists them in', async () => {
    const store = new CheckpointStore(await tempDir());
    const data = await readFile(await store.write(1000, store.encode({ n: 1 })));
    // Copies under other batch times, created out of order (a listing need not be sorted).
    for (const t of [5, 3, 9, 12, 7, 2, 11, 8, 4, 10, 6]) {
      await writeFile(path.join(store.dir, `checkpoint-${String(t * 1000).padStart(16, '0')}.bin`), data);
    }
    expect((await store.readLatest())?.batchTime).toBe(12_000);
  });

  it('hold the payload as it was when encoded, not as it is when written', async () => {
    const store = new CheckpointStore(await tempDir());
    const state = { count: 1 };
    const data = store.encode(state);
    state.count = 2;
    await store.write(1000, data);
    expect((await store.readLatest<typeof state>())?.payload).toEqual({ count: 1 });
  });

  it('start with the format header HPCK1 and a SHA-256 of the body', async () => {
    const store = new CheckpointStore(await tempDir());
    const file = await store.write(1000, store.encode({ n: 1 }));
    const data = await readFile(file);
    expect(data.subarray(0, 6).toString()).toBe('HPCK1\n');
    expect(data.subarray(6, 38)).toEqual(createHash('sha256').update(data.subarray(38)).digest());
  });

  it("never take a crash's temp file or another file ending like a checkpoint for one", async () => {
    const store = new CheckpointStore(await tempDir());
    await store.write(1000, store.encode('complete'));
    const newer = store.encode('not a checkpoint');
    await writeFile(path.join(store.dir, 'checkpoint-0000000000009000.bin.tmp-1-x'), newer);
    await writeFile(path.join(store.dir, 'old-checkpoint-0000000000009000.bin'), newer);
    await writeFile(path.join(store.dir, 'checkpoint-0000000000009000.bin.bak'), newer);
    expect(await store.readLatest<string>()).toMatchObject({ batchTime: 1000, payload: 'complete' });
  });

  it('are none in a directory that does not exist or holds only other files', async () => {
    const dir = await tempDir();
    expect(await new CheckpointStore(path.join(dir, 'missing')).readLatest()).toBeUndefined();
    await writeFile(path.join(dir, 'checkpoint-1.bin'), 'not a checkpoint name');
    await writeFile(path.join(dir, 'notes.txt'), 'x');
    expect(await new CheckpointStore(dir).readLatest()).toBeUndefined();
  });

  it('keep the two newest: older ones are removed on each write', async () => {
    const store = new CheckpointStore(await tempDir());
    for (const time of [1000, 2000, 3000, 4000]) await store.write(time, store.encode(time));
    expect((await readdir(store.dir)).sort()).toEqual([
      'checkpoint-0000000000003000.bin',
      'checkpoint-0000000000004000.bin',
    ]);
  });

  it('remove the temp files a crash left mid-write, and nothing that is not theirs', async () => {
    const store = new CheckpointStore(await tempDir());
    await writeFile(path.join(store.dir, 'checkpoint-0000000000001000.bin.tmp-123-abc'), 'half');
    await writeFile(path.join(store.dir, 'other.bin.tmp-123-abc'), 'not ours');
    await writeFile(path.join(store.dir, 'checkpoint-notes.txt'), 'not a temp file');
    await store.write(2000, store.encode(2));
    expect((await readdir(store.dir)).sort()).toEqual([
      'checkpoint-0000000000002000.bin',
      'checkpoint-notes.txt',
      'other.bin.tmp-123-abc',
    ]);
  });
});

describe('a damaged checkpoint', () => {
  async function storeWith(times: number[]): Promise<CheckpointStore> {
    const store = new CheckpointStore(await tempDir());
    for (const time of times) await store.write(time, store.encode({ time }));
    return store;
  }
  const fileOf = (store: CheckpointStore, time: number): string =>
    path.join(store.dir, `checkpoint-${String(time).padStart(16, '0')}.bin`);

  it('is skipped for the previous intact one: a flipped body byte, a cut file, a wrong header', async () => {
    for (const damage of [
      (data: Buffer) => Buffer.concat([data.subarray(0, -1), Buffer.from([data[data.length - 1]! ^ 1])]),
      (data: Buffer) => data.subarray(0, data.length - 3),
      (data: Buffer) => Buffer.concat([Buffer.from('HPCK2\n'), data.subarray(6)]),
      (data: Buffer) => Buffer.concat([data.subarray(0, 6), Buffer.alloc(32), data.subarray(38)]),
    ]) {
      const store = await storeWith([1000, 2000]);
      const newest = fileOf(store, 2000);
      await writeFile(newest, damage(await readFile(newest)));
      const latest = await store.readLatest<{ time: number }>();
      expect(latest?.batchTime).toBe(1000);
      expect(latest?.payload).toEqual({ time: 1000 });
    }
  });

  it('when every file is damaged, is a CheckpointError naming them and what to do', async () => {
    const store = await storeWith([1000, 2000]);
    await writeFile(fileOf(store, 1000), 'garbage');
    await writeFile(fileOf(store, 2000), '');
    const error = await store.readLatest().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as Error).message).toBe(
      `every checkpoint in ${store.dir} is damaged (checkpoint-0000000000002000.bin, checkpoint-0000000000001000.bin): delete the directory to start over`,
    );
  });

  it('is an error other than a missing directory when the directory cannot be listed', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'file'), 'x');
    await expect(new CheckpointStore(path.join(dir, 'file')).readLatest()).rejects.toMatchObject({
      code: 'ENOTDIR',
    });
  });
});

describe('writing a file atomically', () => {
  it('replaces the old content whole and leaves no temp file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'state.json');
    await writeFileAtomically(file, 'old');
    await writeFileAtomically(file, Buffer.from('new'));
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('keeps the old file and removes its temp file when the rename fails', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'taken');
    await mkdir(target);
    await writeFile(path.join(target, 'inside'), 'kept');
    await expect(writeFileAtomically(target, 'new')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['taken']);
    expect(await readFile(path.join(target, 'inside'), 'utf8')).toBe('kept');
  });

  it('fails with the error of the write itself when the directory does not exist, creating nothing', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomically(path.join(dir, 'missing', 'f'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
      syscall: 'open',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  // Linux lists a process's open files in /proc/self/fd; elsewhere there is nothing to count.
  it.runIf(process.platform === 'linux')('closes every file it opens, the directory included', async () => {
    const dir = await tempDir();
    const open = (): number => readdirSync('/proc/self/fd').length;
    await writeFileAtomically(path.join(dir, 'warm-up'), 'x');
    const before = open();
    for (let i = 0; i < 20; i++) await writeFileAtomically(path.join(dir, 'state.json'), `${i}`);
    expect(open()).toBe(before);
  });
});
