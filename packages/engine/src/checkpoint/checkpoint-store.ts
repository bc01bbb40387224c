// Checkpoint files in a directory: written atomically (temp file, fsync, rename, fsync of the
// directory) so a crash leaves either the old or the new checkpoint, never half of one; each file
// carries a SHA-256 of its body, so a damaged file is detected and an older one used.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { CheckpointError } from '../errors.js';
import { ATOMIC_TEMP_MARK, writeFileAtomically } from './atomic-file.js';

const MAGIC = Buffer.from('HPCK1\n');
const NAME = /^checkpoint-(\d{16})\.bin$/;
const KEEP = 2;

export interface StoredCheckpoint<T> {
  batchTime: number;
  path: string;
  payload: T;
}

export class CheckpointStore {
  constructor(readonly dir: string) {}

  /** Serialises now (so later changes to the state cannot leak in), then writes atomically. */
  encode(payload: unknown): Buffer {
    const body = v8.serialize(payload);
    const digest = createHash('sha256').update(body).digest();
    return Buffer.concat([MAGIC, digest, body]);
  }

  async write(batchTime: number, data: Buffer): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const final = path.join(this.dir, `checkpoint-${String(batchTime).padStart(16, '0')}.bin`);
    await writeFileAtomically(final, data);
    await this.prune();
    return final;
  }

  /** The newest intact checkpoint, or undefined when the directory holds none. */
  async readLatest<T>(): Promise<StoredCheckpoint<T> | undefined> {
    const names = await this.list();
    const damaged: string[] = [];
    for (const name of names.reverse()) {
      const file = path.join(this.dir, name);
      const data = await readFile(file);
      const body = data.subarray(MAGIC.length + 32);
      const intact =
        data.subarray(0, MAGIC.length).equals(MAGIC) &&
        createHash('sha256')
          .update(body)
          .digest()
          .equals(data.subarray(MAGIC.length, MAGIC.length + 32));
      if (!intact) {
        damaged.push(name);
        continue;
      }
      return { batchTime: Number(NAME.exec(name)![1]), path: file, payload: v8.deserialize(body) as T };
    }
    if (damaged.length > 0) {
      throw new CheckpointError(
        `every checkpoint in ${this.dir} is damaged (${damaged.join(', ')}): delete the directory to start over`,
      );
    }
    return undefined;
  }

  private async list(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((name) => NAME.test(name)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Keeps the newest checkpoints and removes temp files left by a crash. */
  private async prune(): Promise<void> {
    const names = await this.list();
    for (const name of names.slice(0, Math.max(0, names.length - KEEP)))
      await rm(path.join(this.dir, name), { force: true });
    for (const name of await readdir(this.dir)) {
      if (name.startsWith('checkpoint-') && name.includes(`.bin${ATOMIC_TEMP_MARK}`))
        await rm(path.join(this.dir, name), { force: true });
    }
  }
}
