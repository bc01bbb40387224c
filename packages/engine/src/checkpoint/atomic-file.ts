// Writes a file so that a crash leaves either the old content or the new, never half of it: a
// temp file beside it, fsync, rename over the target, fsync of the directory.
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** The suffix of temp files this leaves behind when the process dies mid-write. */
export const ATOMIC_TEMP_MARK = '.tmp-';

export async function writeFileAtomically(file: string, data: Buffer | string): Promise<void> {
  // Stryker disable next-line MethodExpression: equivalent, the "0." prefix keeps the name as unique
  const temp = `${file}${ATOMIC_TEMP_MARK}${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const dir = await open(path.dirname(file), 'r');
  // Stryker disable next-line BlockStatement: durability only, the rename is on disk after a power loss; no test can lose power
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
