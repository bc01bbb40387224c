// The scale-out on Redis Streams with real child processes: an ingest node, workers and two web
// nodes on a recorded stream give the windows of ROLE=all (one process) and of a brute-force
// recount; dashboards on either web node get every window and can change it for the cluster.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceStatus, WindowUpdate } from '@hashpulse/protocol';
import { ClusterKeys } from '../src/cluster/cluster-keys.js';
import { waitUntil } from './support/eventually.js';
import { REPO_ROOT, TEST_DATA } from './support/paths.js';
import { decodeRecordings, recount, topByCount } from './support/recount.js';
import { startPrivateRedis } from './support/private-services.js';
import { runtimeWindows } from './support/runtime-windows.js';
import { startNodeProcess, type NodeProcess } from './support/node-process.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { connectClient, nextEvent, type TestClient } from './support/test-server.js';
import { recordedStreamMessages, startXApiServer } from './support/x-api/index.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const RECORDINGS = [
  'x-api-v2/brexit.jsonl',
  'x-api-v2/flat.jsonl',
  'x-api-v2/media_policy_violation_off.jsonl',
];
const WINDOW = { BATCH_INTERVAL: '1s', WINDOW_LENGTH: '60s', SLIDE: '10s' };

/** What every node of one test shares: one key prefix in Redis, removed afterwards. */
function clusterEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL,
    CLUSTER_PREFIX: prefix,
    CLUSTER_PARTITIONS: '4',
    CLUSTER_LEASE: '2s',
    CLUSTER_MERGE_WAIT: '60s',
    DATA_DIR: TEST_DATA,
    DEMO_FILES: RECORDINGS.join(','),
    DEMO_LOOP: 'false',
    REPLAY_SPEED: 'max',
    PROFILES_FILE: '',
    STATE_DIR: 'off',
    LOG_LEVEL: 'info',
    ...WINDOW,
    ...extra,
  };
}

/** The demo recording (12,064 tweets over 10 minutes) and its authors' profiles, for the joins. */
const DEMO = {
  DATA_DIR: path.join(REPO_ROOT, 'data'),
  DEMO_FILES: 'demo/tweets.jsonl.gz',
  PROFILES_FILE: path.join(REPO_ROOT, 'data/demo/users.jsonl'),
};

/** The windows of ROLE=all on the same recordings, from the single-process runtime itself. */
function singleProcessWindows(source: Record<string, string> = {}): Promise<WindowUpdate[]> {
  return runtimeWindows({ DATA_DIR: TEST_DATA, DEMO_FILES: RECORDINGS.join(','), ...WINDOW, ...source });
}

/** A window as compared: everything, with the sentiment means to 9 digits (sums differ in order). */
function comparable(update: WindowUpdate) {
  const round = (mean: number | null) => (mean === null ? null : Math.round(mean * 1e9) / 1e9);
  return {
    ...update,
    sentiment: { ...update.sentiment, mean: round(update.sentiment.mean) },
    hashtagSentiment: update.hashtagSentiment.map((h) => ({ ...h, mean: round(h.mean) })),
  };
}

/** Collects every window a dashboard on `url` receives, from its connection on. */
function collectWindows(url: string): { client: TestClient; windows: WindowUpdate[] } {
  const client = connectClient(url);
  const windows: WindowUpdate[] = [];
  client.on('window', (update) => windows.push(update));
  return { client, windows };
}

/** Every window equals a recount of the recordings' tweets in its span, sharing nothing with the engine. */
function expectRecount(windows: readonly WindowUpdate[], files: string[]): void {
  const sorted = [...decodeRecordings(files)].sort((a, b) => a.createdAt - b.createdAt);
  let nonEmpty = 0;
  for (const window of windows) {
    const inside = sorted.filter((t) => t.createdAt >= window.start && t.createdAt < window.end);
    const counted = recount(inside);
    const where = `window ending ${new Date(window.end).toISOString()}`;
    expect(window.tweets, where).toBe(counted.tweets);
    expect(new Map(window.hashtags.map((h) => [h.key, h.count])), where).toEqual(
      topByCount(counted.tags, 50),
    );
    const { mean, ...labels } = window.sentiment;
    expect(labels, where).toEqual({
      positive: counted.positive,
      neutral: counted.neutral,
      negative: counted.negative,
      unscored: counted.unscored,
    });
    if (counted.mean === null) expect(mean, where).toBeNull();
    else expect(mean, where).toBeCloseTo(Math.max(-1, Math.min(1, counted.mean)), 9);
    if (window.tweets > 0) nonEmpty++;
  }
  expect(nonEmpty).toBeGreaterThan(0);
}

