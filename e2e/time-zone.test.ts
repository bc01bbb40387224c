// The time zone switch in the browser: with the browser in New York, every time the dashboard shows
// (window span, recording time, feed, chart axes) is New York time, then UTC after one click, and the
// choice survives a reload. Expected texts come from Intl with an explicit zone, never the machine's.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openDashboard, type DashboardPage } from './support/browser.js';
import { waitForAttribute, waitForCount, waitForText } from './support/dashboard.js';
import type { PageGlobals } from './support/page-globals.js';
import { serverSnapshot, startTestServer, type RunningHashpulse } from './support/servers.js';

const NEW_YORK = 'America/New_York';

function clockIn(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(epochMs);
}

function dateTimeIn(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'medium' }).format(
    epochMs,
  );
}

function zoneName(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(
    Date.now(),
  );
  return parts.find((part) => part.type === 'timeZoneName')!.value;
}

/** Matches `text` exactly, except that any space may be any space (ICU versions put a narrow no-break space before AM/PM). */
function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s/g, '\\s')}$`);
}

/** Each feed item's time as shown, with the instant (its `datetime`) it stands for. */
async function feedTimes(page: Page): Promise<Array<{ at: string; text: string }>> {
  return page.evaluate(() =>
    Array.from(
      (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-testid="feed-item"] time'),
    ).map((time) => ({ at: time.getAttribute('datetime') ?? '', text: time.textContent?.trim() ?? '' })),
  );
}

/** The tick labels of a chart panel's time axis, left to right. */
async function axisTicks(page: Page, panel: string): Promise<string[]> {
  return page.evaluate(
    (id) =>
      Array.from(
        (globalThis as unknown as PageGlobals).document.querySelectorAll(
          `[data-testid="${id}"] .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value`,
        ),
      ).map((tick) => tick.textContent?.trim() ?? ''),
    panel,
  );
}

/** "07:05" + 5 h → "12:05" (seconds kept), for comparing the same ticks in two zones. */
function shiftClock(text: string, hours: number): string {
  const [h, ...rest] = text.split(':');
  return [String((Number(h) + hours + 24) % 24).padStart(2, '0'), ...rest].join(':');
}

describe('the time zone switch in the browser', () => {
  let server: RunningHashpulse;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let dashboard: DashboardPage;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    server = await startTestServer();
    dashboard = await openDashboard(browser, server.url, { timezoneId: NEW_YORK, locale: 'en-US' });
    context = dashboard.context;
  });
  afterEach(async () => {
    await context?.close();
    await server?.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every time in local time or UTC, switched in the header and remembered', async () => {
    const { page } = dashboard;
    await waitForCount(page, 'feed-item', 1);
    await waitForText(page, 'window-span', /\d\d:\d\d:\d\d/);
    // Pause, so the window and the recording clock hold still while both zones are read.
    await page.getByTestId('replay-pause').click();
    await waitForAttribute(page, 'source-state', 'data-state', 'paused');
    const snapshot = await serverSnapshot(server.url);
    const current = snapshot.windows.at(-1)!;
    const clockTime = snapshot.status.replay!.clockTime!;
    // The recording's offset from UTC in New York on its own date (whole hours).
    const offset =
      Number(clockIn(current.end, NEW_YORK).slice(0, 2)) - Number(clockIn(current.end, 'UTC').slice(0, 2));

    const expectZone = async (timeZone: string) => {
      const span = `${clockIn(current.start, timeZone)}–${clockIn(current.end, timeZone)}`;
      expect(await waitForText(page, 'window-span', exactly(span))).toBe(span);
      await waitForText(page, 'recording-time', exactly(dateTimeIn(clockTime, timeZone)));
      const feed = await feedTimes(page);
      expect(feed.length).toBeGreaterThan(0);
      for (const { at, text } of feed) expect(text).toBe(clockIn(Date.parse(at), timeZone));
    };

    // Local: the browser's zone, named in the header.
    expect(await page.getByTestId('time-zone').getAttribute('data-zone')).toBe('local');
    expect((await page.getByTestId('time-zone').textContent())?.trim()).toBe(zoneName(NEW_YORK));
    await expectZone(NEW_YORK);
    const localTicks = await axisTicks(page, 'hashtag-trends');
    expect(localTicks.length).toBeGreaterThan(0);
    for (const tick of localTicks) expect(tick).toMatch(/^\d\d:\d\d(:\d\d)?$/);

    await page.getByTestId('time-zone').click();
    await waitForAttribute(page, 'time-zone', 'data-zone', 'utc');
    expect((await page.getByTestId('time-zone').textContent())?.trim()).toBe('UTC');
    await expectZone('UTC');
    expect(clockIn(current.end, 'UTC')).not.toBe(clockIn(current.end, NEW_YORK));
    // The same instants on the axis, read in UTC.
    expect(await axisTicks(page, 'hashtag-trends')).toEqual(
      localTicks.map((tick) => shiftClock(tick, -offset)),
    );

    // Remembered across a reload, like the theme; one more click goes back to local time.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForAttribute(page, 'time-zone', 'data-zone', 'utc');
    await waitForText(page, 'recording-time', exactly(dateTimeIn(clockTime, 'UTC')));
    await page.getByTestId('time-zone').click();
    await waitForAttribute(page, 'time-zone', 'data-zone', 'local');
    await waitForText(page, 'recording-time', exactly(dateTimeIn(clockTime, NEW_YORK)));
  });
});
