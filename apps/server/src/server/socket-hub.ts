// socket.io on the dashboard's port: a new client gets the whole current state, then every slide,
// batch and status change through the fan-out (fan-out.ts: encoded once, throttled, coalesced per
// client). The handshake is refused to pages of other origins and to foreign Host names. The tweet
// feed is sampled and sent volatile, so a slow client drops feed items instead of backing up.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { FeedTweet, ServerToClientEvents } from '@hashpulse/protocol';
import type { DashboardRuntime } from '../runtime/dashboard-runtime.js';
import { FanOut, type FanOutOptions } from './fan-out.js';
import type { HashpulseIo } from './hashpulse-io.js';
import type { OriginPolicy } from './origin-policy.js';

export interface SocketHubOptions extends FanOutOptions {
  /** How often buffered feed tweets are flushed to clients. */
  feedFlushMs?: number;
  /** At most this many feed tweets per flush (the newest win). */
  feedPerFlush?: number;
  /**
   * true (the default): the coalescing fan-out (fan-out.ts). false: every update goes to every
   * client as it happens, and a new client gets its snapshot at once; the load bench compares them.
   */
  coalesce?: boolean;
}

export type { HashpulseIo } from './hashpulse-io.js';

export function attachSocketHub(
  httpServer: HttpServer,
  runtime: DashboardRuntime,
  policy: OriginPolicy,
  options: SocketHubOptions = {},
) {
  const io: HashpulseIo = new Server(httpServer, {
    // A short network drop resumes where it left off, without a gap and without a new snapshot.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    // Every engine.io request (handshake, polling, WebSocket upgrade), recovered or not: a browser
    // sends Origin with each cross-origin one, and a WebSocket is not covered by CORS.
    allowRequest: (request, callback) => {
      const { host, origin } = request.headers;
      callback(null, policy.hostAllowed(host) && policy.originAllowed(origin, host));
    },
  });

  const coalesce = options.coalesce ?? true;
  const fanOut = coalesce ? new FanOut(io, runtime, options) : null;
  // Taken at each emit: the Redis adapter replaces the namespace's adapter after this hub is made.
  const everyone = () => (options.localBroadcast === true ? io.local : io);

  io.on('connection', (socket) => {
    if (fanOut !== null) fanOut.add(socket, socket.recovered);
    else if (!socket.recovered) socket.emit('snapshot', runtime.snapshot());
    socket.on('snapshot:get', (reply) => {
      if (typeof reply === 'function') reply(runtime.snapshot());
    });
  });

  const onWindow = (update: Parameters<ServerToClientEvents['window']>[0]) =>
    fanOut ? fanOut.publish('window', update) : everyone().emit('window', update);
  const onMetrics = (metrics: Parameters<ServerToClientEvents['metrics']>[0]) =>
    fanOut ? fanOut.publish('metrics', metrics) : everyone().emit('metrics', metrics);
  const onStatus = (status: Parameters<ServerToClientEvents['status']>[0]) =>
    fanOut ? fanOut.publish('status', status) : everyone().emit('status', status);
  const onConfig = (config: Parameters<ServerToClientEvents['config']>[0]) =>
    fanOut ? fanOut.publish('config', config) : everyone().emit('config', config);
  const onReset = () => (fanOut ? fanOut.reset() : everyone().emit('snapshot', runtime.snapshot()));

  const feedPerFlush = options.feedPerFlush ?? 20;
  let pendingFeed: FeedTweet[] = [];
  const onTweets = (tweets: FeedTweet[]) => {
    pendingFeed.push(...tweets);
    if (pendingFeed.length > feedPerFlush) pendingFeed = pendingFeed.slice(-feedPerFlush);
  };
  const feedTimer = setInterval(() => {
    if (pendingFeed.length === 0) return;
    everyone().volatile.emit('tweets', pendingFeed);
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
    fanOut?.close();
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
