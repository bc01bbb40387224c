// The server's state directory: the saved session (which replay plays, validated by the protocol's
// schema) and that session's engine checkpoints, so a restart or a crash resumes it.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '@hashpulse/engine';
import { SavedSessionSchema, type SavedSession, z } from '@hashpulse/protocol';
import { HashpulseError } from '../errors.js';

/** The saved session cannot be read or is not one this server wrote: it is set aside, not resumed. */
export class SavedSessionError extends HashpulseError {
  override readonly name = 'SavedSessionError';
  override readonly code = 'HP_ERR_SERVER_SAVED_SESSION';
}

const SESSION_FILE = 'session.json';

export class SessionStateDir {
  constructor(readonly dir: string) {}

  /** Where the engine of session `id` writes its checkpoints. */
  checkpointDir(id: string): string {
    return path.join(this.dir, 'checkpoints', id);
  }

  /** The saved session, or null when there is none. Throws SavedSessionError for a bad file. */
  async load(): Promise<SavedSession | null> {
    const file = path.join(this.dir, SESSION_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new SavedSessionError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new SavedSessionError(`${file} is not JSON (${(error as Error).message})`, { cause: error });
    }
    const parsed = SavedSessionSchema.safeParse(json);
    if (!parsed.success) {
      throw new SavedSessionError(
        `${file} is not a session this server can resume: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`,
      );
    }
    return parsed.data;
  }

  /** Saves a new session (atomically) and drops the checkpoints of every other. */
  async save(session: SavedSession): Promise<void> {
    await mkdir(this.checkpointDir(session.id), { recursive: true });
    await writeFileAtomically(path.join(this.dir, SESSION_FILE), `${JSON.stringify(session, null, 2)}\n`);
    await this.dropCheckpoints(session.id);
  }

  /** Forgets the session and its checkpoints: the next start begins afresh. */
  async clear(): Promise<void> {
    await rm(path.join(this.dir, SESSION_FILE), { force: true });
    await this.dropCheckpoints(null);
  }

  private async dropCheckpoints(keep: string | null): Promise<void> {
    const root = path.join(this.dir, 'checkpoints');
    let names: string[];
    try {
      names = await readdir(root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names)
      if (name !== keep) await rm(path.join(root, name), { recursive: true, force: true });
  }
}
