// Turns the environment into the one typed configuration the server is started with; nothing
// below this module reads process.env.
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EnvSchema, type Env, type WindowConfig, windowConfigViolations, z } from '@hashpulse/protocol';
import { HashpulseError } from '../errors.js';
import { exposureProblem } from './listen-host.js';

export class ConfigError extends HashpulseError {
  override readonly name = 'ConfigError';
  override readonly code = 'HP_ERR_SERVER_CONFIG';
}

export interface ServerConfig {
  port: number;
  /** As given (an IP address or a name); resolveListenAddress() gives the address to bind. */
  host: string;
  adminToken: string | null;
  /**
   * Host names (lower case) the server answers to, besides any IP address: localhost, HOST when it
   * is a name, and ALLOWED_HOSTS. Any other Host header is refused (DNS rebinding).
   */
  allowedHosts: string[];
  /** Origins (`scheme://host[:port]`) trusted besides the server's own: ALLOWED_ORIGINS. */
  allowedOrigins: string[];
  xBearerToken: string | null;
  xApiBaseUrl: string;
  live: Env['LIVE'];
  databaseUrl: string | null;
  redisUrl: string | null;
  /** Absolute path; recordings are listed and opened only below it. */
  dataDir: string;
  /** Absolute path under dataDir where live streams are recorded, null for none. */
  recordDir: string | null;
  /** Paths relative to dataDir, replayed at start-up (in a loop unless demoLoop is false). */
  demoFiles: string[];
  demoLoop: boolean;
  /** Absolute path of the default file profile store, null for none. */
  profilesFile: string | null;
  replaySpeed: number | 'max';
  /** Replays pass recording time without tweets longer than this at once. */
  replayGapMs: number;
  window: WindowConfig;
  logLevel: Env['LOG_LEVEL'];
  /** The sentiment scorer the job labels tweets with. */
  sentiment: Env['SENTIMENT'];
  /** Threads decoding and analysing replays besides the main thread (DECODE_THREADS resolved); 0: none. */
  decodeThreads: number;
  /** Absolute path where the running session and its checkpoints are kept for resume; null: off. */
  stateDir: string | null;
  /** Replay (clock) time between two checkpoints. */
  checkpointIntervalMs: number;
  /** Absolute path of the built dashboard. */
  webDist: string;
  /** What this process runs; `all` is one process doing everything (the default). */
  role: Env['ROLE'];
  /** The Redis Streams cluster settings; null for ROLE=all. */
  cluster: ClusterConfig | null;
}

export interface ClusterConfig {
  redisUrl: string;
  partitions: number;
  prefix: string;
  streamMaxLen: number;
  leaseMs: number;
  mergeWaitMs: number;
}

