// The profiles table, created on start in a configurable schema (tests isolate in their own).
import type { PoolClient } from 'pg';
import { InvalidProfileStoreConfigError } from './errors.js';

/** A schema name used unquoted-safe in SQL; refusing others is simpler than escaping everywhere. */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new InvalidProfileStoreConfigError(
      `profile schema name "${schema}" is not allowed: use lower-case letters, digits and _ (starting with a letter or _), at most 63 characters`,
    );
  }
  return `"${schema}"`;
}

export const PROFILE_COLUMNS =
  'id, username, name, verified, followers, following, tweet_count, created_at, location';

/** Creates schema and table if missing; an advisory lock keeps concurrent starts from racing. */
export async function createProfileSchema(client: PoolClient, schema: string): Promise<void> {
  const q = quoteSchema(schema);
  // On any error the caller destroys this connection (release(error)), which aborts the transaction.
  await client.query('BEGIN');
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`hashpulse.profiles.${schema}`]);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${q}`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${q}.profiles (
      id text PRIMARY KEY,
      username text,
      name text,
      verified boolean,
      followers bigint,
      following bigint,
      tweet_count bigint,
      created_at timestamptz,
      location text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  );
  await client.query('COMMIT');
}
