// Two tabs on one server share its state: a window change made in one shows in the other without a
// reload, and both show the same figures for the same window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, newDashboardContext, openTab } from './support/browser.js';
import { pollUntil, summaryTile, textOf, waitForAttribute, waitForText } from './support/dashboard.js';
import { serverSnapshot, serverStatus, startTestServer, type RunningHashpulse } from './support/servers.js';

interface Marked {
  hashpulseTabMarker?: string;
}

describe('two dashboard tabs', () => {
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

  it('see a window change made in the other tab and the same top hashtag for the same window', async () => {
    context = await newDashboardContext(browser);
    const a = await openTab(context, server.url);
    const b = await openTab(context, server.url);
    await waitForText(b.page, 'window-label', /^window 1m, slide 5s$/);
    // A marker that a reload would wipe.
    await b.page.evaluate(() => {
      (globalThis as Marked).hashpulseTabMarker = 'still the same page';
    });

    await a.page.getByTestId('window-windowLength').fill('30s');
    await a.page.getByTestId('window-apply').click();
    await waitForText(a.page, 'window-applied', /Applied/);

    expect(await waitForText(b.page, 'window-label', /^window 30s, slide 5s$/)).toBe('window 30s, slide 5s');
    expect(await b.page.getByTestId('window-windowLength').inputValue()).toBe('30s');
    expect(await b.page.evaluate(() => (globalThis as Marked).hashpulseTabMarker)).toBe(
      'still the same page',
    );
    expect(b.socket.snapshots).toBe(1);
    await pollUntil(
      'tab B to receive a 30s window',
      async () => b.socket.windows.some((w) => w.config.windowLengthMs === 30_000),
      (received) => received,
    );

    // Hold the stream still, so both tabs can settle on the same last window.
    await a.page.getByTestId('replay-pause').click();
    await waitForAttribute(b.page, 'source-state', 'data-state', 'paused');
    expect((await serverStatus(server.url)).state).toBe('paused');
    const settled = await pollUntil(
      "both tabs to hold the server's last window",
      async () => {
        const last = (await serverSnapshot(server.url)).windows.at(-1);
        const same = last !== undefined && [a, b].every((tab) => tab.socket.windows.at(-1)?.end === last.end);
        return same ? last : null;
      },
      (last) => last !== null,
    );
    const last = settled!;
    expect(last.config.windowLengthMs).toBe(30_000);
    const top = last.hashtags[0]?.tag;
    expect(top).toBeDefined();

    const chip = `#${top} ${last.hashtags[0]!.count}`;
    for (const tab of [a, b]) {
      // Charts redraw at most once a second, so poll until each tab draws that window.
      await pollUntil(
        "the tab to show the last window's top hashtag",
        async () => [await summaryTile(tab.page, 'Top hashtag'), await textOf(tab.page, 'tag-link')],
        ([tile, firstChip]) => tile === `#${top}` && firstChip === chip,
      );
    }
    expect(a.socket.windows.at(-1)).toEqual(b.socket.windows.at(-1));
  });
});
