// The dashboard connects over a WebSocket (long-polling where none can be opened), rides out a
// server restart on the same port (it says it is away, then comes back by itself) and a short
// network drop (socket.io connection state recovery: no gap, no resync).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { WindowUpdate } from '@hashpulse/protocol';
import { launchBrowser, openDashboard } from './support/browser.js';
import { startNoUpgradeProxy } from './support/no-upgrade-proxy.js';
import { pollUntil, waitForAbsent, waitForAttribute, waitForText } from './support/dashboard.js';
import { windowEnds } from './support/socket-log.js';
import { startTestServer, type RunningHashpulse } from './support/servers.js';
import { trackSteps } from './support/steps.js';

// socket.io's reconnection backs off to 5 s between attempts; allow a few of them.
const BACK_TIMEOUT_MS = 25_000;

describe('reconnection in the browser', () => {
  let browser: Browser;
  let context: BrowserContext | undefined;
  const servers: RunningHashpulse[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    for (const server of servers.splice(0)) await server.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('connects over a WebSocket from its first request, without long-polling', async () => {
    const server = await startTestServer();
    servers.push(server);
    const dashboard = await openDashboard(browser, server.url);
    context = dashboard.context;
    const { page, socket } = dashboard;
    await waitForText(page, 'summary', /Tweets in window\s*[1-9]/);
    expect(socket.snapshots).toBe(1);
    expect(socket.websockets).toBe(1);
    expect(socket.pollingRequests).toBe(0);
  });

  it('falls back to long-polling where a WebSocket cannot be opened (a proxy that refuses upgrades)', async () => {
    const server = await startTestServer();
    servers.push(server);
    const proxy = await startNoUpgradeProxy(server.url);
    try {
      const dashboard = await openDashboard(browser, proxy.url);
      context = dashboard.context;
      const { page, socket } = dashboard;
      await waitForText(page, 'summary', /Tweets in window\s*[1-9]/);
      await pollUntil(
        'window updates over long-polling',
        async () => socket.windows.length,
        (n) => n >= 2,
      );
      expect(proxy.refused()).toBeGreaterThan(0);
      expect(socket.pollingRequests).toBeGreaterThan(0);
      expect(await page.getByTestId('connection-banner').count()).toBe(0);
    } finally {
      await context?.close();
      context = undefined;
      await proxy.close();
    }
  });

  // Every step is bounded (the steps' bounds add up to under the test's own timeout), so a failure
  // names the step: a CI run once ran out of vitest's 60 s here without saying where.
  it('says the server is away while it restarts on the same port and comes back by itself', async () => {
    const steps = trackSteps();
    const first = await steps.run('starting the first server', () => startTestServer());
    servers.push(first);
    const port = new URL(first.url).port;
    const dashboard = await steps.run('opening the dashboard', () => openDashboard(browser, first.url));
    context = dashboard.context;
    const { page, socket } = dashboard;
    await steps.run('the first window', () => waitForText(page, 'summary', /Tweets in window\s*[1-9]/));
    expect(await page.getByTestId('connection-banner').count()).toBe(0);

    await steps.run('closing the first server', () => first.close());
    servers.splice(servers.indexOf(first), 1);
    const banner = await steps.run('the reconnecting banner', async () => {
      await page.getByTestId('connection-banner').waitFor();
      return waitForText(page, 'connection-banner', /Reconnecting/);
    });
    expect(banner).toMatch(/Reconnecting to server/);
    expect(await page.locator('.app').getAttribute('data-connection')).toBe('disconnected');
    const windowsWhileAway = socket.windows.length;

    const second = await steps.run('starting the second server on the same port', () =>
      startTestServer({ PORT: port }),
    );
    servers.push(second);
    expect(second.url).toBe(first.url);
    await steps.run(
      'the banner to go',
      () => waitForAbsent(page, 'connection-banner', BACK_TIMEOUT_MS),
      BACK_TIMEOUT_MS + 1000,
    );
    expect(await page.locator('.app').getAttribute('data-connection')).toBe('connected');

    // The new server's state arrives (a fresh snapshot: it is a different process) and flows on.
    await steps.run('a snapshot from the new server', () =>
      pollUntil(
        'a snapshot from the new server',
        async () => socket.snapshots,
        (n) => n >= 2,
      ),
    );
    await steps.run('window updates from the new server', async () => {
      await pollUntil(
        'window updates from the new server',
        async () => socket.windows.length,
        (n) => n >= windowsWhileAway + 2,
      );
      await waitForAttribute(page, 'source-state', 'data-state', 'running');
      await waitForText(page, 'summary', /Tweets in window\s*[1-9]/);
    });
  }, 200_000);

  it('resumes after a short network drop without a gap in the window updates', async () => {
    const server = await startTestServer();
    servers.push(server);
    const dashboard = await openDashboard(browser, server.url);
    context = dashboard.context;
    const { page, socket } = dashboard;
    await pollUntil(
      'three window updates',
      async () => socket.windows.length,
      (n) => n >= 3,
    );
    expect(socket.snapshots).toBe(1);

    const missed: WindowUpdate[] = [];
    const onWindow = (update: WindowUpdate) => missed.push(update);
    await context.setOffline(true);
    await page.getByTestId('connection-banner').waitFor();
    const lastBeforeDrop = Math.max(...windowEnds(socket));
    // Stay offline for about two seconds, and until the server has sent several slides the page
    // could not receive (so there is a gap for the recovery to fill).
    const droppedAt = Date.now();
    server.runtime.events.on('window', onWindow);
    await pollUntil(
      'three slides and two seconds offline',
      async () => ({ slides: missed.length, offlineMs: Date.now() - droppedAt }),
      ({ slides, offlineMs }) => slides >= 3 && offlineMs >= 2000,
    );
    server.runtime.events.off('window', onWindow);
    await context.setOffline(false);

    await waitForAbsent(page, 'connection-banner', BACK_TIMEOUT_MS);
    const lastMissed = missed.at(-1)!.end;
    await pollUntil(
      'the slides sent during the drop to reach the page',
      async () => Math.max(...windowEnds(socket)),
      (end) => end > lastMissed,
    );

    // Recovered, not resynchronised: no second snapshot, and every slide is there exactly in turn.
    expect(socket.connects).toBe(2);
    expect(socket.snapshots).toBe(1);
    const ends = windowEnds(socket);
    for (const update of missed) expect(ends).toContain(update.end);
    expect(ends).toContain(lastBeforeDrop);
    const steps = ends.slice(1).map((end, i) => end - ends[i]!);
    expect(new Set(steps)).toEqual(new Set([5000]));
    expect(socket.unreadable).toEqual([]);
  });
});
