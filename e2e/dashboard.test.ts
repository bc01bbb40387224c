// The dashboard on the bundled demo in a real browser: data within seconds, every main panel
// filled, and a clean page (no console errors, no page errors, no CSP violations).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, openDashboard } from './support/browser.js';
import { parseCount, summaryTile, waitForCount, waitForText } from './support/dashboard.js';
import { serverSnapshot, startTestServer, type RunningHashpulse } from './support/servers.js';

describe('the dashboard page on the demo replay', () => {
  let server: RunningHashpulse;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('loads and shows data in every main panel within seconds, with a clean console and no CSP violation', async () => {
    const dashboard = await openDashboard(browser, server.url);
    context = dashboard.context;
    const { page, problems } = dashboard;

    await waitForText(page, 'summary', /Tweets in window\s*[1-9]/);
    const tweets = parseCount(await summaryTile(page, 'Tweets in window'));
    expect(tweets).toBeGreaterThan(0);
    expect(await summaryTile(page, 'Top hashtag')).toMatch(/^#\S+/);

    expect(await waitForCount(page, 'tag-link', 1)).toBeGreaterThan(0);
    const firstChip = (await page.getByTestId('tag-link').first().textContent()) ?? '';
    expect(firstChip).toMatch(/^#\S+ \d/);

    expect(await waitForCount(page, 'feed-item', 1)).toBeGreaterThan(0);
    expect(await page.getByTestId('feed-item').first().getByTestId('sentiment-badge').count()).toBe(1);

    const health = await waitForText(page, 'engine-health', /last [1-9][\d,]* batches/);
    expect(health).toMatch(/Input rate \(avg\)\s*[\d.,]+\/s/);
    expect(health).toMatch(/Processing time \(avg\)\s*[\d.,]+ (ms|s)/);
    expect(health).toMatch(/Dropped records\s*0/);

    expect(await waitForText(page, 'source-badge', /replay · running/)).toBe('replay · running');
    const state = page.getByTestId('source-state');
    expect(await state.getAttribute('data-kind')).toBe('replay');
    expect(await state.getAttribute('data-state')).toBe('running');

    // The tiles show the server's own figures, not something the page made up.
    const snapshot = await serverSnapshot(server.url);
    expect(snapshot.windows.length).toBeGreaterThan(0);
    expect(await page.getByTestId('window-label').textContent()).toBe('window 1m, slide 5s');
    // The scorer in use (SENTIMENT, default model) is named in the footer.
    expect(await page.getByTestId('app-footer').textContent()).toMatch(
      /sentiment by the learned model \(model\)$/,
    );

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });
});