/** Validates the environment; throws ConfigError listing every problem at once. */
export function loadServerConfig(
  env: Record<string, string | undefined>,
  cwd: string,
  webDist: string,
): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`invalid environment:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  const window: WindowConfig = {
    batchIntervalMs: e.BATCH_INTERVAL,
    windowLengthMs: e.WINDOW_LENGTH,
    slideMs: e.SLIDE,
  };
  const problems = windowConfigViolations(window);
  if (problems.length > 0) {
    throw new ConfigError(`invalid BATCH_INTERVAL / WINDOW_LENGTH / SLIDE: ${problems.join('; ')}`);
  }
  // An address is judged here; a name only once resolved, at start-up (resolveListenAddress).
  if (net.isIP(e.HOST) !== 0) {
    const problem = exposureProblem(e.HOST, e.HOST, e.ADMIN_TOKEN ?? null);
    if (problem !== null) throw new ConfigError(problem);
  }
  if (e.LIVE !== 'off' && !e.X_BEARER_TOKEN) {
    throw new ConfigError(
      `LIVE=${e.LIVE} needs X_BEARER_TOKEN (developer.x.com, your app's "Keys and tokens")`,
    );
  }
  if (e.ROLE !== 'all' && e.REDIS_URL === undefined) {
    throw new ConfigError(
      `ROLE=${e.ROLE} needs REDIS_URL (redis://host:6379): the roles meet only through Redis Streams; use ROLE=all for one process`,
    );
  }
  if (e.ROLE !== 'all' && e.CLUSTER_MERGE_WAIT <= e.CLUSTER_LEASE) {
    throw new ConfigError(
      `CLUSTER_MERGE_WAIT (${e.CLUSTER_MERGE_WAIT} ms) must be longer than CLUSTER_LEASE (${e.CLUSTER_LEASE} ms): a dead worker's partitions are claimed after the lease, and a batch merged before that would be marked incomplete needlessly`,
    );
  }
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  const recordDir = e.RECORD_DIR === undefined ? null : path.resolve(dataDir, e.RECORD_DIR);
  if (recordDir !== null && !recordDir.startsWith(dataDir + path.sep)) {
    throw new ConfigError(
      `RECORD_DIR ${e.RECORD_DIR} must be a directory inside DATA_DIR (${dataDir}), so recordings can be replayed`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    adminToken: e.ADMIN_TOKEN ?? null,
    allowedHosts: allowedHosts(e.HOST, e.ALLOWED_HOSTS),
    allowedOrigins: allowedOrigins(e.ALLOWED_ORIGINS),
    xBearerToken: e.X_BEARER_TOKEN ?? null,
    xApiBaseUrl: e.X_API_BASE_URL,
    live: e.LIVE,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    dataDir,
    recordDir,
    demoFiles: e.DEMO_FILES.split(',')
      .map((file) => file.trim())
      .filter((file) => file !== ''),
    demoLoop: e.DEMO_LOOP === 'true',
    profilesFile: e.PROFILES_FILE.trim() === '' ? null : path.resolve(cwd, e.PROFILES_FILE),
    replaySpeed: e.REPLAY_SPEED,
    replayGapMs: e.REPLAY_GAP,
    window,
    logLevel: e.LOG_LEVEL,
    sentiment: e.SENTIMENT,
    decodeThreads: e.DECODE_THREADS === 'auto' ? os.availableParallelism() - 1 : e.DECODE_THREADS,
    stateDir: e.STATE_DIR === 'off' ? null : path.resolve(cwd, e.STATE_DIR),
    checkpointIntervalMs: e.CHECKPOINT_INTERVAL,
    webDist,
    role: e.ROLE,
    cluster:
      e.ROLE === 'all'
        ? null
        : {
            redisUrl: e.REDIS_URL!,
            partitions: e.CLUSTER_PARTITIONS,
            prefix: e.CLUSTER_PREFIX,
            streamMaxLen: e.CLUSTER_STREAM_MAXLEN,
            leaseMs: e.CLUSTER_LEASE,
            mergeWaitMs: e.CLUSTER_MERGE_WAIT,
          },
  };
}

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function allowedHosts(host: string, extra: string | undefined): string[] {
  const names = new Set(['localhost']);
  // A wildcard or an address needs no name: any IP address in a Host header is accepted anyway.
  if (net.isIP(host) === 0) names.add(host.toLowerCase().replace(/\.$/, ''));
  for (const name of listOf(extra)) {
    if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?\.?$/i.test(name)) {
      throw new ConfigError(
        `ALLOWED_HOSTS: "${name}" is not a host name: list bare names such as dashboard.example.com (no scheme, port or path)`,
      );
    }
    names.add(name.toLowerCase().replace(/\.$/, ''));
  }
  return [...names];
}

function allowedOrigins(value: string | undefined): string[] {
  return listOf(value).map((origin) => {
    if (origin === '*' || origin === 'null') {
      throw new ConfigError(
        `ALLOWED_ORIGINS: "${origin}" would let any web page control and read the server: list the origins, such as https://dashboard.example.com`,
      );
    }
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      // reported below
    }
    if (
      url === null ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.username !== '' ||
      url.password !== '' ||
      url.pathname !== '/' ||
      url.search !== '' ||
      url.hash !== ''
    ) {
      throw new ConfigError(
        `ALLOWED_ORIGINS: "${origin}" is not an origin: write scheme://host[:port] with nothing after it, such as https://dashboard.example.com`,
      );
    }
    return url.origin;
  });
}

/**
 * The address to listen on: HOST itself when it is an IP address, else what it resolves to (as
 * listen() would resolve it), refused when it reaches beyond loopback without a long ADMIN_TOKEN.
 */
export async function resolveListenAddress(
  config: Pick<ServerConfig, 'host' | 'adminToken'>,
): Promise<string> {
  let address = config.host;
  if (net.isIP(address) === 0) {
    try {
      ({ address } = await lookup(config.host));
    } catch (error) {
      throw new ConfigError(
        `cannot resolve HOST ${config.host} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ` +
          'set HOST to an IP address (127.0.0.1, 0.0.0.0) or a name this machine resolves',
      );
    }
  }
  const problem = exposureProblem(config.host, address, config.adminToken);
  if (problem !== null) throw new ConfigError(problem);
  return address;
}
