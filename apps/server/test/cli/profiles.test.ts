// `hashpulse profiles import` through the real CLI process, into the real PostgreSQL.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_MIN_BYTES } from '../../src/cli/commands/profiles.js';
import { REPO_ROOT } from '../support/paths.js';

const DB = 'postgres://postgres@127.0.0.1:5432/test';
const repoRoot = REPO_ROOT;
const USERS = path.resolve(repoRoot, 'test-data/x-api-v2/users.jsonl');
const CLI = path.join(repoRoot, 'apps/server/bin/hashpulse.js');

const admin = new pg.Pool({ connectionString: DB, max: 1 });
const schemas: string[] = [];
let dir: string;

function newSchema(): string {
  const schema = `hp_cli_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function hashpulse(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const childEnv = { ...process.env, DATABASE_URL: undefined, HASHPULSE_DEBUG: undefined, ...env };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: repoRoot, env: childEnv, timeout: 50_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function count(schema: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".profiles`);
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hashpulse-profiles-cli-'));
});

afterAll(async () => {
  for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
  await rm(dir, { recursive: true, force: true });
});

describe('hashpulse profiles import', () => {
  it('imports the recorded user-lookup page into PostgreSQL', async () => {
    const schema = newSchema();
    const run = await hashpulse(['profiles', 'import', USERS, '--db', DB, '--schema', schema]);
    expect(run).toEqual({ code: 0, stdout: 'imported 96 profiles (0 lines skipped)\n', stderr: '' });
    expect(await count(schema)).toBe(91);
    const { rows } = await admin.query(
      `SELECT username, followers::int FROM "${schema}".profiles WHERE id = '95500726'`,
    );
    expect(rows).toEqual([{ username: 'jduc_hoang', followers: 164 }]);
    // Analyzed after the import, so lookups use the primary key at once.
    const stats = await admin.query(
      `SELECT reltuples::int AS n FROM pg_class WHERE oid = '"${schema}".profiles'::regclass`,
    );
    expect(stats.rows).toEqual([{ n: 91 }]);
  });

  it('imports a CSV, naming each malformed line on stderr and counting it', async () => {
    const schema = newSchema();
    const file = path.join(dir, 'people.csv');
    await writeFile(file, 'id,username,followers\n1,one,10\n2,"two,2\n3,three,many\n4,four,40\n');
    const run = await hashpulse(['profiles', 'import', file, '--db', DB, '--schema', schema]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('imported 2 profiles (2 lines skipped)\n');
    expect(run.stderr).toBe(
      `${file}:3: skipped: quote opened at column 3 is never closed\n` +
        `${file}:4: skipped: followers "many" is not a non-negative integer\n`,
    );
    const { rows } = await admin.query(
      `SELECT id, username, followers::int FROM "${schema}".profiles ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: '1', username: 'one', followers: 10 },
      { id: '4', username: 'four', followers: 40 },
    ]);
  });

  it('shows progress on stderr for a large file and takes the database from DATABASE_URL', async () => {
    const schema = newSchema();
    const file = path.join(dir, 'many.jsonl');
    const lines: string[] = [];
    let size = 0;
    for (let i = 1; size < PROGRESS_MIN_BYTES * 1.2; i += 1) {
      const line = JSON.stringify({
        id: String(1_000_000 + i),
        username: `user_${i}`,
        name: `User number ${i}`,
        location: 'Somewhere, Earth',
        public_metrics: { followers_count: i, following_count: 2 * i, tweet_count: 3 * i, listed_count: 0 },
        created_at: '2015-06-01T00:00:00.000Z',
        verified: i % 10 === 0,
      });
      lines.push(line);
      size += line.length + 1;
    }
    await writeFile(file, `${lines.join('\n')}\n`);
    const run = await hashpulse(['profiles', 'import', file, '--schema', schema, '--batch', '2000'], {
      DATABASE_URL: DB,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`imported ${lines.length} profiles (0 lines skipped)\n`);
    const progress = run.stderr.trim().split('\n');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.every((line) => line.startsWith(`importing ${file}: `))).toBe(true);
    expect(progress.at(-1)).toBe(`importing ${file}: 100% (${lines.length} profiles, 0 lines skipped)`);
    expect(await count(schema)).toBe(lines.length);
  });

  it('stops with one clear message and exit 1 when the database is unreachable', async () => {
    const port = await closedPort();
    const run = await hashpulse([
      'profiles',
      'import',
      USERS,
      '--db',
      `postgres://postgres@127.0.0.1:${port}/test`,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`^hashpulse: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} `));
  });

  it('stops with one clear message and exit 1 for a missing file, before touching the database', async () => {
    const missing = path.join(dir, 'nope.jsonl');
    const port = await closedPort();
    const run = await hashpulse([
      'profiles',
      'import',
      missing,
      '--db',
      `postgres://postgres@127.0.0.1:${port}/test`,
    ]);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `hashpulse: cannot read profiles file ${missing}: no such file; pass a readable JSONL or CSV file of user profiles\n`,
    });
  });

  it('says how to name the database when neither --db nor DATABASE_URL is given', async () => {
    const run = await hashpulse(['profiles', 'import', USERS]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'hashpulse: no database to import into: pass --db postgres://user@host:5432/db or set DATABASE_URL\n',
    );
  });

  it('refuses a bad flag value or an unknown flag with exit 1', async () => {
    const badBatch = await hashpulse(['profiles', 'import', USERS, '--db', DB, '--batch', '0']);
    expect(badBatch.code).toBe(1);
    expect(badBatch.stderr).toContain(
      "option '--batch <n>' argument '0' is invalid. expected a whole number of at least 1.",
    );
    const unknown = await hashpulse(['profiles', 'import', USERS, '--dbb', DB]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown option '--dbb'");
    const notPostgres = await hashpulse(['profiles', 'import', USERS, '--db', 'mysql://localhost/x']);
    expect(notPostgres.code).toBe(1);
    expect(notPostgres.stderr).toBe(
      'hashpulse: "mysql://localhost/x" is not a PostgreSQL URL: write postgres://user@host:5432/database\n',
    );
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
