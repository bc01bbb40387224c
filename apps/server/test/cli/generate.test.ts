import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeLine } from '@hashpulse/tweets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-generate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = runCli;

describe('hashpulse generate', () => {
  it('writes a gzipped v2 stream that decodes, and its profiles beside it', async () => {
    const out = path.join(dir, 'stream.jsonl.gz');
    const result = await run([
      'generate',
      '--out',
      out,
      '--minutes',
      '1',
      '--rate',
      '10',
      '--start',
      '2023-05-01T08:00:00Z',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const compressed = await readFile(out);
    expect([compressed[0], compressed[1]]).toEqual([0x1f, 0x8b]);
    const lines = gunzipSync(compressed).toString('utf8').trimEnd().split('\n');
    expect(result.stdout).toContain(`wrote ${lines.length} tweets (2023-05-01T08:00:`);
    const decoded = lines.map((line, i) => decodeLine(line, i + 1));
    expect(decoded.every((line) => line.kind === 'tweets' && line.tweets.length === 1)).toBe(true);
    for (const line of lines) {
      const message = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(message)).toEqual(expect.arrayContaining(['data', 'matching_rules']));
    }
    const profilesFile = path.join(dir, 'stream.users.jsonl');
    const pages = (await readFile(profilesFile, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { data: { id: string }[] });
    expect(pages[0]!.data.length).toBe(Math.min(100, pages.flatMap((page) => page.data).length));
    expect(result.stdout).toContain(
      `wrote ${pages.flatMap((page) => page.data).length} profiles to ${profilesFile}`,
    );
  });

  it('gives the same bytes for the same seed, other bytes for another seed, plain JSONL without .gz', async () => {
    const files = ['a.jsonl', 'b.jsonl', 'c.jsonl'].map((name) => path.join(dir, name));
    const seeds = ['42', '42', '43'];
    for (const [i, file] of files.entries()) {
      const result = await run([
        'generate',
        '--out',
        file,
        '--profiles',
        `${file}.users`,
        '--minutes',
        '0.5',
        '--seed',
        seeds[i]!,
      ]);
      expect(result.code).toBe(0);
    }
    const [a, b, c] = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    expect(a!.startsWith('{"data":')).toBe(true);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(await readFile(`${files[1]}.users`, 'utf8')).toBe(await readFile(`${files[0]}.users`, 'utf8'));
  });

  it('shows progress on stderr for a large output', async () => {
    const out = path.join(dir, 'large.jsonl');
    const result = await run([
      'generate',
      '--out',
      out,
      '--profiles',
      path.join(dir, 'large.users.jsonl'),
      '--minutes',
      '2',
      '--rate',
      '450',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/generating .*large\.jsonl: \d+% \([\d,]+ of ~54,000 tweets\)/);
    expect(result.stderr).toContain(': 100% (');
  });

  it.each([
    [['--out', 'x.jsonl', '--rate', 'fast'], /--rate must be a positive number, got "fast"/],
    [['--out', 'x.jsonl', '--minutes', '0'], /--minutes must be a number of minutes above 0/],
    [['--out', 'x.jsonl', '--seed', '-3'], /--seed must be a whole number/],
    [['--out', 'x.jsonl', '--start', 'yesterday'], /--start must be an ISO 8601 time/],
    [['--out', '/nonexistent-dir/x.jsonl'], /directory \/nonexistent-dir does not exist/],
    [['--minutes', '1'], /required option '--out <file>' not specified/],
  ])('refuses %j with one clear message and a non-zero exit', async (args, message) => {
    const result = await run(['generate', ...args]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
