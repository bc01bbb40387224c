// Fan-out under load, with real socket.io clients in a child process: a client that stops reading
// gets the latest state when it comes back, not the backlog it missed, and a crowd of new clients
// all get through their handshake while a `max` replay keeps the engine busy.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WindowUpdate } from '@hashpulse/protocol';
import type { RunningHashpulse } from '../src/start.js';
import { spawnCrowd, type Crowd } from './support/socket-crowd-process.js';
import {
  connectClient,
  nextEvent,
  nextEvents,
  startTestServer,
  type TestClient,
} from './support/test-server.js';

const json = { 'content-type': 'application/json' };

describe('fan-out to many and slow dashboards', () => {
  let server: RunningHashpulse | undefined;
  let crowd: Crowd | undefined;
  let client: TestClient | undefined;
  afterEach(async () => {
    client?.close();
    await crowd?.close();
    await server?.close();
    [server, crowd, client] = [undefined, undefined, undefined];
  });

  it(
    'gives a client that stopped reading the latest window when it is back, not the backlog',
    { timeout: 60_000 },
    async () => {
      // 100x with a 1 s slide: about 100 window updates a second.
      server = await startTestServer({ WINDOW_LENGTH: '10s', SLIDE: '1s' }, { socket: { coalesce: true } });
      let lastSent = Number.NEGATIVE_INFINITY;
      server.runtime.events.on('window', (update: WindowUpdate) => (lastSent = update.end));
      client = connectClient(server.url);
      await nextEvent(client, 'snapshot');
      let lastReceived = Number.NEGATIVE_INFINITY;
      client.on('window', (update) => (lastReceived = update.end));
      // Long-polling: a stopped client holds no request open, so the server sees it cannot take more.
      crowd = spawnCrowd({ url: server.url, clients: 1, transports: ['polling'] });
      await crowd.settled();
      expect((await crowd.report()).connected).toBe(1);

      await crowd.mark();
      crowd.child.kill('SIGSTOP');
      // The others go on receiving while it sleeps.
      const meanwhile = await nextEvents(client, 'window', 60);
      // Stopped, the replay sends nothing more: the last window sent is final.
      const stopped = await fetch(`${server.url}/api/replay/stop`, {
        method: 'POST',
        headers: json,
        body: '{}',
      });
      expect(stopped.status).toBe(200);
      const last = lastSent;
      await vi.waitFor(() => expect(lastReceived).toBe(last), { timeout: 10_000, interval: 20 });
      crowd.child.kill('SIGCONT');

      const report = await crowd.report(last);
      expect(meanwhile.length).toBe(60);
      expect(lastSent).toBe(last);
      expect(report.lastEnds).toEqual([last]);
      // What was in flight when it stopped, then the newest: a handful, never the 60 it missed.
      expect(report.windowsSinceMark[0]).toBeLessThanOrEqual(10);
    },
  );

  it('lets hundreds of new clients connect during a max replay', { timeout: 300_000 }, async () => {
    server = await startTestServer({ DEMO_FILES: '' }, { socket: { coalesce: true } });
    const started = await fetch(`${server.url}/api/replay/start`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ files: ['demo/tweets.jsonl.gz'], speed: 'max', loop: true }),
    });
    expect(started.status).toBe(200);
    client = connectClient(server.url);
    await nextEvent(client, 'window');
    // 20 new clients every 200 ms. The handshake deadline is generous (the crowd shares a small
    // machine with the server at full speed); what counts is that every one of them gets through.
    crowd = spawnCrowd({
      url: server.url,
      clients: 200,
      transports: ['websocket'],
      perStep: 20,
      stepMs: 200,
      connectTimeoutMs: 150_000,
    });
    await crowd.settled();
    await crowd.mark();
    await nextEvents(client, 'window', 3);
    const report = await crowd.report();
    expect(report.failures).toEqual({});
    expect(report.connected).toBe(200);
    // And every one of them is being served, not just accepted.
    await vi.waitFor(
      async () => expect(Math.min(...(await crowd!.report()).windowsSinceMark)).toBeGreaterThan(0),
      { timeout: 20_000, interval: 200 },
    );
  });
});
