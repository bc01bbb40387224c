// The recorder's output replays to the same analytics results as the live run it recorded.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type Source } from '@hashpulse/engine';
import type { WindowUpdate } from '@hashpulse/protocol';
import type { Tweet } from '@hashpulse/tweets';
import { MemoryProfileStore } from '../src/profiles/index.js';
import { Session } from '../src/runtime/session.js';
import { LiveSource } from '../src/sources/live/index.js';
import { StreamRecorder } from '../src/sources/recorder/index.js';
import { ReplaySource } from '../src/sources/replay/index.js';
import { REPO_ROOT } from './support/test-server.js';
import { startXApiServer, type XApiServer } from './support/x-api/index.js';

const WINDOW = { batchIntervalMs: 1000, windowLengthMs: 30_000, slideMs: 5000 };

/** Runs the analytics job on a manual clock (event time = created_at) and collects its windows. */
async function analyse(
  makeSource: (clock: ManualClock, session: () => Session) => Source<Tweet>,
  finished: () => Promise<void>,
) {
  const clock = new ManualClock();
  const holder: { session?: Session } = {};
  const source = makeSource(clock, () => holder.session!);
  const session = (holder.session = new Session({
    source,
    clock,
    window: WINDOW,
    profiles: new MemoryProfileStore(),
    listener: {},
  }));
  const windows: WindowUpdate[] = [];
  session.job.on('window', (update) => windows.push(update));
  await session.start();
  await finished();
  await session.context.advanceToLastWindow();
  await session.stop();
  return windows;
}

describe('recording the live stream', () => {
  let xApi: XApiServer;
  let dataDir: string;
  const demo = gunzipSync(readFileSync(path.join(REPO_ROOT, 'data/demo/tweets.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .slice(0, 1500);

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-recording-'));
    xApi = await startXApiServer({
      keepAliveMs: 200,
      // The connection drops half-way: the recording must still hold every tweet exactly once.
      defaultPlan: { kind: 'stream', messages: demo.slice(0, 900), after: 'drop' },
    });
    xApi.control.plan(
      { kind: 'stream', messages: demo.slice(0, 900), after: 'drop' },
      { kind: 'stream', messages: demo.slice(800), after: 'hold' },
    );
  });
  afterAll(async () => {
    await xApi?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('replays to exactly the windows of the live run it recorded', async () => {
    const recorder = new StreamRecorder({ dir: path.join(dataDir, 'recordings'), rotateBytes: 256 * 1024 });
    let live!: LiveSource;
    let pushed = 0;
    const liveWindows = await analyse(
      () => {
        live = new LiveSource({
          stream: 'filtered',
          bearerToken: xApi.bearerToken,
          baseUrl: xApi.url,
          ca: xApi.caPem,
          eventTime: 'created-at',
        });
        live.on('message', (line) => {
          pushed++;
          recorder.write(line);
        });
        return live;
      },
      async () => {
        await xApi.control.waitFor(() => pushed >= demo.length, 30_000, 'every demo message to arrive');
        await live.stop();
      },
    );
    const files = await recorder.close();
    expect(files.length).toBeGreaterThan(1);
    expect(liveWindows.filter((w) => w.tweets > 0).length).toBeGreaterThan(5);

    const names = (await readdir(path.join(dataDir, 'recordings')))
      .sort()
      .map((name) => `recordings/${name}`);
    let replay!: ReplaySource;
    const replayWindows = await analyse(
      (clock, session) => {
        replay = new ReplaySource({
          dataDir,
          files: names,
          speed: 'max',
          timeSource: clock,
          drain: () => session().context.whenIdle(),
        });
        return replay;
      },
      () =>
        new Promise<void>((resolve) => replay.on('status', ({ state }) => state === 'ended' && resolve())),
    );
    expect(replayWindows).toEqual(liveWindows);
  });
});
