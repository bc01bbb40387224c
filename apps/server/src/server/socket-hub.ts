// socket.io on the dashboard's port: a new client gets the whole current state at once, then
// every slide, batch and status change. The tweet feed is sampled and sent volatile, so a slow
// client drops feed items instead of backing the server up.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, FeedTweet, ServerToClientEvents } from '@hashpulse/protocol';
import type { DashboardRuntime } from '../runtime/dashboard-runtime.js';

export interface SocketHubOptions {
  /** How often buffered feed tweets are flushed to clients. */
  feedFlushMs?: number;
  /** At most this many feed tweets per flush (the newest win). */
  feedPerFlush?: number;
}

export type HashpulseIo = Server<ClientToServerEvents, ServerToClientEvents>;

export function attachSocketHub(
  httpServer: HttpServer,
  runtime: DashboardRuntime,
  options: SocketHubOptions = {},
) {
  const io: HashpulseIo = new Server(httpServer, {
    // A short network drop resumes where it left off, without a gap and without a new snapshot.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
  });

  io.on('connection', (socket) => {
    if (!socket.recovered) socket.emit('snapshot', runtime.snapshot());
    socket.on('snapshot:get', (reply) => {
      if (typeof reply === 'function') reply(runtime.snapshot());
    });
  });

  const onWindow = (update: Parameters<ServerToClientEvents['window']>[0]) => io.emit('window', update);
  const onMetrics = (metrics: Parameters<ServerToClientEvents['metrics']>[0]) => io.emit('metrics', metrics);
  const onStatus = (status: Parameters<ServerToClientEvents['status']>[0]) => io.emit('status', status);
  const onConfig = (config: Parameters<ServerToClientEvents['config']>[0]) => io.emit('config', config);

  const onReset = () => io.emit('snapshot', runtime.snapshot());
  const feedPerFlush = options.feedPerFlush ?? 20;
  let pendingFeed: FeedTweet[] = [];
  const onTweets = (tweets: FeedTweet[]) => {
    pendingFeed.push(...tweets);
    if (pendingFeed.length > feedPerFlush) pendingFeed = pendingFeed.slice(-feedPerFlush);
  };
  const feedTimer = setInterval(() => {
    if (pendingFeed.length === 0) return;
    io.volatile.emit('tweets', pendingFeed);
    pendingFeed = [];
  }, options.feedFlushMs ?? 250);
  feedTimer.unref();

  runtime.events.on('window', onWindow);
  runtime.events.on('metrics', onMetrics);
  runtime.events.on('status', onStatus);
  runtime.events.on('config', onConfig);
  runtime.events.on('tweets', onTweets);
  runtime.events.on('reset', onReset);

  async function close(): Promise<void> {
    clearInterval(feedTimer);
    runtime.events.off('window', onWindow);
    runtime.events.off('metrics', onMetrics);
    runtime.events.off('status', onStatus);
    runtime.events.off('config', onConfig);
    runtime.events.off('tweets', onTweets);
    runtime.events.off('reset', onReset);
    io.disconnectSockets(true);
    await new Promise<void>((resolve) => {
      // io.close() also closes the HTTP server, which fastify closes itself; only end engine.io here.
      io.engine.close();
      resolve();
    });
  }

  return { io, close };
}
