// The cluster's atomic steps as Lua scripts: each checks the caller still holds its lease (the
// fencing that keeps a worker or merger that lost it, paused or cut off, from writing) and does
// its writes all at once, so a crash never leaves a partial written without its entries acked.
import type { ChainableCommander, Redis } from 'ioredis';

/** Renews a lease held by ARGV[1] (KEYS[1]) for ARGV[2] ms: 1, or 0 when another holds it now. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

/** Gives a lease up if ARGV[1] holds it. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * A worker's flush. KEYS: owner, partial, progress, records, batches. ARGV: worker, partial JSON
 * ('' for none), wm, seq, dropped, late, rejected, group, partial ttl ms, batch time, lease ms,
 * entry ids... Writes the partial (overwriting: a batch handled again after a crash replaces the
 * same value), the progress, acknowledges the entries and renews the lease.
 */
const PUBLISH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[9])
  redis.call('ZADD', KEYS[5], ARGV[10], ARGV[10])
end
redis.call('HSET', KEYS[3], 'wm', ARGV[3], 'seq', ARGV[4])
if ARGV[5] ~= '0' then redis.call('HINCRBY', KEYS[3], 'dropped', ARGV[5]) end
if ARGV[6] ~= '0' then redis.call('HINCRBY', KEYS[3], 'late', ARGV[6]) end
if ARGV[7] ~= '0' then redis.call('HINCRBY', KEYS[3], 'rejected', ARGV[7]) end
local n = #ARGV
local i = 12
while i <= n do
  local j = math.min(i + 999, n)
  redis.call('XACK', KEYS[4], ARGV[8], unpack(ARGV, i, j))
  i = j + 1
end
redis.call('PEXPIRE', KEYS[1], ARGV[11])
return 1`;

/**
 * The merging web node appends to the merged stream. KEYS: lease, merged, state. ARGV: token,
 * max length, state field, state value, then the entry's fields. 0 when the lease is lost.
 */
const APPEND_MERGED = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local fields = {}
for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', unpack(fields))
if ARGV[3] ~= '' then redis.call('HSET', KEYS[3], ARGV[3], ARGV[4]) end
return 1`;

export interface ClusterScripts {
  hpRenew(key: string, holder: string, leaseMs: number): Promise<number>;
  hpRelease(key: string, holder: string): Promise<number>;
  hpPublish(...args: Array<string | number>): Promise<number>;
  hpAppendMerged(...args: Array<string | number>): Promise<number>;
}

export type ScriptedRedis = Redis & ClusterScripts;

export function withScripts(redis: Redis): ScriptedRedis {
  redis.defineCommand('hpRenew', { numberOfKeys: 1, lua: RENEW });
  redis.defineCommand('hpRelease', { numberOfKeys: 1, lua: RELEASE });
  redis.defineCommand('hpPublish', { numberOfKeys: 5, lua: PUBLISH });
  redis.defineCommand('hpAppendMerged', { numberOfKeys: 3, lua: APPEND_MERGED });
  return redis as unknown as ScriptedRedis;
}

/** A pipeline that queues the scripts too (replies come with exec()). */
export type ScriptedPipeline = ChainableCommander & {
  hpPublish(...args: Array<string | number>): ScriptedPipeline;
  hpAppendMerged(...args: Array<string | number>): ScriptedPipeline;
};

export function scriptedPipeline(redis: ScriptedRedis): ScriptedPipeline {
  return redis.pipeline() as unknown as ScriptedPipeline;
}
