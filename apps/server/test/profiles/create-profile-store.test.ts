import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createProfileStore } from '../../src/profiles/create-profile-store.js';
import { ProfileFileError } from '../../src/profiles/errors.js';
import { REPO_ROOT } from '../support/paths.js';

const DB = 'postgres://postgres@127.0.0.1:5432/test';
const repoRoot = REPO_ROOT;
const USERS = path.resolve(repoRoot, 'test-data/x-api-v2/users.jsonl');
const schema = `hp_create_${process.pid}_${Date.now()}`;

afterAll(async () => {
  const admin = new pg.Client({ connectionString: DB });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

describe('createProfileStore', () => {
  it('gives an empty store in memory when no spec is given', async () => {
    for (const spec of [undefined, '', '  ']) {
      const store = await createProfileStore(spec);
      expect(store.kind).toBe('memory');
      expect(await store.size()).toBe(0);
      await store.close();
    }
  });

  it('loads a file store from a path', async () => {
    const store = await createProfileStore(USERS);
    expect(store.kind).toBe('file');
    expect(await store.size()).toBe(91);
    await store.close();
  });

  it('opens the PostgreSQL store from a postgres:// URL', async () => {
    const store = await createProfileStore(DB, { postgres: { schema } });
    expect(store.kind).toBe('postgres');
    expect(await store.size()).toBe(0);
    await store.close();
  });

  it('refuses a path that does not exist', async () => {
    await expect(createProfileStore('/no/such/profiles.jsonl')).rejects.toThrow(ProfileFileError);
  });
});
