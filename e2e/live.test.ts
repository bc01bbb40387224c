// The live source in the browser, against the local HTTPS X API v2 test server (real recorded
// tweets): connect from the live panel, tweets reach the feed, rules reach the X API.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  startXApiServer,
  recordedStreamMessages,
  type XApiServer,
} from '../apps/server/test/support/x-api/index.js';
import { launchBrowser, openDashboard, type DashboardPage } from './support/browser.js';
import { pollUntil, textOf, waitForAttribute, waitForCount, waitForText } from './support/dashboard.js';
import { serverStatus, startTestServer, type RunningHashpulse } from './support/servers.js';

function normalise(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the live X API source in the browser', () => {
  let xApi: XApiServer;
  let server: RunningHashpulse;
  let browser: Browser;
  let dashboard: DashboardPage | undefined;

  beforeAll(async () => {
    [xApi, browser] = await Promise.all([startXApiServer({ keepAliveMs: 500 }), launchBrowser()]);
    server = await startTestServer(
      {
        X_BEARER_TOKEN: xApi.bearerToken,
        X_API_BASE_URL: xApi.url,
        DEMO_FILES: '',
        BATCH_INTERVAL: '500ms',
        SLIDE: '1s',
      },
      { liveCa: xApi.caPem },
    );
  });
  beforeEach(async () => {
    dashboard = await openDashboard(browser, server.url);
  });
  afterEach(async () => {
    await dashboard?.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await xApi?.close();
  });

  it("connects from the live panel and shows the stream's tweets in the feed", async () => {
    const { page } = dashboard!;
    expect(await waitForText(page, 'live-state', /not connected/)).toBe('not connected');
    // Nothing else plays: every feed item below comes from the live stream.
    expect(await page.getByTestId('feed-item').count()).toBe(0);
    expect(xApi.control.stats().total).toBe(0);

    await page.getByTestId('live-start').click();
    await waitForAttribute(page, 'source-state', 'data-kind', 'live');
    await waitForAttribute(page, 'source-state', 'data-state', 'connected');
    expect(await waitForText(page, 'live-state', /connected/)).toBe('connected (filtered stream)');
    expect((await serverStatus(server.url)).state).toBe('connected');
    expect(xApi.control.stats().total).toBe(1);

    expect(await waitForCount(page, 'feed-item', 1)).toBeGreaterThan(0);
    const shown = (await page.getByTestId('feed-item').first().locator('.feed-text').textContent()) ?? '';
    expect(shown.length).toBeGreaterThan(0);
    // The text is one of the recorded tweets the test server streamed: the tweet's own text or, for
    // a retweet, the original's from includes.tweets, entities unescaped (compared on its start).
    const sample = normalise(shown).slice(0, 24);
    const recorded = recordedStreamMessages().flatMap((m) => {
      const tweets: Array<Record<string, unknown>> = [m.data, ...(m.includes?.tweets ?? [])];
      return tweets.map((tweet) => normalise(String(tweet['text'] ?? '')));
    });
    expect(recorded.some((text) => text.includes(sample))).toBe(true);

    await waitForText(page, 'summary', /Tweets in window\s*[1-9]/);
  });

  it('adds and deletes filtered-stream rules through the UI, reaching the X API', async () => {
    const { page } = dashboard!;
    const form = page.getByTestId('live-rule-add');
    await form.getByLabel('Rule', { exact: true }).fill('#brexit lang:en');
    await form.getByLabel('Tag (optional)').fill('brexit-e2e');
    await form.getByRole('button', { name: 'Add rule' }).click();

    expect(await waitForText(page, 'live-rules', /#brexit lang:en/)).toContain('brexit-e2e');
    await xApi.control.waitFor(
      () => xApi.control.rules().some((rule) => rule.value === '#brexit lang:en'),
      5000,
      'the rule to reach the X API',
    );
    const added = xApi.control.rules().find((rule) => rule.value === '#brexit lang:en');
    expect(added?.tag).toBe('brexit-e2e');
    expect(await form.getByLabel('Rule', { exact: true }).inputValue()).toBe('');

    await page.getByRole('button', { name: 'Delete rule #brexit lang:en' }).click();
    await pollUntil(
      'the rule to leave the page',
      () => textOf(page, 'live-rules'),
      (text) => !text.includes('#brexit lang:en'),
    );
    await xApi.control.waitFor(
      () => !xApi.control.rules().some((rule) => rule.id === added!.id),
      5000,
      'the rule to be deleted at the X API',
    );
    const deletes = xApi.control
      .requests()
      .filter((request) => request.method === 'POST' && request.path.endsWith('/tweets/search/stream/rules'));
    expect(deletes.length).toBeGreaterThanOrEqual(2);
  });
});
