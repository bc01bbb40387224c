// The dashboard on a phone (390x844) and in dark mode: nothing overflows sideways, the theme toggle
// flips data-theme on <html>, and text stays readable against its background in both themes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openDashboard } from './support/browser.js';
import { waitForCount, waitForText } from './support/dashboard.js';
import { contrastRatio, horizontalOverflow, textColours } from './support/readability.js';
import { startTestServer, type RunningHashpulse } from './support/servers.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

// Body text, a headline figure, feed text and secondary (muted) text, each on its own background.
const TEXTS = [
  'body',
  '[data-testid="summary"] .tile-value',
  '[data-testid="feed-item"] .feed-text',
  '.panel .muted',
];

async function themeOf(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('data-theme');
}

async function expectReadable(page: Page): Promise<void> {
  const colours = await textColours(page, TEXTS);
  for (const { selector, color, background } of colours) {
    expect(color, `${selector} has a text colour`).not.toBe('');
    expect(color, `${selector} text differs from its background`).not.toBe(background);
    expect(contrastRatio(color, background), `${selector}: ${color} on ${background}`).toBeGreaterThanOrEqual(
      4.5,
    );
  }
}

async function expectNoSidewaysOverflow(page: Page): Promise<void> {
  const overflow = await horizontalOverflow(page);
  expect(overflow.scrollWidth, `wider than the screen: ${overflow.offenders.join(', ')}`).toBeLessThanOrEqual(
    overflow.innerWidth,
  );
}

describe('the dashboard on a phone and in dark mode', () => {
  let server: RunningHashpulse;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fits a 390px phone screen and stays readable as the theme toggle flips light and dark', async () => {
    const dashboard = await openDashboard(browser, server.url, { ...PHONE, colorScheme: 'light' });
    context = dashboard.context;
    const { page } = dashboard;
    await waitForCount(page, 'tag-link', 1);
    await waitForCount(page, 'feed-item', 1);
    await waitForText(page, 'engine-health', /last [1-9]/);
    expect(await page.evaluate(() => (globalThis as unknown as { innerWidth: number }).innerWidth)).toBe(390);

    expect(await themeOf(page)).toBeNull();
    await expectNoSidewaysOverflow(page);
    await expectReadable(page);
    const light = await textColours(page, ['body']);

    await page.getByTestId('theme-toggle').click();
    expect(await themeOf(page)).toBe('dark');
    await expectNoSidewaysOverflow(page);
    await expectReadable(page);
    const dark = await textColours(page, ['body']);
    // The theme really changed what is drawn, not just the attribute.
    expect(dark[0]!.background).not.toBe(light[0]!.background);
    expect(dark[0]!.color).not.toBe(light[0]!.color);

    await page.getByTestId('theme-toggle').click();
    // Back to what the system prefers: the attribute goes, the light colours return.
    expect(await themeOf(page)).toBeNull();
    expect(await textColours(page, ['body'])).toEqual(light);
  });

  it('starts dark when the system prefers dark, and the toggle switches it to light', async () => {
    const dashboard = await openDashboard(browser, server.url, { ...PHONE, colorScheme: 'dark' });
    context = dashboard.context;
    const { page } = dashboard;
    await waitForCount(page, 'feed-item', 1);
    await waitForCount(page, 'tag-link', 1);
    const systemDark = await textColours(page, ['body']);
    expect(contrastRatio(systemDark[0]!.background, 'rgb(0, 0, 0)')).toBeLessThan(2); // a dark page
    await expectReadable(page);
    await expectNoSidewaysOverflow(page);

    await page.getByTestId('theme-toggle').click();
    expect(await themeOf(page)).toBe('light');
    const light = await textColours(page, ['body']);
    expect(contrastRatio(light[0]!.background, 'rgb(255, 255, 255)')).toBeLessThan(1.2); // a light page
    await expectReadable(page);
  });
});
