// With DATABASE_URL the dashboard's profile join reads PostgreSQL (a database of its own here).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importProfiles, PostgresProfileStore } from '../src/profiles/index.js';
import type { RunningHashpulse } from '../src/start.js';
import {
  REPO_ROOT,
  connectClient,
  getJson,
  nextEvent,
  startTestServer,
  type TestClient,
} from './support/test-server.js';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

describe('the dashboard with profiles in PostgreSQL', () => {
  const database = `hashpulse_test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
  let server: RunningHashpulse;
  let client: TestClient;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const store = await PostgresProfileStore.open(databaseUrl);
    await importProfiles(path.join(REPO_ROOT, 'data/demo/users.jsonl'), store);
    await store.close();
    server = await startTestServer({ DATABASE_URL: databaseUrl });
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('joins the demo authors against the database', async () => {
    expect((await getJson(`${server.url}/api/config`)).profileStore).toBe('postgres');
    client = connectClient(server.url);
    const update = await nextEvent(client, 'window', (w) => w.tweets > 50);
    // About 8% of the demo's authors are deliberately missing from its profiles.
    expect(update.join.matched / update.tweets).toBeGreaterThan(0.8);
    expect(update.join.missing).toBeGreaterThan(0);
    expect(update.profiles.topAuthors[0]?.username).toEqual(expect.any(String));
  });
});
