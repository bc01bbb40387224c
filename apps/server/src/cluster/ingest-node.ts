// ROLE=ingest: plays the configured source (the demo replay, DEMO_FILES) into the partition
// streams and keeps its status in Redis for the web nodes to show. It neither analyses nor serves.
import { ReplayClock } from '@hashpulse/engine';
import { IngestControlSchema, type SourceStatus } from '@hashpulse/protocol';
import type { Redis } from 'ioredis';
import type { ClusterConfig, ServerConfig } from '../config/server-config.js';
import { createProfileStore, type ProfileStore } from '../profiles/index.js';
import { ReplaySource } from '../sources/index.js';
import { ClusterKeys } from './cluster-keys.js';
import { closeRedis, connectClusterRedis } from './cluster-redis.js';
import { StreamIngest } from './stream-ingest.js';
import type { RoleLog } from './role-log.js';

export interface IngestNode {
  readonly sink: StreamIngest;
  /** Resolves when the source has ended and every entry is in Redis (never for a loop). */
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

/** Status writes at most this often (a replay reports progress up to 4 times a second). */
const STATUS_EVERY_MS = 500;

export async function startIngestNode(config: ServerConfig, log: RoleLog): Promise<IngestNode> {
  const cluster = config.cluster as ClusterConfig;
  const keys = new ClusterKeys(cluster.prefix, cluster.partitions);
  const redis = await connectClusterRedis(cluster.redisUrl, 'hashpulse-ingest', {
    onHealth: (health) =>
      health.state === 'ok'
        ? log('info', 'Redis is back: appending again')
        : log('warn', health.message ?? ''),
  });
  // The stream's own profiles (includes.users) reach every worker's lookups: through PostgreSQL
  // when there is one (shared by all), else sent to every partition for each worker's own store.
  const profiles: ProfileStore | null =
    config.databaseUrl === null ? null : await createProfileStore(config.databaseUrl, { resilient: {} });
  let source: ReplaySource | null = null;
  const sink = new StreamIngest(redis, {
    keys,
    batchIntervalMs: config.window.batchIntervalMs,
    maxLen: cluster.streamMaxLen,
    offset: () => {
      const offset = source?.offset() as { pass: number; position: number } | undefined;
      return offset === undefined ? '' : `${offset.pass}:${offset.position}`;
    },
    onWarning: (message) => log('warn', message),
    onFailure: (error) => log('error', `the source failed: ${error.message}`),
  });
  await sink.init();
  if (config.demoFiles.length === 0) {
    log('warn', 'no DEMO_FILES to play: the ingest node waits (live ingest is not built yet)');
  }
  let lastStatus = 0;
  let pendingStatus: SourceStatus | null = null;
  const writeStatus = (status: SourceStatus, force = false) => {
    pendingStatus = status;
    const now = Date.now();
    if (!force && now - lastStatus < STATUS_EVERY_MS) return;
    lastStatus = now;
    const counts = source?.counts() ?? {};
    void redis.set(keys.ingestStatus, JSON.stringify({ ...pendingStatus, ...counts })).catch(() => undefined);
  };
  const statusTimer = setInterval(() => {
    if (pendingStatus !== null) writeStatus(pendingStatus, true);
  }, STATUS_EVERY_MS * 2);
  statusTimer.unref();
  if (config.demoFiles.length > 0) {
    const speed = config.replaySpeed;
    source = new ReplaySource({
      dataDir: config.dataDir,
      files: config.demoFiles,
      speed,
      loop: config.demoLoop,
      gapMs: config.replayGapMs,
      ...(speed === 'max'
        ? { drain: () => sink.flushed(), finish: () => sink.flushed() }
        : { clock: new ReplayClock({ speed }) }),
    });
    source.on('status', (status) => writeStatus(status, status.state !== 'running'));
    source.on('profiles', (found) => {
      if (profiles === null) sink.profiles(found);
      else
        profiles
          .add(found)
          .catch((error: Error) => log('warn', `cannot store stream profiles: ${error.message}`));
    });
    let logged = 0;
    source.on('problem', (problem) => {
      if (problem.kind === 'warning' || logged++ >= 10) return;
      log(
        'warn',
        `replay: ${problem.file ?? 'stream'} line ${problem.line}: ${problem.kind}: ${problem.message}`,
      );
    });
    await source.prepare();
    await source.start(sink);
    log('info', `ingest: playing ${config.demoFiles.join(', ')} into ${cluster.partitions} partitions`);
  }
  const controls = await connectClusterRedis(cluster.redisUrl, 'hashpulse-ingest-control');
  const controlling = source === null ? null : followControls(controls, keys, source, log);
  return {
    sink,
    ended: sink.done,
    async close() {
      clearInterval(statusTimer);
      await controlling?.stop();
      await closeRedis(controls);
      await source?.stop();
      await sink.flushed();
      if (pendingStatus !== null)
        await redis
          .set(keys.ingestStatus, JSON.stringify({ ...pendingStatus, ...source?.counts() }))
          .catch(() => undefined);
      await profiles?.close();
      await closeRedis(redis);
    },
  };
}

/**
 * Replay controls from any web node (pause, resume, speed), applied to the source in the order
 * sent. Only controls sent while this node runs count: one sent while it is down is not kept.
 */
function followControls(redis: Redis, keys: ClusterKeys, source: ReplaySource, log: RoleLog) {
  let running = true;
  let lastId = '$';
  const loop = (async () => {
    while (running) {
      try {
        const reply = (await redis.xread('BLOCK', 500, 'STREAMS', keys.ingestControl, lastId)) as Array<
          [string, Array<[string, string[]]>]
        > | null;
        for (const [, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            lastId = id;
            let json: unknown = null;
            try {
              json = JSON.parse(fields[fields.indexOf('d') + 1] ?? '');
            } catch {
              // refused below
            }
            const parsed = IngestControlSchema.safeParse(json);
            if (!parsed.success) {
              log('warn', `replay control ${id} refused: ${parsed.error.message}`);
              continue;
            }
            const control = parsed.data;
            try {
              if (control.kind === 'pause') source.pause();
              else if (control.kind === 'resume') source.resume();
              else source.setSpeed(control.speed);
              log(
                'info',
                `replay control: ${control.kind}${control.kind === 'speed' ? ` ${control.speed}` : ''}`,
              );
            } catch (error) {
              log('warn', `replay control ${control.kind} refused: ${(error as Error).message}`);
            }
          }
        }
      } catch (error) {
        if (running) log('warn', `reading replay controls failed: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
