// Replay control from the dashboard: pause, resume, restart, stop and speed reach the server, and
// the page's source state and progress follow what the server reports; gaps show on the timelines.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openDashboard } from './support/browser.js';
import {
  pollUntil,
  textOf,
  waitForAbsent,
  waitForAttribute,
  waitForEnabled,
  waitForText,
} from './support/dashboard.js';
import { serverStatus, startTestServer, type RunningHashpulse } from './support/servers.js';

/** Records played, as the page's progress says (its data-position). */
async function shownPosition(page: Page): Promise<number> {
  return Number(await page.getByTestId('replay-progress').getAttribute('data-position'));
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
    // The demo is in time order, so it plays without a first pass: its share is by bytes until
    // the pass has read it all.
    expect(before.fraction).not.toBeNull();
    expect(before.fraction!).toBeLessThan(0.5);
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

  it("changes the playing replay's speed at once, says the data is stale after Stop, and restarts after Stop", async () => {
    await context?.close();
    const dashboard = await openDashboard(browser, server.url);
    context = dashboard.context;
    const { page } = dashboard;
    await waitForAttribute(page, 'source-state', 'data-state', 'running');
    const pass = (await serverStatus(server.url)).replay!.pass;

    // Slower, not faster: the page stays calm for the clicks that follow.
    // The buttons are labels over hidden radios: click the label once the group takes clicks.
    await waitForEnabled(page, 'replay-speed');
    await page.getByTestId('replay-speed').getByText('1×', { exact: true }).click();
    expect(await page.getByTestId('replay-speed').getByRole('radio', { name: '1×' }).isChecked()).toBe(true);
    const slower = await pollUntil(
      'the server to play at 1x',
      () => serverStatus(server.url),
      (status) => status.replay?.speed === 1,
    );
    // The same pass goes on: nothing was restarted.
    expect(slower.replay!.pass).toBe(pass);
    expect(slower.state).toBe('running');

    await page.getByTestId('replay-stop').click();
    await waitForAttribute(page, 'source-state', 'data-state', 'stopped');
    expect(await waitForText(page, 'stale-banner', /stale/)).toMatch(/Stopped at/);

    await page.getByTestId('replay-restart').click();
    await waitForAttribute(page, 'source-state', 'data-state', 'running');
    await waitForAbsent(page, 'stale-banner');
    expect((await serverStatus(server.url)).replay!.speed).toBe(1);
  }, 120_000);
});

describe('replay gaps in the browser', () => {
  let server: RunningHashpulse;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-e2e-gap-'));
    const t0 = Date.UTC(2020, 4, 1, 12);
    const line = (i: number, time: number) =>
      JSON.stringify({
        data: {
          id: String(i),
          text: `tweet ${i} #gaps`,
          created_at: new Date(time).toISOString(),
          author_id: '1',
        },
      });
    // Two minutes of tweets, ten days without any, two more minutes.
    const lines = [
      ...Array.from({ length: 120 }, (_, i) => line(i + 1, t0 + i * 1000)),
      ...Array.from({ length: 120 }, (_, i) => line(i + 200, t0 + 10 * 86_400_000 + i * 1000)),
    ];
    await writeFile(path.join(dataDir, 'gap.jsonl'), lines.join('\n'));
    [server, browser] = await Promise.all([
      startTestServer({ DATA_DIR: dataDir, DEMO_FILES: 'gap.jsonl', REPLAY_SPEED: 'max', PROFILES_FILE: '' }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('marks the gap a replay passed at once as a band on the timelines', async () => {
    const status = await pollUntil(
      'the replay to pass its gap',
      () => serverStatus(server.url),
      (s) => (s.replay?.gaps.length ?? 0) > 0,
    );
    expect(status.replay!.gapTimeMs).toBeGreaterThan(9 * 86_400_000);
    const { context, page } = await openDashboard(browser, server.url);
    try {
      await pollUntil(
        'a gap band on the hashtag trends',
        () => page.getByTestId('hashtag-trends').locator('.recharts-reference-area').count(),
        (n) => n > 0,
      );
      expect(await page.getByTestId('replay-gaps').textContent()).toMatch(/without tweets/);
    } finally {
      await context.close();
    }
  }, 120_000);
});
