// With REDIS_URL, socket.io broadcasts go through Redis Streams, so a dashboard connected to any
// web node receives the updates of every node (and survives a node change with recovery).
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { HashpulseIo } from './socket-hub.js';
import { HashpulseError } from '../errors.js';

export class RedisUnavailableError extends HashpulseError {
  override readonly name = 'RedisUnavailableError';
  override readonly code = 'HP_ERR_SERVER_REDIS_UNAVAILABLE';
}

export interface RedisBroadcast {
  close(): Promise<void>;
}

export async function useRedisBroadcast(
  io: HashpulseIo,
  redisUrl: string,
  onError: (error: Error) => void,
  streamName = 'hashpulse',
): Promise<RedisBroadcast> {
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 3 });
  // ioredis reconnects by itself; a failed first connect is reported by connect() below, later
  // connection errors go to the server log.
  let connected = false;
  redis.on('error', (error: Error) => {
    if (connected) onError(error);
  });
  try {
    await redis.connect();
    await redis.ping();
    connected = true;
  } catch (error) {
    redis.disconnect();
    const where = new URL(redisUrl);
    throw new RedisUnavailableError(
      `cannot reach Redis at ${where.hostname}:${where.port || 6379} (REDIS_URL): ${(error as Error).message}. ` +
        'Start Redis or unset REDIS_URL to run a single node.',
    );
  }
  // blockTimeInMs bounds how long the reader holds its connection after close().
  io.adapter(createAdapter(redis, { streamName, blockTimeInMs: 1000 }));
  return {
    async close() {
      void io.of('/').adapter.close();
      await redis.quit();
    },
  };
}
