// Every command refuses a file of the wrong kind with exit code 2 and one message that says what the
// file holds and what to do, and never prints a file's raw control bytes to the terminal.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';
import { REPO_ROOT, TEST_DATA } from '../support/paths.js';

const RECORDINGS = path.join(TEST_DATA, 'x-api-v2');
/** Raw control characters a terminal would act on (newline and tab aside). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
let dir: string;

function hashpulse(args: string[]): Promise<CliRun> {
  return runCli(args, {
    cwd: REPO_ROOT,
    env: { ...process.env, HASHPULSE_DEBUG: undefined, DATABASE_URL: undefined },
  });
}

/** Bytes that are neither UTF-8 nor text: NULs, escapes that clear the screen, the bell, 0xff. */
function binaryBytes(): Buffer {
  const hostile = Buffer.from('\x1b[2J\x1b]0;pwned\x07\x00\x00\xff\xfe', 'latin1');
  const noise = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256));
  return Buffer.concat([hostile, noise, hostile]);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectRefused(run: CliRun, message: string | RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(typeof message === 'string' ? `hashpulse: ${message}\n` : message);
  expect(run.stderr).not.toMatch(RAW_CONTROL);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-wrong-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hashpulse analyze refuses what is not a recording', () => {
  it('a profiles file: says how many profiles it holds and to pass it with --profiles', async () => {
    const run = await hashpulse(['analyze', 'data/demo/users.jsonl']);
    expectRefused(
      run,
      'data/demo/users.jsonl holds 2,762 user profiles, not tweets: pass it with --profiles',
    );
  });

  it('a binary file, without printing any of its bytes', async () => {
    const file = path.join(dir, 'photo.jsonl');
    await writeFile(file, binaryBytes());
    const run = await hashpulse(['analyze', file]);
    expectRefused(
      run,
      `${file} holds binary data, not tweets: name a tweet recording (X API JSON lines, .jsonl or .jsonl.gz)`,
    );
    expect(run.stderr).not.toContain('\ufffd');
  });

  it('an empty file and a file of blank lines', async () => {
    const empty = path.join(dir, 'empty.jsonl');
    const blank = path.join(dir, 'blank.jsonl');
    await writeFile(empty, '');
    await writeFile(blank, '\n\n\n');
    expectRefused(
      await hashpulse(['analyze', empty]),
      `${empty} is empty (0 bytes), not tweets: name a tweet recording (X API JSON lines, .jsonl or .jsonl.gz)`,
    );
    expectRefused(
      await hashpulse(['analyze', blank]),
      `${blank} holds only blank lines, not tweets: name a tweet recording (X API JSON lines, .jsonl or .jsonl.gz)`,
    );
  });

  it('a tweet recording given as --profiles: says to pass it as a FILE', async () => {
    const tweets = path.join(RECORDINGS, 'two_tweets.jsonl');
    const run = await hashpulse(['analyze', tweets, '--profiles', path.join(RECORDINGS, 'flat.jsonl')]);
    expectRefused(run, /flat\.jsonl holds 100 tweets, not user profiles: pass it as a FILE argument/);
  });

  it('prints the bad lines of a real recording with their control bytes escaped', async () => {
    const file = path.join(dir, 'hostile.jsonl');
    const good = await readFile(path.join(RECORDINGS, 'two_tweets.jsonl'));
    // Raw bytes, and JSON escapes that decode to control characters (a record's member names are quoted).
    const bad = ['{"\x1b[2J\x07": 1', '{"\\u001b]0;title\\u0007": 1}', '\x00\x1b[31mred'];
    await writeFile(file, Buffer.concat([good, Buffer.from(`${bad.join('\n')}\n`, 'latin1')]));
    const run = await hashpulse(['analyze', file, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain('\\x00\\x1b[31mred');
    expect(run.stderr).toContain('members {\\x1b]0;title\\x07}');
    expect(run.stderr.match(/hostile\.jsonl:\d+: rejected: /g)).toHaveLength(3);
  });
});

describe('hashpulse profiles import refuses what holds no profiles', () => {
  it('a tweet recording, before touching the database', async () => {
    const port = await closedPort();
    const tweets = path.join(RECORDINGS, 'flat.jsonl');
    const run = await hashpulse([
      'profiles',
      'import',
      tweets,
      '--db',
      `postgres://postgres@127.0.0.1:${port}/test`,
    ]);
    expectRefused(
      run,
      `${tweets} holds 100 tweets, not user profiles: replay it or pass it to \`hashpulse analyze\`; profiles import takes user profiles (JSONL user objects or user-lookup pages, or CSV with an id column)`,
    );
  });

  it('the gzip demo recording and a binary file', async () => {
    const port = await closedPort();
    const db = `postgres://postgres@127.0.0.1:${port}/test`;
    const demo = await hashpulse(['profiles', 'import', 'data/demo/tweets.jsonl.gz', '--db', db]);
    expectRefused(
      demo,
      /^hashpulse: data\/demo\/tweets\.jsonl\.gz holds tweets, not user profiles: replay it/,
    );
    const binary = path.join(dir, 'profiles.bin.jsonl');
    await writeFile(binary, binaryBytes());
    expectRefused(await hashpulse(['profiles', 'import', binary, '--db', db]), /holds binary data/);
  });
});

describe('hashpulse generate refuses an output it would not write', () => {
  it.each(['stream.csv', 'stream.json', 'stream'])(
    '--out %s: exit 2, says what it writes, writes nothing',
    async (name) => {
      const out = path.join(dir, name);
      const run = await hashpulse(['generate', '--out', out, '--minutes', '0.1']);
      expectRefused(run, /generate writes X API v2 JSON lines to a \.jsonl file, or \.jsonl\.gz for gzip/);
      await expect(stat(out)).rejects.toThrow(/ENOENT/);
    },
  );
});
