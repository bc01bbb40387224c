// The saved session a restart resumes, on a real directory: what is read back, what is refused
// (and why, with the stable code), and which checkpoints saving and clearing keep.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedSession } from '@hashpulse/protocol';
import { SavedSessionError, SessionStateDir } from './session-state.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function stateDir(): Promise<SessionStateDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-session-state-'));
  dirs.push(dir);
  return new SessionStateDir(dir);
}

function session(id: string): SavedSession {
  return {
    version: 1,
    id,
    kind: 'replay',
    files: ['demo/tweets.jsonl.gz'],
    speed: 10,
    loop: false,
    window: { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 },
    startedAt: 1_700_000_000_000,
  };
}

describe('the saved session', () => {
  it('is null before any session was saved, even when the directory does not exist', async () => {
    const state = await stateDir();
    expect(await state.load()).toBeNull();
    expect(await new SessionStateDir(path.join(state.dir, 'not-yet')).load()).toBeNull();
  });

  it('reads back what was saved, as formatted JSON in session.json', async () => {
    const state = await stateDir();
    await state.save(session('one'));
    expect(await state.load()).toEqual(session('one'));
    const text = await readFile(path.join(state.dir, 'session.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify(session('one'), null, 2)}\n`);
  });

  it('keeps each session its own checkpoint directory under checkpoints/', async () => {
    const state = await stateDir();
    expect(state.checkpointDir('abc')).toBe(path.join(state.dir, 'checkpoints', 'abc'));
    await state.save(session('abc'));
    expect(await readdir(path.join(state.dir, 'checkpoints'))).toEqual(['abc']);
  });

  it("saving a new session drops every other session's checkpoints and keeps its own", async () => {
    const state = await stateDir();
    await state.save(session('old'));
    await writeFile(path.join(state.checkpointDir('old'), 'checkpoint-1.bin'), 'x');
    await mkdir(state.checkpointDir('stray'), { recursive: true });
    await state.save(session('new'));
    await writeFile(path.join(state.checkpointDir('new'), 'checkpoint-2.bin'), 'y');
    await state.save(session('new'));
    expect(await readdir(path.join(state.dir, 'checkpoints'))).toEqual(['new']);
    expect(await readdir(state.checkpointDir('new'))).toEqual(['checkpoint-2.bin']);
    expect((await state.load())?.id).toBe('new');
  });

  it('clearing forgets the session and every checkpoint, and is harmless when there is nothing', async () => {
    const state = await stateDir();
    await state.clear();
    await state.save(session('one'));
    await writeFile(path.join(state.checkpointDir('one'), 'checkpoint-1.bin'), 'x');
    await state.clear();
    expect(await state.load()).toBeNull();
    expect(await readdir(path.join(state.dir, 'checkpoints'))).toEqual([]);
  });

  it('clearing fails, rather than leaving checkpoints behind, when their directory cannot be listed', async () => {
    const state = await stateDir();
    await writeFile(path.join(state.dir, 'checkpoints'), 'not a directory');
    await expect(state.clear()).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('a saved session that cannot be resumed', () => {
  async function refusal(content: string | null): Promise<SavedSessionError> {
    const state = await stateDir();
    if (content === null) await mkdir(path.join(state.dir, 'session.json'));
    else await writeFile(path.join(state.dir, 'session.json'), content);
    const error = await state.load().then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SavedSessionError);
    expect((error as SavedSessionError).code).toBe('HP_ERR_SERVER_SAVED_SESSION');
    expect((error as SavedSessionError).message).toContain(path.join(state.dir, 'session.json'));
    return error as SavedSessionError;
  }

  it('is refused when it is not JSON, saying so and keeping the parse error as the cause', async () => {
    const error = await refusal('{"version": 1,');
    expect(error.name).toBe('SavedSessionError');
    expect(error.message).toMatch(/is not JSON \(/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('is refused when it is JSON of another shape, naming the field on one line', async () => {
    const { message } = await refusal(JSON.stringify({ ...session('x'), id: 'Not An Id' }));
    expect(message).toMatch(/is not a session this server can resume: .*id/);
    expect(message).not.toContain('\n');
    // Each problem on the same line, apart: "... → at id ✖ ...".
    const twice = await refusal(JSON.stringify({ ...session('x'), id: 'Not An Id', loop: 'yes' }));
    expect(twice.message).toMatch(/→ at (id|loop) ✖ /);
    expect((await refusal(JSON.stringify({ ...session('x'), extra: 1 }))).message).toMatch(/can resume/);
  });

  it('is refused when it cannot be read (a directory in its place), with the reason and its cause', async () => {
    const error = await refusal(null);
    expect(error.message).toMatch(/^cannot read .*session\.json: EISDIR/);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('EISDIR');
  });
});
