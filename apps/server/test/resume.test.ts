// Resume after a crash: a replay started from the API, killed with SIGKILL mid-way and started
// again from its checkpoint, ends with the windows of a run that was never interrupted; a damaged
// checkpoint is reported and the server starts afresh. Real server processes, real kill -9.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, SourceStatus } from '@hashpulse/protocol';
import { writeGeneratedStream } from '../src/generate/index.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const TOKEN = 'resume-test-admin-token-0123456789abcdef';
const RECORDING = 'stream.jsonl.gz';

let root: string;
let dataDir: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-resume-'));
  dataDir = path.join(root, 'data');
  await mkdir(dataDir);
  // Big enough that a `max` replay is still playing when the test has seen two checkpoints.
  const generated = path.join(root, 'generated.jsonl');
  await writeGeneratedStream({
    minutes: 10,
    rate: 30,
    seed: 7,
    startMs: Date.UTC(2024, 2, 1, 12, 0, 0),
    out: generated,
    profilesOut: path.join(dataDir, 'users.jsonl'),
  });
  // Without includes.users: profiles that arrive in the stream fill the store when their record is
  // pushed, not in batch order, so which later joins see them depends on timing even in two runs
  // that are never interrupted. With a static store, every result of a run is reproducible.
  const lines = (await readFile(generated, 'utf8')).split('\n').filter((line) => line !== '');
  const withoutUsers = lines.map((line) => {
    const message = JSON.parse(line) as { includes?: { users?: unknown } };
    delete message.includes?.users;
    return JSON.stringify(message);
  });
  await writeFile(path.join(dataDir, RECORDING), gzipSync(`${withoutUsers.join('\n')}\n`));
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((server) => server.kill('SIGKILL')));
  await rm(root, { recursive: true, force: true });
});

async function start(stateDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServerProcess(
    {
      ADMIN_TOKEN: TOKEN,
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      DEMO_FILES: '',
      PROFILES_FILE: path.join(dataDir, 'users.jsonl'),
      STATE_DIR: stateDir,
      BATCH_INTERVAL: '1s',
      WINDOW_LENGTH: '1m',
      SLIDE: '5s',
      ...env,
    },
    root,
  );
  servers.push(server);
  return server;
}

async function control(server: ServerProcess, action: string, body: unknown = {}): Promise<SourceStatus> {
  const response = await fetch(`${server.url}/api/replay/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as SourceStatus;
}

async function snapshot(server: ServerProcess): Promise<Snapshot> {
  return (await (await fetch(`${server.url}/api/snapshot`)).json()) as Snapshot;
}

/** Polls until `accept` holds (the server is another process: there is no event to await here). */
async function waitFor<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const value = await read();
    if (accept(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The windows once the replay has ended and the last batches are processed (three equal reads). */
async function finalWindows(server: ServerProcess): Promise<Snapshot['windows']> {
  let previous = '';
  let same = 0;
  const final = await waitFor(
    'the replay to end and its windows to settle',
    () => snapshot(server),
    (current) => {
      if (current.status.state !== 'ended') return false;
      const text = JSON.stringify(current.windows);
      same = text === previous ? same + 1 : 0;
      previous = text;
      return same >= 2;
    },
  );
  return final.windows;
}

async function checkpointFiles(stateDir: string): Promise<string[]> {
  const root = path.join(stateDir, 'checkpoints');
  if (!existsSync(root)) return [];
  const files: string[] = [];
  for (const session of await readdir(root))
    for (const name of await readdir(path.join(root, session)))
      if (/^checkpoint-\d+\.bin$/.test(name)) files.push(path.join(root, session, name));
  return files;
}

describe('a replay killed with SIGKILL mid-way', () => {
  it('resumes from its checkpoint and ends with the windows of an uninterrupted run', async () => {
    const plainState = path.join(root, 'state-plain');
    const plain = await start(plainState);
    await control(plain, 'start', { files: [RECORDING], speed: 'max', loop: false });
    const expected = await finalWindows(plain);
    await plain.kill('SIGTERM');
    expect(expected.length).toBeGreaterThan(50);

    const crashState = path.join(root, 'state-crash');
    const crashed = await start(crashState);
    await control(crashed, 'start', { files: [RECORDING], speed: 'max', loop: false });
    // Killed as soon as a checkpoint is on disk (the first is taken after the first batch) and the
    // replay has moved on: mid-way, with batches processed after that checkpoint that the restart
    // must not count twice. (Not waiting for a second one: checkpoints are at least 1 s apart in
    // wall time, and the whole recording now plays at `max` in about 1.3 s. Not paused first: a
    // paused `max` replay lets the profiles its last records carried into the store reach joins
    // sooner than an unpaused run would, which is not what this test compares.)
    await waitFor(
      'a checkpoint and the replay past it',
      async () => ({
        files: await checkpointFiles(crashState),
        status: (await snapshot(crashed)).status,
      }),
      ({ files, status }) =>
        files.length >= 1 && status.state === 'running' && (status.replay?.position ?? 0) > 0,
    );
    await crashed.kill('SIGKILL');

    const resumed = await start(crashState);
    const windows = await finalWindows(resumed);
    const status = (await snapshot(resumed)).status;
    // Resumed from a checkpoint inside the recording, before its end. (Not compared with the first
    // window kept: the snapshot keeps only the latest windows, and a loaded machine may kill early.)
    expect(status.resumedFrom).toBeGreaterThan(Date.UTC(2020, 0, 1));
    expect(status.resumedFrom).toBeLessThan(expected.at(-1)!.end);
    expect(resumed.logs().some((log) => log.level === 30 && /resumed the replay of/.test(log.msg))).toBe(
      true,
    );
    // Same windows, none counted twice, none missing.
    expect(windows).toEqual(expected);
    await resumed.kill('SIGTERM');
  }, 300_000);
});

describe('a damaged checkpoint', () => {
  it('is reported clearly and the server starts afresh', async () => {
    const stateDir = path.join(root, 'state-damaged');
    const id = 'damaged-session';
    await mkdir(path.join(stateDir, 'checkpoints', id), { recursive: true });
    await writeFile(
      path.join(stateDir, 'session.json'),
      JSON.stringify({
        version: 1,
        id,
        kind: 'replay',
        files: [RECORDING],
        speed: 'max',
        loop: false,
        window: { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 },
        startedAt: Date.now(),
      }),
    );
    await writeFile(
      path.join(stateDir, 'checkpoints', id, 'checkpoint-0001709294400000.bin'),
      'HPCK1\nnot a checkpoint at all',
    );

    const server = await start(stateDir, { DEMO_FILES: RECORDING, REPLAY_SPEED: '10' });
    const errors = server.logs().filter((log) => log.level >= 50);
    expect(errors.map((log) => log.msg)).toEqual([
      expect.stringMatching(
        /^cannot resume the saved session in .*: every checkpoint in .* is damaged .* Starting afresh/,
      ),
    ]);
    // Afresh: the default replay plays from its first record, and the damaged session is gone.
    const status = await waitFor(
      'the default replay',
      async () => (await snapshot(server)).status,
      (s) => s.state === 'running',
    );
    expect(status.resumedFrom).toBeNull();
    expect(status.replay!.pass).toBe(1);
    expect(existsSync(path.join(stateDir, 'checkpoints', id))).toBe(false);
    await server.kill('SIGTERM');
  }, 120_000);
});
