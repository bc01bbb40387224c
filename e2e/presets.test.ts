// Window presets in the browser: one click applies a preset to the server and the charts; each
// preset is offered as the protocol's rules say (a refused one disabled, with the rules it breaks).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatDuration } from '@hashpulse/protocol';
import { WINDOW_PRESETS, resolvePreset } from '../apps/web/src/window-presets.js';
import { launchBrowser, openDashboard, type DashboardPage } from './support/browser.js';
import { pollUntil, textOf, waitForAttribute, waitForText } from './support/dashboard.js';
import { serverConfig, startTestServer, type RunningHashpulse } from './support/servers.js';

/** Counts the PUT /api/window requests a page sends. */
function countWindowPuts(page: Page): () => number {
  let puts = 0;
  page.on('request', (request) => {
    if (request.method() === 'PUT' && new URL(request.url()).pathname === '/api/window') puts += 1;
  });
  return () => puts;
}

describe('window presets in the browser', () => {
  let server: RunningHashpulse;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let dashboard: DashboardPage;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    server = await startTestServer();
    // A fixed zone: the window span below is read as times of one day.
    dashboard = await openDashboard(browser, server.url, { timezoneId: 'UTC' });
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

  it('a preset applies its whole configuration at once: server, labels, charts and the window span', async () => {
    const { page, socket } = dashboard;
    const puts = countWindowPuts(page);
    const lastFiveMinutes = resolvePreset(WINDOW_PRESETS.find((p) => p.id === '5m')!);
    const expected = lastFiveMinutes.config!;
    const label = `window ${formatDuration(expected.windowLengthMs)}, slide ${formatDuration(expected.slideMs)}`;
    expect(await page.getByTestId('window-preset-5m').getAttribute('aria-pressed')).toBe('false');

    await page.getByTestId('window-preset-5m').click();

    expect(await waitForText(page, 'window-applied', /Applied/)).toBe(`Applied: ${label}.`);
    expect(await waitForText(page, 'window-label', new RegExp(`^${label}$`))).toBe(label);
    await waitForAttribute(page, 'window-preset-5m', 'aria-pressed', 'true');
    expect((await serverConfig(server.url)).window).toEqual(expected);
    expect(puts()).toBe(1);
    // The fields follow the server's configuration, so "custom" starts from the preset.
    expect(await page.getByTestId('window-windowLength').inputValue()).toBe('5m');

    // The charts draw windows of the new configuration, and the summary spans five minutes.
    await waitForText(page, 'top-hashtags', new RegExp(label));
    await pollUntil(
      'a window update with the preset configuration',
      async () => socket.windows.filter((w) => w.config.windowLengthMs === expected.windowLengthMs).length,
      (n) => n > 0,
    );
    // The page's own socket may get that window a moment after the test's: wait for its summary.
    const spanSeconds = async () => {
      const span = await waitForText(page, 'window-span', /^\d\d:\d\d:\d\d–\d\d:\d\d:\d\d$/);
      const [start, end] = span
        .split('–')
        .map((t) => t.split(':').reduce((s, part) => s * 60 + Number(part), 0));
      return (((end! - start!) % 86_400) + 86_400) % 86_400;
    };
    const seconds = await pollUntil(
      'the summary spanning the preset window',
      spanSeconds,
      (span) => span === expected.windowLengthMs / 1000,
    );
    expect(seconds).toBe(expected.windowLengthMs / 1000);

    // The longest preset the rules accept reaches the server the same way (days of history, at once).
    const longest = WINDOW_PRESETS.map(resolvePreset)
      .filter((p) => p.config !== null)
      .at(-1)!;
    await page.getByTestId(`window-preset-${longest.preset.id}`).click();
    await waitForAttribute(page, `window-preset-${longest.preset.id}`, 'aria-pressed', 'true');
    const longLabel = `window ${formatDuration(longest.config!.windowLengthMs)}, slide ${formatDuration(longest.config!.slideMs)}`;
    expect(await waitForText(page, 'window-label', new RegExp(`^${longLabel}$`))).toBe(longLabel);
    expect((await serverConfig(server.url)).window).toEqual(longest.config);
    expect(await page.getByTestId('window-preset-5m').getAttribute('aria-pressed')).toBe('false');
    expect(puts()).toBe(2);
  });

  it('offers each preset as the rules say: refused ones disabled with the rules they break, sending nothing', async () => {
    const { page } = dashboard;
    const puts = countWindowPuts(page);
    for (const preset of WINDOW_PRESETS) {
      const resolved = resolvePreset(preset);
      const button = page.getByTestId(`window-preset-${preset.id}`);
      expect(await button.textContent(), preset.id).toBe(preset.label);
      expect(await button.isDisabled(), preset.id).toBe(resolved.config === null);
      const reason = await textOf(page, `window-preset-reason-${preset.id}`);
      if (resolved.config === null) {
        expect(reason).toBe(`${preset.label} is not available: ${resolved.problems.join('; ')}.`);
        expect(await button.getAttribute('aria-describedby')).toBe(`window-preset-reason-${preset.id}`);
        // A forced click on the disabled button does nothing.
        await button.click({ force: true });
      } else {
        expect(reason).toBe('');
      }
    }
    expect(await page.evaluate(async () => (await fetch('/api/health')).status)).toBe(200);
    expect(puts()).toBe(0);
    expect(await textOf(page, 'window-label')).toBe('window 1m, slide 5s');
  });
});
