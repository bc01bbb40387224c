// The PostgreSQL profile store for real deployments: one batched `id = ANY($1)` query per micro-batch,
// an LRU cache in front that also remembers misses for a short while, batched upserts for add().
import pg from 'pg';
import { LRUCache } from 'lru-cache';
import type { Profile } from '@hashpulse/tweets';
import { InvalidProfileStoreConfigError, ProfileStoreClosedError } from './errors.js';
import { mergeProfile } from './merge-profile.js';
import { databaseAddress, translateDatabaseError } from './postgres-errors.js';
import type { DatabaseAddress } from './postgres-errors.js';
import { createProfileSchema, PROFILE_COLUMNS, quoteSchema } from './postgres-schema.js';
import { emptyStats } from './profile-store.js';
import type { ProfileStore, ProfileStoreStats } from './profile-store.js';

export interface PostgresProfileStoreOptions {
  /** Schema holding the `profiles` table (default "hashpulse"). */
  schema?: string;
  /** Profiles (and misses) kept in the LRU cache; 0 turns the cache off (default 100,000). */
  cacheSize?: number;
  /** How long a cached profile is trusted (default 10 minutes). */
  hitTtlMs?: number;
  /** How long an id known to have no profile is remembered (default 30 s). */
  missTtlMs?: number;
  /** Give up connecting after this long (default 5 s). */
  connectionTimeoutMs?: number;
  /** Give up on one query after this long (default 30 s), so a stalled database cannot hang a batch. */
  queryTimeoutMs?: number;
  /** Connections in the pool (default 4). */
  poolSize?: number;
  /** Rows per upsert statement (default 5,000). */
  upsertBatchSize?: number;
  /** Use this pool instead of creating one (tests wrap it to count queries); the store ends it on close(). */
  pool?: pg.Pool;
  /** The cache's clock in ms (tests); default performance.now. */
  now?: () => number;
  /** Errors of idle pooled connections (the pool replaces them); default: printed on stderr. */
  onBackgroundError?: (error: Error) => void;
}

const MISS = Symbol('no profile');
type CacheEntry = Profile | typeof MISS;

interface ProfileRow {
  id: string;
  username: string | null;
  name: string | null;
  verified: boolean | null;
  followers: string | null;
  following: string | null;
  tweet_count: string | null;
  created_at: Date | null;
  location: string | null;
}

function profileFromRow(row: ProfileRow): Profile {
  // bigint columns arrive as strings; profile counts are far below 2^53.
  const num = (value: string | null): number | null => (value === null ? null : Number(value));
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    verified: row.verified,
    followers: num(row.followers),
    following: num(row.following),
    tweetCount: num(row.tweet_count),
    createdAt: row.created_at === null ? null : row.created_at.getTime(),
    location: row.location,
  };
}

