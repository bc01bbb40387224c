// With ADMIN_TOKEN set, a viewer watches but cannot change anything: the controls are locked, a
// request forced from the page is refused, and the admin's token unlocks them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, openDashboard } from './support/browser.js';
import { textOf, waitForAbsent, waitForCount, waitForText } from './support/dashboard.js';
import { serverConfig, startTestServer, type RunningHashpulse } from './support/servers.js';

const TOKEN = 'e2e-admin-token-7f3a';

describe('the dashboard with ADMIN_TOKEN', () => {
  let server: RunningHashpulse;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ ADMIN_TOKEN: TOKEN }), launchBrowser()]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('keeps a viewer read-only and lets the admin apply a window after entering the token', async () => {
    const dashboard = await openDashboard(browser, server.url);
    context = dashboard.context;
    const { page } = dashboard;
    const before = await serverConfig(server.url);
    expect(before.adminRequired).toBe(true);

    // Locked: a note in the window and replay panels (the live panel says live is off here), every
    // control disabled, but the data still shows.
    expect(await waitForCount(page, 'controls-locked', 2)).toBe(2);
    await page.getByTestId('live-unavailable').waitFor();
    for (const id of ['window-batchInterval', 'window-windowLength', 'window-slide', 'window-apply']) {
      expect(await page.getByTestId(id).isDisabled(), id).toBe(true);
    }
    for (const id of ['replay-start', 'replay-pause', 'replay-restart', 'replay-stop']) {
      expect(await page.getByTestId(id).isDisabled(), id).toBe(true);
    }
    await waitForText(page, 'summary', /Tweets in window\s*[1-9]/);

    // A viewer who goes around the UI is refused by the server, and nothing changes.
    const forced = await page.evaluate(async () => {
      const response = await fetch('/api/window', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ batchInterval: '1s', windowLength: '30s', slide: '5s' }),
      });
      return response.status;
    });
    expect(forced).toBe(401);
    const pause = await page.evaluate(
      async () => (await fetch('/api/replay/pause', { method: 'POST' })).status,
    );
    expect(pause).toBe(401);
    expect(await serverConfig(server.url)).toEqual(before);
    expect(await textOf(page, 'window-label')).toBe('window 1m, slide 5s');

    // A wrong token unlocks the form, but the server refuses it and says so.
    await page.getByTestId('admin-token').fill('not-the-token');
    await page.getByTestId('admin-token-form').getByRole('button', { name: 'Use token' }).click();
    await waitForAbsent(page, 'controls-locked');
    await page.getByTestId('window-windowLength').fill('30s');
    await page.getByTestId('window-apply').click();
    expect(await waitForText(page, 'window-error', /\S/)).toMatch(/token|401|unauthori[sz]ed/i);
    expect(await serverConfig(server.url)).toEqual(before);

    // The right token: Apply works.
    await page.getByTestId('admin-token').fill(TOKEN);
    await page.getByTestId('admin-token-form').getByRole('button', { name: 'Update' }).click();
    await page.getByTestId('window-windowLength').fill('30s');
    await page.getByTestId('window-apply').click();
    await waitForText(page, 'window-applied', /Applied/);
    expect(await waitForText(page, 'window-label', /^window 30s, slide 5s$/)).toBe('window 30s, slide 5s');
    expect((await serverConfig(server.url)).window.windowLengthMs).toBe(30_000);
  });
});
