// Runs against the real PostgreSQL (postgres://postgres@127.0.0.1:5432/test); every test works in a
// schema of its own, dropped at the end.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  ProfileDatabaseError,
  ProfileDatabaseUnreachableError,
  ProfileStoreClosedError,
  InvalidProfileStoreConfigError,
} from '../../src/profiles/errors.js';
import { FileProfileStore } from '../../src/profiles/file-profile-store.js';
import { PostgresProfileStore } from '../../src/profiles/postgres-profile-store.js';
import type { PostgresProfileStoreOptions } from '../../src/profiles/postgres-profile-store.js';
import { REPO_ROOT } from '../support/paths.js';
import { profile } from '../support/profiles.js';

const DB = 'postgres://postgres@127.0.0.1:5432/test';
const repoRoot = REPO_ROOT;
const USERS = path.resolve(repoRoot, 'test-data/x-api-v2/users.jsonl');

const admin = new pg.Pool({ connectionString: DB, max: 1 });
const schemas: string[] = [];
const stores: PostgresProfileStore[] = [];

function newSchema(): string {
  const schema = `hp_test_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
}

/** A pool whose query() calls are counted: the store's own counters are not what we trust here. */
function countingPool(): { pool: pg.Pool; queries: () => number } {
  const pool = new pg.Pool({ connectionString: DB, max: 2 });
  let count = 0;
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    count += 1;
    return original(...args);
  };
  return { pool, queries: () => count };
}

async function openStore(options: PostgresProfileStoreOptions = {}): Promise<PostgresProfileStore> {
  const store = await PostgresProfileStore.open(DB, { schema: newSchema(), ...options });
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

afterAll(async () => {
  for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

describe('PostgreSQL profile store', () => {
  it('creates its schema and table on start, and opening again (even concurrently) keeps them', async () => {
    const schema = newSchema();
    const opened = await Promise.all([0, 1, 2].map(() => PostgresProfileStore.open(DB, { schema })));
    stores.push(...opened);
    const { rows } = await admin.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'profiles' ORDER BY ordinal_position`,
      [schema],
    );
    expect(rows.map((r) => r.column_name)).toEqual([
      'id',
      'username',
      'name',
      'verified',
      'followers',
      'following',
      'tweet_count',
      'created_at',
      'location',
      'updated_at',
    ]);
    await opened[0]?.add([profile('1')]);
    expect(await opened[2]?.size()).toBe(1);
  });

  it('answers a lookup of many authors with one query, and a repeat from the cache with none', async () => {
    const { pool, queries } = countingPool();
    const store = await openStore({ pool });
    // Seed through SQL, not the store, so its cache starts cold.
    await admin.query(
      `INSERT INTO "${store.schema}".profiles (id, username, followers) SELECT 'u' || g, 'user' || g, g FROM generate_series(1, 500) g`,
    );
    const wanted = [
      ...Array.from({ length: 300 }, (_, i) => `u${i + 1}`),
      'nobody-1',
      'nobody-2',
      'u1',
      'u2',
    ];

    const before = queries();
    const found = await store.lookup(wanted);
    expect(queries() - before).toBe(1);
    // By position: the 300 found, the two nobodies missing, the repeats found again.
    expect(found.map((known) => known?.id)).toEqual(
      wanted.map((id) => (id.startsWith('nobody') ? undefined : id)),
    );
    expect(found[41]).toMatchObject({ id: 'u42', username: 'user42', followers: 42 });
    expect(store.stats()).toMatchObject({ lookups: 1, requested: 304, matched: 302 });

    const again = queries();
    const second = await store.lookup(wanted);
    expect(queries() - again).toBe(0);
    expect(second).toEqual(found);

    // Only the ids not yet cached are asked for, still in one query.
    const third = queries();
    const mixed = await store.lookup(['u1', 'u400', 'u401', 'nobody-1']);
    expect(queries() - third).toBe(1);
    expect(mixed.map((known) => known?.id)).toEqual(['u1', 'u400', 'u401', undefined]);
    expect(store.stats()).toMatchObject({ lookups: 3, queries: 2 });
  });

  it('runs no query for an empty batch', async () => {
    const { pool, queries } = countingPool();
    const store = await openStore({ pool });
    const before = queries();
    expect(await store.lookup([])).toEqual([]);
    expect(queries()).toBe(before);
  });

  it('remembers misses for the miss TTL only, then asks again', async () => {
    let now = 1_000;
    const { pool, queries } = countingPool();
    const store = await openStore({ pool, now: () => now, missTtlMs: 30_000, hitTtlMs: 600_000 });
    await store.lookup(['late']);
    await admin.query(`INSERT INTO "${store.schema}".profiles (id, username) VALUES ('late', 'arrived')`);

    const before = queries();
    now += 29_000;
    expect(await store.lookup(['late'])).toEqual([undefined]);
    expect(queries()).toBe(before);

    now += 2_000;
    expect((await store.lookup(['late']))[0]?.username).toBe('arrived');
    expect(queries()).toBe(before + 1);
  });

  it('upserts in batches, keeping known fields where the new profile has none', async () => {
    const store = await openStore({ upsertBatchSize: 2 });
    const created = Date.parse('2010-03-03T12:49:24.000Z');
    await store.add([
      profile('1', { username: 'one', followers: 10, verified: true, createdAt: created, location: 'NC' }),
      profile('2', { username: 'two' }),
      profile('3', { username: 'three' }),
      profile('1', { name: 'One' }),
    ]);
    await store.add([profile('1', { followers: 11, location: null }), profile('4', { tweetCount: 2 ** 40 })]);
    expect(await store.size()).toBe(4);
    const { rows } = await admin.query(
      `SELECT id, username, name, followers::text, location FROM "${store.schema}".profiles ORDER BY id`,
    );
    expect(rows[0]).toEqual({ id: '1', username: 'one', name: 'One', followers: '11', location: 'NC' });

    // A fresh store (cold cache) reads what was stored.
    const fresh = await openStore({ schema: store.schema });
    const [one, four] = await fresh.lookup(['1', '4']);
    expect(one).toEqual(
      profile('1', {
        username: 'one',
        name: 'One',
        followers: 11,
        verified: true,
        createdAt: created,
        location: 'NC',
      }),
    );
    expect(four?.tweetCount).toBe(2 ** 40);
  });

  it('a profile added from the stream replaces a remembered miss in the cache', async () => {
    const { pool, queries } = countingPool();
    const store = await openStore({ pool });
    expect(await store.lookup(['fresh'])).toEqual([undefined]);
    await store.add([profile('fresh', { username: 'fromStream' })]);
    const before = queries();
    expect((await store.lookup(['fresh']))[0]?.username).toBe('fromStream');
    expect(queries()).toBe(before);
  });

  it('loads the recorded users into PostgreSQL and finds them', async () => {
    const file = await FileProfileStore.load(USERS);
    const store = await openStore();
    const ids = ['119369819', '95500726'];
    await store.add((await file.lookup(ids)).filter((known) => known !== undefined));
    expect(await store.lookup(ids)).toEqual(await file.lookup(ids));
    await file.close();
  });

  it('fails fast with a typed error naming host and port when nothing listens there', async () => {
    const port = await closedPort();
    const error = await PostgresProfileStore.open(`postgres://postgres@127.0.0.1:${port}/test`, {
      schema: newSchema(),
      connectionTimeoutMs: 3000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileDatabaseUnreachableError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} .*ECONNREFUSED.*start PostgreSQL there`,
      ),
    );
  });

  it('gives up within the connection timeout when the server accepts but never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const error = await PostgresProfileStore.open(`postgres://postgres@127.0.0.1:${address.port}/test`, {
        schema: newSchema(),
        connectionTimeoutMs: 300,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProfileDatabaseUnreachableError);
      expect((error as Error).message).toContain(`cannot reach PostgreSQL at 127.0.0.1:${address.port}`);
      expect((error as Error).message).toMatch(/timeout/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('keeps answering after the database drops its connections, reporting the dropped ones', async () => {
    const applicationName = `hp_test_${randomBytes(4).toString('hex')}`;
    const pool = new pg.Pool({ connectionString: DB, max: 2, application_name: applicationName });
    const background: Error[] = [];
    const store = await openStore({
      pool,
      cacheSize: 0,
      onBackgroundError: (error) => background.push(error),
    });
    await store.add([profile('a', { username: 'alpha' })]);
    const { rowCount } = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    expect(rowCount).toBeGreaterThan(0);
    // Bounded wait until every dropped idle connection has been reported (and left the pool).
    for (let i = 0; i < 100 && background.length < (rowCount ?? 0); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(background).toHaveLength(rowCount ?? 0);
    expect(background[0]?.message).toMatch(/terminat/);
    expect((await store.lookup(['a']))[0]?.username).toBe('alpha');
  });

  it('says which database is missing', async () => {
    const error = await PostgresProfileStore.open('postgres://postgres@127.0.0.1:5432/hashpulse_no_such_db', {
      schema: newSchema(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileDatabaseError);
    expect((error as Error).message).toBe(
      'database "hashpulse_no_such_db" does not exist at 127.0.0.1:5432: create it (createdb hashpulse_no_such_db) or fix the URL',
    );
  });

  it('refuses a bad schema name or URL before connecting', async () => {
    await expect(PostgresProfileStore.open(DB, { schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(
      InvalidProfileStoreConfigError,
    );
    await expect(PostgresProfileStore.open('mysql://localhost/x')).rejects.toThrow(/is not a PostgreSQL URL/);
  });

  it('ends its pool on close and refuses use afterwards', async () => {
    const { pool } = countingPool();
    const store = await PostgresProfileStore.open(DB, { pool, schema: newSchema() });
    await store.close();
    await store.close();
    expect(pool.ended).toBe(true);
    expect(pool.totalCount).toBe(0);
    await expect(store.lookup(['1'])).rejects.toThrow(ProfileStoreClosedError);
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
