// With REDIS_URL, socket.io broadcasts go through Redis Streams, so a dashboard connected to any
// web node receives the updates of every node (and survives a node change with recovery). While
// Redis is down, this node keeps serving its own dashboards (broadcasts stay local), reports the
// outage through `onHealth` and reconnects with back-off.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { ServiceHealth } from '@hashpulse/protocol';
import type { HashpulseIo } from './hashpulse-io.js';
import { HashpulseError } from '../errors.js';

export class RedisUnavailableError extends HashpulseError {
  override readonly name = 'RedisUnavailableError';
  override readonly code = 'HP_ERR_SERVER_REDIS_UNAVAILABLE';
}

export interface RedisBroadcast {
  close(): Promise<void>;
}

export interface RedisBroadcastOptions {
  /** Redis stream name (tests isolate themselves with their own). */
  streamName?: string;
  /** First reconnection delay; doubled per failed attempt up to maxRetryMs. Default 250 ms. */
  initialRetryMs?: number;
  /** Default 10 s. */
  maxRetryMs?: number;
}

const UNAVAILABLE = "Redis unavailable: serving this node's dashboards only, reconnecting";

/** What the adapter calls for a broadcast; `flags.local` keeps it on this node. */
interface BroadcastingAdapter {
  broadcast(packet: unknown, opts: { flags?: Record<string, unknown> }): unknown;
}

export async function useRedisBroadcast(
  io: HashpulseIo,
  redisUrl: string,
  onHealth: (health: ServiceHealth) => void,
  options: RedisBroadcastOptions = {},
): Promise<RedisBroadcast> {
  const initial = options.initialRetryMs ?? 250;
  const max = options.maxRetryMs ?? 10_000;
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt) => Math.min(max, initial * 2 ** (attempt - 1)),
  });
  let health: ServiceHealth | null = null;
  let lastError: Error | null = null;
  let closing = false;
  const report = (next: ServiceHealth) => {
    if (closing) return;
    health = next;
    onHealth(next);
  };
  // Connection errors come once per attempt: they become one outage with its first error, not a log line each.
  redis.on('error', (error: Error) => {
    lastError ??= error;
  });
  redis.on('close', () => {
    if (health?.state !== 'ok') return;
    report({ state: 'unavailable', message: UNAVAILABLE, since: Date.now(), nextRetryAt: null });
  });
  redis.on('reconnecting', (delayMs: number) => {
    if (health?.state !== 'unavailable') return;
    const cause = lastError === null ? '' : ` (${lastError.message})`;
    report({ ...health, message: `${UNAVAILABLE}${cause}`, nextRetryAt: Date.now() + delayMs });
  });
  redis.on('ready', () => {
    lastError = null;
    if (health?.state === 'unavailable')
      report({ state: 'ok', message: null, since: null, nextRetryAt: null });
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const where = new URL(redisUrl);
    throw new RedisUnavailableError(
      `cannot reach Redis at ${where.hostname}:${where.port || 6379} (REDIS_URL): ${(error as Error).message}. ` +
        'Start Redis or unset REDIS_URL to run a single node.',
    );
  }
  report({ state: 'ok', message: null, since: null, nextRetryAt: null });
  // blockTimeInMs bounds how long the reader holds its connection after close().
  io.adapter(createAdapter(redis, { streamName: options.streamName ?? 'hashpulse', blockTimeInMs: 1000 }));
  // While Redis is down a broadcast would wait for it (then give up): send it to this node's
  // dashboards at once instead.
  const adapter = io.of('/').adapter as unknown as BroadcastingAdapter;
  const clusterBroadcast = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet, opts) =>
    clusterBroadcast(
      packet,
      redis.status === 'ready' ? opts : { ...opts, flags: { ...opts.flags, local: true } },
    );
  return {
    async close() {
      closing = true;
      void io.of('/').adapter.close();
      if (redis.status === 'ready') await redis.quit();
      else redis.disconnect();
    },
  };
}
