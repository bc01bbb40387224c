// The replay as the server runs it: honest counts (status, /metrics), a year-long gap at "max"
// that never stops /api/health from answering, speed changes that apply at once, Restart after
// Stop, and Stop while a replay still prepares. Fixtures are written to a temp data directory.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Snapshot, SourceStatus } from '@hashpulse/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHashpulse } from '../../src/start.js';
import { startTestServer } from '../support/test-server.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2019, 2, 1, 12);
let dataDir: string;
let server: RunningHashpulse;

function tweetLine(id: string, time: number, text = `tweet ${id} #replay`): string {
  return JSON.stringify({ data: { id, text, created_at: new Date(time).toISOString(), author_id: '42' } });
}

async function post(route: string, body: unknown = {}): Promise<{ status: number; body: SourceStatus }> {
  const response = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as SourceStatus };
}

async function snapshot(): Promise<Snapshot> {
  return (await (await fetch(`${server.url}/api/snapshot`)).json()) as Snapshot;
}

/** Resolves with the first status the runtime reports that `accept`s (bounded, so a bug fails). */
function nextStatus(accept: (status: SourceStatus) => boolean): Promise<SourceStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching status within 20 s')), 20_000);
    const listener = (status: SourceStatus): void => {
      if (!accept(status)) return;
      clearTimeout(timer);
      server.runtime.events.off('status', listener);
      resolve(status);
    };
    server.runtime.events.on('status', listener);
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-replay-controls-'));
  await writeFile(
    path.join(dataDir, 'problems.jsonl'),
    [
      tweetLine('1', T0),
      'not json at all',
      JSON.stringify({ limit: { track: 12 } }),
      tweetLine('2', T0 + 500),
      '[1, 2, 3]',
    ].join('\n') + '\n',
  );
  await writeFile(
    path.join(dataDir, 'year-gap.jsonl'),
    [tweetLine('1', T0), tweetLine('2', T0 + 365 * DAY), tweetLine('3', T0 + 365 * DAY + 900)].join('\n'),
  );
  await writeFile(
    path.join(dataDir, 'ten-minutes.jsonl'),
    Array.from({ length: 600 }, (_, i) => tweetLine(String(i + 1), T0 + i * 1000)).join('\n'),
  );
  server = await startTestServer({ DATA_DIR: dataDir, DEMO_FILES: '' });
});
afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('replay controls on the server', () => {
  it('rejected and skipped lines, with their first reasons, reach the status and /metrics', async () => {
    const ended = nextStatus((status) => status.state === 'ended');
    await post('/api/replay/start', { files: ['problems.jsonl'], speed: 'max' });
    await ended;
    const { status } = await snapshot();
    expect(status).toMatchObject({ kind: 'replay', rejected: 2, skipped: 1 });
    expect(status.replay!.problems).toEqual([
      expect.objectContaining({ file: 'problems.jsonl', line: 2, kind: 'rejected' }),
      expect.objectContaining({ file: 'problems.jsonl', line: 3, kind: 'notice' }),
      expect.objectContaining({ file: 'problems.jsonl', line: 5, kind: 'rejected' }),
    ]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^hashpulse_rejected_records 2$/m);
    expect(metrics).toMatch(/^hashpulse_skipped_records 1$/m);
  });

  it('crosses a year-long gap at "max" while /api/health keeps answering, with a bounded number of batches', async () => {
    const batches: number[] = [];
    const onMetrics = (metrics: { batchTime: number }) => batches.push(metrics.batchTime);
    server.runtime.events.on('metrics', onMetrics);
    const ended = nextStatus((status) => status.state === 'ended');
    const started = post('/api/replay/start', { files: ['year-gap.jsonl'], speed: 'max' });
    // Health checks interleaved with the crossing: each must be answered.
    const health: number[] = [];
    let done = false;
    void ended.then(() => (done = true));
    while (!done || health.length < 5) {
      health.push((await fetch(`${server.url}/api/health`)).status);
    }
    expect((await started).status).toBe(200);
    await ended;
    server.runtime.events.off('metrics', onMetrics);
    expect(health.every((status) => status === 200)).toBe(true);
    // A year of one-second batches would be 31 million; the windows around three tweets need a few hundred.
    expect(batches.length).toBeLessThan(500);
    const { windows, status } = await snapshot();
    expect(status.replay!.gaps).toEqual([{ from: T0, to: T0 + 365 * DAY }]);
    // The last batch closed: the last window holds the last tweet.
    expect(windows.at(-1)!.end).toBeGreaterThan(T0 + 365 * DAY + 900);
    expect(windows.some((window) => window.tweets === 2)).toBe(true);
  });

  it('applies a speed change to the running replay at once, without restarting it', async () => {
    await post('/api/replay/start', { files: ['ten-minutes.jsonl'], speed: 1 });
    await nextStatus((status) => (status.replay?.position ?? 0) >= 1);
    const changed = await post('/api/replay/speed', { speed: 100 });
    expect(changed.status).toBe(200);
    expect(changed.body.replay).toMatchObject({ speed: 100, pass: 1 });
    const moved = await nextStatus((status) => (status.replay?.position ?? 0) >= 100);
    expect(moved.replay).toMatchObject({ speed: 100, pass: 1 });
    // Switching clocks ('max' is a virtual clock) is refused with what to do, and changes nothing.
    const refused = await post('/api/replay/speed', { speed: 'max' });
    expect(refused.status).toBe(409);
    expect((await snapshot()).status.replay!.speed).toBe(100);
    expect((await post('/api/replay/speed', { speed: 0 })).status).toBe(400);
  });

  it('restarts the last replay after Stop, and says the stopped data is stale', async () => {
    await post('/api/replay/start', { files: ['ten-minutes.jsonl'], speed: 100 });
    const stopped = await post('/api/replay/stop');
    expect(stopped.body).toMatchObject({ kind: 'replay', state: 'stopped' });
    expect(stopped.body.message).toMatch(/stopped/);
    expect(stopped.body.replay!.files).toEqual(['ten-minutes.jsonl']);
    const restarted = await post('/api/replay/restart');
    expect(restarted.status).toBe(200);
    expect(restarted.body).toMatchObject({
      kind: 'replay',
      replay: { files: ['ten-minutes.jsonl'], speed: 100 },
    });
    expect(['starting', 'running']).toContain(restarted.body.state);
    await post('/api/replay/stop');
  });

  it('stop during preparation takes effect at once and cancels the preparation', async () => {
    const starting = server.runtime.startReplay({ files: ['ten-minutes.jsonl'], speed: 10, loop: false });
    const stopped = await server.runtime.stopSource();
    expect(stopped.state).toBe('stopped');
    await expect(starting).rejects.toMatchObject({
      statusCode: 409,
      message: expect.stringMatching(/stopped while its files were being read/),
    });
    expect((await snapshot()).status.state).toBe('stopped');
  });
});
