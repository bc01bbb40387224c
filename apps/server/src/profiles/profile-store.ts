// The contract of a profile store: the static side of the stream-static join, looked up once per
// micro-batch with all that batch's author ids, and filled by profiles that arrive in the stream.
import type { Profile } from '@hashpulse/tweets';

export interface ProfileStoreStats {
  /** lookup() calls. */
  lookups: number;
  /** Ids asked for, summed over lookups (a batch's authors, repeats included). */
  requested: number;
  /** Of those, ids that had a profile. */
  matched: number;
  /** Round trips to a database (0 for stores in memory). */
  queries: number;
  /** Ids answered by the cache in front of a database, hits and remembered misses. */
  cacheHits: number;
}

export interface ProfileStore {
  /** What backs the store, for status pages: 'memory', 'file' or 'postgres'. */
  readonly kind: 'memory' | 'file' | 'postgres';
  /**
   * Each id's profile, in the order asked: undefined for an id the store has none for (repeated
   * and unknown ids are fine). An answer by position rather than a Map by id: the job reads it
   * tweet by tweet, and a Map cost three lookups a tweet (has, set, get).
   */
  lookup(ids: readonly string[]): Promise<Array<Profile | undefined>>;
  /**
   * The profile of `id` as the store holds it now, answered at once: only stores that hold their
   * profiles in memory have it. The job names top authors with it, rather than keeping a second
   * copy of every author's profile it joined (a Map operation per tweet).
   */
  peek?(id: string): Profile | undefined;
  /** Adds or updates profiles; a field that is null in the new profile keeps its known value. */
  add(profiles: readonly Profile[]): Promise<void>;
  /** Number of profiles held. */
  size(): Promise<number>;
  stats(): ProfileStoreStats;
  /** Releases the store (connections, memory); it cannot be used afterwards. Safe to call twice. */
  close(): Promise<void>;
}

export function emptyStats(): ProfileStoreStats {
  return { lookups: 0, requested: 0, matched: 0, queries: 0, cacheHits: 0 };
}
