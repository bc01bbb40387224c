// Window configuration through the dashboard's form: a valid window reaches the server, the labels
// and the next window updates; a broken rule is shown inline and nothing is sent.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openDashboard, type DashboardPage } from './support/browser.js';
import { pollUntil, textOf, waitForText } from './support/dashboard.js';
import { serverConfig, startTestServer, type RunningHashpulse } from './support/servers.js';

/** Counts the PUT /api/window requests a page sends. */
function countWindowPuts(page: Page): () => number {
  let puts = 0;
  page.on('request', (request) => {
    if (request.method() === 'PUT' && new URL(request.url()).pathname === '/api/window') puts += 1;
  });
  return () => puts;
}

async function fillWindowForm(
  page: Page,
  values: { batchInterval: string; windowLength: string; slide: string },
) {
  await page.getByTestId('window-batchInterval').fill(values.batchInterval);
  await page.getByTestId('window-windowLength').fill(values.windowLength);
  await page.getByTestId('window-slide').fill(values.slide);
}

describe('the window form in the browser', () => {
  let server: RunningHashpulse;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let dashboard: DashboardPage;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    // Each test gets its own server, so one test's window never leaks into the next.
    server = await startTestServer();
    dashboard = await openDashboard(browser, server.url);
    context = dashboard.context;
    await waitForText(dashboard.page, 'window-label', /^window 1m, slide 5s$/);
  });
  afterEach(async () => {
    await context?.close();
    await server?.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('applies a new window to the server, the labels and the next window updates', async () => {
    const { page, socket } = dashboard;
    const puts = countWindowPuts(page);
    await fillWindowForm(page, { batchInterval: '1s', windowLength: '2m', slide: '10s' });
    await page.getByTestId('window-apply').click();

    expect(await waitForText(page, 'window-applied', /Applied/)).toBe('Applied: window 2m, slide 10s.');
    expect(await waitForText(page, 'window-label', /^window 2m, slide 10s$/)).toBe('window 2m, slide 10s');
    expect(puts()).toBe(1);
    expect((await serverConfig(server.url)).window).toEqual({
      batchIntervalMs: 1000,
      windowLengthMs: 120_000,
      slideMs: 10_000,
    });

    // The charts label what they draw from the newest window's own configuration.
    await waitForText(page, 'top-hashtags', /window 2m, slide 10s/);

    const firstNew = await pollUntil(
      'a window update with the new configuration',
      async () => socket.windows.findIndex((w) => w.config.windowLengthMs === 120_000),
      (index) => index >= 0,
    );
    await pollUntil(
      'three window updates in the new configuration',
      async () => socket.windows.length,
      (n) => n >= firstNew + 3,
    );
    const after = socket.windows.slice(firstNew);
    for (const update of after) {
      expect(update.config).toEqual({ batchIntervalMs: 1000, windowLengthMs: 120_000, slideMs: 10_000 });
      expect(update.end - update.start).toBe(120_000);
      expect(update.end % 10_000).toBe(0);
    }
    // From the change on, nothing in the old configuration arrives any more.
    const ends = after.map((w) => w.end);
    expect(ends.slice(1).every((end, i) => end - ends[i]! === 10_000)).toBe(true);
  });

  it('shows a broken window rule inline and sends nothing', async () => {
    const { page } = dashboard;
    const before = await serverConfig(server.url);
    const puts = countWindowPuts(page);
    await fillWindowForm(page, { batchInterval: '10s', windowLength: '45s', slide: '10s' });

    const error = await waitForText(page, 'window-error', /multiple/);
    expect(error).toContain('window length 45s must be a multiple of the batch interval 10s');
    expect(await page.getByTestId('window-windowLength').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('window-apply').isDisabled()).toBe(true);

    // Submitting anyway (Enter in a field) must not reach the server either.
    await page.getByTestId('window-slide').press('Enter');
    // The labels keep the server's window, and a round trip proves no request was still in flight.
    expect(await textOf(page, 'window-label')).toBe('window 1m, slide 5s');
    expect(await page.evaluate(async () => (await fetch('/api/health')).status)).toBe(200);
    expect(puts()).toBe(0);
    expect(await serverConfig(server.url)).toEqual(before);
    expect(await textOf(page, 'window-applied')).toBe('');
  });
});