/**
 * What a dashboard on `url` shows of the current run: a snapshot (the first, or the fresh one
 * after a reset) replaces the windows, as the dashboard's own state does; later windows add to it.
 */
function followDashboard(url: string) {
  const client = connectClient(url);
  const view = { client, snapshots: 0, windows: [] as WindowUpdate[], status: null as SourceStatus | null };
  client.on('snapshot', (snapshot) => {
    view.snapshots++;
    view.windows = [...snapshot.windows];
    view.status = snapshot.status;
  });
  client.on('window', (update) => view.windows.push(update));
  client.on('status', (status) => (view.status = status));
  return view;
}

/**
 * The local HTTPS X API, sending every recorded tweet once (10 ms apart) on each stream connection,
 * then keep-alives only; `env` points a child process at it.
 */
async function localXApi(prefix: string) {
  const messages = recordedStreamMessages();
  const xApi = await startXApiServer({
    keepAliveMs: 500,
    defaultPlan: { kind: 'stream', messages, paceMs: 10, after: 'hold' },
  });
  // Child processes trust its CA as any Node process trusts an extra CA: NODE_EXTRA_CA_CERTS.
  const caFile = path.join(os.tmpdir(), `${prefix}-x-api-ca.pem`);
  writeFileSync(caFile, xApi.caPem);
  return {
    xApi,
    messages,
    env: { X_BEARER_TOKEN: xApi.bearerToken, X_API_BASE_URL: xApi.url, NODE_EXTRA_CA_CERTS: caFile },
    async close() {
      await xApi.close();
      rmSync(caFile, { force: true });
    },
  };
}

function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  return waitUntil(what, condition, { timeoutMs });
}

