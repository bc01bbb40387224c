// Replay control from the dashboard: pause, resume and restart reach the server, and the page's
// source state and progress follow what the server reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openDashboard } from './support/browser.js';
import { pollUntil, textOf, waitForAttribute, waitForText } from './support/dashboard.js';
import { serverStatus, startTestServer, type RunningHashpulse } from './support/servers.js';

/** Records played, as the page's progress bar says (aria-valuenow). */
async function shownPosition(page: Page): Promise<number> {
  const value = await page
    .getByTestId('replay-progress')
    .getByRole('progressbar')
    .getAttribute('aria-valuenow');
  return Number(value);
}

describe('replay controls in the browser', () => {
  let server: RunningHashpulse;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    // At 10x a pass of the demo takes a minute, so no loop can pass for the restart in this test.
    [server, browser] = await Promise.all([startTestServer({ REPLAY_SPEED: '10' }), launchBrowser()]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('pauses, resumes and restarts the replay, and the page agrees with the server', async () => {
    const dashboard = await openDashboard(browser, server.url);
    context = dashboard.context;
    const { page } = dashboard;
    await waitForAttribute(page, 'source-state', 'data-state', 'running');
    expect(await page.getByTestId('source-state').getAttribute('data-kind')).toBe('replay');

    await page.getByTestId('replay-pause').click();
    await waitForAttribute(page, 'source-state', 'data-state', 'paused');
    expect(await waitForText(page, 'source-badge', /paused/)).toBe('replay · paused');
    const paused = await serverStatus(server.url);
    expect(paused.state).toBe('paused');
    expect(await page.getByTestId('replay-resume').isEnabled()).toBe(true);
    expect(await page.getByTestId('replay-pause').isDisabled()).toBe(true);

    await page.getByTestId('replay-resume').click();
    await waitForAttribute(page, 'source-state', 'data-state', 'running');
    expect((await serverStatus(server.url)).state).toBe('running');

    // Let the pass get under way, so a reset to the start cannot be confused with the position
    // simply moving on.
    const progressed = await pollUntil(
      'the replay to play 300 records',
      () => serverStatus(server.url),
      (status) => (status.replay?.position ?? 0) >= 300,
    );
    const before = progressed.replay!;
    expect(before.total).not.toBeNull();
    expect(before.position).toBeLessThan(before.total! / 2);
    await pollUntil(
      'the progress bar to show the position',
      () => shownPosition(page),
      (n) => n >= 300,
    );

    // The first pass is not labelled; a restart starts the second.
    expect(await textOf(page, 'replay-progress')).not.toMatch(/\(pass/);

    await page.getByTestId('replay-restart').click();
    const restarted = await pollUntil(
      'the server to start a new pass',
      () => serverStatus(server.url),
      (status) => (status.replay?.pass ?? 0) > before.pass,
    );
    expect(restarted.state).toBe('running');
    expect(restarted.replay!.pass).toBe(before.pass + 1);
    expect(restarted.replay!.position).toBeLessThan(before.position);
    const shown = await pollUntil(
      'the progress bar to go back',
      () => shownPosition(page),
      (n) => n < before.position,
    );
    expect(shown).toBeLessThan(before.position);
    await waitForText(page, 'replay-progress', new RegExp(`pass ${restarted.replay!.pass}\\)`));
    await waitForAttribute(page, 'source-state', 'data-state', 'running');
  });
});
