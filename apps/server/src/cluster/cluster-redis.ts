// A Redis connection for a cluster role: commands wait through an outage (ioredis queues them and
// reconnects with doubling back-off) instead of failing, and the role hears of each outage and
// recovery once, to report it. Roles keep working where they left off when Redis is back.
import { Redis } from 'ioredis';
import type { ServiceHealth } from '@hashpulse/protocol';
import { HashpulseError } from '../errors.js';

export class ClusterRedisError extends HashpulseError {
  override readonly name = 'ClusterRedisError';
  override readonly code = 'HP_ERR_SERVER_CLUSTER_REDIS';
}

export interface ClusterRedisOptions {
  /** First reconnection delay, doubled per failed attempt up to maxRetryMs. Default 250 ms. */
  initialRetryMs?: number;
  /** Default 5 s. */
  maxRetryMs?: number;
  onHealth?: (health: ServiceHealth) => void;
}

export async function connectClusterRedis(
  url: string,
  name: string,
  options: ClusterRedisOptions = {},
): Promise<Redis> {
  const initial = options.initialRetryMs ?? 250;
  const max = options.maxRetryMs ?? 5000;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectionName: name,
    connectTimeout: 5000,
    // null: a command waits for the reconnection instead of failing after a few attempts.
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(max, initial * 2 ** (attempt - 1)),
  });
  let down: ServiceHealth | null = null;
  let lastError: Error | null = null;
  redis.on('error', (error: Error) => {
    lastError ??= error;
  });
  redis.on('close', () => {
    if (down !== null) return;
    down = {
      state: 'unavailable',
      message: `Redis unavailable (${name}), reconnecting`,
      since: Date.now(),
      nextRetryAt: null,
    };
    options.onHealth?.(down);
  });
  redis.on('reconnecting', (delayMs: number) => {
    if (down === null) return;
    const cause = lastError === null ? '' : `: ${lastError.message}`;
    down = {
      ...down,
      message: `Redis unavailable (${name})${cause}, reconnecting`,
      nextRetryAt: Date.now() + delayMs,
    };
    options.onHealth?.(down);
  });
  redis.on('ready', () => {
    lastError = null;
    if (down === null) return;
    down = null;
    options.onHealth?.({ state: 'ok', message: null, since: null, nextRetryAt: null });
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const where = new URL(url);
    throw new ClusterRedisError(
      `cannot reach Redis at ${where.hostname}:${where.port || 6379} (REDIS_URL): ${(error as Error).message}. Start Redis first: every role but ROLE=all needs it.`,
    );
  }
  return redis;
}

/** Closes a connection: politely when it is up, at once when it is not. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}
