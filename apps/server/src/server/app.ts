// The dashboard server: built dashboard, REST API, /metrics and socket.io on one port.
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { HTTP_ERROR_CODES } from '../errors.js';
import type { DashboardRuntime, RuntimeLog } from '../runtime/dashboard-runtime.js';
import { adminGuard, adminToken } from './auth.js';
import { authFailureRateLimit } from './auth-rate-limit.js';
import { handleError } from './error-handler.js';
import { createMetrics } from './metrics.js';
import { createOriginPolicy } from './origin-policy.js';
import { hostGuard, requireJsonBody, sameOriginGuard } from './request-guard.js';
import { registerControlRoutes } from './routes/control-routes.js';
import { useRedisBroadcast } from './redis-adapter.js';
import { registerReadRoutes } from './routes/read-routes.js';
import { attachSocketHub, type HashpulseIo, type SocketHubOptions } from './socket-hub.js';

export interface AppOptions {
  runtime: DashboardRuntime;
  adminToken: string | null;
  /** Host names the server answers to besides IP addresses (ServerConfig.allowedHosts). */
  allowedHosts: readonly string[];
  /** Origins trusted besides the server's own (ServerConfig.allowedOrigins). */
  allowedOrigins: readonly string[];
  /** Absolute path of the built dashboard (apps/web/dist). */
  webDist: string;
  version: string;
  logLevel?: string;
  socket?: SocketHubOptions;
  /** redis://... : broadcast through Redis Streams so any web node serves any client. */
  redisUrl?: string | null;
  /** Redis stream name (tests isolate themselves with their own). */
  redisStreamName?: string;
}

export interface HashpulseApp {
  app: FastifyInstance;
  io: HashpulseIo;
}

export async function buildApp(options: AppOptions): Promise<HashpulseApp> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    bodyLimit: 64 * 1024,
    // Dashboards poll and reconnect constantly; per-request lines would drown the useful ones.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.setErrorHandler(handleError);
  const policy = createOriginPolicy(options);
  const token = adminToken(options.adminToken);
  // Every route, reads and the dashboard's files included: a rebinding page must not read either.
  app.addHook('onRequest', hostGuard(policy));

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React and recharts set style attributes; no other origin is allowed anywhere.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The dashboard is served over plain HTTP on loopback by default; HSTS would be wrong there.
    strictTransportSecurity: false,
  });
  await app.register(rateLimit, authFailureRateLimit(token));

  const hub = attachSocketHub(app.server, options.runtime, policy, options.socket);
  // The runtime says once what happens to the services behind it (outages, recoveries, resume).
  const onLog = ({ level, message }: RuntimeLog) => app.log[level](message);
  options.runtime.events.on('log', onLog);
  const broadcast = options.redisUrl
    ? await useRedisBroadcast(
        hub.io,
        options.redisUrl,
        (health) => options.runtime.reportRedis(health),
        options.redisStreamName === undefined ? {} : { streamName: options.redisStreamName },
      )
    : null;
  const metrics = createMetrics(options.runtime, () => hub.io.engine.clientsCount);

  registerReadRoutes(app, options.runtime, options.version);
  registerControlRoutes(app, options.runtime, {
    onRequest: sameOriginGuard(policy, token),
    preHandler: [adminGuard(token), requireJsonBody],
    config: { rateLimit: {} },
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );

  registerDashboard(app, options.webDist);

  // Open sockets would keep the HTTP server from closing: end them before fastify waits for it.
  app.addHook('preClose', async () => {
    await hub.close();
  });
  app.addHook('onClose', async () => {
    options.runtime.events.off('log', onLog);
    metrics.close();
    await broadcast?.close();
  });
  return { app, io: hub.io };
}

function registerDashboard(app: FastifyInstance, webDist: string): void {
  const index = path.join(webDist, 'index.html');
  const built = existsSync(index);
  if (built) {
    // wildcard: files are looked up per request, so a rebuilt dashboard is served without a restart.
    app.register(fastifyStatic, { root: webDist, index: ['index.html'], wildcard: true });
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain')
        .send(`The dashboard is not built (${index} is missing): run \`npm run build\`.`),
    );
  }
  // Unknown non-API paths get the dashboard, so a reload on a client-side route still works; the
  // rest get an ApiError body, built dashboard or not.
  app.setNotFoundHandler(async (request, reply) => {
    if (
      built &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !request.url.startsWith('/socket.io')
    ) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({
      error: 'NotFound',
      code: HTTP_ERROR_CODES.notFound,
      message: `no route ${request.method} ${request.url}`,
    });
  });
}
