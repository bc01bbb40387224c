// Wires a validated configuration into a running server: profile store, runtime, HTTP + socket.io.
// Tests start the real server through this too.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolveListenAddress, type ServerConfig } from './config/server-config.js';
import { assertFileKind } from './files/index.js';
import { createProfileStore, PROFILES_FILE_INPUT, type ProfileStore } from './profiles/index.js';
import { ClusterWebRuntime } from './cluster/web-runtime.js';
import { AnalyticsRuntime } from './runtime/analytics-runtime.js';
import type { DashboardRuntime } from './runtime/dashboard-runtime.js';
import { buildApp, type HashpulseApp } from './server/app.js';
import type { SocketHubOptions } from './server/socket-hub.js';

export interface RunningHashpulse<R extends ServedRuntime = AnalyticsRuntime> extends HashpulseApp {
  runtime: R;
  url: string;
  close(): Promise<void>;
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface StartOptions {
  /** Extra CA certificates the live X API client trusts (tests run a local X API with their own CA). */
  liveCa?: string;
  /** Redis stream name for socket.io broadcasts (tests isolate themselves with their own). */
  redisStreamName?: string;
  /** socket.io fan-out settings (benchmarks compare coalescing on and off). */
  socket?: SocketHubOptions;
}

/** What the HTTP layer serves: the single-process runtime, or a cluster web node's. */
export interface ServedRuntime extends DashboardRuntime {
  startDefaultSource(): Promise<void>;
}

/** ROLE=all: one process runs the source, the engine and the dashboard. */
export async function startHashpulse(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningHashpulse> {
  return serve(
    config,
    options,
    (profiles) =>
      new AnalyticsRuntime({
        config,
        profiles,
        version: VERSION,
        ...(options.liveCa !== undefined ? { liveCa: options.liveCa } : {}),
      }),
  );
}

/** ROLE=web: a cluster's web node (windows from the merged stream, the merge lease when free). */
export async function startWebNode(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningHashpulse<ClusterWebRuntime>> {
  return serve(
    config,
    {
      ...options,
      redisStreamName: options.redisStreamName ?? `${config.cluster!.prefix}:socket.io`,
      socket: { ...options.socket, localBroadcast: true },
    },
    (profiles) =>
      new ClusterWebRuntime({
        config,
        profiles,
        version: VERSION,
        ...(options.liveCa !== undefined ? { liveCa: options.liveCa } : {}),
      }),
  );
}

async function serve<R extends ServedRuntime>(
  config: ServerConfig,
  options: StartOptions,
  createRuntime: (profiles: ProfileStore) => R,
): Promise<RunningHashpulse<R>> {
  // Before anything opens: a HOST that resolves beyond loopback needs a long ADMIN_TOKEN.
  const listenAddress = await resolveListenAddress(config);
  // A tweet recording as PROFILES_FILE would load as thousands of empty profiles: refused by kind.
  if (config.databaseUrl === null && config.profilesFile !== null) {
    await assertFileKind(config.profilesFile, `PROFILES_FILE ${config.profilesFile}`, PROFILES_FILE_INPUT);
  }
  // A running server rides out PostgreSQL outages (tweets flow on unjoined) and reconnects by itself.
  const profiles = await createProfileStore(config.databaseUrl ?? config.profilesFile ?? undefined, {
    resilient: {},
  });
  const runtime = createRuntime(profiles);
  let built: HashpulseApp | null = null;
  try {
    built = await buildApp({
      redisUrl: config.redisUrl,
      ...(options.redisStreamName !== undefined ? { redisStreamName: options.redisStreamName } : {}),
      runtime,
      adminToken: config.adminToken,
      allowedHosts: config.allowedHosts,
      allowedOrigins: config.allowedOrigins,
      ...(options.socket !== undefined ? { socket: options.socket } : {}),
      webDist: config.webDist,
      version: VERSION,
      logLevel: config.logLevel,
    });
    await built.app.listen({ port: config.port, host: listenAddress });
    await runtime.startDefaultSource();
  } catch (error) {
    await built?.app.close();
    await runtime.close();
    throw error;
  }
  const { app, io } = built;
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    app,
    io,
    runtime,
    url: `http://${host}:${address.port}`,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