export class PostgresProfileStore implements ProfileStore {
  readonly kind = 'postgres';
  private readonly cache: LRUCache<string, CacheEntry> | null;
  private readonly counters = emptyStats();
  private readonly lookupSql: string;
  private readonly upsertSql: string;
  private readonly countSql: string;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    readonly address: DatabaseAddress,
    readonly schema: string,
    private readonly options: PostgresProfileStoreOptions,
  ) {
    const cacheSize = options.cacheSize ?? 100_000;
    const now = options.now;
    this.cache =
      cacheSize > 0
        ? new LRUCache<string, CacheEntry>({
            max: cacheSize,
            ttl: options.hitTtlMs ?? 10 * 60_000,
            // An injected clock is read on every check (lru-cache otherwise reuses one reading for 1 ms).
            ...(now === undefined ? {} : { perf: { now }, ttlResolution: 0 }),
          })
        : null;
    const q = quoteSchema(schema);
    this.lookupSql = `SELECT ${PROFILE_COLUMNS} FROM ${q}.profiles WHERE id = ANY($1::text[])`;
    const keep = (column: string): string => `${column} = COALESCE(EXCLUDED.${column}, p.${column})`;
    this.upsertSql =
      `INSERT INTO ${q}.profiles AS p (${PROFILE_COLUMNS})
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::bigint[], $6::bigint[],
                            $7::bigint[], $8::timestamptz[], $9::text[])
       ON CONFLICT (id) DO UPDATE SET ` +
      ['username', 'name', 'verified', 'followers', 'following', 'tweet_count', 'created_at', 'location']
        .map(keep)
        .join(', ') +
      ', updated_at = now()' +
      // Only a cache needs the merged rows back.
      (this.cache === null
        ? ''
        : ` RETURNING ${PROFILE_COLUMNS.split(', ')
            .map((c) => `p.${c}`)
            .join(', ')}`);
    this.countSql = `SELECT count(*) AS n FROM ${q}.profiles`;
  }

  /**
   * Connects, creates the schema and table if missing, and returns the store. An unreachable
   * database throws ProfileDatabaseUnreachableError within the connection timeout.
   */
  static async open(url: string, options: PostgresProfileStoreOptions = {}): Promise<PostgresProfileStore> {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new InvalidProfileStoreConfigError(
        `"${url}" is not a PostgreSQL URL: write postgres://user@host:5432/database`,
      );
    }
    let address: DatabaseAddress;
    try {
      address = databaseAddress(url);
    } catch (error) {
      throw new InvalidProfileStoreConfigError(
        `cannot parse the PostgreSQL URL: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const schema = options.schema ?? 'hashpulse';
    quoteSchema(schema);
    const pool =
      options.pool ??
      new pg.Pool({
        connectionString: url,
        max: options.poolSize ?? 4,
        connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
        query_timeout: options.queryTimeoutMs ?? 30_000,
        application_name: 'hashpulse-profiles',
      });
    const onBackgroundError =
      options.onBackgroundError ??
      ((error: Error) =>
        console.error(
          `hashpulse: idle PostgreSQL connection to ${address.host}:${address.port} failed: ${error.message}`,
        ));
    // Without a listener an idle connection's error would crash the process.
    pool.on('error', onBackgroundError);
    const store = new PostgresProfileStore(pool, address, schema, options);
    try {
      const client = await pool.connect();
      try {
        await createProfileSchema(client, schema);
        client.release();
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
    } catch (error) {
      await pool.end();
      throw translateDatabaseError(error, address, `creating the profiles table in schema "${schema}"`);
    }
    return store;
  }

  async lookup(ids: readonly string[]): Promise<Array<Profile | undefined>> {
    this.assertOpen();
    const found = new Map<string, Profile>();
    const unique = new Set(ids);
    const wanted: string[] = [];
    for (const id of unique) {
      const cached = this.cache?.get(id);
      if (cached === undefined) wanted.push(id);
      else {
        this.counters.cacheHits += 1;
        if (cached !== MISS) found.set(id, cached);
      }
    }
    if (wanted.length > 0) {
      const rows = await this.query<ProfileRow>(
        this.lookupSql,
        [wanted],
        `looking up ${wanted.length} profiles`,
      );
      for (const row of rows) {
        const profile = profileFromRow(row);
        found.set(profile.id, profile);
        this.cache?.set(profile.id, profile);
      }
      if (this.cache !== null) {
        const missTtl = this.options.missTtlMs ?? 30_000;
        for (const id of wanted) if (!found.has(id)) this.cache.set(id, MISS, { ttl: missTtl });
      }
    }
    const answer = ids.map((id) => found.get(id));
    this.counters.lookups += 1;
    this.counters.requested += ids.length;
    this.counters.matched += answer.filter((profile) => profile !== undefined).length;
    return answer;
  }

  async add(profiles: readonly Profile[]): Promise<void> {
    this.assertOpen();
    // One statement cannot update the same row twice, so repeated ids are merged first.
    const merged = new Map<string, Profile>();
    for (const profile of profiles) merged.set(profile.id, mergeProfile(merged.get(profile.id), profile));
    const all = [...merged.values()];
    const chunk = Math.max(1, this.options.upsertBatchSize ?? 5000);
    for (let start = 0; start < all.length; start += chunk) {
      const part = all.slice(start, start + chunk);
      const columns = [
        part.map((p) => p.id),
        part.map((p) => p.username),
        part.map((p) => p.name),
        part.map((p) => p.verified),
        part.map((p) => p.followers),
        part.map((p) => p.following),
        part.map((p) => p.tweetCount),
        part.map((p) => (p.createdAt === null ? null : new Date(p.createdAt).toISOString())),
        part.map((p) => p.location),
      ];
      const rows = await this.query<ProfileRow>(this.upsertSql, columns, `storing ${part.length} profiles`);
      // The merged rows replace whatever the cache held, remembered misses included.
      for (const row of rows) this.cache?.set(row.id, profileFromRow(row));
    }
  }

  async size(): Promise<number> {
    this.assertOpen();
    const rows = await this.query<{ n: string }>(this.countSql, [], 'counting profiles');
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Refreshes the planner's statistics. Call after a bulk import: until autovacuum gets to it, the
   * planner may not know the table grew and scans it whole for each lookup (measured: 42 ms instead
   * of 11 ms for 1000 ids in 200k rows).
   */
  async analyze(): Promise<void> {
    this.assertOpen();
    await this.query(`ANALYZE ${quoteSchema(this.schema)}.profiles`, [], 'analyzing the profiles table');
  }

  /** One round trip (`SELECT 1`): resolves when PostgreSQL answers, throws its translated error otherwise. */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.query('SELECT 1', [], 'checking the connection');
  }

  stats(): ProfileStoreStats {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cache?.clear();
    await this.pool.end();
  }

  private async query<R extends pg.QueryResultRow>(
    text: string,
    values: unknown[],
    doing: string,
  ): Promise<R[]> {
    this.counters.queries += 1;
    try {
      const result = await this.pool.query<R>(text, values);
      return result.rows;
    } catch (error) {
      throw translateDatabaseError(error, this.address, doing);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ProfileStoreClosedError('postgres');
  }
}
