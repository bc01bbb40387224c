// The server's environment, validated once at start-up into a typed configuration.
import { z } from 'zod';
import { DurationSchema } from './duration.js';
import { ReplayGapThresholdSchema, SentimentScorerSchema } from './rest.js';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** When set, control actions need `Authorization: Bearer <ADMIN_TOKEN>`. */
  ADMIN_TOKEN: optionalText,
  /** Comma-separated host names the server answers to besides localhost and HOST (DNS rebinding guard). */
  ALLOWED_HOSTS: optionalText,
  /** Comma-separated origins (scheme://host[:port]) allowed to control and read besides the server's own. */
  ALLOWED_ORIGINS: optionalText,
  /** X API v2 bearer token; enables the live source. */
  X_BEARER_TOKEN: optionalText,
  /** Base URL of the X API (tests point it at a local server). */
  X_API_BASE_URL: z.string().url().default('https://api.x.com/2/'),
  /** Start the live source at start-up instead of the demo replay. */
  LIVE: z.enum(['off', 'filtered', 'sample']).default('off'),
  /** Directory under DATA_DIR where the live stream is recorded as .jsonl.gz; empty: no recording. */
  RECORD_DIR: optionalText,
  /** postgres://... : profiles come from PostgreSQL instead of PROFILES_FILE. */
  DATABASE_URL: optionalText,
  /** redis://... : scale out (socket.io adapter, ingest streams). */
  REDIS_URL: optionalText,
  /**
   * What this process runs: `all` (one process: source, engine and dashboard, the default),
   * `ingest` (sources into Redis Streams), `worker` (analysis of stream partitions) or `web`
   * (merges the workers' partials, runs the windows, serves the dashboard). All but `all` need REDIS_URL.
   */
  ROLE: z.enum(['all', 'ingest', 'worker', 'web']).default('all'),
  /** Stream partitions (tweets are spread by id); every node of one cluster must agree. */
  CLUSTER_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(4),
  /** Prefix of every cluster key in Redis (several clusters, or tests, can share one Redis). */
  CLUSTER_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only, at most 64')
    .default('hashpulse'),
  /** Entries kept per partition stream (`XADD MAXLEN ~`): older unread ones are dropped and counted. */
  CLUSTER_STREAM_MAXLEN: z.coerce.number().int().min(100).default(1_000_000),
  /** A worker or merging web node silent this long loses its lease; another claims its work. */
  CLUSTER_LEASE: DurationSchema.default(10_000),
  /** How long a batch waits for a partition that has not reported before it is merged as incomplete. */
  CLUSTER_MERGE_WAIT: DurationSchema.default(30_000),
  /** Recorded tweet files are listed and opened only under this directory. */
  DATA_DIR: z.string().default('data'),
  /** Files (under DATA_DIR) replayed in a loop at start-up; empty for none. */
  DEMO_FILES: z.string().default('demo/tweets.jsonl.gz'),
  /** `false`: DEMO_FILES play once and end (a cluster test, a one-off run) instead of in a loop. */
  DEMO_LOOP: z.enum(['true', 'false']).default('true'),
  /**
   * Where the server keeps what it needs to resume after a restart or a crash (the running
   * session and its engine checkpoints); relative to the working directory. "off": no resume.
   */
  STATE_DIR: z.string().trim().min(1).default('.hashpulse/state'),
  /** Replay (clock) time between two checkpoints; they are also at least a second apart in wall time. */
  CHECKPOINT_INTERVAL: DurationSchema.default(10_000),
  PROFILES_FILE: z.string().default('data/demo/users.jsonl'),
  REPLAY_SPEED: z.union([z.literal('max'), z.coerce.number().positive()]).default(10),
  /** Replays pass stretches without tweets longer than this at once (`1m`, `10m`...). */
  REPLAY_GAP: ReplayGapThresholdSchema.default(60_000),
  BATCH_INTERVAL: DurationSchema.default(1000),
  WINDOW_LENGTH: DurationSchema.default(60_000),
  SLIDE: DurationSchema.default(5000),
  /**
   * Threads that decode and analyse replayed recordings besides the main thread: a number, or
   * `auto` (one fewer than the cores). Default 0: on 2 cores they bought no speed for their CPU
   * and memory (`npm run bench -- scale`).
   */
  DECODE_THREADS: z.union([z.literal('auto'), z.coerce.number().int().min(0).max(64)]).default(0),
  /** Sentiment scorer: `model` (lexicon plus learned layer) or `lexicon` (the rules alone). */
  SENTIMENT: SentimentScorerSchema.default('model'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Env = z.infer<typeof EnvSchema>;
