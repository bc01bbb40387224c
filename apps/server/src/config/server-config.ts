// Turns the environment into the one typed configuration the server is started with; nothing
// below this module reads process.env.
import path from 'node:path';
import { EnvSchema, type Env, type WindowConfig, windowConfigViolations, z } from '@hashpulse/protocol';
import { HashpulseError } from '../errors.js';

export class ConfigError extends HashpulseError {
  override readonly name = 'ConfigError';
  override readonly code = 'HP_ERR_SERVER_CONFIG';
}

export interface ServerConfig {
  port: number;
  host: string;
  adminToken: string | null;
  xBearerToken: string | null;
  xApiBaseUrl: string;
  live: Env['LIVE'];
  databaseUrl: string | null;
  redisUrl: string | null;
  /** Absolute path; recordings are listed and opened only below it. */
  dataDir: string;
  /** Absolute path under dataDir where live streams are recorded, null for none. */
  recordDir: string | null;
  /** Paths relative to dataDir, replayed in a loop at start-up. */
  demoFiles: string[];
  /** Absolute path of the default file profile store, null for none. */
  profilesFile: string | null;
  replaySpeed: number | 'max';
  /** Replays pass recording time without tweets longer than this at once. */
  replayGapMs: number;
  window: WindowConfig;
  logLevel: Env['LOG_LEVEL'];
  /** Absolute path of the built dashboard. */
  webDist: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
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
  if (!isLoopbackHost(e.HOST) && !e.ADMIN_TOKEN) {
    throw new ConfigError(
      `refusing to listen on ${e.HOST} without ADMIN_TOKEN: anyone who can reach it could change the configuration. ` +
        `Set ADMIN_TOKEN to a long random secret, or HOST=127.0.0.1.`,
    );
  }
  if (e.LIVE !== 'off' && !e.X_BEARER_TOKEN) {
    throw new ConfigError(
      `LIVE=${e.LIVE} needs X_BEARER_TOKEN (developer.x.com, your app's "Keys and tokens")`,
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
    profilesFile: e.PROFILES_FILE.trim() === '' ? null : path.resolve(cwd, e.PROFILES_FILE),
    replaySpeed: e.REPLAY_SPEED,
    replayGapMs: e.REPLAY_GAP,
    window,
    logLevel: e.LOG_LEVEL,
    webDist,
  };
}