describe('a cluster on Redis Streams (ingest, workers, two web nodes)', () => {
  const prefix = `hp-test-${randomUUID().slice(0, 8)}`;
  const roles: NodeProcess[] = [];
  const webs: ServerProcess[] = [];
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await Promise.all([...roles.splice(0), ...webs.splice(0)].map((node) => node.kill('SIGKILL')));
    const redis = new Redis(REDIS_URL);
    try {
      for (;;) {
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length === 0) break;
        await redis.del(...keys);
      }
    } finally {
      redis.disconnect();
    }
  });

  const worker = async (env: Record<string, string>) => {
    const node = await startNodeProcess({ ...env, ROLE: 'worker' }, /ROLE=worker: worker/);
    roles.push(node);
    return node;
  };
  const web = async (env: Record<string, string>) => {
    const node = await startServerProcess({ ...env, ROLE: 'web' }, REPO_ROOT);
    webs.push(node);
    return node;
  };
  const ingest = async (env: Record<string, string>) => {
    const node = await startNodeProcess({ ...env, ROLE: 'ingest' }, /ROLE=ingest/);
    roles.push(node);
    return node;
  };

  it('gives every window of ROLE=all and of a brute-force recount, on both web nodes', async () => {
    const expected = await singleProcessWindows();
    expect(expected.length).toBeGreaterThan(10);
    const env = clusterEnv(prefix);
    await Promise.all([worker(env), worker(env), worker(env)]);
    const [first, second] = await Promise.all([web(env), web(env)]);
    const onFirst = collectWindows(first!.url);
    const onSecond = collectWindows(second!.url);
    clients.push(onFirst.client, onSecond.client);
    await Promise.all([nextEvent(onFirst.client, 'snapshot'), nextEvent(onSecond.client, 'snapshot')]);
    const source = await ingest(env);
    await source.waitFor(/the source ended/);
    const last = expected.at(-1)!.end;
    await until(
      () => onFirst.windows.at(-1)?.end === last && onSecond.windows.at(-1)?.end === last,
      60_000,
      `the last window on both web nodes (${expected.length} expected, last ${last}; got ${onFirst.windows.length} (last ${onFirst.windows.at(-1)?.end}) and ${onSecond.windows.length} (last ${onSecond.windows.at(-1)?.end}))\n${[...roles, ...webs].map((n) => n.lines.slice(-8).join('\n')).join('\n--\n')}`,
    );
    expect(onFirst.windows.map(comparable)).toEqual(expected.map(comparable));
    expect(onSecond.windows.map(comparable)).toEqual(expected.map(comparable));

    // And against a recount of the recordings, sharing nothing with the engine.
    expectRecount(
      onSecond.windows,
      RECORDINGS.map((file) => path.join(TEST_DATA, file)),
    );
  }, 240_000);

  it('loses nothing when a worker and then the merging web node are killed (SIGKILL) mid-stream', async () => {
    const expected = await singleProcessWindows({ ...DEMO, REPLAY_SPEED: 'max' });
    const env = clusterEnv(prefix, { ...DEMO, REPLAY_SPEED: '30' });
    const workers = await Promise.all([worker(env), worker(env), worker(env)]);
    const [first, second] = await Promise.all([web(env), web(env)]);
    const on = [collectWindows(first!.url), collectWindows(second!.url)];
    clients.push(...on.map((c) => c.client));
    await Promise.all(on.map((c) => nextEvent(c.client, 'snapshot')));
    const source = await ingest(env);
    await until(() => on[1]!.windows.some((w) => w.tweets > 0), 120_000, 'the first window with tweets');

    // A worker that owns partitions dies with its batches half read: another claims its entries.
    const victim = workers.find((w) => w.lines.some((line) => /took partition/.test(line)))!;
    const before = workers.map((w) => w.lines.length);
    expect(
      source.lines.some((line) => /the source ended/.test(line)),
      'the kill comes mid-stream',
    ).toBe(false);
    await victim.kill('SIGKILL');
    const survivors = workers.filter((w) => w !== victim);
    await until(
      () =>
        survivors.some((w) =>
          w.lines.slice(before[workers.indexOf(w)]).some((l) => /took partition/.test(l)),
        ),
      60_000,
      "a surviving worker taking the dead worker's partitions",
    );
    expect(
      source.lines.some((line) => /the source ended/.test(line)),
      'the kill came mid-stream',
    ).toBe(false);

    // The merging web node dies: the other takes the lease within seconds and carries on.
    const merging = async (node: ServerProcess) =>
      (
        (await (await fetch(`${node.url}/api/snapshot`)).json()) as {
          status: { cluster?: { merging: boolean } };
        }
      ).status.cluster?.merging === true;
    let merger: ServerProcess | null = null;
    await until(
      async () => {
        merger = (await merging(first!)) ? first! : (await merging(second!)) ? second! : null;
        return merger !== null;
      },
      30_000,
      'a merging web node',
    );
    const survivor = merger === first ? second! : first!;
    const watched = on[merger === first ? 1 : 0]!;
    await merger!.kill('SIGKILL');
    const killedAt = Date.now();
    await until(() => merging(survivor), 30_000, 'the surviving web node taking the merge lease');
    const takeover = Date.now() - killedAt;
    expect(survivor.lines.some((line) => /took the merge lease/.test(line))).toBe(true);

    const last = expected.at(-1)!.end;
    await source.waitFor(/the source ended/, 180_000);
    await until(
      () => watched.windows.at(-1)?.end === last,
      120_000,
      'the last window on the surviving web node',
    );
    // Every window the surviving node's dashboard received, from before the kills to the end. The
    // profile join is left out here: one process looks a batch's authors up when it processes the
    // batch, by which time its replay has stored the profiles of later lines too (the demo's
    // includes.users), while a worker joins as of the batch's end. The test-data recordings carry
    // each author on its own line, and there the join is compared too (the first test).
    const unjoined = ({ profiles: _p, join: _j, ...rest }: ReturnType<typeof comparable>) => rest;
    expect(watched.windows.map(comparable).map(unjoined)).toEqual(expected.map(comparable).map(unjoined));
    expect(watched.windows.filter((w) => w.tweets > 0).length).toBeGreaterThan(50);
    console.info(`merge lease taken over ${takeover} ms after the SIGKILL (lease 2 s)`);
  }, 400_000);

  it('applies a window change made on the second web node on every web node', async () => {
    const env = clusterEnv(prefix);
    await worker(env);
    const [first, second] = await Promise.all([web(env), web(env)]);
    const on = [collectWindows(first!.url), collectWindows(second!.url)];
    clients.push(...on.map((c) => c.client));
    await Promise.all(on.map((c) => nextEvent(c.client, 'snapshot')));
    const source = await ingest(env);
    await source.waitFor(/the source ended/);
    await until(() => on.every((c) => c.windows.length > 0), 60_000, 'windows on both web nodes');
    const window = { batchIntervalMs: 1000, windowLengthMs: 120_000, slideMs: 20_000 };
    const configs = on.map((c) =>
      nextEvent(c.client, 'config', (config) => config.window.windowLengthMs === 120_000, 60_000),
    );
    const response = await fetch(`${second!.url}/api/window`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: second!.url },
      body: JSON.stringify({ batchInterval: '1s', windowLength: '2m', slide: '20s' }),
    });
    expect(response.status).toBe(200);
    for (const config of await Promise.all(configs)) expect(config.window).toEqual(window);
    // A batch interval the workers do not cut by is refused, with a reason.
    const refused = await fetch(`${first!.url}/api/window`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: first!.url },
      body: JSON.stringify({ batchInterval: '2s', windowLength: '2m', slide: '20s' }),
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toMatch(/batch interval is fixed/);
  }, 240_000);

  it('passes replay controls to the ingest node, and rides out a Redis restart: every node reconnects and the windows flow again', async () => {
    // A private Redis (no persistence) that the test kills and starts again: the shared one is never touched.
    const redis = await startPrivateRedis();
    try {
      const env = clusterEnv(prefix, {
        ...DEMO,
        REDIS_URL: redis.url,
        REPLAY_SPEED: '10',
        DEMO_LOOP: 'true',
      });
      await worker(env);
      const node = await web(env);
      const { client, windows } = collectWindows(node.url);
      clients.push(client);
      await nextEvent(client, 'snapshot');
      await ingest(env);
      await until(() => windows.some((w) => w.tweets > 0), 120_000, 'windows before the outage');

      // Replay control from the web node reaches the ingest node through Redis.
      const control = (action: string, body: object = {}) =>
        fetch(`${node.url}/api/replay/${action}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: node.url },
          body: JSON.stringify(body),
        }).then(async (response) => ({
          status: response.status,
          body: (await response.json()) as { state: string; replay: { speed: unknown } },
        }));
      const paused = await control('pause');
      expect(paused.status).toBe(200);
      expect(paused.body.state).toBe('paused');
      const faster = await control('speed', { speed: 100 });
      expect(faster.body.replay.speed).toBe(100);
      expect((await control('resume')).body.state).toBe('running');

      await redis.stop();
      const down = await nextEvent(
        client,
        'status',
        (s) => s.services?.redis?.state === 'unavailable',
        30_000,
      );
      expect(down.services!.redis!.message).toMatch(/Redis unavailable/);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await redis.start();
      await nextEvent(client, 'status', (s) => s.services?.redis?.state === 'ok', 60_000);
      const seen = windows.length;
      await until(
        () => windows.slice(seen).some((w) => w.tweets > 0),
        120_000,
        'windows with tweets after the restart',
      );
      // Nothing crashed: every node is still running.
      for (const child of [...roles, ...webs])
        expect(child.child.exitCode, child.lines.slice(-5).join('\n')).toBeNull();
      // What the restart lost (a Redis without persistence) is counted, not hidden.
      const status = await nextEvent(client, 'status', () => true, 30_000);
      expect(status.cluster?.workers).toBe(1);
      const metrics = await (await fetch(`${node.url}/metrics`)).text();
      expect(metrics).toMatch(/^hashpulse_cluster\{figure="workers"\} 1$/m);
      expect(metrics).toMatch(/^hashpulse_cluster\{figure="dropped_entries"\} \d+$/m);
    } finally {
      await Promise.all([...roles.splice(0), ...webs.splice(0)].map((n) => n.kill('SIGKILL')));
      await redis.destroy();
    }
  }, 400_000);

  it('starts, restarts and stops a replay from a dashboard on the second web node: a new run each start, reset dashboards, windows equal to a recount', async () => {
    const file = 'test-data/x-api-v2/flat.jsonl';
    const expected = await singleProcessWindows({ DEMO_FILES: 'x-api-v2/flat.jsonl' });
    expect(expected.filter((w) => w.tweets > 0).length).toBeGreaterThan(0);
    // The demo plays slowly in a loop: the start comes mid-stream, with batches of run 0 in flight.
    const env = clusterEnv(prefix, {
      DATA_DIR: REPO_ROOT,
      DEMO_FILES: 'data/demo/tweets.jsonl.gz',
      REPLAY_SPEED: '10',
      DEMO_LOOP: 'true',
    });
    await Promise.all([worker(env), worker(env)]);
    const [first, second] = await Promise.all([web(env), web(env)]);
    const on = [followDashboard(first!.url), followDashboard(second!.url)] as const;
    clients.push(...on.map((view) => view.client));
    await until(() => on.every((view) => view.snapshots > 0), 30_000, 'the first snapshots');
    const source = await ingest(env);
    await until(() => on[1].windows.some((w) => w.tweets > 0), 120_000, 'windows of the demo (run 0)');

    const post = (node: ServerProcess, action: string, body: object = {}) =>
      fetch(`${node.url}/api/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: node.url },
        body: JSON.stringify(body),
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as SourceStatus & { message: string },
      }));
    const last = expected.at(-1)!.end;
    const logs = () => [...roles, ...webs].map((n) => n.lines.slice(-8).join('\n')).join('\n--\n');
    /** Both dashboards reset after `before` snapshots and then show every window of `file` once. */
    const expectRun = async (before: readonly number[], run: number) => {
      await until(
        () => on.every((view, i) => view.snapshots > before[i]! && view.windows.at(-1)?.end === last),
        120_000,
        `run ${run}'s last window on both dashboards (got ${on.map((v) => `${v.windows.length}, last ${v.windows.at(-1)?.end}`).join(' and ')}; ${expected.length} expected, last ${last})\n${logs()}`,
      );
      await source.waitFor(new RegExp(`run ${run}: the source ended`), 60_000);
      for (const view of on) expect(view.windows.map(comparable)).toEqual(expected.map(comparable));
      expectRecount(on[1].windows, [path.join(REPO_ROOT, file)]);
    };

    // Start: checked on the web node as one process checks it, then played by the ingest in run 1.
    const profilesFile = await post(second!, 'replay/start', { files: ['data/demo/users.jsonl'] });
    expect(profilesFile.status).toBe(400);
    expect(profilesFile.body.message).toMatch(/user profiles, not tweets/);
    const outside = await post(second!, 'replay/start', { files: ['../package.json'] });
    expect(outside.status).toBe(400);
    let before = on.map((view) => view.snapshots);
    const started = await post(second!, 'replay/start', { files: [file], speed: 'max' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.kind).toBe('replay');
    expect(started.body.replay?.files).toEqual([file]);
    // The node that answered has moved to run 1 already: its dashboards' fresh snapshot is on its way.
    await until(() => on[1].snapshots > before[1]!, 5000, 'the reset on the answering node');
    await expectRun(before, 1);

    // Restart, on the other web node: the same file in run 2, counted once, not on top of run 1.
    before = on.map((view) => view.snapshots);
    const restarted = await post(first!, 'replay/restart');
    expect(restarted.status, JSON.stringify(restarted.body)).toBe(200);
    await expectRun(before, 2);

    // The runs left behind expire; the current one stays.
    const redis = new Redis(REDIS_URL);
    try {
      const keys = new ClusterKeys(prefix, 4);
      expect(await redis.get(keys.currentRun)).toBe('2');
      for (const old of [keys.forRun(0), keys.forRun(1)]) {
        const ttl = await redis.pttl(old.records(0));
        expect(ttl === -2 || (ttl > 0 && ttl <= 60_000), `${old.records(0)}: ttl ${ttl}`).toBe(true);
      }
      expect(await redis.pttl(keys.forRun(1).merged)).toBeGreaterThan(0);
      expect(await redis.pttl(keys.forRun(2).merged)).toBe(-1);
    } finally {
      redis.disconnect();
    }

    // A web node that starts now, mid-run, plays the current run (2), not the demo's run 0.
    const late = followDashboard((await web(env)).url);
    clients.push(late.client);
    await until(
      () => late.windows.at(-1)?.end === last,
      60_000,
      `run 2 on a web node started late\n${logs()}`,
    );
    expect(late.windows.map(comparable)).toEqual(expected.map(comparable));

    // Stop: the ingest stops, the dashboards keep the last windows (no reset).
    before = on.map((view) => view.snapshots);
    const stopped = await post(second!, 'replay/stop');
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(stopped.body.state).toBe('stopped');
    await until(
      () => on.every((view) => view.status?.state === 'stopped'),
      30_000,
      'stopped on both dashboards',
    );
    expect(on.map((view) => view.snapshots)).toEqual(before);
    for (const view of on) expect(view.windows.at(-1)?.end).toBe(last);
    expect((await post(first!, 'replay/pause')).status).toBe(409);
    // Without X_BEARER_TOKEN the live stream (refused by the ingest node) and the rules (by this
    // node) answer 409, as one process does.
    const live = await post(first!, 'live/start', {});
    expect(live.status).toBe(409);
    expect(live.body.message).toBe('the live source needs X_BEARER_TOKEN in the server environment');
    const rules = await fetch(`${first!.url}/api/live/rules`, { headers: { origin: first!.url } });
    expect(rules.status).toBe(409);
    expect(((await rules.json()) as { message: string }).message).toMatch(/needs X_BEARER_TOKEN/);
  }, 400_000);

  it('plays the live X API stream started on the second web node: rules from any web node, reset dashboards, every tweet sent counted, windows sliding while the stream is idle', async () => {
    const { xApi, messages, env: xEnv, close } = await localXApi(prefix);
    // The ingest node records the stream too (RECORD_DIR under DATA_DIR), as one process does.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-data-`));
    try {
      const env = clusterEnv(prefix, {
        DATA_DIR: dataDir,
        RECORD_DIR: 'recordings',
        DEMO_FILES: '',
        ...xEnv,
        SLIDE: '1s',
      });
      await Promise.all([worker(env), worker(env)]);
      const [first, second] = await Promise.all([web(env), web(env)]);
      const on = [followDashboard(first!.url), followDashboard(second!.url)] as const;
      clients.push(...on.map((view) => view.client));
      await until(() => on.every((view) => view.snapshots > 0), 30_000, 'the first snapshots');
      const source = await ingest(env);
      const send = (node: ServerProcess, method: string, route: string, body?: object) =>
        fetch(`${node.url}/api/${route}`, {
          method,
          headers: { 'content-type': 'application/json', origin: node.url },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }).then(async (response) => ({
          status: response.status,
          body: (await response.json()) as SourceStatus & { message: string; id: string },
        }));
      const logs = () => [...roles, ...webs].map((n) => n.lines.slice(-8).join('\n')).join('\n--\n');

      // A rule added on the first web node is at X, so the second lists it.
      const rule = await send(first!, 'POST', 'live/rules', { value: '#brexit lang:en', tag: 'brexit' });
      expect(rule.status, JSON.stringify(rule.body)).toBe(201);
      expect(xApi.control.rules().map((r) => r.id)).toContain(rule.body.id);
      const listed = await send(second!, 'GET', 'live/rules');
      expect(listed.status).toBe(200);
      expect((listed.body as unknown as Array<{ id: string; value: string }>).map((r) => r.id)).toContain(
        rule.body.id,
      );

      // Started on the second web node, played by the ingest node in run 1: both dashboards reset.
      const before = on.map((view) => view.snapshots);
      const started = await send(second!, 'POST', 'live/start', { stream: 'filtered' });
      expect(started.status, JSON.stringify(started.body)).toBe(200);
      expect(started.body.kind).toBe('live');
      await until(
        () => on.every((view, i) => view.snapshots > before[i]!),
        30_000,
        `the reset on both web nodes\n${logs()}`,
      );
      expect(source.lines.some((line) => /run 1: playing the live filtered stream/.test(line))).toBe(true);

      // Every tweet the X API sent, counted once, in a window (60 s long: the stream takes ~2 s).
      await xApi.control.waitFor(() => xApi.control.stats().total >= 1, 30_000, 'the stream connection');
      await until(
        () => on.every((view) => view.windows.some((w) => w.tweets === messages.length)),
        90_000,
        `a window with all ${messages.length} tweets on both web nodes (got ${on.map((v) => Math.max(0, ...v.windows.map((w) => w.tweets))).join(' and ')})\n${logs()}`,
      );
      for (const view of on) {
        expect(Math.max(...view.windows.map((w) => w.tweets))).toBe(messages.length);
        expect(view.status?.kind).toBe('live');
      }

      // The stream is idle (keep-alives only): the time marks keep closing batches, windows slide.
      const ends = on.map((view) => view.windows.at(-1)!.end);
      await until(
        () => on.every((view, i) => view.windows.at(-1)!.end >= ends[i]! + 3000),
        20_000,
        `windows sliding while the stream is idle (from ${ends.join(', ')})\n${logs()}`,
      );
      for (const view of on) expect(view.windows.at(-1)!.tweets).toBe(messages.length);

      // A live stream cannot be paused or slowed.
      const paused = await send(first!, 'POST', 'replay/pause', {});
      expect(paused.status).toBe(409);
      expect(paused.body.message).toMatch(/live X API stream cannot be paused/);

      // Stop: the ingest closes the stream, the dashboards say so and keep their windows.
      const stopped = await send(first!, 'POST', 'live/stop', {});
      expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
      expect(stopped.body.state).toBe('stopped');
      await until(
        () => on.every((view) => view.status?.state === 'stopped'),
        30_000,
        'stopped on both dashboards',
      );
      await xApi.control.waitFor(() => xApi.control.stats().open === 0, 10_000, 'the stream closed');
      expect(xApi.control.stats().maxConcurrent).toBe(1);
      const recorded = readdirSync(path.join(dataDir, 'recordings'))
        .filter((name) => name.endsWith('.jsonl.gz'))
        .flatMap((name) =>
          gunzipSync(readFileSync(path.join(dataDir, 'recordings', name)))
            .toString('utf8')
            .split('\n')
            .filter((line) => line.trim() !== ''),
        );
      expect(recorded.map((line) => (JSON.parse(line) as { data: { id: string } }).data.id)).toEqual(
        messages.map((message) => message.data.id),
      );
    } finally {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('plays the live stream from its start with LIVE=sample on the ingest node (before DEMO_FILES, as one process)', async () => {
    const { xApi, messages, env: xEnv, close } = await localXApi(prefix);
    try {
      const env = clusterEnv(prefix, { ...xEnv, LIVE: 'sample', SLIDE: '1s' });
      await worker(env);
      const node = await web(env);
      const view = followDashboard(node.url);
      clients.push(view.client);
      await until(() => view.snapshots > 0, 30_000, 'the first snapshot');
      const source = await ingest(env);
      await until(
        () => view.windows.some((w) => w.tweets === messages.length),
        90_000,
        `a window with all ${messages.length} tweets (got ${Math.max(0, ...view.windows.map((w) => w.tweets))})\n${source.lines.slice(-8).join('\n')}`,
      );
      expect(source.lines.some((line) => /run 0: playing the live sample stream/.test(line))).toBe(true);
      expect(xApi.control.requests().some((r) => r.path === '/2/tweets/sample/stream')).toBe(true);
      expect(Math.max(...view.windows.map((w) => w.tweets))).toBe(messages.length);
      expect(view.status?.kind).toBe('live');
      const speed = await fetch(`${node.url}/api/replay/speed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: node.url },
        body: JSON.stringify({ speed: 100 }),
      });
      expect(speed.status).toBe(409);
    } finally {
      await close();
    }
  }, 240_000);

  it('counts and shows the entries Redis trimmed (MAXLEN) before any worker read them', async () => {
    const env = clusterEnv(prefix, { CLUSTER_PARTITIONS: '1', CLUSTER_STREAM_MAXLEN: '100' });
    // The ingest runs ahead with no worker at all: the stream keeps about its last 100 entries.
    const source = await ingest(env);
    await source.waitFor(/the source ended/);
    await worker(env);
    const node = await web(env);
    const client = connectClient(node.url);
    clients.push(client);
    const status = await nextEvent(client, 'status', (s) => (s.cluster?.droppedEntries ?? 0) > 0, 60_000);
    expect(status.message).toMatch(/stream entries dropped before the workers read them/);
    expect(status.dropped).toBeGreaterThanOrEqual(status.cluster!.droppedEntries);
    const metrics = await (await fetch(`${node.url}/metrics`)).text();
    const dropped = Number(/^hashpulse_cluster\{figure="dropped_entries"\} (\d+)$/m.exec(metrics)?.[1]);
    expect(dropped).toBe(status.cluster!.droppedEntries);
  }, 240_000);
});
