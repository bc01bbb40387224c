// The cluster's run: which run's keys every node works on now (read from Redis, so a node that
// starts mid-run joins it), how the ingest node begins the next one and lets the last one expire.
import type { Redis } from 'ioredis';
import type { ClusterKeys } from './cluster-keys.js';

/**
 * How long a finished run's keys stay: long enough for every node to notice the new run (web
 * nodes and workers look at least once a second) and stop reading the old one.
 */
export const OLD_RUN_KEPT_MS = 60_000;

/** The run the cluster plays now: 0 until the ingest node starts a new one. */
export async function readRun(redis: Redis, keys: ClusterKeys): Promise<number> {
  const run = Number((await redis.get(keys.currentRun)) ?? 0);
  return Number.isSafeInteger(run) && run >= 0 ? run : 0;
}

/** Makes the next run the current one; returns its keys (its only wait is the count). */
export async function beginNextRun(redis: Redis, keys: ClusterKeys): Promise<ClusterKeys> {
  return keys.forRun(await redis.incr(keys.currentRun));
}

/** Sets a finished run's keys to expire, its partials too (found through each partition's batch times). */
export async function expireRun(
  redis: Redis,
  old: ClusterKeys,
  keptMs: number = OLD_RUN_KEPT_MS,
): Promise<void> {
  const pipeline = redis.pipeline();
  for (let p = 0; p < old.partitions; p++) pipeline.zrange(old.batches(p), '0', '-1');
  const partials: string[] = [];
  for (const [p, [error, times]] of ((await pipeline.exec()) ?? []).entries()) {
    if (error === null) for (const time of times as string[]) partials.push(old.partial(p, Number(time)));
  }
  const expiring = redis.pipeline();
  for (const key of [...old.runKeys(), ...partials]) expiring.pexpire(key, keptMs);
  await expiring.exec();
}
