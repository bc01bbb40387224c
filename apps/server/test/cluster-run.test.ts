// A cluster's runs on the real Redis: the next run is counted up from the current one, and the
// run left behind expires entirely (its partials too) while the new one is left alone.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ClusterKeys } from '../src/cluster/cluster-keys.js';
import { beginNextRun, expireRun, readRun } from '../src/cluster/cluster-run.js';

describe('cluster runs on Redis', () => {
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = new ClusterKeys(`hp-test-${randomUUID().slice(0, 8)}`, 2);

  afterAll(async () => {
    const left = await redis.keys(`${keys.prefix}:*`);
    if (left.length > 0) await redis.del(...left);
    redis.disconnect();
  });

  it('counts runs up from 0 and lets the one left behind expire, partials included', async () => {
    expect(await readRun(redis, keys)).toBe(0);
    const zero = keys.forRun(0);
    await redis.xadd(zero.records(0), '*', 'k', 'm');
    await redis.hset(zero.progress(1), 'wm', 1000);
    await redis.zadd(zero.batches(1), 2000, 2000);
    await redis.set(zero.partial(1, 2000), '{}');
    await redis.xadd(zero.merged, '*', 'k', 'c');

    const one = await beginNextRun(redis, keys);
    expect(one.run).toBe(1);
    expect(await readRun(redis, keys)).toBe(1);
    await redis.xadd(one.records(0), '*', 'k', 'm');
    await expireRun(redis, zero, 5000);
    for (const key of [
      zero.records(0),
      zero.progress(1),
      zero.batches(1),
      zero.partial(1, 2000),
      zero.merged,
    ]) {
      const ttl = await redis.pttl(key);
      expect(ttl, key).toBeGreaterThan(0);
      expect(ttl, key).toBeLessThanOrEqual(5000);
    }
    expect(await redis.pttl(one.records(0))).toBe(-1);
    expect((await beginNextRun(redis, keys)).run).toBe(2);
  });

  it('reads a run key that is not a count as run 0', async () => {
    const other = new ClusterKeys(`${keys.prefix}-x`, 1);
    await redis.set(other.currentRun, 'nonsense');
    expect(await readRun(redis, other)).toBe(0);
    await redis.del(other.currentRun);
  });
});
